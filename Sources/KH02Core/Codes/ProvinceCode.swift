/// A province-level code: two digits, e.g. "01" for Hà Nội (Decision 19/2025/QĐ-TTg).
public struct ProvinceCode: UnitCode {
    public static let kindName = "province code"
    public let rawValue: String

    public init?(rawValue: String) {
        guard isDigits(rawValue, count: 2) else { return nil }
        self.rawValue = rawValue
    }
}
