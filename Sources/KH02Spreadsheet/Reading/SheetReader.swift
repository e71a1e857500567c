/// Turns a sheet's XML events into rows: cell references (`D12`) or, without them, positions; shared strings,
/// inline strings, booleans, errors, numbers, dates and percentages as text (`CellFormats`); a formula's cached
/// value (`<v>`), never its formula.
struct SheetReader {
    let sharedStrings: [String]
    let formats: CellFormats
    let part: String

    private var row: SheetRow?
    private var lastRow = 0
    private var nextColumn = 0
    // The cell being read.
    private var column = 0
    private var type: String?
    private var style = 0
    private var value = ""
    private var inline = ""
    private var capturing: Capture = .none
    private var phonetic = 0

    private enum Capture { case none, value, inline }

    init(sharedStrings: [String], formats: CellFormats, part: String) {
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.part = part
    }

    mutating func start(_ name: String, _ attributes: [String: String]) throws {
        switch name {
        case "row":
            let number = attributes["r"].flatMap { Int($0) } ?? lastRow + 1
            guard number > lastRow else { throw SpreadsheetError(.malformed, part: part, detail: "row \(number) out of order") }
            (row, lastRow, nextColumn) = (SheetRow(number: number, cells: [:]), number, 0)
        case "c":
            column = attributes["r"].flatMap(CellReference.column(of:)) ?? nextColumn
            type = attributes["t"]
            style = attributes["s"].flatMap { Int($0) } ?? 0
            (value, inline) = ("", "")
        case "v": capturing = .value
        case "t" where phonetic == 0: if capturing != .value { capturing = .inline }
        case "rPh": phonetic += 1
        default: break
        }
    }

    mutating func text(_ text: String) {
        switch capturing {
        case .value: value += text
        case .inline: inline += text
        case .none: break
        }
    }

    /// The row that has just ended, if any.
    mutating func end(_ name: String) throws -> SheetRow? {
        switch name {
        case "v", "t": capturing = .none
        case "rPh": phonetic -= 1
        case "c":
            let text = try cellText()
            if !text.isEmpty { row?.cells[column] = text }
            nextColumn = column + 1
        case "row":
            defer { row = nil }
            return row
        default: break
        }
        return nil
    }

    private func cellText() throws -> String {
        switch type {
        case "s":
            guard let index = Int(value.trimmingSpaces), sharedStrings.indices.contains(index) else {
                throw SpreadsheetError(.malformed, part: part, detail: "shared string \(value) missing")
            }
            return sharedStrings[index]
        case "inlineStr": return inline
        case "str", "e": return value
        case "b": return value.trimmingSpaces == "1" ? "true" : value.trimmingSpaces == "0" ? "false" : value
        case "d": return value
        default:
            let raw = value.trimmingSpaces
            guard !raw.isEmpty else { return inline }
            return formats.text(raw, style: style)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first?.isWhitespace == true { scalars.removeFirst() }
        while scalars.last?.isWhitespace == true { scalars.removeLast() }
        return String(scalars)
    }
}

/// Cell references: `D12` → column 3 (0-based); the other way is `ColumnLetters.of`.
public enum CellReference {
    /// The 0-based column of a reference like `D12` or `AB7`, or nil.
    public static func column(of reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard let letter = Int(exactly: scalar.value), (65...90).contains(letter) || (97...122).contains(letter) else { break }
            column = column * 26 + (letter & 0x1F)
            letters += 1
        }
        return letters == 0 || letters > 3 ? nil : column - 1
    }
}
