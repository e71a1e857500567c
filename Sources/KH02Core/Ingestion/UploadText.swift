import Foundation

/// Small formatters for upload messages (Vietnamese and English), in Vietnam time.
enum UploadText {
    /// "16:00 ngày 14/08/2025" / "16:00 on 14/08/2025".
    static func timestamp(_ instant: Date) -> LocalizedText {
        let day = CivilDate(vietnamDayOf: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + CivilDate.vietnamOffsetSeconds
            - day.daysSinceEpoch * 86_400
        let clock = String(format: "%02d:%02d", seconds / 3600, (seconds % 3600) / 60)
        return LocalizedText(vi: clock + " ngày " + day.vietnamese, en: clock + " on " + day.vietnamese)
    }

    /// A number as people write it: no trailing ".0" on whole values.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// "2025-08-14T16:00:00+07:00", in Vietnam time (whole seconds).
    static func iso(_ instant: Date) -> String {
        let day = CivilDate(vietnamDayOf: instant)
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + CivilDate.vietnamOffsetSeconds
            - day.daysSinceEpoch * 86_400
        return day.iso + String(format: "T%02d:%02d:%02d+07:00", seconds / 3600, (seconds % 3600) / 60, seconds % 60)
    }

    /// "08/2025".
    static func month(_ month: ReportMonth) -> String { String(format: "%02d/%04d", month.month, month.year) }

    static func kindVI(_ kind: UnitKind) -> String {
        switch kind {
        case .province: "tỉnh"
        case .commune: "xã"
        case .agency: "cơ quan Trung ương"
        }
    }

    static func kindEN(_ kind: UnitKind) -> String {
        switch kind {
        case .province: "province"
        case .commune: "commune"
        case .agency: "central agency"
        }
    }
}
