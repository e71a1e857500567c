import Foundation
import KH02Storage
import KH02PostgresTestSupport
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

    @Test("0007 moves every stored original into its first part, byte for byte; a part then checks its upload at commit")
    func originalsMovedIntoParts() async throws {
        let project = try Migration.load(from: TestDatabase.sqlDirectory)
        try await TestDatabase.withEmptyDatabase { client in
            let logger = TestLogger.quiet
            try await MigrationRunner(migrations: project.filter { $0.version <= 6 }).migrate(client: client, logger: logger)
            let original = ByteBuffer(bytes: Array("commune_code,as_of\r\n00004,2025-09-20\r\n".utf8) + [0xEF, 0xBB, 0xBF, 0x00, 0xFF])
            try await client.query(
                """
                INSERT INTO api_tokens (id, name, role, token_hash, token_prefix, created_by)
                VALUES ('00000000-0000-0000-0000-000000000001', 'old', 'admin', 'h', 'p', 'test')
                """, logger: logger)
            try await client.query(
                """
                INSERT INTO plan_versions (plan_id, version, effective_from, title, document, checksum, imported_by)
                VALUES ('kh02', 1, '2025-07-01', 'Plan', '{}', 'c', 'test')
                """, logger: logger)
            try await client.query(
                """
                INSERT INTO uploads (id, kind, format, token_id, uploader, received_at, idempotency_key, content_sha256, plan_id,
                                     plan_version, row_count, units_touched, original, answer)
                VALUES ('00000000-0000-0000-0000-0000000000aa', 'readiness', 'csv', '00000000-0000-0000-0000-000000000001', 'old', now(),
                        'k', 's', 'kh02', 1, 0, 0, \(original), '{}')
                """, logger: logger)
            try await MigrationRunner(migrations: project).migrate(client: client, logger: logger)
            let parts = try await client.query("SELECT part, bytes FROM upload_originals", logger: logger)
            var moved: [(Int, ByteBuffer)] = []
            for try await row in parts.decode((Int, ByteBuffer).self) { moved.append(row) }
            #expect(moved.map(\.0) == [0])
            #expect(moved.first?.1 == original)
            #expect(try await columns(of: "uploads", client).contains("original") == false)
            // A part written before its upload's record is fine until commit, and refused there without one.
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: logger)
                try await connection.query(
                    """
                    INSERT INTO upload_originals (upload_id, part, bytes) VALUES ('00000000-0000-0000-0000-0000000000bb', 0, '\\x00')
                    """, logger: logger)
                await #expect(throws: PSQLError.self) { try await connection.query("COMMIT", logger: logger) }
            }
        }
    }

    func columns(of table: String, _ client: PostgresClient) async throws -> [String] {
        let rows = try await client.query(
            "SELECT column_name FROM information_schema.columns WHERE table_name = \(table)", logger: TestLogger.quiet)
        var names: [String] = []
        for try await name in rows.decode(String.self) { names.append(name) }
        return names
    }
}
