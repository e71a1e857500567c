import Foundation
import KH02Core
import KH02PostgresTestSupport
import KH02Storage
import KH02TestSupport
import PostgresNIO
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

@Suite("kh02 backup and kh02 restore", .serialized)
struct BackupRestoreTests {
    /// Runs `kh02 <arguments>` to its end; returns its exit code and output.
    func kh02(_ arguments: [String], in directory: String) async throws -> (status: Int32, output: String) {
        let run = try ServerProcess(arguments, directory: directory)
        let status = try await run.waitForExit(timeout: .seconds(300))
        return (status, run.output)
    }

    /// Every table of the cluster's database with its row count.
    func rowCounts(_ cluster: EmbeddedPostgres) async throws -> [String: Int] {
        let connection = try await PostgresConnection.connect(
            configuration: cluster.connectionConfiguration(superuser: true), id: 11, logger: TestLogger.quiet)
        do {
            let counts = try await rowCounts(on: connection)
            try await connection.close()
            return counts
        } catch {
            try? await connection.close()
            throw DetailedDatabaseError(error)
        }
    }

    private func rowCounts(on connection: PostgresConnection) async throws -> [String: Int] {
        var tables: [String] = []
        for try await name in try await connection.query(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", logger: TestLogger.quiet
        ).decode(String.self) { tables.append(name) }
        var counts: [String: Int] = [:]
        for table in tables {
            // Table names come from the catalog just read, quoted as identifiers.
            for try await count in try await connection.query(
                PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \"\(table)\""), logger: TestLogger.quiet
            ).decode(Int.self) { counts[table] = count }
        }
        return counts
    }

    func body(_ url: String) async throws -> Data {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200, "\(url): \(String(decoding: data, as: UTF8.self).prefix(300))")
        return data
    }

    @Test("demo data backed up, restored into an empty cluster: every table's rows and the coverage at three instants are the same; a non-empty database is refused without --force")
    func roundTrip() async throws {
        let directory = "/tmp/kh02-backup-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // As root the clusters run as `postgres`, which must be able to reach their folders.
        chmod(directory, 0o755)
        let (source, target) = (directory + "/source", directory + "/target")
        let file = directory + "/kh02.backup"
        let clusters = [try EmbeddedPostgres(dataDirectory: source), try EmbeddedPostgres(dataDirectory: target)]
        defer {
            for cluster in clusters { try? cluster.stop(logger: TestLogger.quiet) }
            try? FileManager.default.removeItem(atPath: directory)
        }
        let demo = try await kh02(["demo", "--days", "3", "--data-dir", source], in: directory)
        #expect(demo.status == 0, "\(demo.output)")
        let backup = try await kh02(["backup", file, "--data-dir", source], in: directory)
        #expect(backup.status == 0, "\(backup.output)")
        let restore = try await kh02(["restore", file, "--data-dir", target], in: directory)
        #expect(restore.status == 0, "\(restore.output)")

        // Each command stopped the cluster it started: start both to look inside.
        for cluster in clusters { try cluster.start(logger: TestLogger.quiet) }
        let expected = try await rowCounts(clusters[0])
        #expect(expected["readiness_reports", default: 0] > 3 * 3_321 - 1, "\(expected)")
        #expect(try await rowCounts(clusters[1]) == expected)

        let refused = try await kh02(["restore", file, "--data-dir", target], in: directory)
        #expect(refused.status != 0)
        #expect(refused.output.contains("not empty") && refused.output.contains("không trống"), "\(refused.output)")
        let forced = try await kh02(["restore", file, "--force", "--data-dir", target], in: directory)
        #expect(forced.status == 0, "\(forced.output)")
        #expect(try await rowCounts(clusters[1]) == expected)

        let servers = try [source, target].map {
            try ServerProcess(["serve", "--port", "0", "--data-dir", $0], directory: directory, environment: ["KH02_PUBLIC_READ": "1"])
        }
        defer { for server in servers { server.signal(SIGTERM) } }
        let urls = [try await servers[0].waitForURL(), try await servers[1].waitForURL()]
        let yesterday = CivilDate(vietnamDayOf: Date()).adding(days: -1)
        for asOf in [yesterday.adding(days: -2).iso, yesterday.iso + "T09:30:00+07:00", CivilDate(vietnamDayOf: Date()).iso] {
            let answers = [try await body(urls[0] + "api/v1/coverage?as_of=\(asOf)"), try await body(urls[1] + "api/v1/coverage?as_of=\(asOf)")]
            #expect(answers[0] == answers[1], "coverage at \(asOf) differs after the restore")
        }
        for server in servers {
            server.signal(SIGTERM)
            #expect(try await server.waitForExit() == 0)
        }
    }
}
