/// The plan's reporting rounds: commune readiness, task status and service statistics.
public struct ReportingSchedule: Hashable, Sendable, Codable {
    public var readiness: ReportingRound
    public var tasks: ReportingRound
    public var serviceStatistics: ReportingRound

    public init(readiness: ReportingRound, tasks: ReportingRound, serviceStatistics: ReportingRound) {
        self.readiness = readiness
        self.tasks = tasks
        self.serviceStatistics = serviceStatistics
    }

    enum CodingKeys: String, CodingKey {
        case readiness
        case tasks
        case serviceStatistics = "service_statistics"
    }
}
