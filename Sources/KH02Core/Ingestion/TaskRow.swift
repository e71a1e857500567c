public import Foundation

/// A validated task-status row, ready to store (status, progress and completion day already consistent).
public struct TaskRow: Hashable, Sendable {
    /// The CSV line or JSON row number (index + 1) it came from.
    public let row: Int
    public let unit: AnyUnitCode
    public let task: TaskCode
    public let asOf: Date
    public let status: TaskStatus
    /// 100 when done.
    public let progress: ProgressPercent
    public let completedOn: CivilDate?
    public let note: String?

    public init(
        row: Int, unit: AnyUnitCode, task: TaskCode, asOf: Date, status: TaskStatus, progress: ProgressPercent,
        completedOn: CivilDate?, note: String?
    ) {
        self.row = row
        self.unit = unit
        self.task = task
        self.asOf = asOf
        self.status = status
        self.progress = status == .done ? .complete : progress
        self.completedOn = completedOn
        self.note = note
    }

    /// The fact to store under `id`, received at `receivedAt`; throws for an empty id (or, for a row not made by
    /// the validator, an inconsistent completion day).
    public func report(id: String, receivedAt: Date) throws(FactError) -> TaskStatusReport {
        try TaskStatusReport(
            reportId: id, unit: unit, task: task, asOf: asOf, receivedAt: receivedAt, status: status,
            progress: progress, completedOn: completedOn)
    }
}
