/// Reads the reference units (provinces, communes, central agencies) as they were on a given day.
public protocol UnitStore: Sendable {
    /// All provinces valid on `day`, ordered by code, each with its number of communes that day.
    func provinces(on day: CivilDate) async throws -> [ProvinceSummary]
    /// One province as valid on `day`, or nil when no such province exists then.
    func province(_ code: ProvinceCode, on day: CivilDate) async throws -> Province?
    /// The communes of a province valid on `day`, ordered by code.
    func communes(of province: ProvinceCode, on day: CivilDate) async throws -> [Commune]
    /// One commune as valid on `day`, or nil.
    func commune(_ code: CommuneCode, on day: CivilDate) async throws -> Commune?
    /// Every recorded version of a commune, oldest first (empty when the code is unknown).
    func history(of code: CommuneCode) async throws -> [Commune]
    /// Central agencies valid on `day`, ordered by code.
    func agencies(on day: CivilDate) async throws -> [Agency]
    /// Every version of every unit, for the rules engine and upload checks to resolve units at any moment.
    func directory() async throws -> UnitDirectory
}

/// A province with the number of its communes on the day asked about.
public struct ProvinceSummary: Hashable, Sendable {
    public var province: Province
    public var communeCount: Int

    public init(province: Province, communeCount: Int) {
        self.province = province
        self.communeCount = communeCount
    }
}
