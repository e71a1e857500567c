public import Foundation
public import Hummingbird
public import KH02Core
import KH02App

/// `GET /info`, open to everyone: whether the data is demo data, the software version, the plan in effect, and
/// whether reads need a token. The dashboard reads it before anything else.
public struct InfoController: Sendable {
    /// The software version reported by `/info`.
    public static let version = "0.1.0"
    let audit: any AuditLog
    let plans: any PlanStore
    let publicRead: Bool
    let now: @Sendable () -> Date

    public init(audit: any AuditLog, plans: any PlanStore, publicRead: Bool, now: @escaping @Sendable () -> Date) {
        self.audit = audit
        self.plans = plans
        self.publicRead = publicRead
        self.now = now
    }

    public func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("info", use: show)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> InfoDTO {
        let plan = PlanCatalog(try await plans.definitions()).effective(at: now())
        return InfoDTO(
            demo: try await audit.contains(action: DemoLoader.auditAction), version: Self.version, plan: plan.map(PlanRefDTO.init),
            publicRead: publicRead)
    }
}
