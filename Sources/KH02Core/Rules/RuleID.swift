/// The stable identifier of the rule that produced a reason, e.g. "readiness.red.too_many_unmet".
public struct RuleID: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Commune: every required criterion met.
    public static let readinessAllMet = RuleID(rawValue: "readiness.green.all_required_met")
    /// Commune: some required criteria unmet or unknown, no more than `yellow_max_unmet`.
    public static let readinessFewUnmet = RuleID(rawValue: "readiness.yellow.unmet_within_limit")
    /// Commune: more required criteria unmet or unknown than `yellow_max_unmet`.
    public static let readinessTooManyUnmet = RuleID(rawValue: "readiness.red.too_many_unmet")
    /// Any unit: no report at or before `as_of`.
    public static let neverReported = RuleID(rawValue: "no_data.never_reported")
    /// Any unit: the latest report is older than the round allows.
    public static let staleReport = RuleID(rawValue: "no_data.stale")
    /// Task progress: the unit owns no task in this plan version.
    public static let noTasksAssigned = RuleID(rawValue: "no_data.no_tasks_assigned")
    /// Task progress: a task is past its deadline and not done.
    public static let tasksOverdue = RuleID(rawValue: "tasks.red.overdue")
    /// Task progress: a task is due within `due_soon_days` and below its linear schedule.
    public static let tasksAtRisk = RuleID(rawValue: "tasks.yellow.due_soon_behind_schedule")
    /// Task progress: a task was completed after its deadline.
    public static let tasksCompletedLate = RuleID(rawValue: "tasks.yellow.completed_late")
    /// Task progress: nothing overdue, at risk or late.
    public static let tasksOnTrack = RuleID(rawValue: "tasks.green.on_track")
    /// Tasks: owned tasks with no status report yet (counted as not started, progress 0).
    public static let tasksUnreported = RuleID(rawValue: "tasks.info.unreported")
}
