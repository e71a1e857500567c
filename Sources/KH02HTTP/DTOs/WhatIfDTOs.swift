import Foundation
import KH02Core

/// `POST /whatif`: the units whose colour (or coverage band) would change under a candidate plan.
struct WhatIfDTO: Codable, Sendable {
    var asOf: Date
    /// The plan in effect at `as_of` (before).
    var plan: PlanRefDTO
    /// The candidate (after).
    var candidate: PlanRefDTO
    var data: DataFreshnessDTO
    var changes: [WhatIfChangeDTO]
    var bandChanges: [BandChangeDTO]
    /// Colour counts per aspect (commune_readiness, commune_tasks, province_tasks, agency_tasks).
    var countsBefore: [String: ColourCounts]
    var countsAfter: [String: ColourCounts]
}

/// One unit whose colour would change; a missing side means the unit is not scored on that side.
struct WhatIfChangeDTO: Codable, Sendable {
    var unit: String
    var unitKind: String
    var name: String?
    var aspect: String
    var before: String?
    var after: String?
}

/// One province whose coverage band would change.
struct BandChangeDTO: Codable, Sendable {
    var province: String
    var before: String?
    var after: String?
}

/// A candidate plan refused by the validator: every issue with its JSON path.
struct PlanRejectionDTO: Encodable, Sendable {
    struct Issue: Codable, Sendable {
        var path: String
        var code: String
        var message: String
        var messageEn: String
    }

    var error: APIError.Body.Detail
    var issues: [Issue]
}
