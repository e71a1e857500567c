import Foundation
import Hummingbird
import KH02App
import KH02Core

/// What every score read shares: who reads (a token, or the public when the operator allows it), the instant
/// scored, the data version, and answers cached as bytes with an ETag (`If-None-Match` → 304).
struct ScoreReads: Sendable {
    let scoring: Scoring
    let answers = AnswerCache()
    let publicRead: Bool

    /// One read: the reader, the instant (rounded down to the minute) and the data version.
    struct Read: Sendable {
        let principal: Principal
        let instant: Date
        let version: DataVersion
    }

    /// Authenticates (401 without a token unless public reads are on), resolves `as_of` and reads the data version.
    func begin(_ request: Request, context: APIRequestContext) async throws -> Read {
        let principal: Principal
        if let account = context.account {
            principal = account.principal
        } else if publicRead {
            principal = .central
        } else {
            throw APIError.unauthenticated
        }
        let instant = try scoreInstant(request)
        return Read(principal: principal, instant: instant, version: try await scoring.version())
    }

    /// `as_of` as an instant: a day means its 16:00 round in Vietnam (or now when that is still ahead today), an
    /// ISO 8601 time itself; absent, now. Rounded down to the minute, the resolution of the score cache.
    func scoreInstant(_ request: Request) throws -> Date {
        let now = scoring.now()
        guard let instant = try request.asOfInstant() else { return Scoring.roundedToMinute(now) }
        if instant > now {
            let text = request.uri.queryParameters.get("as_of") ?? ""
            guard CivilDate(iso: text) != nil || instant.timeIntervalSince(now) <= 300 else { throw APIError.asOfInFuture(text) }
            return Scoring.roundedToMinute(now)
        }
        return Scoring.roundedToMinute(instant)
    }

    /// Refuses a reader who may not see `unit` in detail.
    func requireDetail(_ read: Read, unit: AnyUnitCode, scored: ScoredInstant) throws {
        guard read.principal.canRead(unit, in: scored.units) else { throw APIError.outsideScope(unit.rawValue) }
    }

    /// The answer for `route` + `variant`, from the cache or built now: 200 with an ETag (gzip-encoded when the
    /// client accepts it and the answer is large), or 304 when the client has it already.
    func respond(
        _ request: Request, read: Read, route: String, variant: String = "", contentType: String = "application/json; charset=utf-8",
        filename: String? = nil, build: @escaping @Sendable () async throws -> Data
    ) async throws -> Response {
        let key = AnswerCache.BodyKey(route: route, variant: variant, minute: Scoring.minute(read.instant), version: read.version)
        let body = try await answers.body(key, contentType: contentType, build: build)
        let gzipped = Gzip.isAccepted(by: request) ? body.gzipped : nil
        var headers: HTTPFields = [
            .eTag: gzipped == nil ? body.etag : body.gzipETag, .cacheControl: "private, no-cache",
            .vary: "Accept-Encoding, Authorization, Cookie",
        ]
        if let match = request.headers[.ifNoneMatch],
            match.split(separator: ",").contains(where: {
                let tag = $0.trimmingCharacters(in: .whitespaces)
                return tag == body.etag || tag == body.gzipETag || tag == "*"
            })
        {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = body.contentType
        if let filename { headers[.contentDisposition] = "attachment; filename=\"\(filename)\"" }
        if let gzipped {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzipped))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body.buffer))
    }

    /// JSON bytes of `value` in the API's conventions.
    static func json(_ value: some Encodable) throws -> Data { try JSONConventions.encoder.encode(value) }
}
