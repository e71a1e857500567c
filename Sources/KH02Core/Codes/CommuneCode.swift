/// A commune-level code (xã, phường, đặc khu): five digits, e.g. "00004" (Decision 19/2025/QĐ-TTg).
public struct CommuneCode: UnitCode {
    public static let kindName = "commune code"
    public let rawValue: String

    public init?(rawValue: String) {
        guard isDigits(rawValue, count: 5) else { return nil }
        self.rawValue = rawValue
    }
}
