/// A strict RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF line ends, an optional UTF-8 BOM.
///
/// It works on Unicode scalars of an already-decoded string; decoding (and rejecting non-UTF-8 bytes) is the
/// caller's job. Rows keep their 1-based line number so errors can name it.
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
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterClosingQuote = false
        var quoteStartLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() }

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
        }

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
                endRecord()
                afterClosingQuote = false
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !afterClosingQuote:
                inQuotes = true
                quoteStartLine = line
            default:
                if afterClosingQuote { throw SyntaxError(line: line, reason: .textAfterClosingQuote) }
                field.append(scalar)
            }
        }
        if inQuotes { throw SyntaxError(line: quoteStartLine, reason: .unterminatedQuote) }
        if !field.isEmpty || !fields.isEmpty || afterClosingQuote { endRecord() }
        return records
    }
}
