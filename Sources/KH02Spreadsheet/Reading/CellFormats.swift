import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// How a numeric cell becomes text, by its style's number format: dates (serial numbers in the 1900 or 1904
/// date system) as `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`, percentages as `95%`, other numbers in their shortest
/// exact form (`0.95`, `12`).
struct CellFormats {
    enum Kind { case number, date, percent }

    /// Per cell style (the `s` attribute), what its number format shows.
    private let kinds: [Kind]
    private let date1904: Bool

    init(styles: Data?, date1904: Bool) throws {
        self.date1904 = date1904
        guard let styles else {
            kinds = []
            return
        }
        var custom: [Int: String] = [:]
        var formatIDs: [Int] = []
        var inCellXfs = false
        let events = XMLEvents()
        events.onStart = { name, attributes in
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), let code = attributes["formatCode"] { custom[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: formatIDs.append(attributes["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        events.onEnd = { if $0 == "cellXfs" { inCellXfs = false } }
        try events.run(XMLParser(data: styles), part: "xl/styles.xml")
        kinds = formatIDs.map { CellFormats.kind(id: $0, code: custom[$0]) }
    }

    /// What the built-in format `id` or the custom format `code` shows.
    static func kind(id: Int, code: String?) -> Kind {
        if let code { return kind(code: code) }
        switch id {
        case 9, 10: return .percent
        case 14...22, 27...36, 45...47, 50...58: return .date
        default: return .number
        }
    }

    /// A custom format's kind: a date when it has a date or time token outside quoted text and brackets
    /// (`dd/mm/yyyy`, `[$-42A]d/m/yyyy`), a percentage when it has `%`.
    static func kind(code: String) -> Kind {
        var plain = ""
        var quoted = false
        var bracket = false
        var escaped = false
        // The first section only (positive numbers).
        for character in code {
            if escaped {
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case ";" where !quoted && !bracket: return kind(plain: plain)
            default: if !quoted && !bracket { plain.append(character) }
            }
        }
        return kind(plain: plain)
    }

    private static func kind(plain: String) -> Kind {
        let lower = plain.lowercased()
        if lower.contains("%") { return .percent }
        if lower.contains(where: { "ydhs".contains($0) }) || lower.contains("m") && !lower.contains("0") && !lower.contains("#") { return .date }
        return .number
    }

    /// The text of a numeric cell's stored value `raw` in style `style`.
    func text(_ raw: String, style: Int) -> String {
        guard let number = Double(raw), number.isFinite else { return raw }
        switch kinds.indices.contains(style) ? kinds[style] : .number {
        case .number: return CellFormats.shortest(number)
        case .percent: return CellFormats.shortest((number * 100 * 1e9).rounded() / 1e9) + "%"
        case .date: return date(number) ?? CellFormats.shortest(number)
        }
    }

    /// A whole number without a decimal point; otherwise the shortest decimal that reads back as the same value,
    /// never in exponent form.
    static func shortest(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        let text = "\(number)"
        guard text.contains("e") else { return text }
        var fixed = String(format: "%.15f", number)
        while fixed.hasSuffix("0") { fixed.removeLast() }
        if fixed.hasSuffix(".") { fixed.removeLast() }
        return fixed
    }

    /// A serial date as ISO 8601 text: the day alone when there is no time of day.
    func date(_ serial: Double) -> String? {
        guard serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds == 86_400 { (days, seconds) = (days + 1, 0) }
        let epochDay: Int
        if date1904 {
            epochDay = CellFormats.daysFromCivil(1904, 1, 1) + days
        } else if days >= 61 {
            epochDay = CellFormats.daysFromCivil(1899, 12, 30) + days
        } else if days == 60 {
            // Excel's 29 February 1900, a day that never was: left for the date reader to refuse.
            return "1900-02-29"
        } else {
            epochDay = CellFormats.daysFromCivil(1899, 12, 31) + days
        }
        let (y, m, d) = CellFormats.civil(fromDays: epochDay)
        let day = String(format: "%04d-%02d-%02d", y, m, d)
        guard seconds > 0 else { return day }
        return day + String(format: "T%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
