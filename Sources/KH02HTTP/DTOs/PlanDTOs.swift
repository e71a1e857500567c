import Foundation
import Hummingbird
import KH02Core

/// A stored plan version as listed by the API.
struct PlanSummaryDTO: Codable, Sendable {
    var id: String
    var version: Int
    var effectiveFrom: String
    var title: String
    var checksum: String
    var importedAt: Date
    var importedBy: String
    /// True for the version in effect at the list's `as_of`.
    var inEffect: Bool

    init(_ summary: StoredPlanSummary, inEffect: Bool) {
        id = summary.id
        version = summary.version
        effectiveFrom = summary.effectiveFrom.iso
        title = summary.title
        checksum = summary.checksum
        importedAt = summary.importedAt
        importedBy = summary.importedBy
        self.inEffect = inEffect
    }
}
