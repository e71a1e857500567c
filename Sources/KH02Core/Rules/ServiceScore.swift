import Foundation

/// A province's service indicators for its latest reported month, vs the plan's targets.
///
/// The province's own report for that month is used when there is one; otherwise the sum of its communes'
/// reports for the month (`communesAggregated` tells how many).
public struct ServiceScore: Hashable, Sendable {
    /// Whether the statistics can be trusted at `as_of`.
    public enum Freshness: String, Hashable, Sendable, Codable {
        case fresh
        case stale
        case never
    }

    public let freshness: Freshness
    public let month: ReportMonth?
    /// Nil when the province's own report was used, else the number of commune reports summed.
    public let communesAggregated: Int?
    public let counts: ServiceCounts?
    /// One result per plan indicator, in plan order (values nil when there is no data).
    public let indicators: [IndicatorResult]
    public let reportIds: [String]
    /// Empty when fresh; otherwise why there is no usable data.
    public let reasons: [Reason]

    public init(
        freshness: Freshness, month: ReportMonth?, communesAggregated: Int?, counts: ServiceCounts?,
        indicators: [IndicatorResult], reportIds: [String], reasons: [Reason]
    ) {
        self.freshness = freshness
        self.month = month
        self.communesAggregated = communesAggregated
        self.counts = counts
        self.indicators = indicators
        self.reportIds = reportIds
        self.reasons = reasons
    }
}
