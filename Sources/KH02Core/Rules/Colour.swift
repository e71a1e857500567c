/// The colour of a unit on one aspect (commune readiness, task progress). No data is never shown as green.
public enum Colour: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case green
    case yellow
    case red
    case noData = "no_data"

    /// Green 0, yellow 1, red 2; nil for no data (which is not on the same scale).
    public var severity: Int? {
        switch self {
        case .green: 0
        case .yellow: 1
        case .red: 2
        case .noData: nil
        }
    }

    /// Order for display and sorting: green, yellow, red, no data.
    public static func < (lhs: Colour, rhs: Colour) -> Bool {
        (lhs.severity ?? 3) < (rhs.severity ?? 3)
    }

    /// The colour's name in Vietnamese and English.
    public var name: LocalizedText {
        switch self {
        case .green: LocalizedText(vi: "xanh", en: "green")
        case .yellow: LocalizedText(vi: "vàng", en: "yellow")
        case .red: LocalizedText(vi: "đỏ", en: "red")
        case .noData: LocalizedText(vi: "chưa có dữ liệu", en: "no data")
        }
    }
}
