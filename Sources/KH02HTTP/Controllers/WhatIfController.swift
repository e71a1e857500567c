import Foundation
import Hummingbird
import KH02Core
import KH02App
import NIOFoundationEssentialsCompat

/// `POST /whatif[?as_of=…]`: a candidate plan (the plan JSON format) in; the same facts scored under it and under the
/// plan in effect, and the units whose colour or band would change, out. Central and admin tokens only (it scores
/// the whole nation twice); nothing is stored.
struct WhatIfController: Sendable {
    let reads: ScoreReads

    static let maximumBytes = 5 * 1024 * 1024

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.post("whatif", use: whatIf)
    }

    @Sendable func whatIf(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        guard account.principal.canReadNation else {
            throw APIError.forbidden(
                vi: "Chỉ tài khoản Trung ương hoặc quản trị được thử kế hoạch.", en: "Only central and admin tokens may try a candidate plan.")
        }
        let instant = try reads.scoreInstant(request)
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBytes)
        let validation = PlanValidator.validate(json: Data(buffer: body))
        guard validation.isValid, let candidate = validation.plan else {
            let dto = PlanRejectionDTO(
                error: APIError.planInvalid(issues: validation.issues.count).detail,
                issues: validation.issues.map { .init(path: $0.path, code: $0.code, message: $0.message.vi, messageEn: $0.message.en) })
            return Response(
                status: .unprocessableContent, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: try ScoreReads.json(dto))))
        }
        let version = try await reads.scoring.version()
        let current = try await reads.scoring.scored(at: instant, version: version)
        let after = Scorer(plan: candidate).score(current.facts, units: current.units, asOf: instant)
        let comparison = WhatIf.compare(before: current.card, after: after)
        let dto = WhatIfDTO(
            asOf: instant, plan: PlanRefDTO(current.plan), candidate: PlanRefDTO(candidate), data: DataFreshnessDTO(current),
            changes: comparison.changes.map {
                WhatIfChangeDTO(
                    unit: $0.unit.rawValue, unitKind: $0.unit.kind.rawValue, name: current.name(of: $0.unit)?.vi, aspect: $0.aspect.rawValue,
                    before: $0.before?.rawValue, after: $0.after?.rawValue)
            },
            bandChanges: comparison.bandChanges.map { BandChangeDTO(province: $0.province.rawValue, before: $0.before, after: $0.after) },
            countsBefore: Dictionary(uniqueKeysWithValues: comparison.countsBefore.map { ($0.key.rawValue, $0.value) }),
            countsAfter: Dictionary(uniqueKeysWithValues: comparison.countsAfter.map { ($0.key.rawValue, $0.value) }))
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: try ScoreReads.json(dto))))
    }
}
