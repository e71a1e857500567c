import Foundation
import KH02Core
import KH02App

/// The plan version an answer was scored with.
struct PlanRefDTO: Codable, Sendable {
    var id: String
    var version: Int
    var title: String
    var titleEn: String

    init(_ plan: PlanDefinition) {
        id = plan.id
        version = plan.version
        title = plan.title.vi
        titleEn = plan.title.en
    }
}

/// How fresh the data behind an answer is.
struct DataFreshnessDTO: Codable, Sendable {
    /// The upload counter: grows with every stored upload.
    var version: Int64
    var lastUploadAt: Date?
    /// The newest `as_of` among the reports that count at the scored instant.
    var latestReportAsOf: Date?

    init(_ scored: ScoredInstant) {
        version = scored.version.reports
        lastUploadAt = scored.version.lastUploadAt
        latestReportAsOf = scored.latestReportAsOf
    }
}

/// Why a unit has its colour.
struct ReasonDTO: Codable, Sendable {
    var rule: String
    var message: String
    var messageEn: String
    var values: [String: Double]
    var thresholds: [String: Double]
    var tasks: [String]
    var criteria: [String]
    var reportIds: [String]

    init(_ reason: Reason) {
        rule = reason.rule.rawValue
        message = reason.message.vi
        messageEn = reason.message.en
        values = reason.values
        thresholds = reason.thresholds
        tasks = reason.tasks.map(\.rawValue)
        criteria = reason.criteria.map(\.rawValue)
        reportIds = reason.reportIds
    }
}

/// How many communes meet one criterion.
struct CriterionCoverageDTO: Codable, Sendable {
    var key: String
    var name: String
    var nameEn: String
    var required: Bool
    var met: Int
    var unmet: Int
    var unknown: Int
    var total: Int
    var percent: Double?

    init(_ coverage: CriterionCoverage, criterion: ReadinessCriterion?) {
        key = coverage.key.rawValue
        name = criterion?.name.vi ?? coverage.key.rawValue
        nameEn = criterion?.name.en ?? coverage.key.rawValue
        required = criterion?.required ?? false
        met = coverage.met
        unmet = coverage.unmet
        unknown = coverage.unknown
        total = coverage.total
        percent = coverage.percent.map(roundedPercent)
    }
}

/// A commune count for one criterion (e.g. communes not meeting it).
struct CriterionCountDTO: Codable, Sendable {
    var key: String
    var name: String
    var nameEn: String
    var communes: Int
}

/// A reported criterion value: `true`/`false`, a share 0–1, or a count.
enum CriterionValueDTO: Codable, Sendable {
    case boolean(Bool)
    case number(Double)
    case count(Int)

    init(_ value: CriterionValue) {
        switch value.storage {
        case .boolean(let b): self = .boolean(b)
        case .ratio(let r): self = .number(r)
        case .count(let c): self = .count(c)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let b = try? container.decode(Bool.self) {
            self = .boolean(b)
        } else if let c = try? container.decode(Int.self) {
            self = .count(c)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .boolean(let b): try container.encode(b)
        case .number(let d): try container.encode(d)
        case .count(let c): try container.encode(c)
        }
    }
}

/// One task of one owning unit at the scored instant.
struct TaskStateDTO: Codable, Sendable {
    var task: String
    var title: String
    var titleEn: String
    var group: String
    var deadline: String
    var condition: String
    var status: String?
    var progress: Double
    var expectedProgress: Double
    var daysToDeadline: Int
    var daysOverdue: Int?
    var daysLate: Int?
    var completedOn: String?
    var reportId: String?
    var reportAsOf: Date?

    init(_ state: TaskState, task plan: PlanTask?) {
        task = state.task.rawValue
        title = plan?.title.vi ?? state.task.rawValue
        titleEn = plan?.title.en ?? state.task.rawValue
        group = state.group.rawValue
        deadline = state.deadline.iso
        condition = state.condition.rawValue
        status = state.status?.rawValue
        progress = state.progress
        expectedProgress = roundedPercent(state.expectedProgress)
        daysToDeadline = state.daysToDeadline
        daysOverdue = state.daysOverdue
        daysLate = state.daysLate
        completedOn = state.completedOn?.iso
        reportId = state.reportId
        reportAsOf = state.reportAsOf
    }
}

/// A unit's monthly public-service counts.
struct ServiceCountsDTO: Codable, Sendable {
    var received: Int
    var receivedOnline: Int
    var receivedInPerson: Int
    var receivedByPost: Int
    var carriedOver: Int
    var resolved: Int
    var resolvedOnTime: Int
    var resolvedLate: Int
    var pendingWithinDeadline: Int
    var pendingOverdue: Int
    var syncedToPortal: Int
    var withFee: Int
    var paidOnline: Int
    var electronicResults: Int

    init(_ c: ServiceCounts) {
        received = c.received
        receivedOnline = c.receivedOnline
        receivedInPerson = c.receivedInPerson
        receivedByPost = c.receivedByPost
        carriedOver = c.carriedOver
        resolved = c.resolved
        resolvedOnTime = c.resolvedOnTime
        resolvedLate = c.resolvedLate
        pendingWithinDeadline = c.pendingWithinDeadline
        pendingOverdue = c.pendingOverdue
        syncedToPortal = c.syncedToPortal
        withFee = c.withFee
        paidOnline = c.paidOnline
        electronicResults = c.electronicResults
    }
}

/// One service indicator against its target.
struct IndicatorDTO: Codable, Sendable {
    var key: String
    var name: String
    var nameEn: String
    var value: Double?
    var target: Double?
    var meetsTarget: Bool?

    init(_ result: IndicatorResult, plan: PlanDefinition) {
        let indicator = plan.serviceIndicators.first { $0.key == result.key }
        key = result.key.rawValue
        name = indicator?.name.vi ?? result.key.rawValue
        nameEn = indicator?.name.en ?? result.key.rawValue
        value = result.value.map { ($0 * 10_000).rounded() / 10_000 }
        target = result.target
        meetsTarget = result.meetsTarget
    }
}

/// A province's service indicators for one month.
struct ServiceScoreDTO: Codable, Sendable {
    var freshness: String
    var month: String?
    /// "province" (its own report) or "communes" (the sum of its communes' reports).
    var source: String?
    var communesAggregated: Int?
    var counts: ServiceCountsDTO?
    var indicators: [IndicatorDTO]
    var reasons: [ReasonDTO]

    init(_ score: ServiceScore, plan: PlanDefinition) {
        freshness = score.freshness.rawValue
        month = score.month?.description
        source = score.counts == nil ? nil : (score.communesAggregated == nil ? "province" : "communes")
        communesAggregated = score.communesAggregated
        counts = score.counts.map(ServiceCountsDTO.init)
        indicators = score.indicators.map { IndicatorDTO($0, plan: plan) }
        reasons = score.reasons.map(ReasonDTO.init)
    }
}

/// A percentage rounded to two decimals, for display.
func roundedPercent(_ value: Double) -> Double { (value * 100).rounded() / 100 }
