public import Foundation
public import Hummingbird
public import KH02Core
import KH02App

/// Read-only access to plan versions: the list, and one version's exact document.
public struct PlansController: Sendable {
    let store: any PlanStore
    let now: @Sendable () -> Date

    public init(store: any PlanStore, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.now = now
    }

    public func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("plans", use: list)
        group.get("plans/:id/:version", use: show)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> ListDTO<PlanSummaryDTO> {
        let day = try request.asOfDay(today: CivilDate(vietnamDayOf: now()))
        let effective = PlanCatalog(try await store.definitions()).effective(at: day.vietnamMidnight.addingTimeInterval(86_399))
        let items = try await store.versions().map {
            PlanSummaryDTO($0, inEffect: $0.id == effective?.id && $0.version == effective?.version)
        }
        return ListDTO(asOf: day, items: items)
    }

    /// The stored document byte for byte, so what was imported is what is read back.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let raw = try context.parameters.require("version")
        guard let version = Int(raw), version >= 1 else { throw APIError.badParameter("version", raw, expected: "a whole number from 1") }
        guard let stored = try await store.plan(id: id, version: version) else {
            throw APIError.planNotFound(id, version: version)
        }
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: stored.document)))
    }
}
