public import Foundation

/// A unit's task-progress colour with its reasons and the state of every task it owns.
public struct TaskProgressScore: Hashable, Sendable {
    public let colour: Colour
    /// The deciding reason first, then any further findings.
    public let reasons: [Reason]
    public let tasks: [TaskState]
    /// The `asOf` of the unit's latest task report at or before the scoring instant.
    public let lastReportAsOf: Date?

    public init(colour: Colour, reasons: [Reason], tasks: [TaskState], lastReportAsOf: Date?) {
        self.colour = colour
        self.reasons = reasons
        self.tasks = tasks
        self.lastReportAsOf = lastReportAsOf
    }
}
