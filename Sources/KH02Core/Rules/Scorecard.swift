public import Foundation

/// Everything the rules say at one instant: every commune, province and agency with colours and reasons, the
/// national summary, and the overdue, at-risk and late-completed task lists.
public struct Scorecard: Hashable, Sendable {
    public let planId: String
    public let planVersion: Int
    public let asOf: Date
    /// The Vietnam day of `asOf`.
    public let day: CivilDate
    /// Sorted by code.
    public let communes: [CommuneScore]
    /// Sorted by code.
    public let provinces: [ProvinceScore]
    /// Sorted by code.
    public let agencies: [AgencyScore]
    public let nation: NationSummary
    /// Most days overdue first, then by owner and task code.
    public let overdueTasks: [TaskFinding]
    /// Soonest deadline first, then by owner and task code.
    public let atRiskTasks: [TaskFinding]
    /// Most days late first, then by owner and task code.
    public let lateCompletions: [TaskFinding]
    public let diagnostics: ScoringDiagnostics

    public init(
        planId: String, planVersion: Int, asOf: Date, day: CivilDate, communes: [CommuneScore],
        provinces: [ProvinceScore], agencies: [AgencyScore], nation: NationSummary, overdueTasks: [TaskFinding],
        atRiskTasks: [TaskFinding], lateCompletions: [TaskFinding], diagnostics: ScoringDiagnostics
    ) {
        self.planId = planId
        self.planVersion = planVersion
        self.asOf = asOf
        self.day = day
        self.communes = communes
        self.provinces = provinces
        self.agencies = agencies
        self.nation = nation
        self.overdueTasks = overdueTasks
        self.atRiskTasks = atRiskTasks
        self.lateCompletions = lateCompletions
        self.diagnostics = diagnostics
    }

    /// The commune's score (binary search), nil when it was not valid on the scored day.
    public func commune(_ code: CommuneCode) -> CommuneScore? {
        Scorecard.find(code, in: communes, by: \.code)
    }

    /// The province's score, nil when it was not valid on the scored day.
    public func province(_ code: ProvinceCode) -> ProvinceScore? {
        Scorecard.find(code, in: provinces, by: \.code)
    }

    /// The agency's score, nil when it was not valid on the scored day.
    public func agency(_ code: AgencyCode) -> AgencyScore? {
        Scorecard.find(code, in: agencies, by: \.code)
    }

    /// The communes of one province on the scored day.
    public func communes(in province: ProvinceCode) -> [CommuneScore] {
        communes.filter { $0.province == province }
    }

    private static func find<Element, Code: Comparable>(
        _ code: Code, in sorted: [Element], by key: (Element) -> Code
    ) -> Element? {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            let k = key(sorted[mid])
            if k == code { return sorted[mid] }
            if k < code { low = mid + 1 } else { high = mid }
        }
        return nil
    }
}
