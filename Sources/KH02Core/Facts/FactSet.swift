public import Foundation

/// Every report fact the scorer may look at; it picks, per subject, the latest one at or before `as_of`.
public struct FactSet: Hashable, Sendable {
    public var readiness: [ReadinessReport]
    public var taskStatuses: [TaskStatusReport]
    public var serviceStatistics: [ServiceStatistics]

    public init(
        readiness: [ReadinessReport] = [], taskStatuses: [TaskStatusReport] = [],
        serviceStatistics: [ServiceStatistics] = []
    ) {
        self.readiness = readiness
        self.taskStatuses = taskStatuses
        self.serviceStatistics = serviceStatistics
    }

    /// Total number of facts.
    public var count: Int { readiness.count + taskStatuses.count + serviceStatistics.count }

    /// Only the facts received at or before `instant`: what the system knew then (for "as known at" replays).
    public func received(by instant: Date) -> FactSet {
        FactSet(
            readiness: readiness.filter { $0.receivedAt <= instant },
            taskStatuses: taskStatuses.filter { $0.receivedAt <= instant },
            serviceStatistics: serviceStatistics.filter { $0.receivedAt <= instant })
    }
}
