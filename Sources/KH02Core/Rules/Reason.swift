/// Why a unit got its colour: the rule, a message in Vietnamese and English, the values and thresholds compared,
/// the tasks or criteria at fault and the reports behind them.
public struct Reason: Hashable, Sendable, Codable {
    public var rule: RuleID
    public var message: LocalizedText
    /// Named values the rule looked at, e.g. ["unmet": 2, "required": 6].
    public var values: [String: Double]
    /// Named thresholds from the plan, e.g. ["yellow_max_unmet": 1].
    public var thresholds: [String: Double]
    public var tasks: [TaskCode]
    public var criteria: [CriterionKey]
    public var reportIds: [String]

    public init(
        rule: RuleID, message: LocalizedText, values: [String: Double] = [:], thresholds: [String: Double] = [:],
        tasks: [TaskCode] = [], criteria: [CriterionKey] = [], reportIds: [String] = []
    ) {
        self.rule = rule
        self.message = message
        self.values = values
        self.thresholds = thresholds
        self.tasks = tasks
        self.criteria = criteria
        self.reportIds = reportIds
    }

    enum CodingKeys: String, CodingKey {
        case rule
        case message
        case values
        case thresholds
        case tasks
        case criteria
        case reportIds = "report_ids"
    }
}
