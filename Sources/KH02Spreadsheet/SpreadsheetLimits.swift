/// How much of a workbook is read: sizes of its parts once uncompressed (checked on the sizes the zip declares
/// before reading, and again on the bytes actually read) and of the text it turns into.
public struct SpreadsheetLimits: Hashable, Sendable {
    /// The sheet read (XML), uncompressed.
    public var maximumSheetBytes: Int
    /// Any other part read (shared strings, styles, the workbook), uncompressed.
    public var maximumPartBytes: Int
    /// The CSV text the sheet becomes.
    public var maximumTextBytes: Int

    public init(maximumSheetBytes: Int, maximumPartBytes: Int, maximumTextBytes: Int) {
        self.maximumSheetBytes = maximumSheetBytes
        self.maximumPartBytes = maximumPartBytes
        self.maximumTextBytes = maximumTextBytes
    }

    /// A sheet up to 512 MiB, other parts up to 64 MiB, the text up to `textBytes` (the CSV upload limit).
    public static func standard(textBytes: Int) -> SpreadsheetLimits {
        SpreadsheetLimits(maximumSheetBytes: 512 << 20, maximumPartBytes: 64 << 20, maximumTextBytes: textBytes)
    }
}
