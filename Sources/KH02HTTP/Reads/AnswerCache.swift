import Crypto
import Foundation
import Hummingbird
import KH02App
import KH02Core

/// What the read API keeps beside the scores: encoded answers per (route, variant, minute, data version) with their
/// ETag and gzip form, and the history days every history range shares. Keyed by data version, so an upload makes
/// them unreachable at once.
struct AnswerCache: Sendable {
    private let bodies = KeyedCache<BodyKey, CachedBody>(capacity: 256)
    /// History days of every unit (nil: no plan in effect then), shared by every range: a 93-day history and a bit.
    private let historyDays = KeyedCache<DayKey, HistoryDay?>(capacity: 100)

    /// What an encoded answer depends on.
    struct BodyKey: Hashable, Sendable {
        let route: String
        /// Parameters other than `as_of`, and the reader's scope when the answer depends on it.
        let variant: String
        let minute: Int64
        let version: DataVersion
    }

    private struct DayKey: Hashable, Sendable {
        let minute: Int64
        let version: DataVersion
    }

    /// An encoded answer, its strong ETag, and its gzip form when it is large (sent to clients that accept it).
    struct CachedBody: Sendable {
        let buffer: ByteBuffer
        let etag: String
        let contentType: String
        let gzipped: ByteBuffer?

        /// The gzip form is another representation, so it has its own ETag.
        var gzipETag: String { String(etag.dropLast()) + "-gzip\"" }
    }

    /// The cached answer for `key`, or `build()`'s bytes (stored with their ETag).
    func body(_ key: BodyKey, contentType: String, build: @escaping @Sendable () async throws -> Data) async throws -> CachedBody {
        try await bodies.value(for: key) {
            let data = try await build()
            let digest = Hex.lowercase(SHA256.hash(data: data).prefix(16))
            let buffer = ByteBuffer(bytes: data)
            return CachedBody(buffer: buffer, etag: "\"\(digest)\"", contentType: contentType, gzipped: Gzip.compressed(buffer))
        }
    }

    /// `day`'s history entries, scored at `instant` (already rounded to the minute), computed once per version;
    /// nil when no plan was in effect then.
    func historyDay(_ day: CivilDate, at instant: Date, version: DataVersion, scoring: Scoring) async throws -> HistoryDay? {
        try await historyDays.value(for: DayKey(minute: Scoring.minute(instant), version: version)) {
            do {
                return HistoryDay(day: day, scored: try await scoring.compute(at: instant, version: version))
            } catch let error as AppError where error.code == .noPlanInEffect {
                return nil
            }
        }
    }

    /// Whether `historyDay` would answer from memory.
    func hasHistoryDay(at instant: Date, version: DataVersion) -> Bool {
        historyDays.cached(DayKey(minute: Scoring.minute(instant), version: version)) != nil
    }
}
