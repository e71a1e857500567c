/// Text with a checked shape (unit codes, plan keys): built only through a validating initializer, ordered and
/// encoded in JSON as the plain string.
public protocol ValidatedString: RawRepresentable, Hashable, Sendable, Comparable, Codable, CustomStringConvertible
where RawValue == String {
    /// What the text is, for messages, e.g. "province code" or "task code".
    static var kindName: String { get }
    /// Builds the value when `rawValue` has the right shape, or returns nil.
    init?(rawValue: String)
}

extension ValidatedString {
    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(raw)' is not a valid \(Self.kindName)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
