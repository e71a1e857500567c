/// Facts the scorer set aside, so an operator can see why a report did not count.
public struct ScoringDiagnostics: Hashable, Sendable {
    /// Reports whose `asOf` is after the scoring instant.
    public var futureFacts: Int = 0
    /// Reports about a unit not valid on the scored day.
    public var unknownUnitFacts: Int = 0
    /// Task reports about a task not in the plan version, or not owned by the reporting unit.
    public var unknownTaskFacts: Int = 0

    public init(futureFacts: Int = 0, unknownUnitFacts: Int = 0, unknownTaskFacts: Int = 0) {
        self.futureFacts = futureFacts
        self.unknownUnitFacts = unknownUnitFacts
        self.unknownTaskFacts = unknownTaskFacts
    }
}
