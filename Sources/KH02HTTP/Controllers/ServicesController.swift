import Foundation
import Hummingbird
import KH02Core
import KH02App

/// `GET /services[?month=YYYY-MM&sort=<indicator>&order=asc|desc]`: service indicators per province, lowest
/// first by default (sorted by the online application rate unless told otherwise; provinces without a value last).
struct ServicesController: Sendable {
    let reads: ScoreReads

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("services", use: services)
    }

    @Sendable func services(_ request: Request, context: APIRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var requested: ReportMonth?
        if let raw = query.get("month") {
            let parts = raw.split(separator: "-")
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let m = Int(parts[1]),
                let value = try? ReportMonth(year: year, month: m)
            else { throw APIError.badParameter("month", raw, expected: "YYYY-MM") }
            requested = value
        }
        let sortText = query.get("sort") ?? ServiceIndicator.Formula.onlineApplicationRate.rawValue
        guard let sort = ServiceIndicator.Formula(rawValue: sortText) else {
            throw APIError.badParameter(
                "sort", sortText, expected: ServiceIndicator.Formula.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let order = query.get("order") ?? "asc"
        guard order == "asc" || order == "desc" else { throw APIError.badParameter("order", order, expected: "asc or desc") }
        let month = requested
        let read = try await reads.begin(request, context: context)
        let variant = "\(month?.description ?? "")|\(sort.rawValue)|\(order)"
        return try await reads.respond(request, read: read, route: "services", variant: variant) { [reads] in
            let scored = try await reads.scoring.scored(at: read.instant, version: read.version)
            let byMonth = month.map { Self.monthScores($0, scored: scored) }
            var items = scored.card.provinces.map { score in
                let province = scored.province(score.code)
                return ProvinceServicesDTO(
                    code: score.code.rawValue, name: province?.name.vi ?? "", nameEn: province?.name.en ?? "",
                    services: ServiceScoreDTO(byMonth?[score.code] ?? score.services, plan: scored.plan))
            }
            let key = sort.rawValue
            func value(_ item: ProvinceServicesDTO) -> Double? { item.services.indicators.first { $0.key == key }?.value }
            items.sort { a, b in
                switch (value(a), value(b)) {
                case (let x?, let y?): x != y ? (order == "asc" ? x < y : x > y) : a.code < b.code
                case (.some, nil): true
                case (nil, .some): false
                case (nil, nil): a.code < b.code
                }
            }
            return try ScoreReads.json(
                ServicesDTO(
                    asOf: scored.asOf, plan: PlanRefDTO(scored.plan), data: DataFreshnessDTO(scored), month: month?.description,
                    sort: sort.rawValue, order: order, items: items))
        }
    }

    /// Each province's indicators for `month`: its own report for the month when there is one, else the sum of its
    /// communes' reports (the same choice the scorer makes for the latest month).
    static func monthScores(_ month: ReportMonth, scored: ScoredInstant) -> [ProvinceCode: ServiceScore] {
        var own: [ProvinceCode: ServiceStatistics] = [:]
        var communes: [ProvinceCode: [ServiceStatistics]] = [:]
        for fact in scored.facts.serviceStatistics where fact.month == month && fact.asOf <= scored.asOf {
            switch fact.unit {
            case .province(let code):
                if own[code].map({ ($0.asOf, $0.receivedAt, $0.reportId) < (fact.asOf, fact.receivedAt, fact.reportId) }) ?? true {
                    own[code] = fact
                }
            case .commune(let code):
                if let province = scored.units.province(of: code) { communes[province, default: []].append(fact) }
            case .agency: break
            }
        }
        var result: [ProvinceCode: ServiceScore] = [:]
        for province in scored.units.provinces {
            let code = province.code
            let sources: [ServiceStatistics] = own[code].map { [$0] } ?? latestPerCommune(communes[code] ?? [])
            guard !sources.isEmpty else {
                result[code] = ServiceScore(
                    freshness: .never, month: month, communesAggregated: nil, counts: nil,
                    indicators: scored.plan.serviceIndicators.map { IndicatorResult(key: $0.key, value: nil, target: $0.target) },
                    reportIds: [], reasons: [])
                continue
            }
            let counts = sources.dropFirst().reduce(sources[0].counts) { $0 + $1.counts }
            result[code] = ServiceScore(
                freshness: .fresh, month: month, communesAggregated: own[code] == nil ? sources.count : nil, counts: counts,
                indicators: scored.plan.serviceIndicators.map { IndicatorResult(key: $0.key, value: counts.rate($0.key), target: $0.target) },
                reportIds: sources.map(\.reportId), reasons: [])
        }
        return result
    }

    private static func latestPerCommune(_ facts: [ServiceStatistics]) -> [ServiceStatistics] {
        var latest: [String: ServiceStatistics] = [:]
        for fact in facts where latest[fact.unit.rawValue].map({ ($0.asOf, $0.receivedAt, $0.reportId) < (fact.asOf, fact.receivedAt, fact.reportId) }) ?? true {
            latest[fact.unit.rawValue] = fact
        }
        return latest.keys.sorted().compactMap { latest[$0] }
    }
}
