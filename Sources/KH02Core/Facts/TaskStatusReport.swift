public import Foundation

/// A unit's report on one plan task: status, progress (0–100) and, when done, the Vietnam day it was completed.
public struct TaskStatusReport: ReportFact, Hashable {
    public let reportId: String
    /// The reporting unit: the agency, province or commune that owns the task.
    public let unit: AnyUnitCode
    public let task: TaskCode
    public let asOf: Date
    public let receivedAt: Date
    public let status: TaskStatus
    /// Progress; a done task always has 100.
    public let progress: ProgressPercent
    public let completedOn: CivilDate?

    /// Builds the report. Throws when the report id is empty, when a done task lacks `completedOn` (or another
    /// status has one), or when the completion day is after the Vietnam day of `asOf`.
    public init(
        reportId: String, unit: AnyUnitCode, task: TaskCode, asOf: Date, receivedAt: Date, status: TaskStatus,
        progress: ProgressPercent, completedOn: CivilDate? = nil
    ) throws(FactError) {
        guard !reportId.isEmpty else { throw .reportIdEmpty }
        switch (status, completedOn) {
        case (.done, nil): throw .completionMissing
        case (.done, .some(let day)) where day > CivilDate(vietnamDayOf: asOf): throw .completionAfterReport
        case (.notStarted, .some), (.inProgress, .some): throw .completionNotAllowed
        default: break
        }
        self.reportId = reportId
        self.unit = unit
        self.task = task
        self.asOf = asOf
        self.receivedAt = receivedAt
        self.status = status
        self.progress = status == .done ? .complete : progress
        self.completedOn = completedOn
    }

    /// Convenience: builds the progress from a plain number first (throws when outside 0–100).
    public init(
        reportId: String, unit: AnyUnitCode, task: TaskCode, asOf: Date, receivedAt: Date, status: TaskStatus,
        percent: Double, completedOn: CivilDate? = nil
    ) throws(FactError) {
        try self.init(
            reportId: reportId, unit: unit, task: task, asOf: asOf, receivedAt: receivedAt, status: status,
            progress: try ProgressPercent(percent), completedOn: completedOn)
    }
}
