import Foundation
import Hummingbird
import KH02Core
import Logging

/// Everything the HTTP layer needs, as protocols from Core, so tests can pass in-memory stores.
public struct APIDependencies<Units: UnitStore, Plans: PlanStore, Probe: ReadinessProbe>: Sendable {
    public var units: Units
    public var plans: Plans
    public var probe: Probe
    /// Folder of the static dashboard (`Web/`), or nil to serve none.
    public var webDirectory: String?
    /// The current instant; a parameter so tests can fix it.
    public var now: @Sendable () -> Date

    public init(units: Units, plans: Plans, probe: Probe, webDirectory: String?, now: @escaping @Sendable () -> Date) {
        self.units = units
        self.plans = plans
        self.probe = probe
        self.webDirectory = webDirectory
        self.now = now
    }

    /// Today in Vietnam.
    var today: @Sendable () -> CivilDate {
        let now = self.now
        return { CivilDate(vietnamDayOf: now()) }
    }
}

/// Builds the router: request logging, JSON errors, health checks, `/api/v1`, and the static dashboard.
public func buildRouter<Units, Plans, Probe>(_ dependencies: APIDependencies<Units, Plans, Probe>, logger: Logger) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ErrorMiddleware())
    if let web = dependencies.webDirectory {
        router.add(middleware: FileMiddleware(web, searchForIndexHtml: true, logger: logger))
    }
    HealthController(probe: dependencies.probe).addRoutes(to: router)
    let api = router.group("api/v1")
    UnitsController(store: dependencies.units, today: dependencies.today).addRoutes(to: api)
    PlansController(store: dependencies.plans, now: dependencies.now).addRoutes(to: api)
    return router
}
