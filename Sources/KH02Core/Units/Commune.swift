/// A commune-level unit (xã, phường or đặc khu) as valid during `validity`.
public struct Commune: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Xã.
        case commune
        /// Phường.
        case ward
        /// Đặc khu.
        case specialZone = "special_zone"
    }

    public var code: CommuneCode
    public var provinceCode: ProvinceCode
    public var name: LocalizedText
    public var fullName: LocalizedText
    public var kind: Kind
    public var validity: ValidityPeriod

    public init(
        code: CommuneCode, provinceCode: ProvinceCode, name: LocalizedText, fullName: LocalizedText, kind: Kind,
        validity: ValidityPeriod
    ) {
        self.code = code
        self.provinceCode = provinceCode
        self.name = name
        self.fullName = fullName
        self.kind = kind
        self.validity = validity
    }
}
