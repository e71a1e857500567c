/// A phase of the plan with its end date, e.g. the urgent phase (cấp bách) to 30/06/2025.
public struct PlanPhase: Hashable, Sendable, Codable {
    public var code: String
    public var name: LocalizedText
    public var endsOn: CivilDate

    public init(code: String, name: LocalizedText, endsOn: CivilDate) {
        self.code = code
        self.name = name
        self.endsOn = endsOn
    }

    enum CodingKeys: String, CodingKey {
        case code
        case name
        case endsOn = "ends_on"
    }
}
