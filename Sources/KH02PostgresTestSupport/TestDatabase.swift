import Foundation
import KH02Storage
import KH02TestSupport
import Logging
public import PostgresNIO

/// Real PostgreSQL for tests: one throwaway cluster per test process (or the server of `DATABASE_URL`), a
/// template database migrated and loaded once, and a fresh clone of it for every test.
public enum TestDatabase {
    /// Runs `body` with a client on a new database cloned from the migrated template; drops it afterwards.
    /// `maximumConnections` sizes the client's pool (PostgresNIO's default: 20).
    public static func withDatabase<T: Sendable>(
        maximumConnections: Int = 20, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        do {
            let server = try await TestServer.shared.prepareTemplate()
            return try await server.withClone(template: TestServer.templateName, maximumConnections: maximumConnections, body)
        } catch {
            throw DetailedDatabaseError(error)
        }
    }

    /// Runs `body` on a new, empty database (no migrations), for tests of the migration runner itself.
    public static func withEmptyDatabase<T: Sendable>(_ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let server = try await TestServer.shared.server()
        return try await server.withClone(template: "template0", body)
    }

    /// The repository's `SQL/` folder.
    public static var sqlDirectory: String { RepositoryPaths.sqlDirectory }

    /// A quiet logger for tests (warnings and worse).
    public static var logger: Logger { TestLogger.quiet }
}

/// The PostgreSQL server tests use, reached with an administrative connection to create and drop databases.
struct TestServerConnection: Sendable {
    /// Client settings for database `name` on this server, as the role tests (and kh02) work as.
    let configuration: @Sendable (String) -> PostgresClient.Configuration
    /// Client settings for the administrative database, as a role that may create and drop databases.
    let adminConfiguration: PostgresClient.Configuration
    /// The role that owns every test database (on the embedded cluster, kh02's application role, so migrations
    /// and tests run without superuser rights as kh02 does); nil: the creating role.
    let owner: String?

    @discardableResult
    func admin<T: Sendable>(_ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        try await run(adminConfiguration, body)
    }

    func withClone<T: Sendable>(
        template: String, maximumConnections: Int = 20, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let name = "kh02_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        // Database names cannot be binds; both names are generated here.
        try await admin { client in
            // The template's last client may still be closing its connections: retry while it is "in use".
            for attempt in 1...50 {
                do {
                    try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(template)\(ownerClause)"), logger: TestDatabase.logger)  // generated names
                    return
                } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55006" && attempt < 50 {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        }
        do {
            var configuration = configuration(String(name))
            configuration.options.maximumConnections = maximumConnections
            let result = try await run(configuration, body)
            try await drop(String(name))
            return result
        } catch {
            try? await drop(String(name))
            throw DetailedDatabaseError(error)
        }
    }

    /// ` OWNER <role>` for CREATE DATABASE, or nothing.
    var ownerClause: String { owner.map { " OWNER \($0)" } ?? "" }

    func drop(_ name: String) async throws {
        try await admin { try await $0.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: TestDatabase.logger) }  // generated name
    }

    func run<T: Sendable>(_ configuration: PostgresClient.Configuration, _ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: configuration, backgroundLogger: TestDatabase.logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}

/// Starts (once) the server and the template database. Parallel tests wait while one of them sets up: the
/// actor is re-entered at every `await`, so a flag marks the set-up in progress.
actor TestServer {
    static let shared = TestServer()
    static let templateName = "kh02_template_\(getpid())"

    private var connection: TestServerConnection?
    private var templateReady = false
    private var settingUp = false

    private func waitForOtherSetUp() async throws {
        while settingUp { try await Task.sleep(for: .milliseconds(20)) }
    }

    func server() async throws -> TestServerConnection {
        try await waitForOtherSetUp()
        if let connection { return connection }
        settingUp = true
        defer { settingUp = false }
        let logger = TestDatabase.logger
        let made: TestServerConnection
        switch try DatabaseLocation.resolve(databaseURL: nil, dataDirectory: "/tmp/kh02-test-\(getpid())") {
        case .external(let base, _):
            let configuration: @Sendable (String) -> PostgresClient.Configuration = { name in
                var config = base
                config.database = name
                return config
            }
            made = TestServerConnection(configuration: configuration, adminConfiguration: configuration(base.database ?? "postgres"), owner: nil)
        case .embedded(let dataDirectory):
            // fsync off: a test cluster is thrown away, so durability buys nothing here. Many suites run at once, each
            // with a pool of up to 20 connections: more than the default 100 connections are allowed.
            let cluster = try EmbeddedPostgres(
                dataDirectory: dataDirectory, settings: ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "400"],
                skipSync: true)
            try cluster.start(logger: logger)
            try cluster.stopAfterExit(of: getpid(), removingData: true)
            try await cluster.prepareAccess(logger: logger)
            let credentials = try cluster.credentials()
            made = TestServerConnection(
                configuration: { cluster.clientConfiguration(database: $0, credentials: credentials) },
                adminConfiguration: cluster.clientConfiguration(database: "postgres", superuser: true, credentials: credentials),
                owner: EmbeddedPostgres.applicationRole)
        }
        connection = made
        return made
    }

    func prepareTemplate() async throws -> TestServerConnection {
        let server = try await server()
        try await waitForOtherSetUp()
        if templateReady { return server }
        settingUp = true
        defer { settingUp = false }
        let template = Self.templateName
        try await server.drop(template)
        try await server.admin { try await $0.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(template)\(server.ownerClause)"), logger: TestDatabase.logger) }  // generated name
        let schema = try DatabaseSchema(sqlDirectory: TestDatabase.sqlDirectory)
        try await server.run(server.configuration(template)) { client in
            try await schema.prepare(client: client, migrate: true, logger: TestDatabase.logger)
        }
        templateReady = true
        return server
    }
}

/// PostgresNIO hides error details from `description` (they may be sensitive in production); tests want them.
public struct DetailedDatabaseError: Error, CustomStringConvertible {
    public let underlying: any Error
    public let description: String

    public init(_ error: any Error) {
        self.underlying = (error as? DetailedDatabaseError)?.underlying ?? error
        self.description = error is PSQLError ? String(reflecting: error) : "\(error)"
    }
}
