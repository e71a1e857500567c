public import Foundation
public import KH02Core

/// The one ingestion path, used by the upload endpoints and by the demo loader: replay a retried upload's first
/// answer, otherwise validate against the plan in force and the units of the day while the rows are copied into
/// the store's transaction, a piece of the body at a time, then commit everything or nothing (or, for a dry run,
/// preview the colour changes).
public struct Ingestion: Sendable {
    let reports: any ReportStore
    /// The unit directory and plan catalog come from the scores' caches; an upload stored drops their data version.
    let scoring: Scoring
    let now: @Sendable () -> Date
    public let limits: UploadLimits
    /// How many accepted rows the answer lists one by one.
    static let summaryRows = 1_000

    public init(reports: any ReportStore, scoring: Scoring, limits: UploadLimits = .standard, now: @escaping @Sendable () -> Date) {
        self.reports = reports
        self.scoring = scoring
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
        /// Stored now: the answer and its stored JSON.
        case stored(UploadAnswer, json: Data)
        /// The same key was stored before: its first answer's JSON as stored; nothing new stored.
        case replayed(json: Data)
        /// A dry run's preview; nothing stored.
        case preview(UploadAnswer, json: Data)
        case rejected(UploadRejection)
    }

    /// Throws `AppError` (no plan in effect, a retry key reused for another file) and the stores' errors.
    public func submit(_ submission: Submission, account: Account, remoteAddress: String?) async throws -> Outcome {
        let contentHash = submission.body.sha256
        let idempotency = try await idempotency(of: submission, contentHash: contentHash, account: account)
        if let first = idempotency.replay { return try replay(first, contentHash: contentHash) }
        let key = idempotency.key
        let receivedAt = now()
        let inputs = try await scoring.inputs(try await scoring.version())
        guard let plan = inputs.catalog.effective(at: receivedAt) else { throw AppError.noPlan }
        let validator = UploadValidator(
            plan: plan, units: inputs.directory.snapshot(at: receivedAt), principal: account.principal, now: receivedAt, limits: limits)
        if submission.dryRun {
            let body = try await submission.body.allBytes()
            switch validator.validate(kind: submission.kind, format: submission.format, body: body, defaultAsOf: submission.defaultAsOf) {
            case .failure(let rejection): return .rejected(rejection)
            case .success(let upload):
                let changes = try await previewChanges(upload, plan: plan, directory: inputs.directory, at: receivedAt)
                let answer = UploadAnswer(upload, id: nil, plan: plan, receivedAt: receivedAt, listing: Self.summaryRows, changes: changes)
                return .preview(answer, json: try answer.json())
            }
        }
        let id = UUID()
        var rejection = UploadRejection(problems: [], totalProblems: 0)
        var answer: UploadAnswer?
        var answerJSON = Data()
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
                let accepted = UploadAnswer(upload, id: id, plan: plan, receivedAt: receivedAt, listing: Self.summaryRows)
                answer = accepted
                answerJSON = try accepted.json()
                try await submission.body.forEachPiece { try await sink.appendOriginal($0) }
                return .commit(
                    UploadMetadata(
                        id: id, account: account, remoteAddress: remoteAddress, receivedAt: receivedAt, idempotencyKey: key,
                        contentSHA256: contentHash, plan: (plan.id, plan.version), answer: answerJSON),
                    upload)
            }
        }
        switch outcome {
        case .stored:
            scoring.invalidate()
            return .stored(answer!, json: answerJSON)
        case .duplicate(let first): return try replay(first, contentHash: contentHash)
        case .discarded: return .rejected(rejection)
        }
    }

    /// The first answer for a retry; a key reused for a different body is refused rather than silently replayed.
    private func replay(_ first: StoredAnswer, contentHash: String) throws -> Outcome {
        guard first.contentSHA256 == contentHash else { throw AppError.idempotencyKeyReused }
        return .replayed(json: first.answer)
    }

    /// Scores the stored facts with and without the upload's rows and lists the units whose colour differs.
    private func previewChanges(
        _ upload: ValidatedUpload, plan: PlanDefinition, directory: UnitDirectory, at instant: Date
    ) async throws -> [UploadAnswer.ColourChange] {
        let current = try await reports.facts(asOf: instant)
        var candidate = current
        let id = UUID()
        let reportID = { (row: Int) in UploadMetadata.reportID(upload: id, row: row) }
        switch upload.rows {
        case .readiness(let rows): candidate.readiness += try rows.map { try $0.report(id: reportID($0.row), receivedAt: instant) }
        case .tasks(let rows): candidate.taskStatuses += try rows.map { try $0.report(id: reportID($0.row), receivedAt: instant) }
        case .services(let rows): candidate.serviceStatistics += try rows.map { try $0.report(id: reportID($0.row), receivedAt: instant) }
        }
        let scorer = Scorer(plan: plan)
        let comparison = WhatIf.compare(
            before: scorer.score(current, directory: directory, asOf: instant), after: scorer.score(candidate, directory: directory, asOf: instant))
        return comparison.changes.prefix(Self.summaryRows).map(UploadAnswer.ColourChange.init)
    }
}
