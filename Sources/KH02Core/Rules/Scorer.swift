public import Foundation

/// Scores report facts against one plan version at an instant. Pure and deterministic: the same plan, units,
/// facts and instant give the same scorecard whatever the order of the facts.
///
/// Per subject (a commune's readiness, a unit's task, a unit's monthly statistics) only the latest report at or
/// before `asOf` counts: later `asOf` wins, then later `receivedAt`, then the larger report id. Reports dated after
/// `asOf` are ignored.
public struct Scorer: Sendable {
    public let plan: PlanDefinition
    let taskIndex: [TaskCode: Int]
    /// Tasks owned by every province, by every commune, and by each agency (plan indices, plan order).
    let provinceTasks: [Int]
    let communeTasks: [Int]
    let agencyTasks: [AgencyCode: [Int]]
    /// A task's position within its owner's list.
    let taskLocal: [Int]
    let requiredCriteria: Int
    /// The reason every green commune shares but for its report id, built once (most communes are green).
    let readinessGreen: Reason
    /// Every criterion as unknown, for communes with no usable report.
    let unknownCriteria: [CriterionResult]

    /// Prepares the plan's lookups once; reuse the scorer for many instants.
    public init(plan: PlanDefinition) {
        self.plan = plan
        var taskIndex: [TaskCode: Int] = [:]
        var provinceTasks: [Int] = []
        var communeTasks: [Int] = []
        var agencyTasks: [AgencyCode: [Int]] = [:]
        var taskLocal = [Int](repeating: 0, count: plan.tasks.count)
        for (i, task) in plan.tasks.enumerated() where taskIndex[task.code] == nil {
            taskIndex[task.code] = i
            switch task.owner {
            case .everyProvince:
                taskLocal[i] = provinceTasks.count
                provinceTasks.append(i)
            case .everyCommune:
                taskLocal[i] = communeTasks.count
                communeTasks.append(i)
            case .agency(let code):
                taskLocal[i] = agencyTasks[code, default: []].count
                agencyTasks[code, default: []].append(i)
            }
        }
        self.taskIndex = taskIndex
        self.provinceTasks = provinceTasks
        self.communeTasks = communeTasks
        self.agencyTasks = agencyTasks
        self.taskLocal = taskLocal
        let required = plan.readinessCriteria.filter(\.required).count
        self.requiredCriteria = required
        self.readinessGreen = Reason(
            rule: .readinessAllMet,
            message: LocalizedText(
                vi: "Đáp ứng đủ \(required)/\(required) điều kiện bắt buộc.",
                en: "Meets all \(required) of \(required) required criteria."),
            values: ["required": Double(required), "met": Double(required), "unmet": 0, "unknown": 0],
            thresholds: ["yellow_max_unmet": Double(plan.rules.communeReadiness.yellowMaxUnmet)])
        self.unknownCriteria = plan.readinessCriteria.map {
            CriterionResult(
                key: $0.key, required: $0.required, state: .unknown, value: nil, threshold: $0.threshold, reportId: nil)
        }
    }

    /// Scores with the plan version of `catalog` effective at `asOf` (optionally only plan `planId`); nil when no
    /// version is effective yet.
    public static func score(
        catalog: PlanCatalog, planId: String? = nil, facts: FactSet, directory: UnitDirectory, asOf: Date
    ) -> Scorecard? {
        guard let plan = catalog.effective(at: asOf, id: planId) else { return nil }
        return Scorer(plan: plan).score(facts, directory: directory, asOf: asOf)
    }

    /// Scores with the units valid on the Vietnam day of `asOf`.
    public func score(_ facts: FactSet, directory: UnitDirectory, asOf: Date) -> Scorecard {
        score(facts, units: directory.snapshot(at: asOf), asOf: asOf)
    }

    /// Scores with an already-resolved set of units (the snapshot should be of the Vietnam day of `asOf`).
    public func score(_ facts: FactSet, units: UnitSnapshot, asOf: Date) -> Scorecard {
        var diagnostics = ScoringDiagnostics()
        let day = CivilDate(vietnamDayOf: asOf)
        var provinceIndex: [ProvinceCode: Int] = [:]
        provinceIndex.reserveCapacity(units.provinces.count)
        for (i, province) in units.provinces.enumerated() { provinceIndex[province.code] = i }
        // Each commune's province position on this day, -1 when its province is not valid then.
        let communeProvince = units.communes.map { provinceIndex[$0.provinceCode] ?? -1 }

        let communeScores = scoreCommunes(facts.readiness, units: units, asOf: asOf, diagnostics: &diagnostics)
        var findings = Findings()
        let tasks = scoreTasks(
            facts.taskStatuses, units: units, provinceIndex: provinceIndex, asOf: asOf, day: day,
            diagnostics: &diagnostics, findings: &findings)
        let services = scoreServices(
            facts.serviceStatistics, units: units, provinceIndex: provinceIndex, communeProvince: communeProvince,
            asOf: asOf, diagnostics: &diagnostics)

        var communes: [CommuneScore] = []
        communes.reserveCapacity(units.communes.count)
        for (i, commune) in units.communes.enumerated() {
            let readiness = communeScores[i]
            communes.append(
                CommuneScore(
                    code: commune.code, province: commune.provinceCode, colour: readiness.colour,
                    reasons: readiness.reasons, criteria: readiness.criteria, unmetRequired: readiness.unmetRequired,
                    reportId: readiness.reportId, reportAsOf: readiness.reportAsOf,
                    tasks: communeTasks.isEmpty ? nil : tasks.communes[i]))
        }

        let coverage = coverageByProvince(communes: communes, communeProvince: communeProvince, provinces: units.provinces.count)
        var provinces: [ProvinceScore] = []
        provinces.reserveCapacity(units.provinces.count)
        for (i, province) in units.provinces.enumerated() {
            provinces.append(
                ProvinceScore(
                    code: province.code, tasks: tasks.provinces[i], coverage: coverage.coverage[i],
                    criterionCoverage: coverage.criteria[i], services: services[i]))
        }
        let agencies = units.agencies.enumerated().map { i, agency in
            AgencyScore(code: agency.code, tasks: tasks.agencies[i])
        }
        findings.sort()
        let nation = nationSummary(
            communes: communes, provinces: provinces, agencies: agencies, findings: findings)
        return Scorecard(
            planId: plan.id, planVersion: plan.version, asOf: asOf, day: day, communes: communes,
            provinces: provinces, agencies: agencies, nation: nation, overdueTasks: findings.overdue,
            atRiskTasks: findings.atRisk, lateCompletions: findings.late, diagnostics: diagnostics)
    }
}
