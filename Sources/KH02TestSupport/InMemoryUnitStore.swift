public import KH02Core

/// `UnitStore` over arrays, for HTTP tests without a database. Versions are filtered by validity like the
/// Postgres store does.
public actor InMemoryUnitStore: UnitStore {
    private let provinceVersions: [Province]
    private let communeVersions: [Commune]
    private let agencyList: [Agency]

    public init(provinces: [Province], communes: [Commune], agencies: [Agency] = []) {
        self.provinceVersions = provinces
        self.communeVersions = communes
        self.agencyList = agencies
    }

    public func provinces(on day: CivilDate) async throws -> [ProvinceSummary] {
        provinceVersions.filter { $0.validity.contains(day) }.sorted { $0.code < $1.code }.map { province in
            ProvinceSummary(
                province: province,
                communeCount: communeVersions.filter { $0.provinceCode == province.code && $0.validity.contains(day) }.count)
        }
    }

    public func province(_ code: ProvinceCode, on day: CivilDate) async throws -> Province? {
        provinceVersions.first { $0.code == code && $0.validity.contains(day) }
    }

    public func communes(of province: ProvinceCode, on day: CivilDate) async throws -> [Commune] {
        communeVersions.filter { $0.provinceCode == province && $0.validity.contains(day) }.sorted { $0.code < $1.code }
    }

    public func commune(_ code: CommuneCode, on day: CivilDate) async throws -> Commune? {
        communeVersions.first { $0.code == code && $0.validity.contains(day) }
    }

    public func history(of code: CommuneCode) async throws -> [Commune] {
        communeVersions.filter { $0.code == code }.sorted { $0.validity.from < $1.validity.from }
    }

    public func directory() async throws -> UnitDirectory {
        UnitDirectory(provinces: provinceVersions, communes: communeVersions, agencies: agencyList)
    }

    public func agencies(on day: CivilDate) async throws -> [Agency] {
        agencyList.filter { $0.validity.contains(day) }.sorted { $0.code < $1.code }
    }
}
