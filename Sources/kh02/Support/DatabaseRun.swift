import KH02Storage
import Logging
import PostgresNIO

/// Runs a one-off command's work with a database client: opens the database (starting the embedded cluster
/// if needed), runs the client while `body` runs, then shuts both down.
enum DatabaseRun {
    static func with<T: Sendable>(
        _ options: DatabaseOptions, command: String, logger: Logger, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        try await withSession(options, command: command, logger: logger) { _, client in try await body(client) }
    }

    /// `with`, also handing over the session (its client settings, for programs such as pg_dump).
    static func withSession<T: Sendable>(
        _ options: DatabaseOptions, command: String, logger: Logger,
        _ body: @Sendable (DatabaseConnector.Session, PostgresClient) async throws -> T
    ) async throws -> T {
        let session = try await DatabaseConnector().open(try options.location(), role: .command(command), logger: logger)
        defer { session.close(logger: logger) }
        let client = PostgresClient(configuration: session.configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(session, client)
        }
    }

    /// `with`, after bringing the schema up to date: the embedded cluster is migrated (kh02 owns that database);
    /// an external server must already be current (`kh02 migrate`).
    static func withSchema<T: Sendable>(
        _ options: DatabaseOptions, command: String, logger: Logger, _ body: @Sendable (PostgresClient, DatabaseSchema) async throws -> T
    ) async throws -> T {
        let schema = try DatabaseSchema(sqlDirectory: try ResourceLocator.locate().sqlDirectory)
        let migrate = try options.location().isEmbedded
        return try await with(options, command: command, logger: logger) { client in
            try await schema.prepare(client: client, migrate: migrate, logger: logger)
            return try await body(client, schema)
        }
    }
}
