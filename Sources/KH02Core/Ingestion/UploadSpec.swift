/// What differs between upload kinds: the columns, how one row becomes a validated row, and which rows are
/// duplicates. Everything else (decoding, headers, JSON, unfilled rows, duplicates, limits) is shared.
protocol UploadSpec {
    associatedtype Row: Sendable & KeyedUploadRow

    /// The known columns, in template order.
    var columns: [UploadColumn] { get }
    /// The reporting round that turns a bare as-of day into an instant.
    var round: ReportingRound { get }
    /// The position of the `as_of` column in `columns`.
    var asOfColumn: Int { get }
    /// True when every row needs an as-of (a column or an upload-wide default); false when there is a fallback.
    var needsAsOf: Bool { get }

    /// The problem for a header (or JSON field) name that is not a known column.
    func unknownColumn(row: Int?, name: String) -> UploadProblem
    /// The validated row, or nil after recording at least one problem.
    func read(_ cells: RowCells, row: Int, context: UploadContext, diagnostics: inout UploadDiagnostics) -> Row?
    /// The unit a row reports on.
    func unit(of row: Row) -> AnyUnitCode
    /// Which rows are duplicates (`DuplicateRowKey.of(kind)`).
    var duplicateKey: DuplicateRowKey { get }
    /// The rows as the upload's result.
    func wrap(_ rows: [Row]) -> UploadRows
}

extension UploadSpec {
    func unknownColumn(row: Int?, name: String) -> UploadProblem {
        .unknownColumn(row: row, column: name, known: columns.map(\.name))
    }
}
