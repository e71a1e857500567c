public import Foundation

/// The answer to an accepted upload (or a dry run): what was accepted, row by row for the first rows, with
/// warnings and, for a dry run, the colour changes it would make. Stored with the upload in its JSON form
/// (`JSONConventions`) and returned again, byte for byte, on a retry.
public struct UploadAnswer: Codable, Sendable, Equatable {
    /// One problem of a rejected upload, or a warning of an accepted one.
    public struct Problem: Codable, Sendable, Equatable {
        public var row: Int?
        public var column: String?
        public var value: String?
        public var code: String
        public var message: String
        public var messageEn: String
        /// The spreadsheet cell (`D12`) of a CSV or .xlsx problem, when it has a row and a column.
        public var cell: String?

        public init(_ problem: UploadProblem) {
            row = problem.row
            column = problem.column
            cell = problem.cell
            value = problem.value
            code = problem.code.rawValue
            message = problem.message.vi
            messageEn = problem.message.en
        }
    }

    /// What one accepted row became.
    public struct Row: Codable, Sendable, Equatable {
        public var row: Int
        public var unit: String
        public var asOf: Date
        public var task: String?
        public var month: String?
        public var accepted: [String: String]

        public init(_ summary: UploadRowSummary) {
            row = summary.row
            unit = summary.unit.rawValue
            asOf = summary.asOf
            task = summary.task?.rawValue
            month = summary.month?.description
            accepted = summary.accepted
        }
    }

    /// A unit whose colour the upload would change (dry run).
    public struct ColourChange: Codable, Sendable, Equatable {
        public var unit: String
        public var aspect: String
        public var before: String?
        public var after: String?

        public init(_ change: KH02Core.ColourChange) {
            unit = change.unit.rawValue
            aspect = change.aspect.rawValue
            before = change.before?.rawValue
            after = change.after?.rawValue
        }
    }

    /// The plan version an upload was validated against.
    public struct PlanRef: Codable, Sendable, Equatable {
        public var id: String
        public var version: Int

        public init(id: String, version: Int) {
            self.id = id
            self.version = version
        }
    }

    public var uploadId: String?
    public var dryRun: Bool
    public var stored: Bool
    public var kind: String
    public var format: String
    public var receivedAt: Date
    public var plan: PlanRef
    public var rowsAccepted: Int
    public var rowsSkipped: Int
    public var unitsTouched: Int
    public var warnings: [Problem]
    public var totalWarnings: Int
    /// The first rows (`rowsListed` says how many).
    public var rows: [Row]
    public var rowsListed: Int
    public var colourChanges: [ColourChange]?
    public var message: String
    public var messageEn: String

    /// The answer to `upload`: stored as `id`, or a dry run (no id) with its colour changes; at most `listing` rows.
    public init(
        _ upload: ValidatedUpload, id: UUID?, plan: PlanDefinition, receivedAt: Date, listing: Int, changes: [ColourChange]? = nil
    ) {
        let rows = upload.summary(first: listing).map(Row.init)
        let stored = id != nil
        uploadId = id?.uuidString.lowercased()
        dryRun = !stored
        self.stored = stored
        kind = upload.kind.rawValue
        format = upload.format.rawValue
        self.receivedAt = receivedAt
        self.plan = PlanRef(id: plan.id, version: plan.version)
        rowsAccepted = upload.rowCount
        rowsSkipped = upload.skippedRows
        unitsTouched = upload.units.count
        warnings = upload.warnings.map(Problem.init)
        totalWarnings = upload.totalWarnings
        self.rows = Array(rows)
        rowsListed = rows.count
        colourChanges = changes
        message = stored
            ? "Đã nhận \(upload.rowCount) dòng cho \(upload.units.count) đơn vị."
            : "Kiểm tra thử: \(upload.rowCount) dòng hợp lệ, chưa lưu."
        messageEn = stored
            ? "Accepted \(upload.rowCount) rows for \(upload.units.count) units."
            : "Dry run: \(upload.rowCount) valid rows, nothing stored."
    }

    /// The stored form.
    public func json() throws -> Data { try JSONConventions.encoder.encode(self) }
}
