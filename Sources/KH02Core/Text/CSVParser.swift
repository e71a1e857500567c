/// A strict RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF line ends, an optional UTF-8 BOM.
///
/// It works on Unicode scalars of an already-decoded string; decoding (and rejecting non-UTF-8 bytes) is the
/// caller's job. Rows keep their 1-based line number so errors can name it. `records(in:)` reads one record at
/// a time, so a large upload is never held as a table of fields.
public struct CSVParser: Sendable {
    public let delimiter: Unicode.Scalar

    public init(delimiter: Unicode.Scalar = ",") {
        self.delimiter = delimiter
    }

    /// One parsed record and the line it started on.
    public struct Record: Hashable, Sendable {
        public var line: Int
        public var fields: [String]
    }

    /// What is wrong with a CSV text, and where.
    public struct SyntaxError: Error, Hashable, Sendable {
        public enum Reason: String, Sendable {
            case unterminatedQuote = "unterminated_quote"
            case textAfterClosingQuote = "text_after_closing_quote"
        }

        public var line: Int
        public var reason: Reason

        public init(line: Int, reason: Reason) {
            self.line = line
            self.reason = reason
        }
    }

    /// Parses all records. Blank lines are skipped; a trailing line break is optional.
    public func parse(_ text: String) throws(SyntaxError) -> [Record] {
        var reader = records(in: text)
        var records: [Record] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    /// A reader of `text`'s records, one at a time.
    public func records(in text: String) -> Reader { Reader(text: text, delimiter: delimiter, firstLine: 1, skipsBOM: true) }

    /// A reader of a piece of a longer text that starts on line `firstLine` at a record boundary (a leading
    /// U+FEFF is then content, not a byte order mark).
    public func records(in piece: String, firstLine: Int) -> Reader {
        Reader(text: piece, delimiter: delimiter, firstLine: firstLine, skipsBOM: firstLine == 1)
    }

    /// Reads the records of a text in order; after a syntax error it has nothing more to give.
    public struct Reader {
        private let delimiter: Unicode.Scalar
        private var iterator: String.UnicodeScalarView.Iterator
        private var pending: Unicode.Scalar?
        /// The line the next record starts on (after the end: one past the text's last line break).
        public private(set) var line: Int

        init(text: String, delimiter: Unicode.Scalar, firstLine: Int, skipsBOM: Bool) {
            self.delimiter = delimiter
            line = firstLine
            iterator = text.unicodeScalars.makeIterator()
            pending = iterator.next()
            if skipsBOM && pending == "\u{FEFF}" { pending = iterator.next() }
        }

        /// The next record, skipping blank lines; nil at the end of the text.
        public mutating func next() throws(SyntaxError) -> Record? {
            var fields: [String] = []
            var field = String.UnicodeScalarView()
            var recordLine = line
            var inQuotes = false
            var afterClosingQuote = false
            var quoteStartLine = line
            while let scalar = pending {
                pending = iterator.next()
                if inQuotes {
                    if scalar == "\"" {
                        if pending == "\"" {
                            field.append("\"")
                            pending = iterator.next()
                        } else {
                            inQuotes = false
                            afterClosingQuote = true
                        }
                    } else {
                        if scalar == "\n" { line += 1 }
                        field.append(scalar)
                    }
                    continue
                }
                switch scalar {
                case delimiter:
                    fields.append(String(field))
                    field = String.UnicodeScalarView()
                    afterClosingQuote = false
                case "\r" where pending == "\n":
                    continue
                case "\n", "\r":
                    line += 1
                    fields.append(String(field))
                    if fields.count > 1 || !fields[0].isEmpty { return Record(line: recordLine, fields: fields) }
                    // A blank line: start again on the next one.
                    fields = []
                    field = String.UnicodeScalarView()
                    afterClosingQuote = false
                    recordLine = line
                case "\"" where field.isEmpty && !afterClosingQuote:
                    inQuotes = true
                    quoteStartLine = line
                default:
                    if afterClosingQuote {
                        pending = nil
                        throw SyntaxError(line: line, reason: .textAfterClosingQuote)
                    }
                    field.append(scalar)
                }
            }
            if inQuotes { throw SyntaxError(line: quoteStartLine, reason: .unterminatedQuote) }
            guard !field.isEmpty || !fields.isEmpty || afterClosingQuote else { return nil }
            fields.append(String(field))
            return fields.count > 1 || !fields[0].isEmpty ? Record(line: recordLine, fields: fields) : nil
        }
    }
}
