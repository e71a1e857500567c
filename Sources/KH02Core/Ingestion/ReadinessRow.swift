public import Foundation

/// A validated readiness row, ready to store: the commune, its as-of and the criterion values (a criterion
/// left empty or "unknown" is absent, meaning no data). Storage gives it a report id.
public struct ReadinessRow: Hashable, Sendable {
    /// The CSV line or JSON row number (index + 1) it came from.
    public let row: Int
    public let commune: CommuneCode
    public let asOf: Date
    public let values: [CriterionKey: CriterionValue]
    public let note: String?

    public init(row: Int, commune: CommuneCode, asOf: Date, values: [CriterionKey: CriterionValue], note: String?) {
        self.row = row
        self.commune = commune
        self.asOf = asOf
        self.values = values
        self.note = note
    }

    /// The fact to store under `id`, received at `receivedAt`; throws only for an empty id.
    public func report(id: String, receivedAt: Date) throws(FactError) -> ReadinessReport {
        try ReadinessReport(reportId: id, commune: commune, asOf: asOf, receivedAt: receivedAt, values: values)
    }
}
