public import Foundation

/// A province's or commune's monthly public-service statistics report.
public struct ServiceStatistics: ReportFact, Hashable {
    public let reportId: String
    /// The reporting unit: a province (its own totals) or a commune.
    public let unit: AnyUnitCode
    public let month: ReportMonth
    public let asOf: Date
    public let receivedAt: Date
    public let counts: ServiceCounts

    /// Builds the report; throws for an empty id or an agency as the unit.
    public init(
        reportId: String, unit: AnyUnitCode, month: ReportMonth, asOf: Date, receivedAt: Date, counts: ServiceCounts
    ) throws(FactError) {
        guard !reportId.isEmpty else { throw .reportIdEmpty }
        guard unit.kind != .agency else { throw .unitKindNotAllowed(.agency) }
        self.reportId = reportId
        self.unit = unit
        self.month = month
        self.asOf = asOf
        self.receivedAt = receivedAt
        self.counts = counts
    }
}
