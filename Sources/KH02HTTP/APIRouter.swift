import Hummingbird
import KH02Core
import Logging

/// Everything the HTTP layer needs, as protocols from Core, so tests can pass in-memory stores.
public struct APIDependencies<Units: UnitStore, Probe: ReadinessProbe>: Sendable {
    public var units: Units
    public var probe: Probe
    /// Folder of the static dashboard (`Web/`), or nil to serve none.
    public var webDirectory: String?
    /// Today's date in Vietnam; a parameter so tests can fix it.
    public var today: @Sendable () -> CivilDate

    public init(units: Units, probe: Probe, webDirectory: String?, today: @escaping @Sendable () -> CivilDate) {
        self.units = units
        self.probe = probe
        self.webDirectory = webDirectory
        self.today = today
    }
}

/// Builds the router: request logging, JSON errors, health checks, `/api/v1`, and the static dashboard.
public func buildRouter<Units, Probe>(_ dependencies: APIDependencies<Units, Probe>, logger: Logger) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: LogRequestsMiddleware(.info))
    router.add(middleware: ErrorMiddleware())
    if let web = dependencies.webDirectory {
        router.add(middleware: FileMiddleware(web, searchForIndexHtml: true, logger: logger))
    }
    HealthController(probe: dependencies.probe).addRoutes(to: router)
    let api = router.group("api/v1")
    UnitsController(store: dependencies.units, today: dependencies.today).addRoutes(to: api)
    return router
}
