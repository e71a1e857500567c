/// An accepted upload: its validated rows (all of them, or for a streamed upload only the first few, the others
/// having gone to storage as they were read), how many there are, the warnings, and the units it touches.
public struct ValidatedUpload: Hashable, Sendable {
    public let kind: UploadKind
    public let format: UploadFormat
    /// The rows held here: every accepted row from `UploadValidator.validate`, the first ones from an `UploadStream`.
    public let rows: UploadRows
    /// How many rows were accepted.
    public let rowCount: Int
    /// Non-fatal remarks (unknown criteria, truncated notes, skipped unfilled rows…), up to the limit.
    public let warnings: [UploadProblem]
    /// How many warnings there were, including those beyond the limit.
    public let totalWarnings: Int
    /// Unfilled template rows that were skipped.
    public let skippedRows: Int
    /// Every unit the rows report on.
    public let units: Set<AnyUnitCode>

    public init(
        kind: UploadKind, format: UploadFormat, rows: UploadRows, rowCount: Int? = nil, units: Set<AnyUnitCode>? = nil,
        warnings: [UploadProblem], totalWarnings: Int, skippedRows: Int
    ) {
        self.kind = kind
        self.format = format
        self.rows = rows
        self.rowCount = rowCount ?? rows.count
        self.warnings = warnings
        self.totalWarnings = max(totalWarnings, warnings.count)
        self.skippedRows = skippedRows
        self.units = units ?? rows.units
    }

    /// One line per accepted row: where it came from, its unit and what was accepted (computed on demand).
    public var summary: [UploadRowSummary] { summary(first: Int.max) }

    /// The summary of the first `count` accepted rows only (a large upload's answer lists a sample).
    public func summary(first count: Int) -> [UploadRowSummary] {
        switch rows {
        case .readiness(let rows): rows.prefix(count).map(UploadRowSummary.init)
        case .tasks(let rows): rows.prefix(count).map(UploadRowSummary.init)
        case .services(let rows): rows.prefix(count).map(UploadRowSummary.init)
        }
    }
}
