/// A central agency's task-progress score.
public struct AgencyScore: Hashable, Sendable {
    public let code: AgencyCode
    public let tasks: TaskProgressScore

    public init(code: AgencyCode, tasks: TaskProgressScore) {
        self.code = code
        self.tasks = tasks
    }
}
