public import Foundation
public import Hummingbird
public import KH02Core
public import Logging

/// Everything the HTTP layer needs, as protocols from Core, so tests can pass in-memory stores.
public struct APIDependencies: Sendable {
    public var units: any UnitStore
    public var plans: any PlanStore
    public var accounts: any AccountStore
    public var reports: any ReportStore
    public var audit: any AuditLog
    public var probe: any ReadinessProbe
    /// Folder of the static dashboard (`Web/`), or nil to serve none.
    public var webDirectory: String?
    public var uploadLimits: UploadLimits
    /// The current instant; a parameter so tests can fix it.
    public var now: @Sendable () -> Date
    /// Map boundaries for the GeoJSON endpoints; nil answers them with 404.
    public var boundaries: (any BoundaryStore)?
    /// When true, score reads (GET) need no token: anyone sees what a central reader sees (`KH02_PUBLIC_READ=1`).
    public var publicRead: Bool
    /// How many uploads and histories run at once, so they leave database connections for everything else.
    public var concurrency: ConcurrencyLimits
    /// Scores with their caches; one per application, shared by every request.
    public let scores: ScoreService
    /// Proxies whose `X-Forwarded-For` names the client in the audit log (`KH02_TRUSTED_PROXIES`).
    public var trustedProxies: TrustedProxies = .none

    public init(
        units: any UnitStore, plans: any PlanStore, accounts: any AccountStore, reports: any ReportStore, audit: any AuditLog,
        probe: any ReadinessProbe, webDirectory: String?, uploadLimits: UploadLimits = .standard, boundaries: (any BoundaryStore)? = nil,
        publicRead: Bool = false, concurrency: ConcurrencyLimits = .standard, now: @escaping @Sendable () -> Date
    ) {
        self.units = units
        self.plans = plans
        self.accounts = accounts
        self.reports = reports
        self.audit = audit
        self.probe = probe
        self.webDirectory = webDirectory
        self.uploadLimits = uploadLimits
        self.now = now
        self.boundaries = boundaries
        self.publicRead = publicRead
        self.concurrency = concurrency
        self.scores = ScoreService(units: units, plans: plans, reports: reports, now: now)
    }

    /// Today in Vietnam.
    var today: @Sendable () -> CivilDate {
        let now = self.now
        return { CivilDate(vietnamDayOf: now()) }
    }

    /// The ingestion path over these stores.
    public var uploadService: UploadService {
        UploadService(
            units: units, plans: plans, reports: reports, limits: uploadLimits, scores: scores, now: now,
            onStored: { [scores] in await scores.invalidate() })
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
    HealthController(probe: dependencies.probe).addRoutes(to: router)
    let tokens = TokenCache(accounts: dependencies.accounts)
    let api = router.group("api/v1").add(middleware: AuthMiddleware(cache: tokens))
    InfoController(audit: dependencies.audit, plans: dependencies.plans, publicRead: dependencies.publicRead, now: dependencies.now)
        .addRoutes(to: api)
    SessionController(cache: tokens, audit: dependencies.audit).addRoutes(to: api)
    UnitsController(store: dependencies.units, today: dependencies.today).addRoutes(to: api)
    PlansController(store: dependencies.plans, now: dependencies.now).addRoutes(to: api)
    ReportsController(
        service: dependencies.uploadService, reports: dependencies.reports, units: dependencies.units, concurrency: dependencies.concurrency,
        now: dependencies.now
    ).addRoutes(to: api)
    TemplatesController(units: dependencies.units, plans: dependencies.plans, now: dependencies.now).addRoutes(to: api)
    AuditController(audit: dependencies.audit).addRoutes(to: api)
    let reads = ScoreReads(service: dependencies.scores, publicRead: dependencies.publicRead)
    CoverageController(reads: reads).addRoutes(to: api)
    UnitScoresController(reads: reads, reports: dependencies.reports).addRoutes(to: api)
    TaskScoresController(reads: reads).addRoutes(to: api)
    MapController(reads: reads, boundaries: dependencies.boundaries).addRoutes(to: api)
    CriteriaController(reads: reads).addRoutes(to: api)
    ServicesController(reads: reads).addRoutes(to: api)
    HistoryController(reads: reads, concurrency: dependencies.concurrency).addRoutes(to: api)
    WhatIfController(reads: reads).addRoutes(to: api)
    return router
}
