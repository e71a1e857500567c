public import Foundation

/// A commune's readiness colour, each criterion's state and the report behind them.
public struct CommuneScore: Hashable, Sendable {
    public let code: CommuneCode
    /// The province the commune belongs to on the scored day.
    public let province: ProvinceCode
    public let colour: Colour
    /// The deciding reason first.
    public let reasons: [Reason]
    /// Every criterion of the plan, in plan order.
    public let criteria: [CriterionResult]
    /// Required criteria unmet or unknown (for a no-data commune: all required ones).
    public let unmetRequired: Int
    /// The latest readiness report at or before `as_of` (also when it is stale), nil when none.
    public let reportId: String?
    public let reportAsOf: Date?
    /// Task progress when the plan has tasks owned by every commune, nil otherwise.
    public let tasks: TaskProgressScore?

    public init(
        code: CommuneCode, province: ProvinceCode, colour: Colour, reasons: [Reason], criteria: [CriterionResult],
        unmetRequired: Int, reportId: String?, reportAsOf: Date?, tasks: TaskProgressScore?
    ) {
        self.code = code
        self.province = province
        self.colour = colour
        self.reasons = reasons
        self.criteria = criteria
        self.unmetRequired = unmetRequired
        self.reportId = reportId
        self.reportAsOf = reportAsOf
        self.tasks = tasks
    }
}
