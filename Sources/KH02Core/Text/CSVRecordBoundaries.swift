/// Finds where complete CSV records end in a byte stream that arrives in pieces, following `CSVParser`'s rules
/// (a quote opens a quoted field only at the start of a field; a doubled quote inside one is a quote; LF, CRLF or
/// a lone CR ends a record outside quotes), so each complete prefix can be decoded and parsed on its own.
struct CSVRecordBoundaries {
    let delimiter: UInt8
    private var inQuotes = false
    /// A quote was seen inside a quoted field: it closes the field unless the next byte is another quote.
    private var quoteMayClose = false
    private var atFieldStart = true
    /// A CR outside quotes was the last byte scanned: the record ends after it, or after the LF that follows.
    private var pendingCR = false

    init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// Scans `bytes[start...]` (the bytes after those already scanned) and returns the index just past the last
    /// record end found in them, or nil when none ends there.
    mutating func scan(_ bytes: [UInt8], from start: Int) -> Int? {
        var last: Int?
        var i = start
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            if pendingCR {
                pendingCR = false
                if byte == UInt8(ascii: "\n") {
                    last = i + 1
                    atFieldStart = true
                    i += 1
                    continue
                }
                last = i
                atFieldStart = true
            }
            if quoteMayClose {
                quoteMayClose = false
                if byte == UInt8(ascii: "\"") {
                    i += 1
                    continue
                }
                inQuotes = false
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") { quoteMayClose = true }
            } else {
                switch byte {
                case UInt8(ascii: "\n"):
                    last = i + 1
                    atFieldStart = true
                case UInt8(ascii: "\r"):
                    pendingCR = true
                case delimiter:
                    atFieldStart = true
                case UInt8(ascii: "\"") where atFieldStart:
                    inQuotes = true
                    atFieldStart = false
                default:
                    atFieldStart = false
                }
            }
            i += 1
        }
        return last
    }
}
