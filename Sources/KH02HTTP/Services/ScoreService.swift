import Crypto
public import Foundation
public import Hummingbird
public import KH02Core

/// Scores at any instant for the read API, cached so that hot reads are dictionary lookups.
///
/// Every read first asks the report store for its `DataVersion` (one cheap query). The unit directory and plan
/// catalog are cached per plan and unit counters (and refreshed at least every ten minutes); a scorecard per
/// (instant rounded down to the minute, data version); an encoded answer per (route, variant, minute, version),
/// with its ETag. A new upload changes the version, so nothing stale is served.
public struct ScoreService: Sendable {
    let units: any UnitStore
    let plans: any PlanStore
    let reports: any ReportStore
    let now: @Sendable () -> Date
    private let inputs = KeyedCache<InputsKey, Inputs>(capacity: 2)
    private let scorecards = KeyedCache<ScorecardKey, ScoredInstant>(capacity: 16)
    private let bodies = KeyedCache<BodyKey, CachedBody>(capacity: 256)
    private let versions = KeyedCache<VersionKey, DataVersion>(capacity: 4)
    /// History days of every unit (nil: no plan in effect then), shared by every range: a 93-day history and a bit.
    private let historyDays = KeyedCache<ScorecardKey, HistoryDay?>(capacity: 100)
    private let generation = Generation()

    public init(units: any UnitStore, plans: any PlanStore, reports: any ReportStore, now: @escaping @Sendable () -> Date) {
        self.units = units
        self.plans = plans
        self.reports = reports
        self.now = now
    }

    /// The unit directory and plan catalog.
    struct Inputs: Sendable {
        let directory: UnitDirectory
        let catalog: PlanCatalog
    }

    private struct InputsKey: Hashable, Sendable {
        let plans: Int64
        let units: Int64
        /// Ten-minute buckets: a backstop for stores without change counters.
        let bucket: Int64
    }

    private struct ScorecardKey: Hashable, Sendable {
        let minute: Int64
        let version: DataVersion
    }

    /// What an encoded answer depends on.
    struct BodyKey: Hashable, Sendable {
        let route: String
        /// Parameters other than `as_of`, and the reader's scope when the answer depends on it.
        let variant: String
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

    /// The current version of the scores' inputs, asked of the database at most once a second (per
    /// `invalidate()` generation): hot reads then cost no query at all. An upload through this instance
    /// invalidates at once; one through another instance is seen within a second.
    func version() async throws -> DataVersion {
        // Wall-clock seconds on purpose: an operational refresh interval, not the domain's (injectable) clock.
        let key = VersionKey(second: Int64(Date().timeIntervalSince1970), generation: generation.value)
        return try await versions.value(for: key) { [reports] in try await reports.dataVersion() }
    }

    /// Forgets the cached data version, so the next read sees a change made through this instance.
    public func invalidate() async { generation.advance() }

    private struct VersionKey: Hashable, Sendable {
        let second: Int64
        let generation: Int
    }

    /// The unit directory and plan catalog for `version`.
    func inputs(_ version: DataVersion) async throws -> Inputs {
        let key = InputsKey(plans: version.plans, units: version.units, bucket: Int64(now().timeIntervalSince1970 / 600))
        return try await inputs.value(for: key) { [units, plans] in
            async let directory = units.directory()
            async let definitions = plans.definitions()
            return Inputs(directory: try await directory, catalog: PlanCatalog(try await definitions))
        }
    }

    /// The scorecard at `instant` (already rounded to the minute) for `version`.
    func scored(at instant: Date, version: DataVersion) async throws -> ScoredInstant {
        let key = ScorecardKey(minute: Self.minute(instant), version: version)
        return try await scorecards.value(for: key) { try await compute(at: instant, version: version) }
    }

    /// Scores `instant` without caching the scorecard (for many instants at once, e.g. a history, which would
    /// otherwise push the hot scorecards out).
    func compute(at instant: Date, version: DataVersion) async throws -> ScoredInstant {
        async let pending = reports.facts(asOf: instant)
        let inputs = try await inputs(version)
        guard let plan = inputs.catalog.effective(at: instant) else { throw APIError.noPlanAt(instant) }
        let units = inputs.directory.snapshot(at: instant)
        let facts = try await pending
        let card = Scorer(plan: plan).score(facts, units: units, asOf: instant)
        return ScoredInstant(card: card, plan: plan, units: units, facts: facts, version: version)
    }

    /// `day`'s history entries, scored at `instant` (already rounded to the minute), computed once per version;
    /// nil when no plan was in effect then.
    func historyDay(_ day: CivilDate, at instant: Date, version: DataVersion) async throws -> HistoryDay? {
        try await historyDays.value(for: ScorecardKey(minute: Self.minute(instant), version: version)) {
            do {
                return HistoryDay(day: day, scored: try await compute(at: instant, version: version))
            } catch let error as APIError where error.code == "no_plan_in_effect" {
                return nil
            }
        }
    }

    /// Whether `historyDay` would answer from memory.
    func hasHistoryDay(at instant: Date, version: DataVersion) -> Bool {
        historyDays.cached(ScorecardKey(minute: Self.minute(instant), version: version)) != nil
    }

    /// The cached answer for `key`, or `build()`'s bytes (stored with their ETag).
    func body(_ key: BodyKey, contentType: String, build: @escaping @Sendable () async throws -> Data) async throws -> CachedBody {
        try await bodies.value(for: key) {
            let data = try await build()
            let digest = SHA256.hash(data: data).prefix(16).map { String(format: "%02x", $0) }.joined()
            let buffer = ByteBuffer(bytes: data)
            return CachedBody(buffer: buffer, etag: "\"\(digest)\"", contentType: contentType, gzipped: Gzip.compressed(buffer))
        }
    }

    /// Whole minutes since 1970: scores are computed per minute.
    static func minute(_ instant: Date) -> Int64 { Int64((instant.timeIntervalSince1970 / 60).rounded(.down)) }

    /// `instant` rounded down to its minute.
    static func roundedToMinute(_ instant: Date) -> Date { Date(timeIntervalSince1970: Double(minute(instant)) * 60) }
}
