/// Who owns a task: one central agency, every province (each reports its own status), or every commune.
///
/// In JSON: the agency code (e.g. "BCY"), or the strings "province" or "commune".
public enum TaskOwner: Hashable, Sendable, Codable, CustomStringConvertible {
    case agency(AgencyCode)
    case everyProvince
    case everyCommune

    /// Parses the JSON form.
    public init?(text: String) {
        switch text {
        case "province": self = .everyProvince
        case "commune": self = .everyCommune
        default:
            guard let code = AgencyCode(rawValue: text) else { return nil }
            self = .agency(code)
        }
    }

    /// The JSON form.
    public var text: String {
        switch self {
        case .agency(let code): code.rawValue
        case .everyProvince: "province"
        case .everyCommune: "commune"
        }
    }

    public var description: String { text }

    /// The kind of unit that reports on a task with this owner.
    public var unitKind: UnitKind {
        switch self {
        case .agency: .agency
        case .everyProvince: .province
        case .everyCommune: .commune
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let owner = TaskOwner(text: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not an owner: use an agency code, \"province\" or \"commune\"")
        }
        self = owner
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
