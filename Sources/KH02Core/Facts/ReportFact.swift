public import Foundation

/// What every report fact carries: its id, the instant it describes, and when it was received.
///
/// Between two reports on the same subject the one with the later `asOf` wins; at the same `asOf` the later
/// `receivedAt`; then the larger `reportId`, so the choice never depends on input order.
public protocol ReportFact: Sendable {
    var reportId: String { get }
    /// The instant the report describes ("as of 16:00").
    var asOf: Date { get }
    /// When the report reached the system.
    var receivedAt: Date { get }
}

extension ReportFact {
    /// True when `self` supersedes `other` on the same subject.
    @inlinable
    public func supersedes(_ other: some ReportFact) -> Bool {
        if asOf != other.asOf { return asOf > other.asOf }
        if receivedAt != other.receivedAt { return receivedAt > other.receivedAt }
        return reportId > other.reportId
    }
}
