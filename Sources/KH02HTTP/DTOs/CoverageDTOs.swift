import Foundation
import KH02Core
import KH02App

/// `GET /coverage`: the national picture and one row per province.
struct CoverageDTO: Codable, Sendable {
    var asOf: Date
    var plan: PlanRefDTO
    var data: DataFreshnessDTO
    var provincesByTaskColour: ColourCounts
    var agenciesByTaskColour: ColourCounts
    var communes: CommuneTotalsDTO
    var provincesPerBand: [BandCountDTO]
    var provincesWithoutCommunes: Int
    var criteria: [CriterionCoverageDTO]
    var tasks: TaskTotalsDTO
    var provinces: [ProvinceCoverageDTO]

    init(_ scored: ScoredInstant) {
        let nation = scored.card.nation
        asOf = scored.asOf
        plan = PlanRefDTO(scored.plan)
        data = DataFreshnessDTO(scored)
        provincesByTaskColour = nation.provinceTasks
        agenciesByTaskColour = nation.agencyTasks
        communes = CommuneTotalsDTO(nation.communeReadiness)
        provincesPerBand = nation.provincesPerBand.map { BandCountDTO(key: $0.key, name: $0.name.vi, nameEn: $0.name.en, provinces: $0.provinces) }
        provincesWithoutCommunes = nation.provincesWithoutCommunes
        criteria = nation.criterionCoverage.map { CriterionCoverageDTO($0, criterion: scored.criterion($0.key)) }
        tasks = TaskTotalsDTO(
            overdue: nation.overdueTotal, atRisk: nation.atRiskTotal, completedLate: nation.completedLateTotal,
            overdueByGroup: scored.plan.taskGroups.compactMap { group in
                nation.overdueByGroup[group.code].map { GroupCountDTO(group: group.code.rawValue, name: group.name.vi, nameEn: group.name.en, tasks: $0) }
            })
        provinces = scored.card.provinces.map { ProvinceCoverageDTO($0, scored: scored) }
    }
}

/// Communes by readiness colour, with the share that is green and, for a province, its coverage band.
struct CommuneTotalsDTO: Codable, Sendable {
    var green: Int
    var yellow: Int
    var red: Int
    var noData: Int
    var total: Int
    var greenPercent: Double?
    var band: String?
    var bandName: String?
    var bandNameEn: String?

    init(_ counts: ColourCounts, band: CoverageBand? = nil) {
        green = counts.green
        yellow = counts.yellow
        red = counts.red
        noData = counts.noData
        total = counts.total
        greenPercent = counts.total > 0 ? roundedPercent(Double(counts.green) * 100 / Double(counts.total)) : nil
        self.band = band?.key
        bandName = band?.name.vi
        bandNameEn = band?.name.en
    }
}

/// Provinces in one coverage band.
struct BandCountDTO: Codable, Sendable {
    var key: String
    var name: String
    var nameEn: String
    var provinces: Int
}

/// Overdue, at-risk and late-completed task counts (owner × task pairs).
struct TaskTotalsDTO: Codable, Sendable {
    var overdue: Int
    var atRisk: Int
    var completedLate: Int
    var overdueByGroup: [GroupCountDTO]
}

/// A task group with a count of tasks.
struct GroupCountDTO: Codable, Sendable {
    var group: String
    var name: String
    var nameEn: String
    var tasks: Int
}

/// One province's row of the national table.
struct ProvinceCoverageDTO: Codable, Sendable {
    var code: String
    var name: String
    var nameEn: String
    var taskColour: String
    var communesGreen: Int
    var communesTotal: Int
    var communesNoData: Int
    var greenPercent: Double?
    var band: String?
    var bandName: String?
    /// The criteria most often reported unmet by its communes (up to three, most first).
    var mostUnmet: [CriterionCountDTO]

    init(_ score: ProvinceScore, scored: ScoredInstant) {
        let province = scored.province(score.code)
        code = score.code.rawValue
        name = province?.name.vi ?? score.code.rawValue
        nameEn = province?.name.en ?? score.code.rawValue
        taskColour = score.tasks.colour.rawValue
        communesGreen = score.coverage.green
        communesTotal = score.coverage.total
        communesNoData = score.coverage.noData
        greenPercent = score.coverage.percent.map(roundedPercent)
        band = score.coverage.band
        bandName = score.coverage.band.flatMap { key in scored.plan.coverageBands.first { $0.key == key }?.name.vi }
        mostUnmet = score.criterionCoverage.mostUnmet().map { c in
            let criterion = scored.criterion(c.key)
            return CriterionCountDTO(
                key: c.key.rawValue, name: criterion?.name.vi ?? c.key.rawValue, nameEn: criterion?.name.en ?? c.key.rawValue, communes: c.unmet)
        }
    }
}
