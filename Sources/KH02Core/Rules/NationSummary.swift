/// The national picture: the counts a "as of 16:00" summary reports.
public struct NationSummary: Hashable, Sendable {
    /// Provinces by task-progress colour.
    public let provinceTasks: ColourCounts
    /// Central agencies by task-progress colour.
    public let agencyTasks: ColourCounts
    /// Communes by readiness colour.
    public let communeReadiness: ColourCounts
    /// Green communes × 100 ÷ communes, nil when there is none.
    public let communesGreenPercent: Double?
    /// Provinces per coverage band, in plan order.
    public let provincesPerBand: [BandCount]
    /// Provinces without any commune on the scored day (in no band).
    public let provincesWithoutCommunes: Int
    /// Share of all communes meeting each criterion, in plan order.
    public let criterionCoverage: [CriterionCoverage]
    /// Overdue tasks (owner × task pairs) per task group.
    public let overdueByGroup: [TaskGroupCode: Int]
    /// Overdue tasks per owning unit.
    public let overdueByOwner: [AnyUnitCode: Int]
    public let overdueTotal: Int
    public let atRiskTotal: Int
    public let completedLateTotal: Int

    public init(
        provinceTasks: ColourCounts, agencyTasks: ColourCounts, communeReadiness: ColourCounts,
        communesGreenPercent: Double?, provincesPerBand: [BandCount], provincesWithoutCommunes: Int,
        criterionCoverage: [CriterionCoverage], overdueByGroup: [TaskGroupCode: Int],
        overdueByOwner: [AnyUnitCode: Int], overdueTotal: Int, atRiskTotal: Int, completedLateTotal: Int
    ) {
        self.provinceTasks = provinceTasks
        self.agencyTasks = agencyTasks
        self.communeReadiness = communeReadiness
        self.communesGreenPercent = communesGreenPercent
        self.provincesPerBand = provincesPerBand
        self.provincesWithoutCommunes = provincesWithoutCommunes
        self.criterionCoverage = criterionCoverage
        self.overdueByGroup = overdueByGroup
        self.overdueByOwner = overdueByOwner
        self.overdueTotal = overdueTotal
        self.atRiskTotal = atRiskTotal
        self.completedLateTotal = completedLateTotal
    }

    /// Communes that are green.
    public var communesGreen: Int { communeReadiness.green }
    /// Communes scored.
    public var communesTotal: Int { communeReadiness.total }
}
