/// A code of an administrative unit or central agency: text, never an integer, so leading zeros survive.
///
/// Each concrete code type validates its own shape; they share this protocol so generic code (lookups,
/// error messages) can treat them alike.
public protocol UnitCode: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible
where RawValue == String {
    /// A short name of the code's kind for messages, e.g. "province".
    static var kindName: String { get }
    /// Builds the code when `rawValue` has the right shape, or returns nil.
    init?(rawValue: String)
}

extension UnitCode {
    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let code = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(raw)' is not a valid \(Self.kindName) code")
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// True when `text` is exactly `count` ASCII digits.
@inlinable
func isDigits(_ text: String, count: Int) -> Bool {
    text.utf8.count == count && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
}
