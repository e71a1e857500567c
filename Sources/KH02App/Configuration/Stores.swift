public import KH02Core

/// The stores the application works on, as Core's protocols: PostgreSQL in production, in memory in tests.
public struct Stores: Sendable {
    public var units: any UnitStore
    public var plans: any PlanStore
    public var accounts: any AccountStore
    public var reports: any ReportStore
    public var audit: any AuditLog
    public var probe: any ReadinessProbe
    /// Map boundaries for the GeoJSON endpoints; nil answers them with 404.
    public var boundaries: (any BoundaryStore)?

    public init(
        units: any UnitStore, plans: any PlanStore, accounts: any AccountStore, reports: any ReportStore, audit: any AuditLog,
        probe: any ReadinessProbe, boundaries: (any BoundaryStore)? = nil
    ) {
        self.units = units
        self.plans = plans
        self.accounts = accounts
        self.reports = reports
        self.audit = audit
        self.probe = probe
        self.boundaries = boundaries
    }
}
