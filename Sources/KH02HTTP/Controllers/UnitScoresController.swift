import Foundation
import Hummingbird
import KH02Core
import KH02App

/// `GET /provinces/{code}` (JSON, or `{code}.csv`: its communes for Excel) and `GET /communes/{code}`. Scoped
/// tokens see their own area only (403 elsewhere); central and admin tokens see every unit.
struct UnitScoresController: Sendable {
    let reads: ScoreReads
    let reports: any ReportStore

    /// How many past readiness reports a commune answer lists.
    static let historyLimit = 50

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("provinces/:code", use: province)
        group.get("communes/:code", use: commune)
    }

    @Sendable func province(_ request: Request, context: APIRequestContext) async throws -> Response {
        var raw = try context.parameters.require("code")
        let csv = raw.hasSuffix(".csv")
        if csv { raw.removeLast(4) }
        guard let code = ProvinceCode(rawValue: raw) else { throw APIError.malformedProvinceCode(raw) }
        let read = try await reads.begin(request, context: context)
        let scored = try await reads.scoring.scored(at: read.instant, version: read.version)
        guard let score = scored.card.province(code), let province = scored.province(code) else {
            throw APIError.unitNotFound(.province, raw)
        }
        try reads.requireDetail(read, unit: .province(code), scored: scored)
        if csv {
            let name = "kh02-\(code.rawValue)-\(CivilDate(vietnamDayOf: read.instant).iso).csv"
            return try await reads.respond(
                request, read: read, route: "provinces.csv", variant: code.rawValue, contentType: CSVExport.contentType, filename: name
            ) { Self.communesCSV(score, scored: scored) }
        }
        return try await reads.respond(request, read: read, route: "provinces", variant: code.rawValue) {
            try ScoreReads.json(ProvinceScoreDTO(score, province: province, scored: scored))
        }
    }

    /// One row per commune: colour, unmet count, each criterion's state, the last report.
    static func communesCSV(_ score: ProvinceScore, scored: ScoredInstant) -> Data {
        let criteria = scored.plan.readinessCriteria
        var csv = CSVExport(
            header: ["Mã xã", "Tên xã, phường, đặc khu", "Màu", "Số điều kiện bắt buộc chưa đạt"] + criteria.map(\.name.vi)
                + ["Báo cáo gần nhất", "Thời điểm số liệu"])
        for commune in scored.card.communes(in: score.code) {
            let states = commune.criteria.map { result -> String in
                switch result.state {
                case .met: "Đạt"
                case .unmet: "Chưa đạt"
                case .unknown: "Chưa có số liệu"
                }
            }
            csv.append(
                [commune.code.rawValue, scored.commune(commune.code)?.name.vi ?? "", CSVExport.colour(commune.colour), String(commune.unmetRequired)]
                    + states + [CSVExport.vietnameseTime(commune.reportAsOf), CSVExport.vietnameseTime(scored.asOf)])
        }
        return csv.data
    }

    @Sendable func commune(_ request: Request, context: APIRequestContext) async throws -> Response {
        let raw = try context.parameters.require("code")
        guard let code = CommuneCode(rawValue: raw) else { throw APIError.malformedCommuneCode(raw) }
        let read = try await reads.begin(request, context: context)
        let scored = try await reads.scoring.scored(at: read.instant, version: read.version)
        guard let score = scored.card.commune(code), let commune = scored.commune(code), let province = scored.province(commune.provinceCode) else {
            throw APIError.unitNotFound(.commune, raw)
        }
        try reads.requireDetail(read, unit: .commune(code), scored: scored)
        return try await reads.respond(request, read: read, route: "communes", variant: code.rawValue) { [reports, reads] in
            let history = try await reports.readinessHistory(of: code, asOf: read.instant, limit: Self.historyLimit)
            let latest = history.first { $0.reportId == score.reportId }
            let catalog = try await reads.scoring.inputs(read.version).catalog
            let dto = CommuneScoreDTO(
                asOf: scored.asOf, plan: PlanRefDTO(scored.plan), data: DataFreshnessDTO(scored), commune: CommuneDTO(commune),
                province: ProvinceRefDTO(code: province.code.rawValue, name: province.name.vi, nameEn: province.name.en),
                colour: score.colour.rawValue, reasons: score.reasons.map(ReasonDTO.init), unmetRequired: score.unmetRequired,
                criteria: score.criteria.map { CriterionResultDTO($0, criterion: scored.criterion($0.key), report: latest) },
                lastReport: score.reportId.map { ReportRefDTO(reportId: $0, asOf: score.reportAsOf ?? scored.asOf, receivedAt: latest?.receivedAt) },
                history: history.map { Self.historyEntry($0, commune: commune, province: province, catalog: catalog) })
            return try ScoreReads.json(dto)
        }
    }

    /// A past report scored on its own, at its own `as_of`, under the plan in effect then.
    static func historyEntry(_ report: ReadinessReport, commune: Commune, province: Province, catalog: PlanCatalog) -> ReadinessHistoryDTO {
        var colour = Colour.noData
        var unmet = 0
        if let plan = catalog.effective(at: report.asOf) {
            let units = UnitSnapshot(day: CivilDate(vietnamDayOf: report.asOf), provinces: [province], communes: [commune], agencies: [])
            if let score = Scorer(plan: plan).score(FactSet(readiness: [report]), units: units, asOf: report.asOf).communes.first {
                colour = score.colour
                unmet = score.unmetRequired
            }
        }
        return ReadinessHistoryDTO(
            reportId: report.reportId, asOf: report.asOf, receivedAt: report.receivedAt, colour: colour.rawValue, unmetRequired: unmet,
            values: Dictionary(uniqueKeysWithValues: report.values.map { ($0.key.rawValue, CriterionValueDTO($0.value)) }))
    }
}
