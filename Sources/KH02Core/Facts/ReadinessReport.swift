public import Foundation

/// A commune's report on its readiness criteria at one instant. A criterion missing from `values` is unknown.
public struct ReadinessReport: ReportFact, Hashable {
    public let reportId: String
    public let commune: CommuneCode
    public let asOf: Date
    public let receivedAt: Date
    public let values: [CriterionKey: CriterionValue]

    /// Builds the report; throws when `reportId` is empty.
    public init(
        reportId: String, commune: CommuneCode, asOf: Date, receivedAt: Date, values: [CriterionKey: CriterionValue]
    ) throws(FactError) {
        guard !reportId.isEmpty else { throw .reportIdEmpty }
        self.reportId = reportId
        self.commune = commune
        self.asOf = asOf
        self.receivedAt = receivedAt
        self.values = values
    }
}
