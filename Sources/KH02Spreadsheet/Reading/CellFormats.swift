import Foundation
import KH02Core

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
        let base: CivilDate
        if date1904 {
            base = CivilDate(year: 1904, month: 1, day: 1)!
        } else if days >= 61 {
            base = CivilDate(year: 1899, month: 12, day: 30)!
        } else if days == 60 {
            // Excel's 29 February 1900, a day that never was: left for the date reader to refuse.
            return "1900-02-29"
        } else {
            base = CivilDate(year: 1899, month: 12, day: 31)!
        }
        let day = base.adding(days: days).iso
        guard seconds > 0 else { return day }
        return day + String(format: "T%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    }
}
