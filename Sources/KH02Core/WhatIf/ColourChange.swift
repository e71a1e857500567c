/// One unit whose colour differs between two scorecards. A nil side means the unit is not in that scorecard.
public struct ColourChange: Hashable, Sendable {
    public let unit: AnyUnitCode
    public let aspect: ScoreAspect
    public let before: Colour?
    public let after: Colour?

    public init(unit: AnyUnitCode, aspect: ScoreAspect, before: Colour?, after: Colour?) {
        self.unit = unit
        self.aspect = aspect
        self.before = before
        self.after = after
    }
}
