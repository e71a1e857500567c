public import Foundation

/// One plan task as seen for one owning unit at `as_of`.
public struct TaskState: Hashable, Sendable {
    /// Where the task stands.
    public enum Condition: String, Hashable, Sendable, Codable, CaseIterable {
        /// Done on or before the deadline.
        case done
        /// Done after the deadline.
        case completedLate = "completed_late"
        /// Deadline passed and not reported done.
        case overdue
        /// Due within `due_soon_days` and below schedule.
        case atRisk = "at_risk"
        /// Not done, not overdue, not at risk.
        case onTrack = "on_track"
    }

    public let task: TaskCode
    public let group: TaskGroupCode
    public let deadline: CivilDate
    public let condition: Condition
    /// The latest reported status, nil when the unit never reported on this task.
    public let status: TaskStatus?
    /// Reported progress in percent (0 when never reported).
    public let progress: Double
    /// Where a linear schedule from the task's start to its deadline says progress should be by the end of the
    /// `as_of` day, in percent.
    public let expectedProgress: Double
    /// Vietnam calendar days from the `as_of` day to the deadline (negative once passed).
    public let daysToDeadline: Int
    /// Vietnam calendar days past the deadline, for an overdue task.
    public let daysOverdue: Int?
    /// Vietnam calendar days between the deadline and completion, for a task completed late.
    public let daysLate: Int?
    public let completedOn: CivilDate?
    /// The report the status came from.
    public let reportId: String?
    public let reportAsOf: Date?

    public init(
        task: TaskCode, group: TaskGroupCode, deadline: CivilDate, condition: Condition, status: TaskStatus?,
        progress: Double, expectedProgress: Double, daysToDeadline: Int, daysOverdue: Int?, daysLate: Int?,
        completedOn: CivilDate?, reportId: String?, reportAsOf: Date?
    ) {
        self.task = task
        self.group = group
        self.deadline = deadline
        self.condition = condition
        self.status = status
        self.progress = progress
        self.expectedProgress = expectedProgress
        self.daysToDeadline = daysToDeadline
        self.daysOverdue = daysOverdue
        self.daysLate = daysLate
        self.completedOn = completedOn
        self.reportId = reportId
        self.reportAsOf = reportAsOf
    }
}
