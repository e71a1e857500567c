import KH02Storage
import Logging
import PostgresNIO

/// Runs a one-off command's work with a database client: opens the database (starting the embedded cluster
/// if needed), runs the client while `body` runs, then shuts both down.
enum DatabaseRun {
    static func with<T: Sendable>(
        _ options: DatabaseOptions, command: String, logger: Logger, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let session = try await DatabaseConnector().open(try options.location(), role: .command(command), logger: logger)
        defer { session.close(logger: logger) }
        let client = PostgresClient(configuration: session.configuration, backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
