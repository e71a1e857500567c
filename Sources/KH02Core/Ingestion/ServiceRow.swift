public import Foundation

/// A validated monthly service-statistics row, ready to store.
public struct ServiceRow: Hashable, Sendable {
    /// The CSV line or JSON row number (index + 1) it came from.
    public let row: Int
    /// A province (its own totals) or a commune.
    public let unit: AnyUnitCode
    public let month: ReportMonth
    public let asOf: Date
    public let counts: ServiceCounts
    public let note: String?

    public init(row: Int, unit: AnyUnitCode, month: ReportMonth, asOf: Date, counts: ServiceCounts, note: String?) {
        self.row = row
        self.unit = unit
        self.month = month
        self.asOf = asOf
        self.counts = counts
        self.note = note
    }

    /// The fact to store under `id`, received at `receivedAt`; throws for an empty id (or an agency unit).
    public func report(id: String, receivedAt: Date) throws(FactError) -> ServiceStatistics {
        try ServiceStatistics(
            reportId: id, unit: unit, month: month, asOf: asOf, receivedAt: receivedAt, counts: counts)
    }
}
