/// The configurable thresholds of the colour rules (defaults of DOMAIN.md; no official text sets them).
public struct ColourRules: Hashable, Sendable, Codable {
    /// Commune readiness: green = no required criterion unmet; yellow = at most `yellowMaxUnmet` unmet; red otherwise.
    public struct CommuneReadiness: Hashable, Sendable, Codable {
        public var yellowMaxUnmet: Int

        public init(yellowMaxUnmet: Int) {
            self.yellowMaxUnmet = yellowMaxUnmet
        }

        enum CodingKeys: String, CodingKey {
            case yellowMaxUnmet = "yellow_max_unmet"
        }
    }

    /// Task progress of a unit: red = a task overdue; yellow = a task due within `dueSoonDays` days and below
    /// schedule, or (when `yellowOnLateCompletion`) a task finished late; green otherwise.
    public struct TaskProgress: Hashable, Sendable, Codable {
        public var dueSoonDays: Int
        public var yellowOnLateCompletion: Bool

        public init(dueSoonDays: Int, yellowOnLateCompletion: Bool) {
            self.dueSoonDays = dueSoonDays
            self.yellowOnLateCompletion = yellowOnLateCompletion
        }

        enum CodingKeys: String, CodingKey {
            case dueSoonDays = "due_soon_days"
            case yellowOnLateCompletion = "yellow_on_late_completion"
        }
    }

    public var communeReadiness: CommuneReadiness
    public var taskProgress: TaskProgress

    public init(communeReadiness: CommuneReadiness, taskProgress: TaskProgress) {
        self.communeReadiness = communeReadiness
        self.taskProgress = taskProgress
    }

    enum CodingKeys: String, CodingKey {
        case communeReadiness = "commune_readiness"
        case taskProgress = "task_progress"
    }
}
