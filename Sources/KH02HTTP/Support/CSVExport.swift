import Foundation
import KH02Core

/// CSV files for Excel: UTF-8 with a BOM, CRLF line ends, every cell through `CSVInjectionGuard`.
struct CSVExport: Sendable {
    private var text = "\u{FEFF}"

    init(header: [String]) {
        append(header)
    }

    mutating func append(_ cells: [String]) {
        text += CSVInjectionGuard.line(cells)
        text += "\r\n"
    }

    var data: Data { Data(text.utf8) }

    static let contentType = "text/csv; charset=utf-8"

    /// A number for a cell: whole numbers without decimals, others with up to two.
    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// An instant as Vietnamese readers write it, in Vietnam time: "20/09/2025 16:00".
    static func vietnameseTime(_ instant: Date?) -> String {
        guard let instant else { return "" }
        let local = instant.addingTimeInterval(TimeInterval(CivilDate.vietnamOffsetSeconds))
        let seconds = Int(local.timeIntervalSince1970.rounded(.down))
        let minuteOfDay = ((seconds % 86_400) + 86_400) % 86_400 / 60
        let day = CivilDate(vietnamDayOf: instant)
        return day.vietnamese + " " + String(format: "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60)
    }

    /// A colour's Vietnamese name.
    static func colour(_ colour: Colour) -> String { colour.name.vi }
}
