import Foundation
import Logging
public import PostgresNIO

/// Applies `SQL/NNNN_*.sql` files in one transaction and records each with its checksum in `schema_migrations`.
///
/// Several instances may start at once: the transaction takes an advisory lock first, so one applies and the
/// others find nothing left to do.
public struct MigrationRunner: Sendable {
    public let migrations: [Migration]
    private let splitter = SQLStatementSplitter()
    /// Advisory lock key shared by every kh02 instance ("KH02MIGR" in ASCII).
    private static let lockKey: Int64 = 0x4B48_3032_4D49_4752

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// Where each migration stands against the database.
    public enum State: Hashable, Sendable {
        case applied
        case pending
        /// The file changed after it was applied.
        case edited(recorded: String)
        /// Applied in the database but no longer among the files.
        case missingFile
    }

    public struct Entry: Hashable, Sendable {
        public var version: Int
        public var name: String
        public var state: State
    }

    /// The state of every migration, files and database together, by version.
    public func status(client: PostgresClient, logger: Logger) async throws -> [Entry] {
        try await ensureTable(client: client, logger: logger)
        let applied = try await appliedRows(connection: nil, client: client, logger: logger)
        return compare(applied: applied)
    }

    /// Throws unless every file is applied and unchanged; `serve` calls this when it may not migrate.
    public func requireCurrent(client: PostgresClient, logger: Logger) async throws {
        let entries = try await status(client: client, logger: logger)
        try check(entries)
        let pending = entries.filter { $0.state == .pending }
        if !pending.isEmpty {
            throw MigrationError(
                .pending,
                "\(pending.count) migration(s) pending (\(pending.map { String(format: "%04d_%@", $0.version, $0.name) }.joined(separator: ", "))): run `kh02 migrate` or start with --migrate")
        }
    }

    /// Applies the pending migrations; returns the versions applied (empty when already current).
    @discardableResult
    public func migrate(client: PostgresClient, logger: Logger) async throws -> [Int] {
        try await ensureTable(client: client, logger: logger)
        do {
            return try await applyPending(client: client, logger: logger)
        } catch let error as PostgresTransactionError {
            // Surface our own error, not PostgresNIO's wrapper around it.
            if let inner = error.closureError as? MigrationError { throw inner }
            throw error
        }
    }

    private func applyPending(client: PostgresClient, logger: Logger) async throws -> [Int] {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            let entries = compare(applied: try await appliedRows(connection: connection, client: client, logger: logger))
            try check(entries)
            var done: [Int] = []
            for migration in migrations where entries.contains(where: { $0.version == migration.version && $0.state == .pending }) {
                for (index, statement) in splitter.split(migration.sql).enumerated() {
                    do {
                        // Migration text is our own reviewed SQL file, not user input.
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)  // a reviewed SQL/ file
                    } catch let error as PSQLError {
                        throw MigrationError(
                            .failed,
                            "\(migration.fileName), statement \(index + 1): \(error.serverInfo?[.message] ?? "\(error.code)")")
                    }
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(migration.version), \(migration.name), \(migration.checksum))",
                    logger: logger)
                logger.info("applied migration", metadata: ["migration": "\(migration.fileName)"])
                done.append(migration.version)
            }
            return done
        }
    }

    private func check(_ entries: [Entry]) throws {
        for entry in entries {
            switch entry.state {
            case .edited:
                throw MigrationError(
                    .edited,
                    String(format: "%04d_%@.sql", entry.version, entry.name)
                        + " was changed after it was applied; migrations are append-only: restore it and add a new file")
            case .missingFile:
                throw MigrationError(
                    .missingFile,
                    "migration \(entry.version) (\(entry.name)) is applied in the database but its file is missing; this build is older than the database")
            case .applied, .pending:
                continue
            }
        }
        if let lastApplied = entries.last(where: { $0.state == .applied })?.version,
            let gap = entries.first(where: { $0.state == .pending && $0.version < lastApplied })
        {
            throw MigrationError(
                .outOfOrder,
                "migration \(gap.version) (\(gap.name)) is pending but later migration \(lastApplied) is already applied; the history is inconsistent")
        }
    }

    private func compare(applied: [Int: (name: String, checksum: String)]) -> [Entry] {
        var entries = migrations.map { migration -> Entry in
            let state: State =
                switch applied[migration.version] {
                case nil: .pending
                case let row? where row.checksum == migration.checksum: .applied
                case let row?: .edited(recorded: row.checksum)
                }
            return Entry(version: migration.version, name: migration.name, state: state)
        }
        let known = Set(migrations.map(\.version))
        for (version, row) in applied where !known.contains(version) {
            entries.append(Entry(version: version, name: row.name, state: .missingFile))
        }
        return entries.sorted { $0.version < $1.version }
    }

    private func ensureTable(client: PostgresClient, logger: Logger) async throws {
        try await client.query(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now(),
                applied_by text NOT NULL DEFAULT current_user
            )
            """, logger: logger)
    }

    private func appliedRows(connection: PostgresConnection?, client: PostgresClient, logger: Logger) async throws
        -> [Int: (name: String, checksum: String)]
    {
        let query: PostgresQuery = "SELECT version, name, checksum FROM schema_migrations"
        let rows = if let connection {
            try await connection.query(query, logger: logger)
        } else {
            try await client.query(query, logger: logger)
        }
        var result: [Int: (name: String, checksum: String)] = [:]
        for try await (version, name, checksum) in rows.decode((Int, String, String).self) {
            result[version] = (name, checksum)
        }
        return result
    }
}
