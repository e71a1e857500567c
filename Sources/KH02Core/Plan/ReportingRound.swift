public import Foundation

/// How often one kind of report is expected, and when its latest report is too old to be trusted.
///
/// A report is **stale** at `asOf` when it was made before `staleBefore(asOf:)`: the latest cut-off at or
/// before `asOf` (e.g. 16:00 Vietnam today, or yesterday before 16:00) minus `staleAfterDays` whole days.
public struct ReportingRound: Hashable, Sendable, Codable {
    /// How often reports are expected.
    public enum Cadence: String, Hashable, Sendable, Codable, CaseIterable {
        case daily
        case weekly
        case monthly
    }

    public var cadence: Cadence
    /// The round's cut-off in Vietnam time ("as of 16:00").
    public var cutoff: TimeOfDay
    /// A report older than this many days before the latest cut-off is stale; at least 1.
    public var staleAfterDays: Int

    public init(cadence: Cadence, cutoff: TimeOfDay, staleAfterDays: Int) {
        self.cadence = cadence
        self.cutoff = cutoff
        self.staleAfterDays = staleAfterDays
    }

    enum CodingKeys: String, CodingKey {
        case cadence
        case cutoff
        case staleAfterDays = "stale_after_days"
    }

    /// The latest cut-off instant at or before `instant` (cut-offs fall every Vietnam day at `cutoff`).
    public func latestCutoff(atOrBefore instant: Date) -> Date {
        let day = CivilDate(vietnamDayOf: instant)
        let today = day.vietnamMidnight.addingTimeInterval(TimeInterval(cutoff.secondsSinceMidnight))
        return today <= instant ? today : today.addingTimeInterval(-86_400)
    }

    /// Reports made before this instant are stale at `asOf`.
    public func staleBefore(asOf: Date) -> Date {
        latestCutoff(atOrBefore: asOf).addingTimeInterval(-86_400 * TimeInterval(staleAfterDays))
    }
}
