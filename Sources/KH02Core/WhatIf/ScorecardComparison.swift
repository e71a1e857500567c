/// The difference between two scorecards: units whose colour or band would change, and the colour counts of each
/// aspect before and after.
public struct ScorecardComparison: Hashable, Sendable {
    /// Sorted by aspect, then unit code.
    public let changes: [ColourChange]
    /// Sorted by province code.
    public let bandChanges: [BandChange]
    public let countsBefore: [ScoreAspect: ColourCounts]
    public let countsAfter: [ScoreAspect: ColourCounts]
    public let before: Scorecard
    public let after: Scorecard

    public init(
        changes: [ColourChange], bandChanges: [BandChange], countsBefore: [ScoreAspect: ColourCounts],
        countsAfter: [ScoreAspect: ColourCounts], before: Scorecard, after: Scorecard
    ) {
        self.changes = changes
        self.bandChanges = bandChanges
        self.countsBefore = countsBefore
        self.countsAfter = countsAfter
        self.before = before
        self.after = after
    }

    /// The changes of one aspect.
    public func changes(of aspect: ScoreAspect) -> [ColourChange] {
        changes.filter { $0.aspect == aspect }
    }
}
