public import KH02Core

/// `BoundaryStore` in memory, for HTTP tests: the geometries it is given.
public struct InMemoryBoundaryStore: BoundaryStore {
    let provinces: [ProvinceCode: String]
    let communes: [CommuneCode: String]

    public init(provinces: [ProvinceCode: String], communes: [CommuneCode: String]) {
        self.provinces = provinces
        self.communes = communes
    }

    public func provinceGeometries() async throws -> [ProvinceCode: String] { provinces }

    public func communeGeometries(_ codes: [CommuneCode]) async throws -> [CommuneCode: String] {
        communes.filter { codes.contains($0.key) }
    }
}
