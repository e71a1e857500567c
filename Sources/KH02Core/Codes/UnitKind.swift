/// The three kinds of unit that report or own tasks.
public enum UnitKind: String, Sendable, Codable, CaseIterable {
    case province
    case commune
    case agency
}

/// A code of any unit kind, decided by its shape: 2 digits a province, 5 digits a commune, letters an agency.
public enum AnyUnitCode: Hashable, Sendable, CustomStringConvertible {
    case province(ProvinceCode)
    case commune(CommuneCode)
    case agency(AgencyCode)

    public init?(_ raw: String) {
        if let code = ProvinceCode(rawValue: raw) {
            self = .province(code)
        } else if let code = CommuneCode(rawValue: raw) {
            self = .commune(code)
        } else if let code = AgencyCode(rawValue: raw) {
            self = .agency(code)
        } else {
            return nil
        }
    }

    public var kind: UnitKind {
        switch self {
        case .province: .province
        case .commune: .commune
        case .agency: .agency
        }
    }

    public var rawValue: String {
        switch self {
        case .province(let code): code.rawValue
        case .commune(let code): code.rawValue
        case .agency(let code): code.rawValue
        }
    }

    public var description: String { rawValue }
}
