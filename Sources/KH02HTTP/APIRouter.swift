public import Foundation
public import Hummingbird
public import KH02App
public import KH02Core
public import Logging

/// Everything the HTTP layer needs: the application (its stores as Core protocols, so tests can pass in-memory
/// ones), the dashboard's folder and the proxies it trusts.
public struct APIDependencies: Sendable {
    public let monitor: Monitor
    /// Folder of the static dashboard (`Web/`), or nil to serve none.
    public var webDirectory: String?
    /// Proxies whose `X-Forwarded-For` names the client in the audit log (`KH02_TRUSTED_PROXIES`).
    public var trustedProxies: TrustedProxies

    public init(monitor: Monitor, webDirectory: String?, trustedProxies: TrustedProxies = .none) {
        self.monitor = monitor
        self.webDirectory = webDirectory
        self.trustedProxies = trustedProxies
    }

    /// The application over these stores with default settings but those given (what most tests need).
    public init(
        units: any UnitStore, plans: any PlanStore, accounts: any AccountStore, reports: any ReportStore, audit: any AuditLog,
        probe: any ReadinessProbe, webDirectory: String?, uploadLimits: UploadLimits = .standard, boundaries: (any BoundaryStore)? = nil,
        publicRead: Bool = false, concurrency: ConcurrencyLimits = .standard, now: @escaping @Sendable () -> Date
    ) {
        let stores = Stores(units: units, plans: plans, accounts: accounts, reports: reports, audit: audit, probe: probe, boundaries: boundaries)
        let settings = Settings(uploadLimits: uploadLimits, concurrency: concurrency, publicRead: publicRead)
        self.init(monitor: Monitor(stores: stores, settings: settings, now: now), webDirectory: webDirectory)
    }
}

/// Builds the router: request logging, JSON errors, authentication, health checks, `/api/v1`, and the static
/// dashboard.
public func buildRouter(_ dependencies: APIDependencies, logger: Logger) -> Router<APIRequestContext> {
    let router = Router(context: APIRequestContext.self)
    router.add(middleware: ClientAddressMiddleware(proxies: dependencies.trustedProxies))
    router.add(middleware: AccessLogMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware())
    if let web = dependencies.webDirectory {
        router.add(middleware: DashboardFilesMiddleware(directory: web, logger: logger))
    }
    let monitor = dependencies.monitor
    let stores = monitor.stores
    let settings = monitor.settings
    HealthController(probe: stores.probe).addRoutes(to: router)
    let tokens = TokenCache(accounts: stores.accounts)
    let api = router.group("api/v1").add(middleware: AuthMiddleware(cache: tokens))
    InfoController(audit: stores.audit, plans: stores.plans, publicRead: settings.publicRead, now: monitor.now).addRoutes(to: api)
    SessionController(cache: tokens, audit: stores.audit).addRoutes(to: api)
    UnitsController(store: stores.units, today: monitor.today).addRoutes(to: api)
    PlansController(store: stores.plans, now: monitor.now).addRoutes(to: api)
    ReportsController(monitor: monitor).addRoutes(to: api)
    TemplatesController(units: stores.units, plans: stores.plans, now: monitor.now).addRoutes(to: api)
    AuditController(audit: stores.audit).addRoutes(to: api)
    let reads = ScoreReads(scoring: monitor.scoring, publicRead: settings.publicRead)
    CoverageController(reads: reads).addRoutes(to: api)
    UnitScoresController(reads: reads, reports: stores.reports).addRoutes(to: api)
    TaskScoresController(reads: reads).addRoutes(to: api)
    MapController(reads: reads, boundaries: stores.boundaries).addRoutes(to: api)
    CriteriaController(reads: reads).addRoutes(to: api)
    ServicesController(reads: reads).addRoutes(to: api)
    HistoryController(reads: reads, concurrency: settings.concurrency).addRoutes(to: api)
    WhatIfController(reads: reads).addRoutes(to: api)
    return router
}
