import Foundation
import KH02Core
import KH02App

/// `GET /tasks/overdue`: the overdue tasks (owner × task), most days overdue first.
struct OverdueTasksDTO: Codable, Sendable {
    var asOf: Date
    var plan: PlanRefDTO
    var data: DataFreshnessDTO
    var filters: [String: String]
    var count: Int
    var items: [OverdueTaskDTO]
}

/// One overdue task of one owning unit.
struct OverdueTaskDTO: Codable, Sendable {
    var task: String
    var title: String
    var titleEn: String
    var group: String
    var groupName: String
    var groupNameEn: String
    var owner: String
    var ownerKind: String
    var ownerName: String
    var ownerNameEn: String
    /// The province of a commune owner, the province itself, nil for an agency.
    var province: String?
    var deadline: String
    var daysOverdue: Int
    var status: String?
    /// The last reported progress in percent (0 when never reported).
    var progress: Double
    var lastReportAsOf: Date?
    var reportId: String?

    init(_ finding: TaskFinding, scored: ScoredInstant) {
        let state = finding.state
        let task = scored.task(state.task)
        let group = scored.group(state.group)
        let name = scored.name(of: finding.owner)
        self.task = state.task.rawValue
        title = task?.title.vi ?? state.task.rawValue
        titleEn = task?.title.en ?? state.task.rawValue
        self.group = state.group.rawValue
        groupName = group?.name.vi ?? state.group.rawValue
        groupNameEn = group?.name.en ?? state.group.rawValue
        owner = finding.owner.rawValue
        ownerKind = finding.owner.kind.rawValue
        ownerName = name?.vi ?? finding.owner.rawValue
        ownerNameEn = name?.en ?? finding.owner.rawValue
        switch finding.owner {
        case .province(let code): province = code.rawValue
        case .commune(let code): province = scored.units.province(of: code)?.rawValue
        case .agency: province = nil
        }
        deadline = state.deadline.iso
        daysOverdue = state.daysOverdue ?? 0
        status = state.status?.rawValue
        progress = state.progress
        lastReportAsOf = state.reportAsOf
        reportId = state.reportId
    }
}
