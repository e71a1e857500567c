import Foundation
import Hummingbird
import KH02Core
import KH02App

/// `GET /criteria/{key}[?state=unmet|unknown]`: which provinces and communes do not meet a readiness criterion.
struct CriteriaController: Sendable {
    let reads: ScoreReads

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("criteria/:key", use: criterion)
    }

    @Sendable func criterion(_ request: Request, context: APIRequestContext) async throws -> Response {
        let raw = try context.parameters.require("key")
        var states: Set<CriterionResult.State> = [.unmet, .unknown]
        if let text = request.uri.queryParameters.get("state") {
            guard let state = CriterionResult.State(rawValue: text), state != .met else {
                throw APIError.badParameter("state", text, expected: "unmet or unknown")
            }
            states = [state]
        }
        let wanted = states
        let read = try await reads.begin(request, context: context)
        let scored = try await reads.scoring.scored(at: read.instant, version: read.version)
        guard let key = CriterionKey(rawValue: raw), let criterion = scored.criterion(key),
            let index = scored.plan.readinessCriteria.firstIndex(where: { $0.key == key }),
            let nation = scored.card.nation.criterionCoverage.first(where: { $0.key == key })
        else { throw APIError.criterionNotFound(raw) }
        let principal = read.principal
        // Scoped readers get the commune list of their own area only, so the answer depends on who asks.
        let scope = principal.canReadNation ? "" : principal.description
        let variant = "\(key.rawValue)|\(wanted.map(\.rawValue).sorted().joined(separator: ","))|\(scope)"
        return try await reads.respond(request, read: read, route: "criteria", variant: variant) {
            let provinces = scored.card.provinces.compactMap { score -> ProvinceCriterionDTO? in
                guard index < score.criterionCoverage.count else { return nil }
                let c = score.criterionCoverage[index]
                guard c.met < c.total else { return nil }
                return ProvinceCriterionDTO(
                    code: score.code.rawValue, name: scored.province(score.code)?.name.vi ?? "", met: c.met, unmet: c.unmet, unknown: c.unknown,
                    total: c.total, percent: c.percent.map(roundedPercent))
            }.sorted { ($0.percent ?? 0, $0.code) < ($1.percent ?? 0, $1.code) }
            let communes = scored.card.communes.compactMap { score -> CommuneCriterionDTO? in
                guard index < score.criteria.count, wanted.contains(score.criteria[index].state),
                    principal.canRead(.commune(score.code), in: scored.units)
                else { return nil }
                let result = score.criteria[index]
                return CommuneCriterionDTO(
                    code: score.code.rawValue, name: scored.commune(score.code)?.name.vi ?? "", province: score.province.rawValue,
                    state: result.state.rawValue, value: result.value.map(CriterionValueDTO.init), reportId: result.reportId)
            }
            return try ScoreReads.json(
                CriterionGapDTO(
                    asOf: scored.asOf, plan: PlanRefDTO(scored.plan), data: DataFreshnessDTO(scored),
                    criterion: CriterionInfoDTO(
                        key: key.rawValue, name: criterion.name.vi, nameEn: criterion.name.en, kind: criterion.kind.rawValue,
                        threshold: criterion.threshold, required: criterion.required),
                    nation: CriterionCoverageDTO(nation, criterion: criterion), provinces: provinces, communes: communes))
        }
    }
}
