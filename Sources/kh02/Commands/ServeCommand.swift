import ArgumentParser
import Foundation
import Hummingbird
import KH02App
import KH02Core
import KH02HTTP
import KH02Storage
import Logging
import PostgresNIO

/// `kh02 serve`: the HTTP API and dashboard.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the API and dashboard / Chạy máy chủ API và bảng điều khiển.",
        discussion: """
            Settings: flag, environment variable, default.
              --host          KH02_HTTP_HOST      127.0.0.1
              --port          KH02_HTTP_PORT      8080 (0: any free port)
              --database-url  DATABASE_URL        unset: embedded PostgreSQL
                              POSTGRES_HOST       with POSTGRES_PORT, _USER,
                                                  _PASSWORD, _DB
              --data-dir      KH02_DATA_DIR       ./kh02-data
              --migrate                           on for embedded PostgreSQL
              --demo          KH02_DEMO=1         load demo data into an empty database
              --demo-days     KH02_DEMO_DAYS      28 daily rounds of demo data
              --db-pool-size  KH02_DB_POOL_SIZE   20 database connections (3–1000)
              --db-lease-timeout                  5 s waiting for a free connection,
                              KH02_DB_LEASE_TIMEOUT  then 503 database_busy
              --max-concurrent-uploads            pool size / 4 at once; others wait
                              KH02_MAX_UPLOADS    up to 30 s, then 503 uploads_busy
              --max-uploads-per-token             2 at once or waiting per token,
                              KH02_MAX_UPLOADS_PER_TOKEN  then 429 too_many_uploads
              --max-concurrent-histories          2 at once; others wait up to 30 s,
                              KH02_MAX_HISTORIES  then 503 history_busy
                              KH02_PUBLIC_READ=1  score reads (GET) without a token
              --trusted-proxies   KH02_TRUSTED_PROXIES  none: X-Forwarded-For is
                                  believed only from these addresses
                              KH02_HOME           folder of SQL/ and Web/
                              KH02_LOG_LEVEL      info
                              KH02_POSTGRES_USER  postgres (root only)

            Uploads and histories together must leave connections of the pool free
            for token look-ups, reads and /ready; larger limits are refused.
            """)

    @Option(help: ArgumentHelp("Address to listen on. Env: KH02_HTTP_HOST.", valueName: "address"))
    var host: String?

    @Option(help: ArgumentHelp("Port to listen on; 0 picks a free one. Env: KH02_HTTP_PORT.", valueName: "port"))
    var port: Int?

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var load: LoadOptions

    @Flag(help: "Apply pending migrations before serving (the embedded cluster always does).")
    var migrate = false

    @Flag(help: "Load demo data (a realistic nation) when the database holds no reports yet. Env: KH02_DEMO=1.")
    var demo = false

    @Option(help: ArgumentHelp("Daily readiness rounds of demo data (1–93). Env: KH02_DEMO_DAYS.", valueName: "days"))
    var demoDays: Int?

    @Option(
        help: ArgumentHelp(
            "Comma-separated addresses of reverse proxies whose X-Forwarded-For names the client (e.g. 127.0.0.1 for nginx on this host). Env: KH02_TRUSTED_PROXIES.",
            valueName: "addresses"))
    var trustedProxies: String?

    func validate() throws {
        _ = try settings(SettingsReader(environment: ProcessInfo.processInfo.environment), resources: ResourceLocator(home: ""), embedded: false)
    }

    /// Every setting of the server from its flags and the environment (`SettingsReader`'s rules).
    func settings(_ reader: SettingsReader, resources: ResourceLocator, embedded: Bool) throws -> ServerSettings {
        let load = try self.load.resolve(reader)
        return ServerSettings(
            host: reader.text(host, "KH02_HTTP_HOST") ?? "127.0.0.1",
            port: try reader.integer(port, "KH02_HTTP_PORT", flag: "--port", in: 0...65535) ?? 8080,
            migrate: migrate || embedded,
            demo: try reader.enabled(demo, "KH02_DEMO"),
            demoDays: try reader.integer(demoDays, "KH02_DEMO_DAYS", flag: "--demo-days", in: 1...93) ?? 28,
            resources: resources,
            trustedProxies: try Self.proxies(reader.text(trustedProxies, "KH02_TRUSTED_PROXIES")),
            load: load,
            application: Settings(
                concurrency: load.concurrency, publicRead: try reader.enabled(false, "KH02_PUBLIC_READ"),
                spoolDirectory: reader.spoolDirectory))
    }

    func run() async throws {
        let logger = LoggerFactory.bootstrap(label: "kh02")
        let location = try database.location()
        let settings = try settings(
            SettingsReader(environment: ProcessInfo.processInfo.environment), resources: try ResourceLocator.locate(),
            embedded: location.isEmbedded)
        let session = try await DatabaseConnector().open(location, role: .server, logger: logger)
        logger.info("using database", metadata: ["database": "\(session.summary)"])
        do {
            let app = try buildApplication(settings: settings, database: session.configuration, logger: logger)
            try await app.runService()
        } catch {
            session.close(logger: logger)
            throw error
        }
        session.close(logger: logger)
    }
}

extension ServeCommand {
    /// The trusted proxy list, or a usage error naming the entry that is not an address (never silently dropped).
    static func proxies(_ list: String?) throws -> TrustedProxies {
        guard let list else { return .none }
        do {
            return try TrustedProxies(list: list)
        } catch {
            throw ValidationError("--trusted-proxies / KH02_TRUSTED_PROXIES: \(error)")
        }
    }
}

extension DatabaseLocation {
    var isEmbedded: Bool {
        if case .embedded = self { true } else { false }
    }
}
