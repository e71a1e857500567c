/// The reported state of a task.
public enum TaskStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case done
}
