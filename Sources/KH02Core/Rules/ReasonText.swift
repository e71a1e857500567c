import Foundation

/// Small helpers that format values inside reason messages (Vietnamese and English).
enum ReasonText {
    /// "16:00 ngày 20/08/2025" / "16:00 on 20/08/2025", in Vietnam time.
    static func timestamp(_ instant: Date) -> LocalizedText {
        let day = CivilDate(vietnamDayOf: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + CivilDate.vietnamOffsetSeconds
            - day.daysSinceEpoch * 86_400
        let hour = seconds / 3600
        let minute = (seconds % 3600) / 60
        let clock = (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
        return LocalizedText(vi: clock + " ngày " + day.vietnamese, en: clock + " on " + day.vietnamese)
    }

    /// Days between two instants, rounded to two decimals.
    static func days(from start: Date, to end: Date) -> Double {
        (end.timeIntervalSince(start) / 864).rounded() / 100
    }

    /// A list of codes, at most `limit` shown, then "…".
    static func list(_ items: [String], limit: Int = 10) -> String {
        if items.count <= limit { return items.joined(separator: ", ") }
        return items.prefix(limit).joined(separator: ", ") + ", …"
    }

    /// A number without a trailing ".0" when whole.
    static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
