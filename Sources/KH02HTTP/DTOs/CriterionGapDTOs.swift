import Foundation
import KH02Core

/// `GET /criteria/{key}`: where a criterion is not met: provinces with any commune not meeting it, and the communes.
struct CriterionGapDTO: Codable, Sendable {
    var asOf: Date
    var plan: PlanRefDTO
    var data: DataFreshnessDTO
    var criterion: CriterionInfoDTO
    var nation: CriterionCoverageDTO
    /// Provinces where not every commune meets the criterion, fewest meeting first.
    var provinces: [ProvinceCriterionDTO]
    /// Communes not meeting it (unmet, or unknown), by code; limited to the reader's area for scoped tokens.
    var communes: [CommuneCriterionDTO]
}

/// A criterion of the plan.
struct CriterionInfoDTO: Codable, Sendable {
    var key: String
    var name: String
    var nameEn: String
    var kind: String
    var threshold: Double?
    var required: Bool
}

/// One province's figures for one criterion.
struct ProvinceCriterionDTO: Codable, Sendable {
    var code: String
    var name: String
    var met: Int
    var unmet: Int
    var unknown: Int
    var total: Int
    var percent: Double?
}

/// One commune that does not meet a criterion.
struct CommuneCriterionDTO: Codable, Sendable {
    var code: String
    var name: String
    var province: String
    var state: String
    var value: CriterionValueDTO?
    var reportId: String?
}
