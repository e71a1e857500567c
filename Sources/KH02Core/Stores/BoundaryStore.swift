/// Reads the simplified map boundaries of provinces and communes: GeoJSON geometry text (WGS84), served as is.
public protocol BoundaryStore: Sendable {
    /// Every province's geometry, by code.
    func provinceGeometries() async throws -> [ProvinceCode: String]
    /// The geometries of the given communes that have one, by code.
    func communeGeometries(_ codes: [CommuneCode]) async throws -> [CommuneCode: String]
}
