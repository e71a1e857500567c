import Foundation
import Hummingbird
import KH02Core

/// `GET /history?unit=…&from=YYYY-MM-DD&to=YYYY-MM-DD`: colour and key figures per day, scored at each day's 16:00
/// (or now for today). `unit` is a province or commune code, or absent for the nation. At most 93 days; by default
/// the 30 days up to `to` (today).
struct HistoryController: Sendable {
    let reads: ScoreReads

    static let maximumDays = 93

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("history", use: history)
    }

    @Sendable func history(_ request: Request, context: APIRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var requested: AnyUnitCode?
        if let raw = query.get("unit"), raw != "nation" {
            guard let code = AnyUnitCode(raw), code.kind != .agency else {
                throw APIError.badParameter("unit", raw, expected: "a province or commune code, or nation")
            }
            requested = code
        }
        let unit = requested
        let read = try await reads.begin(request, context: context)
        let today = CivilDate(vietnamDayOf: reads.service.now())
        let to = try Self.day(query.get("to"), name: "to") ?? today
        let from = try Self.day(query.get("from"), name: "from") ?? to.adding(days: -29)
        guard from <= to, from.days(until: to) < Self.maximumDays else {
            throw APIError.badParameter("from", from.iso, expected: "a day on or before to, at most \(Self.maximumDays) days before it")
        }
        let latest = try await reads.service.scored(at: read.instant, version: read.version)
        if let unit {
            guard latest.name(of: unit) != nil else { throw APIError.unitNotFound(unit.kind.rawValue, unit.rawValue) }
            try reads.requireDetail(read, unit: unit, scored: latest)
        }
        let variant = "\(unit?.rawValue ?? "nation")|\(from.iso)|\(to.iso)"
        return try await reads.respond(request, read: read, route: "history", variant: variant) { [reads] in
            let now = reads.service.now()
            var days: [HistoryDayDTO] = []
            for offset in 0...from.days(until: to) {
                let day = from.adding(days: offset)
                let instant = ScoreService.roundedToMinute(min(day.vietnamMidnight.addingTimeInterval(16 * 3600), now))
                guard instant >= day.vietnamMidnight else { break }
                let scored: ScoredInstant
                do {
                    scored = try await reads.service.compute(at: instant, version: read.version)
                } catch let error as APIError where error.code == "no_plan_in_effect" {
                    continue
                }
                days.append(Self.figures(of: unit, day: day, scored: scored))
            }
            return try ScoreReads.json(
                HistoryDTO(
                    unit: unit?.rawValue ?? "nation", unitKind: unit?.kind.rawValue ?? "nation", from: from.iso, to: to.iso,
                    data: DataFreshnessDTO(latest), days: days))
        }
    }

    static func figures(of unit: AnyUnitCode?, day: CivilDate, scored: ScoredInstant) -> HistoryDayDTO {
        var entry = HistoryDayDTO(day: day.iso, asOf: scored.asOf, planVersion: scored.plan.version)
        switch unit {
        case nil:
            let nation = scored.card.nation
            entry.communesGreen = nation.communesGreen
            entry.communesTotal = nation.communesTotal
            entry.greenPercent = nation.communesGreenPercent.map(roundedPercent)
            entry.provincesByTaskColour = nation.provinceTasks
            entry.overdueTasks = nation.overdueTotal
        case .province(let code):
            guard let score = scored.card.province(code) else { break }
            entry.colour = score.tasks.colour.rawValue
            entry.communesGreen = score.coverage.green
            entry.communesTotal = score.coverage.total
            entry.greenPercent = score.coverage.percent.map(roundedPercent)
            entry.band = score.coverage.band
            entry.overdueTasks = score.tasks.tasks.filter { $0.condition == .overdue }.count
        case .commune(let code):
            guard let score = scored.card.commune(code) else { break }
            entry.colour = score.colour.rawValue
            entry.unmetRequired = score.unmetRequired
            entry.reportAsOf = score.reportAsOf
        case .agency:
            break
        }
        return entry
    }

    static func day(_ text: String?, name: String) throws -> CivilDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let day = CivilDate(iso: text) else { throw APIError.badParameter(name, text, expected: "YYYY-MM-DD") }
        return day
    }
}
