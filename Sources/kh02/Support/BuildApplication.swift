import Foundation
import Hummingbird
import KH02Core
import KH02HTTP
import KH02Storage
import Logging
import PostgresNIO

/// The Postgres-backed stores behind the API, over one client. `publicRead` opens score reads to everyone;
/// `leaseTimeout` bounds each request's wait for a pooled connection, `concurrency` the heavy work at once.
func makeDependencies(
    client: PostgresClient, runner: MigrationRunner, webDirectory: String?, publicRead: Bool = false,
    leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout, concurrency: ConcurrencyLimits = .standard, logger: Logger
) -> APIDependencies {
    APIDependencies(
        units: PostgresUnitStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
        plans: PostgresPlanStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
        accounts: PostgresAccountStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
        reports: PostgresReportStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
        audit: PostgresAuditLog(client: client, logger: logger, leaseTimeout: leaseTimeout),
        probe: PostgresReadinessProbe(client: client, runner: runner, logger: logger, leaseTimeout: leaseTimeout),
        webDirectory: webDirectory,
        boundaries: PostgresBoundaryStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
        publicRead: publicRead,
        concurrency: concurrency,
        now: { Date() })
}

/// The composition root: one PostgreSQL client, the stores over it, the router, and the services to run.
/// The schema is brought up to date (and demo data loaded, when asked) before the server accepts connections.
/// The pool has `load.poolSize` connections, of which uploads and histories take at most their limits.
func buildApplication(
    settings: ServerSettings, load: LoadOptions.Resolved = .standard, database: PostgresClient.Configuration, logger: Logger
) throws -> some ApplicationProtocol {
    var database = database
    database.options.maximumConnections = load.poolSize
    let client = PostgresClient(configuration: database, backgroundLogger: logger)
    let schema = try DatabaseSchema(sqlDirectory: settings.resources.sqlDirectory)
    var configured = makeDependencies(
        client: client, runner: schema.runner, webDirectory: settings.resources.webDirectory,
        publicRead: ProcessInfo.processInfo.environment["KH02_PUBLIC_READ"] == "1", leaseTimeout: load.leaseTimeout,
        concurrency: load.concurrency, logger: logger)
    configured.trustedProxies = settings.trustedProxies
    let dependencies = configured
    var app = Application(
        router: buildRouter(dependencies, logger: logger),
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
        if demo {
            let outcome = try await DemoLoader(dependencies: dependencies).loadIfEmpty(days: demoDays, logger: logger)
            switch outcome {
            case .loaded: try await PostgresReportStore(client: client, logger: logger).settleAfterBulkLoad()
            case .skipped(let reason): logger.info("demo data not loaded", metadata: ["reason": "\(reason)"])
            }
        }
    }
    return app
}
