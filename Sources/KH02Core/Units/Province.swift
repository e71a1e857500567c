/// A province-level unit (tỉnh or thành phố trực thuộc trung ương) as valid during `validity`.
public struct Province: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Tỉnh.
        case province
        /// Thành phố trực thuộc trung ương.
        case municipality
    }

    public var code: ProvinceCode
    public var name: LocalizedText
    public var fullName: LocalizedText
    public var kind: Kind
    public var validity: ValidityPeriod

    public init(code: ProvinceCode, name: LocalizedText, fullName: LocalizedText, kind: Kind, validity: ValidityPeriod) {
        self.code = code
        self.name = name
        self.fullName = fullName
        self.kind = kind
        self.validity = validity
    }
}
