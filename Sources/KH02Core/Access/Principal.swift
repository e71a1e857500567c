/// Who is acting: a role and, for the scoped roles, the one unit it is scoped to. Decides upload and read scope.
///
/// Scope is decided on a `UnitSnapshot` (normally the units valid on the day of the request), so a commune that
/// moved to another province is in scope of the province it belongs to on that day.
public struct Principal: Hashable, Sendable, CustomStringConvertible {
    public let role: Role
    /// The unit a `province`, `commune` or `agency` principal is scoped to; nil for `admin` and `central`.
    public let unit: AnyUnitCode?

    private init(checked role: Role, unit: AnyUnitCode?) {
        self.role = role
        self.unit = unit
    }

    /// Builds a principal when `unit` fits `role`: nil for admin and central, a code of the role's kind otherwise.
    public init?(role: Role, unit: AnyUnitCode?) {
        switch (role, unit) {
        case (.admin, nil), (.central, nil), (.province, .province?), (.commune, .commune?), (.agency, .agency?):
            self.init(checked: role, unit: unit)
        default:
            return nil
        }
    }

    /// An administrator.
    public static let admin = Principal(checked: .admin, unit: nil)
    /// A central reader.
    public static let central = Principal(checked: .central, unit: nil)

    /// An officer of `code`'s province.
    public static func province(_ code: ProvinceCode) -> Principal { Principal(checked: .province, unit: .province(code)) }

    /// An officer of `code`'s commune.
    public static func commune(_ code: CommuneCode) -> Principal { Principal(checked: .commune, unit: .commune(code)) }

    /// An officer of the central agency `code`.
    public static func agency(_ code: AgencyCode) -> Principal { Principal(checked: .agency, unit: .agency(code)) }

    public var description: String { unit.map { "\(role.rawValue):\($0)" } ?? role.rawValue }

    /// True when this principal may upload reports for `target` (itself a unit valid in `units` or not).
    ///
    /// Admin: any unit. Central: none. Province: itself and its communes (as of `units`). Commune: itself.
    /// Agency: itself (its own tasks).
    public func canUpload(for target: AnyUnitCode, in units: UnitSnapshot) -> Bool {
        switch role {
        case .admin: true
        case .central: false
        case .province, .commune, .agency: covers(target, in: units)
        }
    }

    /// True when this principal may read the reports and scores of `target`.
    ///
    /// Admin and central: every unit. Province: itself and its communes. Commune and agency: itself.
    public func canRead(_ target: AnyUnitCode, in units: UnitSnapshot) -> Bool {
        switch role {
        case .admin, .central: true
        case .province, .commune, .agency: covers(target, in: units)
        }
    }

    /// True when this principal may read the national picture (every province and commune at once).
    public var canReadNation: Bool { role == .admin || role == .central }

    /// The scoped unit itself, or for a province one of its communes on the snapshot's day.
    private func covers(_ target: AnyUnitCode, in units: UnitSnapshot) -> Bool {
        switch (unit, target) {
        case (.province(let own), .commune(let commune)): units.province(of: commune) == own
        case (let own?, _): own == target
        case (nil, _): false
        }
    }
}
