public import Foundation

/// Keeps uploaded reports: each upload stored whole and atomically, its rows append-only, and the facts the
/// scores need read back as of any moment.
public protocol ReportStore: Sendable {
    /// Stores upload `id` in one transaction: `write` appends its rows and original file through the sink as it
    /// reads them, then decides. On `.commit` the upload's record, the units' current reports and an audit entry
    /// are written with it; when the account already stored an upload under the same idempotency key, nothing is
    /// stored and that upload's answer is returned. On `.discard` nothing is stored.
    func store(
        upload id: UUID, kind: UploadKind, receivedAt: Date, _ write: (any UploadSink) async throws -> UploadDecision
    ) async throws -> UploadStoreOutcome
    /// The answer given to an earlier upload of `account` under `idempotencyKey`, if any.
    func answer(account: UUID, idempotencyKey: String) async throws -> StoredAnswer?
    /// The latest upload of `kind` that `account` stored (in the order uploads were stored), if any: a body
    /// sent without an Idempotency-Key is a retry only when it repeats this one.
    func latestUpload(account: UUID, kind: UploadKind) async throws -> LatestUpload?
    /// Uploads, newest first: all, or those with a row for `unit` (for a province: or for one of its communes).
    func uploads(touching unit: AnyUnitCode?, limit: Int) async throws -> [UploadRecord]
    /// One upload: its record, the units it touched and its answer.
    func upload(id: UUID) async throws -> StoredUpload?
    /// The numbers of the rows of `upload` about one of `units` (the validator's row numbers), ascending.
    func rowNumbers(of upload: UUID, units: [String]) async throws -> [Int]
    /// For each of `uploads`, how many distinct units it has rows for that are `area` or (for a province) its
    /// communes; uploads with none are left out.
    func unitCounts(of uploads: [UUID], within area: AnyUnitCode) async throws -> [UUID: Int]
    /// Part `part` (from 0) of an upload's original file, or nil after the last part.
    func originalPart(of upload: UUID, part: Int) async throws -> [UInt8]?
    /// Each unit's latest report at or before `asOf` (readiness per commune, status per unit and task,
    /// statistics per unit and month): what the rules engine scores.
    func facts(asOf: Date) async throws -> FactSet
    /// The counters of everything scores are computed from (uploads, plan versions, reference units): one cheap
    /// read, so cached scores can be keyed by it.
    func dataVersion() async throws -> DataVersion
    /// A commune's readiness reports at or before `asOf`, newest first (latest `asOf`, then receipt), at most `limit`.
    func readinessHistory(of commune: CommuneCode, asOf: Date, limit: Int) async throws -> [ReadinessReport]
}

/// Where the rows and original bytes of an upload being stored go, inside the store's transaction: nothing is
/// visible to anyone else until the upload is committed.
public protocol UploadSink {
    /// Appends validated rows (numbered as in the file) to the upload.
    func append(_ rows: UploadRows) async throws
    /// Appends the next part of the original file.
    func appendOriginal(_ part: ArraySlice<UInt8>) async throws
    /// The appended rows that repeat an earlier row's key (unit and as-of; unit, task and as-of; unit and
    /// month), as problems naming the first row: the first `limit` in row order, and how many there are.
    func duplicateRows(limit: Int) async throws -> (listed: [UploadProblem], total: Int)
    /// For appended readiness rows: each commune and Vietnam day (of the as-of) that would have more than
    /// `maximumPerDay` reports, every stored upload's and this one's together, as a problem on this upload's first
    /// row for it (`UploadProblem.tooManyReportsPerDay`): the first `limit` in row order, and how many there are.
    /// Until the transaction ends, another upload for the same communes waits here, so two concurrent uploads
    /// cannot both pass the limit.
    func readinessOverDailyLimit(_ maximumPerDay: Int, limit: Int) async throws -> (listed: [UploadProblem], total: Int)
}

/// What becomes of an upload once `ReportStore.store`'s writer has read it.
public enum UploadDecision: Sendable {
    /// Store it: its record and the summary of what was accepted.
    case commit(UploadMetadata, ValidatedUpload)
    /// Store nothing (the upload was rejected).
    case discard
}

/// Everything about an upload besides its rows and original file: identity, provenance and the answer to
/// replay on a retry.
public struct UploadMetadata: Sendable {
    public var id: UUID
    public var account: Account
    public var remoteAddress: String?
    public var receivedAt: Date
    public var idempotencyKey: String
    public var contentSHA256: String
    public var plan: (id: String, version: Int)
    /// The JSON answer returned to the uploader, stored so a retry gets the same bytes.
    public var answer: Data

    public init(
        id: UUID, account: Account, remoteAddress: String?, receivedAt: Date, idempotencyKey: String, contentSHA256: String,
        plan: (id: String, version: Int), answer: Data
    ) {
        self.id = id
        self.account = account
        self.remoteAddress = remoteAddress
        self.receivedAt = receivedAt
        self.idempotencyKey = idempotencyKey
        self.contentSHA256 = contentSHA256
        self.plan = plan
        self.answer = answer
    }

    /// The id of row `row` of this upload as a report id of the rules engine.
    public static func reportID(upload: UUID, row: Int) -> String { "\(upload.uuidString.lowercased()):\(row)" }
}

/// What storing an upload did.
public enum UploadStoreOutcome: Hashable, Sendable {
    case stored
    /// The same account already stored an upload under this key: nothing new was stored.
    case duplicate(StoredAnswer)
    /// The writer discarded the upload: nothing was stored.
    case discarded
}

/// The answer an upload got, and the hash of the body it answered (to tell a retry from a reused key).
public struct StoredAnswer: Hashable, Sendable {
    public var answer: Data
    public var contentSHA256: String

    public init(answer: Data, contentSHA256: String) {
        self.answer = answer
        self.contentSHA256 = contentSHA256
    }
}

/// A token's latest upload of a kind: which it is, the idempotency key it was stored under, and its answer.
public struct LatestUpload: Hashable, Sendable {
    public var id: UUID
    public var idempotencyKey: String
    public var answer: StoredAnswer

    public init(id: UUID, idempotencyKey: String, answer: StoredAnswer) {
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.answer = answer
    }
}

/// An upload as listed: who sent what, when, and how much.
public struct UploadRecord: Hashable, Sendable {
    public var id: UUID
    public var kind: UploadKind
    public var format: UploadFormat
    public var accountID: UUID
    public var uploader: String
    public var receivedAt: Date
    public var rowCount: Int
    public var unitsTouched: Int
    public var planID: String
    public var planVersion: Int

    public init(
        id: UUID, kind: UploadKind, format: UploadFormat, accountID: UUID, uploader: String, receivedAt: Date, rowCount: Int,
        unitsTouched: Int, planID: String, planVersion: Int
    ) {
        self.id = id
        self.kind = kind
        self.format = format
        self.accountID = accountID
        self.uploader = uploader
        self.receivedAt = receivedAt
        self.rowCount = rowCount
        self.unitsTouched = unitsTouched
        self.planID = planID
        self.planVersion = planVersion
    }
}

/// One upload: its record, the units it touched and the answer it got (its original file is read in parts).
public struct StoredUpload: Hashable, Sendable {
    public var record: UploadRecord
    public var units: [String]
    public var answer: Data

    public init(record: UploadRecord, units: [String], answer: Data) {
        self.record = record
        self.units = units
        self.answer = answer
    }
}
