import Foundation
import Hummingbird
import KH02Core
import KH02App

/// `GET /tasks/overdue` and `GET /tasks/overdue.csv` (for Excel), filtered by `group`, `owner` (a unit code) and
/// `province` (the province and its communes). Part of the national picture: every reader may see it.
struct TaskScoresController: Sendable {
    let reads: ScoreReads

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("tasks/overdue", use: overdue)
        group.get("tasks/overdue.csv", use: overdueCSV)
    }

    /// The filters of the query, checked.
    struct Filters: Sendable {
        var group: TaskGroupCode?
        var owner: AnyUnitCode?
        var province: ProvinceCode?

        init(_ request: Request) throws {
            let query = request.uri.queryParameters
            if let raw = query.get("group") {
                guard let code = TaskGroupCode(rawValue: raw) else { throw APIError.badParameter("group", raw, expected: "a task group code") }
                group = code
            }
            if let raw = query.get("owner") {
                guard let code = AnyUnitCode(raw) else { throw APIError.badParameter("owner", raw, expected: "a province, commune or agency code") }
                owner = code
            }
            if let raw = query.get("province") {
                guard let code = ProvinceCode(rawValue: raw) else { throw APIError.malformedProvinceCode(raw) }
                province = code
            }
        }

        var variant: String { "\(group?.rawValue ?? "")|\(owner?.rawValue ?? "")|\(province?.rawValue ?? "")" }

        var asDictionary: [String: String] {
            var result: [String: String] = [:]
            result["group"] = group?.rawValue
            result["owner"] = owner?.rawValue
            result["province"] = province?.rawValue
            return result
        }

        func items(_ scored: ScoredInstant) -> [OverdueTaskDTO] {
            scored.card.overdueTasks.lazy
                .filter { group == nil || $0.state.group == group }
                .filter { owner == nil || $0.owner == owner }
                .map { OverdueTaskDTO($0, scored: scored) }
                .filter { province == nil || $0.province == province?.rawValue }
        }
    }

    @Sendable func overdue(_ request: Request, context: APIRequestContext) async throws -> Response {
        let filters = try Filters(request)
        let read = try await reads.begin(request, context: context)
        return try await reads.respond(request, read: read, route: "tasks/overdue", variant: filters.variant) { [reads] in
            let scored = try await reads.scoring.scored(at: read.instant, version: read.version)
            let items = filters.items(scored)
            return try ScoreReads.json(
                OverdueTasksDTO(
                    asOf: scored.asOf, plan: PlanRefDTO(scored.plan), data: DataFreshnessDTO(scored), filters: filters.asDictionary,
                    count: items.count, items: items))
        }
    }

    @Sendable func overdueCSV(_ request: Request, context: APIRequestContext) async throws -> Response {
        let filters = try Filters(request)
        let read = try await reads.begin(request, context: context)
        let name = "kh02-nhiem-vu-qua-han-\(CivilDate(vietnamDayOf: read.instant).iso).csv"
        return try await reads.respond(
            request, read: read, route: "tasks/overdue.csv", variant: filters.variant, contentType: CSVExport.contentType, filename: name
        ) { [reads] in
            let scored = try await reads.scoring.scored(at: read.instant, version: read.version)
            var csv = CSVExport(header: [
                "Mã nhiệm vụ", "Nhiệm vụ", "Nhóm nhiệm vụ", "Mã đơn vị chủ trì", "Đơn vị chủ trì", "Hạn hoàn thành", "Số ngày quá hạn",
                "Tiến độ báo cáo gần nhất (%)", "Thời điểm báo cáo gần nhất", "Thời điểm số liệu",
            ])
            for item in filters.items(scored) {
                csv.append([
                    item.task, item.title, item.groupName, item.owner, item.ownerName, CivilDate(iso: item.deadline)?.vietnamese ?? item.deadline,
                    String(item.daysOverdue), CSVExport.number(item.progress), CSVExport.vietnameseTime(item.lastReportAsOf),
                    CSVExport.vietnameseTime(scored.asOf),
                ])
            }
            return csv.data
        }
    }
}
