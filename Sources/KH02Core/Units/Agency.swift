/// A central agency that owns plan tasks (e.g. BCA, VPCP). Agencies are data an administrator can extend.
public struct Agency: Hashable, Sendable, Codable {
    public var code: AgencyCode
    public var name: LocalizedText
    public var validity: ValidityPeriod

    public init(code: AgencyCode, name: LocalizedText, validity: ValidityPeriod) {
        self.code = code
        self.name = name
        self.validity = validity
    }
}
