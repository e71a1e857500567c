/// One thing wrong (or worth a warning) in an upload: where it is, the offending text, a stable machine code and a
/// message in Vietnamese and English.
public struct UploadProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The stable machine codes; docs/UPLOADS.md explains each.
    public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
        // The file as a whole.
        case emptyFile = "empty_file"
        case tooLarge = "too_large"
        case utf16Encoding = "utf16_encoding"
        case legacyEncoding = "legacy_encoding"
        case excelWorkbook = "excel_workbook"
        case invalidWorkbook = "invalid_workbook"
        case binaryContent = "binary_content"
        case csvSyntax = "csv_syntax"
        case invalidJSON = "invalid_json"
        case jsonStructure = "json_structure"
        case noRows = "no_rows"
        case unknownColumn = "unknown_column"
        case unknownCriterion = "unknown_criterion"
        case duplicateColumn = "duplicate_column"
        case missingColumn = "missing_column"
        case asOfMissing = "as_of_missing"
        // One row.
        case wrongFieldCount = "wrong_field_count"
        case nulCharacter = "nul_character"
        case missingValue = "missing_value"
        case invalidUnitCode = "invalid_unit_code"
        case unitKindNotAllowed = "unit_kind_not_allowed"
        case unknownUnit = "unknown_unit"
        case outOfScope = "out_of_scope"
        case unknownTask = "unknown_task"
        case taskNotForUnit = "task_not_for_unit"
        case invalidBoolean = "invalid_boolean"
        case invalidNumber = "invalid_number"
        case outOfRange = "out_of_range"
        case invalidDate = "invalid_date"
        case invalidStatus = "invalid_status"
        case asOfInFuture = "as_of_in_future"
        case asOfBeforePlan = "as_of_before_plan"
        case periodInFuture = "period_in_future"
        case periodBeforePlan = "period_before_plan"
        case completedOnMissing = "completed_on_missing"
        case completedOnNotAllowed = "completed_on_not_allowed"
        case completedOnInFuture = "completed_on_in_future"
        case completedOnAfterAsOf = "completed_on_after_as_of"
        case countsInconsistent = "counts_inconsistent"
        case duplicateRow = "duplicate_row"
        case tooManyReportsPerDay = "too_many_reports_per_day"
        // Warnings: the upload is still accepted.
        case criterionUnknown = "criterion_unknown"
        case noteTruncated = "note_truncated"
        case leadingZerosRestored = "leading_zeros_restored"
        case rowNotFilled = "row_not_filled"
        case progressSetTo100 = "progress_set_to_100"

        /// True for the codes that only warn and never reject an upload.
        public var isWarning: Bool {
            switch self {
            case .criterionUnknown, .noteTruncated, .leadingZerosRestored, .rowNotFilled, .progressSetTo100: true
            default: false
            }
        }
    }

    /// The 1-based line of the CSV file (the line a record starts on) or the JSON `rows` index + 1; nil for the
    /// file as a whole.
    public let row: Int?
    /// The column (CSV header name or JSON field name), or nil.
    public let column: String?
    /// The offending text as read (cut to 200 characters), or nil.
    public let value: String?
    public let code: Code
    public let message: LocalizedText
    /// The spreadsheet cell (`D12`: column letter and row) of a CSV or .xlsx problem with a row and a column, or nil.
    public let cell: String?

    /// Builds a problem; `value` is cut to 200 characters so a pasted essay cannot bloat a response.
    public init(row: Int?, column: String?, value: String?, code: Code, message: LocalizedText, cell: String? = nil) {
        self.row = row
        self.column = column
        self.value = value.map { $0.count > 200 ? String($0.prefix(200)) + "…" : $0 }
        self.code = code
        self.message = message
        self.cell = cell
    }

    /// The same problem placed in the lettered column `letters` (of its row).
    func placed(inColumn letters: String?) -> UploadProblem {
        guard let letters, let row, cell == nil else { return self }
        return UploadProblem(row: row, column: column, value: value, code: code, message: message, cell: "\(letters)\(row)")
    }

    public var description: String {
        var text = code.rawValue
        if let row { text += " row \(row)" }
        if let column { text += " column \(column)" }
        if let cell { text += " cell \(cell)" }
        if let value { text += " value \"\(value)\"" }
        return text + ": " + message.en
    }
}
