import Logging
import PostgresNIO

/// Brings a database to the shape this build expects: migrations (applied, or required to be current) and the
/// reference units.
public struct DatabaseSchema: Sendable {
    public let runner: MigrationRunner
    public let referenceDirectory: String

    /// Reads the migrations in `sqlDirectory` and takes reference data from `sqlDirectory/reference`.
    public init(sqlDirectory: String) throws {
        self.runner = MigrationRunner(migrations: try Migration.load(from: sqlDirectory))
        self.referenceDirectory = sqlDirectory + "/reference"
    }

    /// Applies pending migrations when `migrate` is true (otherwise refuses pending or edited ones), then loads
    /// the reference units if their files changed.
    public func prepare(client: PostgresClient, migrate: Bool, logger: Logger) async throws {
        if migrate {
            let applied = try await runner.migrate(client: client, logger: logger)
            logger.info("database schema current", metadata: ["applied_now": "\(applied.count)", "total": "\(runner.migrations.count)"])
        } else {
            try await runner.requireCurrent(client: client, logger: logger)
        }
        try await ReferenceDataLoader().load(try ReferenceDataset.load(from: referenceDirectory), client: client, logger: logger)
    }
}
