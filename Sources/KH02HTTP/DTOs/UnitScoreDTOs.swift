import Foundation
import KH02Core
import KH02App

/// `GET /provinces/{code}`: one province with its colours and reasons, communes, criteria, services and tasks.
struct ProvinceScoreDTO: Codable, Sendable {
    var asOf: Date
    var plan: PlanRefDTO
    var data: DataFreshnessDTO
    var province: ProvinceDTO
    var taskColour: String
    var taskReasons: [ReasonDTO]
    var lastTaskReportAsOf: Date?
    var coverage: CommuneTotalsDTO
    var criteria: [CriterionCoverageDTO]
    var services: ServiceScoreDTO
    var tasks: [TaskStateDTO]
    var communes: [CommuneRowDTO]

    init(_ score: ProvinceScore, province: Province, scored: ScoredInstant) {
        asOf = scored.asOf
        plan = PlanRefDTO(scored.plan)
        data = DataFreshnessDTO(scored)
        let communes = scored.card.communes(in: score.code)
        self.province = ProvinceDTO(province, communeCount: communes.count)
        taskColour = score.tasks.colour.rawValue
        taskReasons = score.tasks.reasons.map(ReasonDTO.init)
        lastTaskReportAsOf = score.tasks.lastReportAsOf
        coverage = CommuneTotalsDTO(
            score.coverage.colours, band: score.coverage.band.flatMap { key in scored.plan.coverageBands.first { $0.key == key } })
        criteria = score.criterionCoverage.map { CriterionCoverageDTO($0, criterion: scored.criterion($0.key)) }
        services = ServiceScoreDTO(score.services, plan: scored.plan)
        tasks = score.tasks.tasks.map { TaskStateDTO($0, task: scored.task($0.task)) }
        self.communes = communes.map { CommuneRowDTO($0, scored: scored) }
    }
}

/// One commune in its province's list.
struct CommuneRowDTO: Codable, Sendable {
    var code: String
    var name: String
    var nameEn: String
    var colour: String
    var unmetRequired: Int
    var unmet: [String]
    var unknown: [String]
    var lastReportAsOf: Date?
    var reportId: String?

    init(_ score: CommuneScore, scored: ScoredInstant) {
        let commune = scored.commune(score.code)
        code = score.code.rawValue
        name = commune?.name.vi ?? score.code.rawValue
        nameEn = commune?.name.en ?? score.code.rawValue
        colour = score.colour.rawValue
        unmetRequired = score.unmetRequired
        unmet = score.criteria.filter { $0.state == .unmet }.map(\.key.rawValue)
        unknown = score.reportId == nil ? [] : score.criteria.filter { $0.state == .unknown }.map(\.key.rawValue)
        lastReportAsOf = score.reportAsOf
        reportId = score.reportId
    }
}

/// `GET /communes/{code}`: one commune's colour, each criterion with its value and source report, and its reports.
struct CommuneScoreDTO: Codable, Sendable {
    var asOf: Date
    var plan: PlanRefDTO
    var data: DataFreshnessDTO
    var commune: CommuneDTO
    var province: ProvinceRefDTO
    var colour: String
    var reasons: [ReasonDTO]
    var unmetRequired: Int
    var criteria: [CriterionResultDTO]
    var lastReport: ReportRefDTO?
    /// The commune's readiness reports up to `as_of`, newest first.
    var history: [ReadinessHistoryDTO]
}

/// A province named by code.
struct ProvinceRefDTO: Codable, Sendable {
    var code: String
    var name: String
    var nameEn: String
}

/// A report: its id, the instant it describes and when it was received.
struct ReportRefDTO: Codable, Sendable {
    var reportId: String
    var asOf: Date
    var receivedAt: Date?
}

/// One criterion of one commune.
struct CriterionResultDTO: Codable, Sendable {
    var key: String
    var name: String
    var nameEn: String
    var kind: String
    var required: Bool
    var state: String
    var value: CriterionValueDTO?
    var threshold: Double?
    var reportId: String?
    var reportAsOf: Date?
    var receivedAt: Date?

    init(_ result: CriterionResult, criterion: ReadinessCriterion?, report: ReadinessReport?) {
        key = result.key.rawValue
        name = criterion?.name.vi ?? result.key.rawValue
        nameEn = criterion?.name.en ?? result.key.rawValue
        kind = criterion?.kind.rawValue ?? result.value?.kind.rawValue ?? ""
        required = result.required
        state = result.state.rawValue
        value = result.value.map(CriterionValueDTO.init)
        threshold = result.threshold
        reportId = result.reportId
        let source = result.reportId != nil && report?.reportId == result.reportId ? report : nil
        reportAsOf = source?.asOf
        receivedAt = source?.receivedAt
    }
}

/// One past readiness report of a commune and the colour it gave under the plan in effect then.
struct ReadinessHistoryDTO: Codable, Sendable {
    var reportId: String
    var asOf: Date
    var receivedAt: Date
    var colour: String
    var unmetRequired: Int
    var values: [String: CriterionValueDTO]
}
