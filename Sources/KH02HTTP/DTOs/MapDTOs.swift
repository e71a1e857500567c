import Foundation
import KH02Core

/// The properties of a province on the map: its colours and coverage.
struct ProvinceMapPropertiesDTO: Codable, Sendable {
    var code: String
    var name: String
    var nameEn: String
    var taskColour: String
    var communesGreen: Int
    var communesTotal: Int
    var greenPercent: Double?
    var band: String?
}

/// The properties of a commune on the map: its readiness colour.
struct CommuneMapPropertiesDTO: Codable, Sendable {
    var code: String
    var name: String
    var nameEn: String
    var colour: String
    var unmetRequired: Int
    var lastReportAsOf: Date?
}

/// What a map answer was scored with, as the GeoJSON collection's foreign members.
struct MapBasisDTO: Codable, Sendable {
    var asOf: Date
    var plan: PlanRefDTO
    var data: DataFreshnessDTO
}
