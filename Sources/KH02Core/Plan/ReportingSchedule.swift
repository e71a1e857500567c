/// The plan's reporting rounds: commune readiness, task status and service statistics, and how many readiness
/// reports a commune may make in one day.
public struct ReportingSchedule: Hashable, Sendable, Codable {
    public var readiness: ReportingRound
    public var tasks: ReportingRound
    public var serviceStatistics: ReportingRound
    /// The most readiness reports one commune may have for one Vietnam day (by their as-of), all uploads together:
    /// every score read sorts the last two days' reports, so an unbounded number would slow them all. 1 to 1000;
    /// `max_reports_per_day` in JSON, 24 when absent.
    public var maxReportsPerDay: Int

    /// The default of `maxReportsPerDay`.
    public static let defaultMaxReportsPerDay = 24
    /// The values `maxReportsPerDay` may take.
    public static let maxReportsPerDayRange = 1...1000

    public init(
        readiness: ReportingRound, tasks: ReportingRound, serviceStatistics: ReportingRound,
        maxReportsPerDay: Int = ReportingSchedule.defaultMaxReportsPerDay
    ) {
        self.readiness = readiness
        self.tasks = tasks
        self.serviceStatistics = serviceStatistics
        self.maxReportsPerDay = maxReportsPerDay
    }

    enum CodingKeys: String, CodingKey {
        case readiness
        case tasks
        case serviceStatistics = "service_statistics"
        case maxReportsPerDay = "max_reports_per_day"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        readiness = try container.decode(ReportingRound.self, forKey: .readiness)
        tasks = try container.decode(ReportingRound.self, forKey: .tasks)
        serviceStatistics = try container.decode(ReportingRound.self, forKey: .serviceStatistics)
        // Optional, so plan documents written before it existed still read.
        maxReportsPerDay = try container.decodeIfPresent(Int.self, forKey: .maxReportsPerDay) ?? Self.defaultMaxReportsPerDay
    }
}
