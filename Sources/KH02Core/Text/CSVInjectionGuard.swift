/// Neutralises spreadsheet formulas in exported CSV cells (CSV injection, OWASP): a cell starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading apostrophe, so Excel and LibreOffice show it as text.
///
/// Apply it to every cell of an export that may contain user-supplied text (unit names, notes), then quote the
/// cell with `CSVInjectionGuard.field(_:)` or any RFC 4180 writer.
public enum CSVInjectionGuard {
    /// `cell` with an apostrophe in front when it starts with a formula character, unchanged otherwise.
    public static func neutralise(_ cell: String) -> String {
        // Unicode scalars, not Characters: "\r\n" is one Character, and "=" + a combining mark is one too.
        guard let first = cell.unicodeScalars.first,
            first == "=" || first == "+" || first == "-" || first == "@" || first == "\t" || first == "\r"
        else { return cell }
        return "'" + cell
    }

    /// `cell` neutralised and quoted for RFC 4180 when it holds a delimiter, quote or line break.
    public static func field(_ cell: String, delimiter: Character = ",") -> String {
        let safe = neutralise(cell)
        guard safe.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        else { return safe }
        var quoted = "\""
        for character in safe {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        quoted.append("\"")
        return quoted
    }

    /// One CSV line (without its line end) of neutralised, quoted cells.
    public static func line(_ cells: [String], delimiter: Character = ",") -> String {
        cells.map { field($0, delimiter: delimiter) }.joined(separator: String(delimiter))
    }
}
