/// A task of one owning unit that is overdue, at risk or was completed late (for national lists).
public struct TaskFinding: Hashable, Sendable {
    public let owner: AnyUnitCode
    public let state: TaskState

    public init(owner: AnyUnitCode, state: TaskState) {
        self.owner = owner
        self.state = state
    }
}
