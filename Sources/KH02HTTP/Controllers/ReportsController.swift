import Foundation
import Hummingbird
import KH02Core
import KH02App

/// Report uploads (`POST /reports/{kind}`, CSV, JSON or .xlsx, raw or multipart, all-or-nothing, idempotent, `?dry_run=true`) and the
/// record of uploads with their original files.
struct ReportsController: Sendable {
    let ingestion: Ingestion
    let reports: any ReportStore
    let units: any UnitStore
    let now: @Sendable () -> Date
    /// Where bodies are spooled while they arrive.
    let spoolDirectory: String
    /// Uploads under way, per instance and per token: each holds a database connection for its whole transaction.
    let gate: AdmissionGate<UUID>

    init(monitor: Monitor) {
        self.ingestion = monitor.ingestion
        self.reports = monitor.stores.reports
        self.units = monitor.stores.units
        self.now = monitor.now
        self.spoolDirectory = monitor.settings.spoolDirectory
        let concurrency = monitor.settings.concurrency
        self.gate = AdmissionGate(total: concurrency.uploads, perKey: concurrency.uploadsPerToken, wait: concurrency.wait)
    }

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        for kind in UploadKind.allCases {
            group.post("reports/\(kind.rawValue)") { request, context in try await upload(kind, request, context: context) }
        }
        group.get("reports", use: list)
        group.get("reports/:id", use: show)
        group.get("reports/:id/original", use: original)
    }

    @Sendable func upload(_ kind: UploadKind, _ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard account.principal.role != .central else {
            throw APIError.forbidden(vi: "Tài khoản Trung ương chỉ được xem, không gửi báo cáo.", en: "Central accounts read; they do not upload.")
        }
        guard let media = request.headers[.contentType].flatMap(UploadMedia.init(contentType:)) else {
            throw APIError.unsupportedUploadType
        }
        // Admitted before the body is read: a refused upload costs neither disk nor a connection.
        do {
            return try await gate.run(key: account.id) { try await accepted(kind, media: media, request, account: account, context: context) }
        } catch let refusal as AdmissionGate<UUID>.Refusal {
            switch refusal {
            case .full: throw APIError.uploadsBusy(retryAfter: 5)
            case .keyFull: throw APIError.tooManyUploads(limit: gate.perKey ?? 1, retryAfter: 10)
            }
        }
    }

    /// An upload that has its place: spooled, validated and stored.
    private func accepted(
        _ kind: UploadKind, media: UploadMedia, _ request: Request, account: Account, context: APIRequestContext
    ) async throws -> Response {
        let body: UploadBody
        let format: UploadFormat
        let dryRun = request.uri.queryParameters.get("dry_run") == "true"
        let limit = limit(for: media, dryRun: dryRun)
        do {
            // Spooled to disk as it arrives: a large body is never held in memory.
            switch try await receive(request, media: media, limit: limit, dryRun: dryRun) {
            case .body(let received, let receivedFormat): (body, format) = (received, receivedFormat)
            case .rejected(let rejection): return try Self.rejected(rejection)
            }
        } catch is UploadBody.TooLarge {
            throw APIError.uploadTooLarge(limit: limit, limits: ingestion.limits)
        }
        let submission = Ingestion.Submission(
            kind: kind, format: format, body: body, defaultAsOf: request.uri.queryParameters.get("as_of"),
            idempotencyKey: try request.idempotencyKey(), dryRun: dryRun)
        switch try await ingestion.submit(submission, account: account, remoteAddress: context.peer) {
        case .stored(_, let json): return Self.json(json, status: .created)
        case .replayed(let json):
            var response = Self.json(json, status: .ok)
            response.headers[.init("Idempotent-Replay")!] = "true"
            return response
        case .preview(_, let json): return Self.json(json, status: .ok)
        case .rejected(let rejection): return try Self.rejected(rejection)
        }
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> ListDTO<UploadRecordDTO> {
        let account = try context.requireAccount()
        var unit: AnyUnitCode?
        if let raw = request.uri.queryParameters.get("unit") {
            guard let code = AnyUnitCode(raw) else { throw APIError.badParameter("unit", raw, expected: "a province, commune or agency code") }
            unit = code
        } else if !account.principal.canReadNation {
            unit = account.principal.unit
        }
        if let unit, !account.principal.canReadNation {
            let snapshot = try await units.directory().snapshot(at: now())
            guard account.principal.canRead(unit, in: snapshot) else {
                throw APIError.forbidden(vi: "Không được xem báo cáo của \(unit).", en: "Not allowed to read the reports of \(unit).")
            }
        }
        let limit = Int(request.uri.queryParameters.get("limit") ?? "") ?? 100
        let records = try await reports.uploads(touching: unit, limit: limit)
        let partial = try await partialFlags(records, account: account)
        return ListDTO(asOf: CivilDate(vietnamDayOf: now()), items: records.map { UploadRecordDTO($0, partial: partial[$0.id] ?? false) })
    }

    /// The upload's record and answer; for a reader who may see only part of it (`partial: true`), the units and
    /// rows of its area only.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let readable = try await readable(request, context: context)
        let stored = readable.stored
        var dto = UploadRecordDTO(stored.record, units: stored.units, partial: false)
        dto.visibleRows = stored.record.rowCount
        var answer = stored.answer
        if let visible = readable.visibleUnits {
            let rows = try await reports.rowNumbers(of: stored.record.id, units: visible)
            dto.units = visible
            dto.partial = true
            dto.visibleRows = rows.count
            answer = try Self.restrictedAnswer(stored.answer, to: Set(rows), units: visible.count)
        }
        // The answer is JSON already: splice it in rather than decode and re-encode it.
        var record = try JSONConventions.encoder.encode(dto)
        record.removeLast()
        let body = record + Data(",\"answer\":".utf8) + answer + Data("}".utf8)
        return Self.json(body, status: .ok)
    }

    /// The original file, streamed a stored part at a time; for a reader who may see only part of the upload, the
    /// file cut down to the rows of its area as it streams (`UploadOriginalExtract`), named `…-partial`.
    @Sendable func original(_ request: Request, context: APIRequestContext) async throws -> Response {
        let readable = try await readable(request, context: context)
        let stored = readable.stored
        let format = stored.record.format
        let id = stored.record.id
        let reports = self.reports
        var extract: UploadOriginalExtract?
        if let visible = readable.visibleUnits {
            extract = UploadOriginalExtract(format: format, keeping: Set(try await reports.rowNumbers(of: id, units: visible)))
        }
        let name = "upload-\(id.uuidString.lowercased())\(extract == nil ? "" : "-partial").\(format.rawValue)"
        let type = format == .csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8"
        return Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: ResponseBody { [extract] writer in
                var extract = extract
                var part = 0
                while let bytes = try await reports.originalPart(of: id, part: part) {
                    let out = extract == nil ? bytes : extract!.feed(bytes[...])
                    if !out.isEmpty { try await writer.write(ByteBuffer(bytes: out)) }
                    part += 1
                }
                if let rest = extract?.finish(), !rest.isEmpty { try await writer.write(ByteBuffer(bytes: rest)) }
                try await writer.finish(nil)
            })
    }

    static func json(_ data: Data, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Request {
    /// The `Idempotency-Key` header: 1 to 200 visible ASCII characters.
    func idempotencyKey() throws -> String? {
        guard let key = headers[.init("Idempotency-Key")!] else { return nil }
        guard (1...200).contains(key.utf8.count), key.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw APIError.badParameter("Idempotency-Key", String(key.prefix(40)), expected: "1 to 200 visible ASCII characters")
        }
        return key
    }
}
