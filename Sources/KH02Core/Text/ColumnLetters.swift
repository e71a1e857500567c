/// Spreadsheet column letters: the 0-based column 0 is `A`, 25 `Z`, 26 `AA`. A CSV file opened in Excel and an
/// .xlsx sheet read into CSV put field N in the same lettered column.
public enum ColumnLetters {
    public static func of(_ column: Int) -> String {
        var n = column + 1
        var scalars: [Unicode.Scalar] = []
        while n > 0 {
            scalars.append(Unicode.Scalar(UInt8(65 + (n - 1) % 26)))
            n = (n - 1) / 26
        }
        return String(String.UnicodeScalarView(scalars.reversed()))
    }
}
