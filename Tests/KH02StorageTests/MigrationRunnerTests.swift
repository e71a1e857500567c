import Foundation
import KH02Storage
import KH02TestSupport
import PostgresNIO
import Testing

@Suite("Migration runner on real PostgreSQL")
struct MigrationRunnerTests {
    /// Inside the test cluster's folder, which is removed when the test process ends.
    static let root = "/tmp/kh02-test-\(ProcessInfo.processInfo.processIdentifier)/migrations"

    init() throws {
        try FileManager.default.createDirectory(atPath: Self.root, withIntermediateDirectories: true)
    }

    /// A temporary folder of migration files.
    func folder(_ files: [String: String]) throws -> String {
        let path = Self.root + "/" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
        }
        return path
    }

    func tables(_ client: PostgresClient) async throws -> [String] {
        let rows = try await client.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", logger: TestLogger.quiet)
        var names: [String] = []
        for try await name in rows.decode(String.self) { names.append(name) }
        return names
    }

    let first = ["0001_a.sql": "-- a\nCREATE TABLE a (x int);\nINSERT INTO a VALUES (1);", "0002_b.sql": "CREATE TABLE b (y text);"]

    @Test("a fresh database gets every migration, recorded with checksums; a re-run does nothing")
    func freshAndIdempotent() async throws {
        let dir = try folder(first)
        try await TestDatabase.withEmptyDatabase { client in
            let runner = MigrationRunner(migrations: try Migration.load(from: dir))
            #expect(try await runner.migrate(client: client, logger: TestLogger.quiet) == [1, 2])
            #expect(try await tables(client) == ["a", "b", "schema_migrations"])
            #expect(try await runner.migrate(client: client, logger: TestLogger.quiet) == [])
            let states = try await runner.status(client: client, logger: TestLogger.quiet).map(\.state)
            #expect(states == [.applied, .applied])
            try await runner.requireCurrent(client: client, logger: TestLogger.quiet)
        }
    }

    @Test("a new file is pending: serve refuses until migrated")
    func pending() async throws {
        let dir = try folder(first)
        try await TestDatabase.withEmptyDatabase { client in
            try await MigrationRunner(migrations: try Migration.load(from: dir)).migrate(client: client, logger: TestLogger.quiet)
            try "CREATE TABLE c (z int);".write(toFile: dir + "/0003_c.sql", atomically: true, encoding: .utf8)
            let runner = MigrationRunner(migrations: try Migration.load(from: dir))
            await #expect(throws: MigrationError.self) { try await runner.requireCurrent(client: client, logger: TestLogger.quiet) }
            #expect(try await runner.migrate(client: client, logger: TestLogger.quiet) == [3])
        }
    }

    @Test("an applied file that was edited is refused")
    func edited() async throws {
        let dir = try folder(first)
        try await TestDatabase.withEmptyDatabase { client in
            try await MigrationRunner(migrations: try Migration.load(from: dir)).migrate(client: client, logger: TestLogger.quiet)
            try "CREATE TABLE b (y text, extra int);".write(toFile: dir + "/0002_b.sql", atomically: true, encoding: .utf8)
            let runner = MigrationRunner(migrations: try Migration.load(from: dir))
            let error = await #expect(throws: MigrationError.self) { try await runner.migrate(client: client, logger: TestLogger.quiet) }
            #expect(error?.kind == .edited)
            #expect(error?.message.contains("0002_b.sql") == true)
        }
    }

    @Test("a history the files do not explain is refused: a later version applied, an earlier one pending")
    func inconsistentHistory() async throws {
        let dir = try folder(first)
        try await TestDatabase.withEmptyDatabase { client in
            try await MigrationRunner(migrations: try Migration.load(from: dir)).migrate(client: client, logger: TestLogger.quiet)
            try await client.query("DELETE FROM schema_migrations WHERE version = 1", logger: TestLogger.quiet)
            let runner = MigrationRunner(migrations: try Migration.load(from: dir))
            let error = await #expect(throws: MigrationError.self) { try await runner.migrate(client: client, logger: TestLogger.quiet) }
            #expect(error?.kind == .outOfOrder)
            try await client.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (9, 'future', 'x')", logger: TestLogger.quiet)
            let missing = await #expect(throws: MigrationError.self) { try await runner.requireCurrent(client: client, logger: TestLogger.quiet) }
            #expect(missing?.kind == .missingFile)
        }
    }

    @Test("a failing statement rolls the whole run back and names the file and statement")
    func atomic() async throws {
        let dir = try folder(["0001_a.sql": "CREATE TABLE a (x int);", "0002_bad.sql": "CREATE TABLE b (y int);\nSELECT * FROM no_such_table;"])
        try await TestDatabase.withEmptyDatabase { client in
            let runner = MigrationRunner(migrations: try Migration.load(from: dir))
            let error = await #expect(throws: MigrationError.self) { try await runner.migrate(client: client, logger: TestLogger.quiet) }
            #expect(error?.message.contains("0002_bad.sql, statement 2") == true)
            #expect(try await tables(client) == ["schema_migrations"])
        }
    }

    @Test("file names and numbering are checked before anything runs")
    func fileChecks() throws {
        #expect(throws: MigrationError.self) { try Migration.load(from: try folder(["0001_a.sql": "", "0003_c.sql": ""])) }
        #expect(throws: MigrationError.self) { try Migration.load(from: try folder(["0001_a.sql": "", "0001_b.sql": ""])) }
        #expect(throws: MigrationError.self) { try Migration.load(from: try folder(["1_a.sql": ""])) }
        #expect(throws: MigrationError.self) { try Migration.load(from: try folder(["0001_Bad-Name.sql": ""])) }
        #expect(try Migration.load(from: try folder(["0001_a.sql": "x", "notes.txt": "ignored"])).map(\.version) == [1])
    }
}
