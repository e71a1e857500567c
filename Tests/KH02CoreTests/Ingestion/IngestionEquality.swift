import Foundation
import KH02Core

/// Row comparisons that ignore where a row came from (CSV line numbers and JSON indexes differ).
enum IngestionEquality {
    struct Readiness: Hashable {
        let commune: CommuneCode
        let asOf: Date
        let values: [CriterionKey: CriterionValue]
        let note: String?
    }

    static func readiness(_ rows: [ReadinessRow]) -> [Readiness] {
        rows.map { Readiness(commune: $0.commune, asOf: $0.asOf, values: $0.values, note: $0.note) }
    }
}
