/// An accepted upload: its validated rows (ready for storage to give each a report id), the warnings, and the
/// units it touches. Nothing in it has been stored yet.
public struct ValidatedUpload: Hashable, Sendable {
    public let kind: UploadKind
    public let format: UploadFormat
    public let rows: UploadRows
    /// Non-fatal remarks (unknown criteria, truncated notes, skipped unfilled rows…), up to the limit.
    public let warnings: [UploadProblem]
    /// How many warnings there were, including those beyond the limit.
    public let totalWarnings: Int
    /// Unfilled template rows that were skipped.
    public let skippedRows: Int
    /// Every unit the rows report on.
    public let units: Set<AnyUnitCode>

    public init(
        kind: UploadKind, format: UploadFormat, rows: UploadRows, warnings: [UploadProblem], totalWarnings: Int,
        skippedRows: Int
    ) {
        self.kind = kind
        self.format = format
        self.rows = rows
        self.warnings = warnings
        self.totalWarnings = max(totalWarnings, warnings.count)
        self.skippedRows = skippedRows
        self.units = rows.units
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
