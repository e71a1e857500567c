/// A province's scores: task progress, commune coverage, criterion coverage and service indicators.
public struct ProvinceScore: Hashable, Sendable {
    public let code: ProvinceCode
    public let tasks: TaskProgressScore
    public let coverage: CommuneCoverage
    /// One entry per plan criterion, in plan order.
    public let criterionCoverage: [CriterionCoverage]
    public let services: ServiceScore

    public init(
        code: ProvinceCode, tasks: TaskProgressScore, coverage: CommuneCoverage, criterionCoverage: [CriterionCoverage],
        services: ServiceScore
    ) {
        self.code = code
        self.tasks = tasks
        self.coverage = coverage
        self.criterionCoverage = criterionCoverage
        self.services = services
    }
}
