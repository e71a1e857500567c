/// A central agency's short code, e.g. "BCA" or "VPCP": 2 to 16 upper-case ASCII letters or digits,
/// starting with a letter.
public struct AgencyCode: UnitCode {
    public static let kindName = "agency code"
    public let rawValue: String

    public init?(rawValue: String) {
        let bytes = Array(rawValue.utf8)
        guard (2...16).contains(bytes.count),
            let first = bytes.first, first >= UInt8(ascii: "A"), first <= UInt8(ascii: "Z"),
            bytes.allSatisfy({ ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) })
        else { return nil }
        self.rawValue = rawValue
    }
}
