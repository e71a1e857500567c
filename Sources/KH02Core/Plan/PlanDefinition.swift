public import Foundation

/// One version of the plan as data: tasks, readiness criteria, service indicators, reporting rounds and colour
/// rules. Decoded from the JSON format documented in docs/PLAN-FORMAT.md; check it with `PlanValidator`.
public struct PlanDefinition: Hashable, Sendable, Codable {
    /// The plan's stable identifier, e.g. "kh02"; versions of one plan share it.
    public var id: String
    /// The version number, from 1; a later version replaces an earlier one from its `effectiveFrom`.
    public var version: Int
    /// The Vietnam day from which this version applies (from 00:00 +07:00).
    public var effectiveFrom: CivilDate
    /// The time zone of every civil date in the plan; only "Asia/Ho_Chi_Minh" is supported.
    public var timezone: String
    public var title: LocalizedText
    /// The document the plan rests on.
    public var source: String
    public var phases: [PlanPhase]
    public var reporting: ReportingSchedule
    public var taskGroups: [TaskGroup]
    public var tasks: [PlanTask]
    public var readinessCriteria: [ReadinessCriterion]
    public var serviceIndicators: [ServiceIndicator]
    public var rules: ColourRules
    public var coverageBands: [CoverageBand]

    public init(
        id: String, version: Int, effectiveFrom: CivilDate, timezone: String = PlanDefinition.vietnamTimeZone,
        title: LocalizedText, source: String, phases: [PlanPhase] = [], reporting: ReportingSchedule,
        taskGroups: [TaskGroup], tasks: [PlanTask], readinessCriteria: [ReadinessCriterion],
        serviceIndicators: [ServiceIndicator], rules: ColourRules, coverageBands: [CoverageBand]
    ) {
        self.id = id
        self.version = version
        self.effectiveFrom = effectiveFrom
        self.timezone = timezone
        self.title = title
        self.source = source
        self.phases = phases
        self.reporting = reporting
        self.taskGroups = taskGroups
        self.tasks = tasks
        self.readinessCriteria = readinessCriteria
        self.serviceIndicators = serviceIndicators
        self.rules = rules
        self.coverageBands = coverageBands
    }

    /// The only supported time zone (UTC+7, no daylight saving).
    public static let vietnamTimeZone = "Asia/Ho_Chi_Minh"

    enum CodingKeys: String, CodingKey {
        case id
        case version
        case effectiveFrom = "effective_from"
        case timezone
        case title
        case source
        case phases
        case reporting
        case taskGroups = "task_groups"
        case tasks
        case readinessCriteria = "readiness_criteria"
        case serviceIndicators = "service_indicators"
        case rules
        case coverageBands = "coverage_bands"
    }

    /// The instant this version starts to apply: 00:00 in Vietnam on `effectiveFrom`.
    public var effectiveInstant: Date { effectiveFrom.vietnamMidnight }

    /// Decodes a plan from its JSON document (no semantic checks: use `PlanValidator.validate(json:)` for those).
    public static func decode(json: Data) throws -> PlanDefinition {
        try JSONDecoder().decode(PlanDefinition.self, from: json)
    }

    /// Encodes the plan as pretty-printed JSON with sorted keys.
    public func encodedJSON() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
