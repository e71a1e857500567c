/// Splits a SQL script into single statements, since PostgresNIO runs one statement per query.
///
/// A small lexer that knows where a `;` does not end a statement: inside 'strings' (with '' escapes and
/// E'…\'…' escapes), "quoted identifiers", -- line comments, /* nested block comments */ and $tag$ dollar
/// quotes $tag$. Statements come back trimmed; empty ones and comment-only ones are dropped.
public struct SQLStatementSplitter: Sendable {
    public init() {}

    public func split(_ script: String) -> [String] {
        let s = Array(script.unicodeScalars)
        var statements: [String] = []
        var start = 0
        var hasCode = false
        var i = 0

        func flush(upTo end: Int) {
            if hasCode {
                var view = String.UnicodeScalarView()
                view.append(contentsOf: s[start..<end])
                let text = String(view).trimmingWhitespace()
                if !text.isEmpty { statements.append(text) }
            }
            start = end + 1
            hasCode = false
        }

        while i < s.count {
            let c = s[i]
            let next: Unicode.Scalar? = i + 1 < s.count ? s[i + 1] : nil
            switch c {
            case "-" where next == "-":
                while i < s.count, s[i] != "\n" { i += 1 }
                continue
            case "/" where next == "*":
                var depth = 1
                i += 2
                while i < s.count, depth > 0 {
                    if s[i] == "/", i + 1 < s.count, s[i + 1] == "*" {
                        depth += 1
                        i += 2
                    } else if s[i] == "*", i + 1 < s.count, s[i + 1] == "/" {
                        depth -= 1
                        i += 2
                    } else {
                        i += 1
                    }
                }
                continue
            case "'":
                let escapes = i > 0 && (s[i - 1] == "E" || s[i - 1] == "e") && (i < 2 || !isWordScalar(s[i - 2]))
                hasCode = true
                i = skipQuoted(s, from: i, quote: "'", backslashEscapes: escapes)
                continue
            case "\"":
                hasCode = true
                i = skipQuoted(s, from: i, quote: "\"", backslashEscapes: false)
                continue
            case "$":
                if let tagEnd = dollarTagEnd(s, at: i), i == 0 || !isWordScalar(s[i - 1]) {
                    let tag = Array(s[i...tagEnd])
                    hasCode = true
                    i = tagEnd + 1
                    while i < s.count {
                        if s[i] == "$", i + tag.count <= s.count, Array(s[i..<(i + tag.count)]) == tag {
                            i += tag.count
                            break
                        }
                        i += 1
                    }
                    if i >= s.count { i = s.count }
                    continue
                }
                hasCode = true
            case ";":
                flush(upTo: i)
            default:
                if !c.properties.isWhitespace { hasCode = true }
            }
            i += 1
        }
        flush(upTo: s.count)
        return statements
    }

    /// Index just past the closing quote (a doubled quote is an escaped one).
    private func skipQuoted(_ s: [Unicode.Scalar], from open: Int, quote: Unicode.Scalar, backslashEscapes: Bool) -> Int {
        var i = open + 1
        while i < s.count {
            if backslashEscapes, s[i] == "\\" {
                i += 2
                continue
            }
            if s[i] == quote {
                if i + 1 < s.count, s[i + 1] == quote {
                    i += 2
                    continue
                }
                return i + 1
            }
            i += 1
        }
        return s.count
    }

    /// When `$` at `i` opens a dollar-quote tag (`$$` or `$name$`), the index of the tag's closing `$`.
    private func dollarTagEnd(_ s: [Unicode.Scalar], at i: Int) -> Int? {
        var j = i + 1
        while j < s.count {
            if s[j] == "$" { return j }
            let ok = isWordScalar(s[j]) && !(j == i + 1 && s[j].properties.numericType != nil)
            if !ok { return nil }
            j += 1
        }
        return nil
    }

    private func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
    }
}

extension String {
    /// The string without leading and trailing white space or line breaks.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
