/// Hand-written readers for upload cells (no formatter objects, no per-cell allocation on the common paths).
enum CellParser {
    /// A yes/no cell: a value, explicitly unknown (empty, "?", "unknown", "chưa rõ"), or unreadable.
    enum BooleanCell: Hashable {
        case value(Bool)
        case unknown
        case invalid
    }

    /// A number cell: the value and whether it was written with a trailing "%", or nil when unreadable.
    struct Decimal: Hashable {
        var value: Double
        var percent: Bool
    }

    private static let trueWords: Set<String> = ["1", "true", "yes", "y", "x", "có", "co", "đạt", "dat"]
    private static let falseWords: Set<String> = ["0", "false", "no", "n", "không", "khong", "chưa", "chua", "chưa đạt", "chua dat"]
    private static let unknownWords: Set<String> = ["", "?", "unknown", "chưa rõ", "chua ro"]

    /// Space or tab.
    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// `text` without surrounding spaces, tabs and no-break spaces (U+00A0, which Excel likes); returns `text`
    /// itself, without copying, when there is nothing to trim.
    static func trim(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        // U+00A0 is C2 A0 in UTF-8: only then is the slower scalar walk needed.
        if !isBlank(first) && !isBlank(last) && first != 0xC2 && last != 0xA0 { return text }
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        func blank(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\u{00A0}" }
        while start < end, blank(scalars[start]) { start = scalars.index(after: start) }
        while end > start, blank(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// Reads a yes/no cell (already trimmed). See docs/UPLOADS.md for the accepted words.
    static func boolean(_ text: String) -> BooleanCell {
        let utf8 = text.utf8
        if utf8.count == 1, let byte = utf8.first {
            switch byte {
            case UInt8(ascii: "1"), UInt8(ascii: "x"), UInt8(ascii: "X"): return .value(true)
            case UInt8(ascii: "0"): return .value(false)
            default: break
            }
        }
        if utf8.isEmpty { return .unknown }
        // The usual spellings first, without lower-casing (an allocation) per cell.
        switch text {
        case "true", "có", "Có", "yes": return .value(true)
        case "false", "không", "Không", "no": return .value(false)
        default: break
        }
        let lower = text.lowercased()
        if trueWords.contains(lower) { return .value(true) }
        if falseWords.contains(lower) { return .value(false) }
        if unknownWords.contains(lower) { return .unknown }
        return .invalid
    }

    /// True for an explicitly unknown cell (already trimmed): empty, "?", "unknown", "chưa rõ".
    static func isUnknown(_ text: String) -> Bool {
        text.isEmpty || unknownWords.contains(text.lowercased())
    }

    /// Reads a decimal number: optional "-", digits with one "." or "," as decimal mark, an optional exponent,
    /// an optional trailing "%". Nil for anything else (including "nan", "inf", hex and thousands separators).
    static func decimal(_ text: String) -> Decimal? {
        // Plain "0.95" or "1": digits and at most one dot need no rewriting, so no copy of the bytes.
        var dots = 0
        if !text.utf8.isEmpty,
            text.utf8.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || ($0 == UInt8(ascii: ".") && { dots += 1; return true }()) }),
            dots <= 1, text.utf8.first != UInt8(ascii: "."), let value = Double(text)
        {
            return Decimal(value: value, percent: false)
        }
        var bytes = Array(text.utf8)
        var percent = false
        if bytes.last == UInt8(ascii: "%") {
            percent = true
            bytes.removeLast()
            while let last = bytes.last, isBlank(last) { bytes.removeLast() }
        }
        var i = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        var marks = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits += 1
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: ",") {
                marks += 1
                bytes[i] = UInt8(ascii: ".")
            } else {
                break
            }
            i += 1
        }
        guard digits > 0, marks <= 1 else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let start = i
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") { i += 1 }
            guard i > start else { return nil }
        }
        guard i == bytes.count, let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite
        else { return nil }
        return Decimal(value: value, percent: percent)
    }

    /// Reads a whole number: an optional sign then ASCII digits. Nil otherwise, so "1.000" (a Vietnamese thousand)
    /// is refused rather than read as 1.
    static func integer(_ text: String) -> Int? { Int(text) }
}
