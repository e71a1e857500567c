/// Writes a sheet's rows as the CSV an upload reads, so a workbook goes through the same validation as a CSV
/// file: each row is one record on the line of its row number (missing rows are blank lines, which CSV reading
/// skips), so problems name the sheet's row; cells keep their column (column A is the first field), so the
/// column letters match; rows are padded with empty cells to the header's width. A line break inside a cell
/// becomes a lone carriage return, which CSV keeps inside a quoted field without starting a new line.
public struct SheetCSV {
    private var out: [UInt8] = []
    private var line = 1
    private var width = 0
    private var written = 0
    private let limit: Int
    private let flush: ([UInt8]) throws -> Void

    /// Text of at most `limit` bytes goes to `flush` a piece at a time.
    public init(limit: Int, flush: @escaping ([UInt8]) throws -> Void) {
        self.limit = limit
        self.flush = flush
    }

    /// Reads `workbook`'s sheet at `part` and writes all of it.
    public static func convert(_ workbook: Workbook, sheet part: String, limit: Int, flush: @escaping ([UInt8]) throws -> Void) throws {
        var csv = SheetCSV(limit: limit, flush: flush)
        try workbook.rows(of: part) { try csv.append($0) }
        try csv.finish()
    }

    /// Writes one row (rows come in increasing order).
    public mutating func append(_ row: SheetRow) throws {
        guard let last = row.cells.keys.max() else { return }
        while line < row.number {
            out.append(UInt8(ascii: "\n"))
            line += 1
        }
        if width == 0 { width = last + 1 }
        for column in 0..<max(width, last + 1) {
            if column > 0 { out.append(UInt8(ascii: ",")) }
            if let text = row.cells[column] { SheetCSV.field(text, into: &out) }
        }
        out.append(UInt8(ascii: "\n"))
        line += 1
        if out.count >= 1 << 20 { try drain() }
    }

    /// Writes what is left.
    public mutating func finish() throws { try drain() }

    private mutating func drain() throws {
        written += out.count
        guard written <= limit else {
            throw SpreadsheetError(.tooLarge, part: nil, detail: "over \(limit / (1 << 20)) MiB as text")
        }
        if !out.isEmpty { try flush(out) }
        out.removeAll(keepingCapacity: true)
    }

    /// One field, quoted when it holds a delimiter, a quote or a line break (RFC 4180).
    static func field(_ text: String, into out: inout [UInt8]) {
        let bytes = Array(text.utf8)
        let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(UInt8(ascii: "\""))
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x22, 0x22])
            case 0x0D:
                out.append(0x0D)
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            case 0x0A: out.append(0x0D)
            default: out.append(byte)
            }
            i += 1
        }
        out.append(UInt8(ascii: "\""))
    }
}
