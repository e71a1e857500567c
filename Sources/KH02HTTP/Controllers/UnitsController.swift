import Foundation
public import Hummingbird
public import KH02Core

/// Reference units: provinces, their communes, one commune with its history.
public struct UnitsController: Sendable {
    let store: any UnitStore
    let today: @Sendable () -> CivilDate

    public init(store: any UnitStore, today: @escaping @Sendable () -> CivilDate) {
        self.store = store
        self.today = today
    }

    public func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("units/provinces", use: provinces)
        group.get("units/provinces/:code/communes", use: communes)
        group.get("units/communes/:code", use: commune)
    }

    @Sendable func provinces(_ request: Request, context: APIRequestContext) async throws -> ListDTO<ProvinceDTO> {
        let day = try request.asOfDay(today: today())
        let provinces = try await store.provinces(on: day)
        return ListDTO(asOf: day, items: provinces.map { ProvinceDTO($0.province, communeCount: $0.communeCount) })
    }

    @Sendable func communes(_ request: Request, context: APIRequestContext) async throws -> ProvinceCommunesDTO {
        let day = try request.asOfDay(today: today())
        let raw = try context.parameters.require("code")
        guard let code = ProvinceCode(rawValue: raw) else { throw APIError.malformedProvinceCode(raw) }
        guard let province = try await store.province(code, on: day) else { throw APIError.unitNotFound(.province, raw) }
        let communes = try await store.communes(of: code, on: day).map(CommuneDTO.init)
        return ProvinceCommunesDTO(asOf: day.iso, province: ProvinceDTO(province, communeCount: communes.count), count: communes.count, items: communes)
    }

    @Sendable func commune(_ request: Request, context: APIRequestContext) async throws -> CommuneDetailDTO {
        let day = try request.asOfDay(today: today())
        let raw = try context.parameters.require("code")
        guard let code = CommuneCode(rawValue: raw) else { throw APIError.malformedCommuneCode(raw) }
        guard let commune = try await store.commune(code, on: day),
            let province = try await store.province(commune.provinceCode, on: day)
        else { throw APIError.unitNotFound(.commune, raw) }
        let versions = try await store.history(of: code).map(CommuneDTO.init)
        return CommuneDetailDTO(asOf: day.iso, commune: CommuneDTO(commune), province: ProvinceDTO(province), versions: versions)
    }
}
