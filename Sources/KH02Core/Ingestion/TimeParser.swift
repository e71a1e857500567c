import Foundation

/// Hand-written readers for the dates, instants and months of uploads (no DateFormatter: they run per row).
///
/// Days: `YYYY-MM-DD` or Vietnamese `D/M/YYYY`. Instants: a day, or a day then `T` or a space then `HH:MM`
/// with optional `:SS` and fraction, and an optional zone `Z`, `±HH`, `±HHMM` or `±HH:MM` (no zone: Vietnam
/// time). Months: `YYYY-MM`, `M/YYYY`, or any day (its month).
enum TimeParser {
    /// An as-of value: a bare day (the caller applies the reporting cut-off) or an exact instant.
    enum AsOf: Hashable {
        case day(CivilDate)
        case instant(Date)
    }

    /// A cursor over the bytes of one cell.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i = 0

        var atEnd: Bool { i == bytes.count }
        var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            i += 1
            return true
        }

        /// Between `min` and `max` digits as a number, or nil.
        mutating func digits(min: Int, max: Int) -> Int? {
            var value = 0
            var count = 0
            while count < max, let b = peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                value = value * 10 + Int(b - UInt8(ascii: "0"))
                count += 1
                i += 1
            }
            return count >= min ? value : nil
        }
    }

    private static func withBytes<T>(_ text: String, _ body: (inout Cursor) -> T?) -> T? {
        var copy = text
        return copy.withUTF8 { buffer in
            var cursor = Cursor(bytes: buffer)
            return body(&cursor)
        }
    }

    /// `YYYY-MM-DD` or `D/M/YYYY`.
    private static func day(_ c: inout Cursor) -> CivilDate? {
        let start = c.i
        if let year = c.digits(min: 4, max: 4), c.take(UInt8(ascii: "-")) {
            guard let month = c.digits(min: 2, max: 2), c.take(UInt8(ascii: "-")), let day = c.digits(min: 2, max: 2)
            else { return nil }
            return CivilDate(year: year, month: month, day: day)
        }
        c.i = start
        guard let day = c.digits(min: 1, max: 2), c.take(UInt8(ascii: "/")), let month = c.digits(min: 1, max: 2),
            c.take(UInt8(ascii: "/")), let year = c.digits(min: 4, max: 4)
        else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// A civil day, the whole cell.
    static func day(_ text: String) -> CivilDate? {
        withBytes(text) { c in
            guard let d = day(&c), c.atEnd else { return nil }
            return d
        }
    }

    /// A day or an instant, the whole cell.
    static func asOf(_ text: String) -> AsOf? {
        withBytes(text) { c in
            guard let d = day(&c) else { return nil }
            if c.atEnd { return .day(d) }
            guard c.take(UInt8(ascii: "T")) || c.take(UInt8(ascii: " ")) else { return nil }
            guard let hour = c.digits(min: 1, max: 2), hour < 24, c.take(UInt8(ascii: ":")),
                let minute = c.digits(min: 2, max: 2), minute < 60
            else { return nil }
            var second = 0
            var fraction = 0.0
            if c.take(UInt8(ascii: ":")) {
                guard let s = c.digits(min: 2, max: 2), s < 60 else { return nil }
                second = s
                if c.take(UInt8(ascii: ".")) || c.take(UInt8(ascii: ",")) {
                    var scale = 0.1
                    var count = 0
                    while let b = c.peek, b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
                        fraction += Double(b - UInt8(ascii: "0")) * scale
                        scale /= 10
                        count += 1
                        c.i += 1
                    }
                    guard count > 0 else { return nil }
                }
            }
            var offset = CivilDate.vietnamOffsetSeconds
            if c.take(UInt8(ascii: "Z")) {
                offset = 0
            } else if let sign = c.peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                c.i += 1
                guard let hours = c.digits(min: 2, max: 2), hours <= 14 else { return nil }
                var minutes = 0
                let colon = c.take(UInt8(ascii: ":"))
                if colon || !c.atEnd {
                    guard let m = c.digits(min: 2, max: 2), m < 60 else { return nil }
                    minutes = m
                }
                offset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
            }
            guard c.atEnd else { return nil }
            let seconds = d.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second - offset
            return .instant(Date(timeIntervalSince1970: TimeInterval(seconds) + fraction))
        }
    }

    /// A month: `YYYY-MM`, `M/YYYY`, or a day (its month), the whole cell.
    static func month(_ text: String) -> ReportMonth? {
        if let d = day(text) { return ReportMonth(containing: d) }
        let parsed: (Int, Int)? = withBytes(text) { c in
            if let year = c.digits(min: 4, max: 4), c.take(UInt8(ascii: "-")), let month = c.digits(min: 2, max: 2),
                c.atEnd
            {
                return (year, month)
            }
            c.i = 0
            if let month = c.digits(min: 1, max: 2), c.take(UInt8(ascii: "/")), let year = c.digits(min: 4, max: 4),
                c.atEnd
            {
                return (year, month)
            }
            return nil
        }
        guard let (year, month) = parsed else { return nil }
        return try? ReportMonth(year: year, month: month)
    }
}
