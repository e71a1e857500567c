import Foundation
import Hummingbird
import KH02App
import KH02Core
import KH02HTTP
import KH02Storage
import Logging
import PostgresNIO

/// The Postgres-backed stores over one client; `leaseTimeout` bounds each request's wait for a pooled connection.
func makeStores(
    client: PostgresClient, runner: MigrationRunner, leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout, logger: Logger
) -> Stores {
    Stores(
        units: PostgresUnitStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
        plans: PostgresPlanStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
        accounts: PostgresAccountStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
        reports: PostgresReportStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
        audit: PostgresAuditLog(client: client, logger: logger, leaseTimeout: leaseTimeout),
        probe: PostgresReadinessProbe(client: client, runner: runner, logger: logger, leaseTimeout: leaseTimeout),
        boundaries: PostgresBoundaryStore(client: client, logger: logger, leaseTimeout: leaseTimeout))
}

/// Loads the demo nation into an empty database (`kh02 demo`, `kh02 serve --demo`) and logs what happened.
func loadDemo(_ monitor: Monitor, client: PostgresClient, seed: UInt64 = 20_250_701, days: Int, logger: Logger) async throws -> DemoLoader.Outcome {
    let started = ContinuousClock.now
    let outcome = try await monitor.demo.loadIfEmpty(seed: seed, days: days)
    switch outcome {
    case .loaded(let uploads, let rows):
        try await PostgresReportStore(client: client, logger: logger).settleAfterBulkLoad()
        logger.info("demo data loaded", metadata: ["uploads": "\(uploads)", "rows": "\(rows)", "seconds": "\(ContinuousClock.now - started)"])
    case .skipped(let reason):
        logger.info("demo data not loaded", metadata: ["reason": "\(reason)"])
    }
    return outcome
}

/// The composition root: one PostgreSQL client, the stores over it, the application, the router, and the services
/// to run. The schema is brought up to date (and demo data loaded, when asked) before the server accepts
/// connections. The pool has `settings.load.poolSize` connections, of which uploads and histories take at most their
/// limits.
func buildApplication(settings: ServerSettings, database: PostgresClient.Configuration, logger: Logger) throws -> some ApplicationProtocol {
    var database = database
    database.options.maximumConnections = settings.load.poolSize
    let client = PostgresClient(configuration: database, backgroundLogger: logger)
    let schema = try DatabaseSchema(sqlDirectory: settings.resources.sqlDirectory)
    let stores = makeStores(client: client, runner: schema.runner, leaseTimeout: settings.load.leaseTimeout, logger: logger)
    let monitor = Monitor(stores: stores, settings: settings.application, now: { Date() })
    let dependencies = APIDependencies(
        monitor: monitor, webDirectory: settings.resources.webDirectory, trustedProxies: settings.trustedProxies)
    var app = Application(
        router: buildRouter(dependencies, logger: logger),
        // curl waits a second for `100 Continue` before sending a body over 1 MB: answer it at once.
        server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler()])),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "kh02"),
        services: [client],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? settings.port
            let url = "http://\(settings.host):\(port)/"
            logger.info("KH02 Monitor is serving", metadata: ["url": "\(url)"])
            settings.announce(url)
        },
        logger: logger)
    let (migrate, demo, demoDays) = (settings.migrate, settings.demo, settings.demoDays)
    app.beforeServerStarts {
        try await schema.prepare(client: client, migrate: migrate, logger: logger)
        if demo { _ = try await loadDemo(monitor, client: client, days: demoDays, logger: logger) }
    }
    return app
}
