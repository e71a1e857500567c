import Foundation
import KH02Core

/// `GET /services`: service indicators per province for a month, sorted by one indicator.
struct ServicesDTO: Codable, Sendable {
    var asOf: Date
    var plan: PlanRefDTO
    var data: DataFreshnessDTO
    /// The month asked for; absent: each province's latest reported month.
    var month: String?
    var sort: String
    var order: String
    var items: [ProvinceServicesDTO]
}

/// One province's service indicators.
struct ProvinceServicesDTO: Codable, Sendable {
    var code: String
    var name: String
    var nameEn: String
    var services: ServiceScoreDTO
}
