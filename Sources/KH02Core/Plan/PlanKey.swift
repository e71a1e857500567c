/// A typed key or code used inside a plan definition (task codes, criterion keys, group codes): text with a
/// shape checked by a validating initializer, encoded in JSON as a plain string.
public protocol PlanKey: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible
where RawValue == String {
    /// A short name of the key's kind for messages, e.g. "task code".
    static var kindName: String { get }
    /// Builds the key when `rawValue` has the right shape, or returns nil.
    init?(rawValue: String)
}

extension PlanKey {
    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let key = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(raw)' is not a valid \(Self.kindName)")
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// True when `text` is 1 to `maxLength` bytes of lower-case ASCII letters, digits and underscores, starting with a
/// letter ("snake_case").
func isSnakeCase(_ text: String, maxLength: Int) -> Bool {
    let bytes = text.utf8
    guard let first = bytes.first, (1...maxLength).contains(bytes.count),
        first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z")
    else { return false }
    return bytes.allSatisfy {
        ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            || $0 == UInt8(ascii: "_")
    }
}
