import Crypto
public import Foundation
import HTTPTypes
public import KH02Core

/// The one ingestion path, used by the upload endpoints and by `kh02 demo`: replay a retried upload's first
/// answer, otherwise validate against the plan in force and the units of the day while the rows are copied into
/// the store's transaction, a piece of the body at a time, then commit everything or nothing (or, for a dry run,
/// preview the colour changes).
public struct UploadService: Sendable {
    let units: any UnitStore
    let plans: any PlanStore
    let reports: any ReportStore
    let now: @Sendable () -> Date
    /// The read API's caches: the unit directory and plan catalog come from there when given.
    let scores: ScoreService?
    /// Called after an upload is stored (the score caches drop their data version).
    let onStored: @Sendable () async -> Void
    public let limits: UploadLimits
    /// How many accepted rows the answer lists one by one.
    static let summaryRows = 1_000

    public init(
        units: any UnitStore, plans: any PlanStore, reports: any ReportStore, limits: UploadLimits = .standard, scores: ScoreService? = nil,
        now: @escaping @Sendable () -> Date, onStored: @escaping @Sendable () async -> Void = {}
    ) {
        self.scores = scores
        self.onStored = onStored
        self.units = units
        self.plans = plans
        self.reports = reports
        self.limits = limits
        self.now = now
    }

    /// An upload as received.
    public struct Submission: Sendable {
        public var kind: UploadKind
        public var format: UploadFormat
        public var body: UploadBody
        /// The `as_of` query parameter as written (a day or an ISO 8601 time).
        public var defaultAsOf: String?
        /// The client's `Idempotency-Key`; without one, a hash of kind, `as_of` and body stands in, matching only the
        /// token's latest upload of the kind (`idempotency(of:contentHash:account:)`).
        public var idempotencyKey: String?
        public var dryRun: Bool

        public init(kind: UploadKind, format: UploadFormat, body: UploadBody, defaultAsOf: String? = nil, idempotencyKey: String? = nil, dryRun: Bool = false) {
            self.kind = kind
            self.format = format
            self.body = body
            self.defaultAsOf = defaultAsOf
            self.idempotencyKey = idempotencyKey
            self.dryRun = dryRun
        }
    }

    public enum Outcome: Sendable {
        /// Stored now; the JSON answer.
        case stored(Data)
        /// The same key was stored before: its first answer, nothing new stored.
        case replayed(Data)
        /// A dry run's preview; nothing stored.
        case preview(Data)
        case rejected(UploadRejection)
    }

    public func submit(_ submission: Submission, account: Account, remoteAddress: String?) async throws -> Outcome {
        let contentHash = submission.body.sha256
        let idempotency = try await idempotency(of: submission, contentHash: contentHash, account: account)
        if let first = idempotency.replay { return try replay(first, contentHash: contentHash) }
        let key = idempotency.key
        let receivedAt = now()
        let (directory, catalog) = try await inputs()
        guard let plan = catalog.effective(at: receivedAt) else {
            throw APIError(.serviceUnavailable, code: "no_plan", vi: "Chưa có kế hoạch nào có hiệu lực.", en: "No plan is in effect yet.")
        }
        let validator = UploadValidator(
            plan: plan, units: directory.snapshot(at: receivedAt), principal: account.principal, now: receivedAt, limits: limits)
        if submission.dryRun {
            let body = try await submission.body.allBytes()
            switch validator.validate(kind: submission.kind, format: submission.format, body: body, defaultAsOf: submission.defaultAsOf) {
            case .failure(let rejection): return .rejected(rejection)
            case .success(let upload):
                let changes = try await previewChanges(upload, id: UUID(), plan: plan, directory: directory, at: receivedAt)
                return .preview(try answer(upload, id: nil, plan: plan, receivedAt: receivedAt, changes: changes))
            }
        }
        let id = UUID()
        var rejection = UploadRejection(problems: [], totalProblems: 0)
        var answerData = Data()
        let outcome = try await reports.store(upload: id, kind: submission.kind, receivedAt: receivedAt) { sink in
            var stream = UploadStream(
                validator, kind: submission.kind, format: submission.format, defaultAsOf: submission.defaultAsOf,
                duplicates: .boundedHere, sampleSize: Self.summaryRows)
            func appendPending() async throws {
                if let rows = stream.takeRows() { try await sink.append(rows) }
            }
            try await submission.body.forEachPiece { piece in
                stream.feed(piece)
                try await appendPending()
            }
            stream.finish()
            try await appendPending()
            if stream.duplicatesLeftToStore {
                let (listed, total) = try await sink.duplicateRows(limit: limits.maximumProblems)
                stream.recordStoreProblems(listed, total: total)
            }
            if submission.kind == .readiness && !stream.hasProblems {
                let (listed, total) = try await sink.readinessOverDailyLimit(plan.reporting.maxReportsPerDay, limit: limits.maximumProblems)
                stream.recordStoreProblems(listed, total: total)
            }
            switch stream.result() {
            case .failure(let problems):
                rejection = problems
                return .discard
            case .success(let upload):
                answerData = try answer(upload, id: id, plan: plan, receivedAt: receivedAt, changes: nil)
                try await submission.body.forEachPiece { try await sink.appendOriginal($0) }
                return .commit(
                    UploadMetadata(
                        id: id, account: account, remoteAddress: remoteAddress, receivedAt: receivedAt, idempotencyKey: key,
                        contentSHA256: contentHash, plan: (plan.id, plan.version), answer: answerData),
                    upload)
            }
        }
        switch outcome {
        case .stored:
            await onStored()
            return .stored(answerData)
        case .duplicate(let first): return try replay(first, contentHash: contentHash)
        case .discarded: return .rejected(rejection)
        }
    }

    /// The unit directory and plan catalog: from the score cache when there is one (kept per plan and unit
    /// counters, so a new plan or unit change is seen), otherwise read from the stores.
    private func inputs() async throws -> (UnitDirectory, PlanCatalog) {
        if let scores {
            let inputs = try await scores.inputs(try await scores.version())
            return (inputs.directory, inputs.catalog)
        }
        async let directory = units.directory()
        async let definitions = plans.definitions()
        return (try await directory, PlanCatalog(try await definitions))
    }

    /// The first answer for a retry; a key reused for a different body is refused rather than silently replayed.
    private func replay(_ first: StoredAnswer, contentHash: String) throws -> Outcome {
        guard first.contentSHA256 == contentHash else {
            throw APIError(
                .unprocessableContent, code: "idempotency_key_reused",
                vi: "Idempotency-Key này đã dùng cho một tệp khác; hãy dùng khóa mới cho tệp mới.",
                en: "This Idempotency-Key was used for a different file; use a new key for a new file.")
        }
        return .replayed(first.answer)
    }

    /// Scores the stored facts with and without the upload's rows and lists the units whose colour differs.
    private func previewChanges(
        _ upload: ValidatedUpload, id: UUID, plan: PlanDefinition, directory: UnitDirectory, at instant: Date
    ) async throws -> [ColourChangeDTO] {
        let current = try await reports.facts(asOf: instant)
        var candidate = current
        let reportID = { (row: Int) in UploadMetadata.reportID(upload: id, row: row) }
        switch upload.rows {
        case .readiness(let rows): candidate.readiness += try rows.map { try $0.report(id: reportID($0.row), receivedAt: instant) }
        case .tasks(let rows): candidate.taskStatuses += try rows.map { try $0.report(id: reportID($0.row), receivedAt: instant) }
        case .services(let rows): candidate.serviceStatistics += try rows.map { try $0.report(id: reportID($0.row), receivedAt: instant) }
        }
        let scorer = Scorer(plan: plan)
        let comparison = WhatIf.compare(
            before: scorer.score(current, directory: directory, asOf: instant), after: scorer.score(candidate, directory: directory, asOf: instant))
        return comparison.changes.prefix(Self.summaryRows).map {
            ColourChangeDTO(unit: $0.unit.rawValue, aspect: $0.aspect.rawValue, before: $0.before?.rawValue, after: $0.after?.rawValue)
        }
    }

    private func answer(_ upload: ValidatedUpload, id: UUID?, plan: PlanDefinition, receivedAt: Date, changes: [ColourChangeDTO]?) throws -> Data {
        let rows = upload.summary(first: Self.summaryRows).map(UploadRowDTO.init)
        let stored = id != nil
        let dto = UploadAnswerDTO(
            uploadId: id?.uuidString.lowercased(), dryRun: !stored, stored: stored, kind: upload.kind.rawValue, format: upload.format.rawValue,
            receivedAt: receivedAt, plan: .init(id: plan.id, version: plan.version), rowsAccepted: upload.rowCount,
            rowsSkipped: upload.skippedRows, unitsTouched: upload.units.count, warnings: upload.warnings.map(UploadProblemDTO.init),
            totalWarnings: upload.totalWarnings, rows: Array(rows), rowsListed: rows.count, colourChanges: changes,
            message: stored
                ? "Đã nhận \(upload.rowCount) dòng cho \(upload.units.count) đơn vị."
                : "Kiểm tra thử: \(upload.rowCount) dòng hợp lệ, chưa lưu.",
            messageEn: stored
                ? "Accepted \(upload.rowCount) rows for \(upload.units.count) units."
                : "Dry run: \(upload.rowCount) valid rows, nothing stored.")
        return try APIJSON.encoder.encode(dto)
    }
}
