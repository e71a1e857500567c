import Foundation
import Hummingbird
import KH02Core
import KH02App

/// `GET /map/provinces.geojson` and `GET /map/provinces/{code}/communes.geojson`: simplified boundaries with the
/// colours at `as_of` as properties. Geometries are spliced in as stored, never decoded.
struct MapController: Sendable {
    let reads: ScoreReads
    let boundaries: (any BoundaryStore)?

    static let contentType = "application/geo+json; charset=utf-8"

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("map/provinces.geojson", use: provinces)
        group.get("map/provinces/:code/communes.geojson", use: communes)
    }

    @Sendable func provinces(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let boundaries else { throw APIError.notFound }
        let read = try await reads.begin(request, context: context)
        return try await reads.respond(request, read: read, route: "map/provinces", contentType: Self.contentType) { [reads] in
            let scored = try await reads.scoring.scored(at: read.instant, version: read.version)
            let geometries = try await boundaries.provinceGeometries()
            let features = try scored.card.provinces.map { score in
                let province = scored.province(score.code)
                let properties = ProvinceMapPropertiesDTO(
                    code: score.code.rawValue, name: province?.name.vi ?? "", nameEn: province?.name.en ?? "",
                    taskColour: score.tasks.colour.rawValue, communesGreen: score.coverage.green, communesTotal: score.coverage.total,
                    greenPercent: score.coverage.percent.map(roundedPercent), band: score.coverage.band)
                return try Self.feature(id: score.code.rawValue, properties: properties, geometry: geometries[score.code])
            }
            return try Self.collection(features, scored: scored)
        }
    }

    @Sendable func communes(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard let boundaries else { throw APIError.notFound }
        let raw = try context.parameters.require("code")
        guard let code = ProvinceCode(rawValue: raw) else { throw APIError.malformedProvinceCode(raw) }
        let read = try await reads.begin(request, context: context)
        let scored = try await reads.scoring.scored(at: read.instant, version: read.version)
        guard scored.province(code) != nil else { throw APIError.unitNotFound(.province, raw) }
        try reads.requireDetail(read, unit: .province(code), scored: scored)
        return try await reads.respond(request, read: read, route: "map/communes", variant: code.rawValue, contentType: Self.contentType) {
            let communes = scored.card.communes(in: code)
            let geometries = try await boundaries.communeGeometries(communes.map(\.code))
            let features = try communes.map { score in
                let commune = scored.commune(score.code)
                let properties = CommuneMapPropertiesDTO(
                    code: score.code.rawValue, name: commune?.name.vi ?? "", nameEn: commune?.name.en ?? "", colour: score.colour.rawValue,
                    unmetRequired: score.unmetRequired, lastReportAsOf: score.reportAsOf)
                return try Self.feature(id: score.code.rawValue, properties: properties, geometry: geometries[score.code])
            }
            return try Self.collection(features, scored: scored)
        }
    }

    static func feature(id: String, properties: some Encodable, geometry: String?) throws -> Data {
        var data = Data("{\"type\":\"Feature\",\"id\":\"\(id)\",\"properties\":".utf8)
        data.append(try ScoreReads.json(properties))
        data.append(Data(",\"geometry\":".utf8))
        data.append(Data((geometry ?? "null").utf8))
        data.append(UInt8(ascii: "}"))
        return data
    }

    /// A FeatureCollection with the scoring basis as foreign members (`as_of`, `plan`, `data`).
    static func collection(_ features: [Data], scored: ScoredInstant) throws -> Data {
        var basis = try ScoreReads.json(MapBasisDTO(asOf: scored.asOf, plan: PlanRefDTO(scored.plan), data: DataFreshnessDTO(scored)))
        basis.removeFirst()
        basis.removeLast()
        var data = Data("{\"type\":\"FeatureCollection\",".utf8)
        data.append(basis)
        data.append(Data(",\"features\":[".utf8))
        for (i, feature) in features.enumerated() {
            if i > 0 { data.append(UInt8(ascii: ",")) }
            data.append(feature)
        }
        data.append(Data("]}".utf8))
        return data
    }
}
