import Foundation
import KH02Storage
import KH02TestSupport
import PostgresNIO
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Embedded PostgreSQL cluster lifecycle")
struct EmbeddedPostgresTests {
    func query(_ cluster: EmbeddedPostgres, _ sql: PostgresQuery) async throws -> [Int] {
        let connection = try await PostgresConnection.connect(
            configuration: cluster.connectionConfiguration(database: "postgres", superuser: true),
            id: 1, logger: TestLogger.quiet)
        var values: [Int] = []
        do {
            for try await value in try await connection.query(sql, logger: TestLogger.quiet).decode(Int.self) { values.append(value) }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
        return values
    }

    @Test("starts, stops, starts again with its data, and recovers after its postmaster is killed with SIGKILL")
    func lifecycle() async throws {
        let directory = "/tmp/kh02-life-\(UUID().uuidString.prefix(8))"
        let cluster = try EmbeddedPostgres(dataDirectory: directory, skipSync: true)
        defer {
            try? cluster.stop(logger: TestLogger.quiet)
            try? FileManager.default.removeItem(atPath: directory)
        }
        #expect(try cluster.start(logger: TestLogger.quiet) == true)
        #expect(try cluster.start(logger: TestLogger.quiet) == false, "a running cluster is adopted, not started twice")
        _ = try await query(cluster, "CREATE TABLE marker (n int)")
        _ = try await query(cluster, "INSERT INTO marker VALUES (42)")

        try cluster.stop(logger: TestLogger.quiet)
        #expect(cluster.runningPostmasterPID() == nil)
        try cluster.start(logger: TestLogger.quiet)
        #expect(try await query(cluster, "SELECT n FROM marker") == [42])

        let pid = try #require(cluster.runningPostmasterPID())
        kill(pid, SIGKILL)
        for _ in 0..<50 where kill(pid, 0) == 0 { try await Task.sleep(for: .milliseconds(100)) }
        #expect(FileManager.default.fileExists(atPath: cluster.clusterDirectory + "/postmaster.pid"), "the killed postmaster leaves a stale pid file")
        #expect(cluster.runningPostmasterPID() == nil)
        #expect(try cluster.start(logger: TestLogger.quiet) == true)
        #expect(try await query(cluster, "SELECT n FROM marker") == [42])
    }

    @Test("a stale postmaster.pid naming some other live process does not stop the start")
    func stalePidOfOtherProcess() async throws {
        let directory = "/tmp/kh02-stale-\(UUID().uuidString.prefix(8))"
        let cluster = try EmbeddedPostgres(dataDirectory: directory, skipSync: true)
        defer {
            try? cluster.stop(logger: TestLogger.quiet)
            try? FileManager.default.removeItem(atPath: directory)
        }
        try cluster.initializeIfNeeded(logger: TestLogger.quiet)
        // Our own pid: alive, but not a postmaster.
        try "\(getpid())\n\(cluster.clusterDirectory)\n".write(toFile: cluster.clusterDirectory + "/postmaster.pid", atomically: true, encoding: .utf8)
        #expect(cluster.runningPostmasterPID() == nil)
        #expect(try cluster.start(logger: TestLogger.quiet) == true)
        #expect(try await query(cluster, "SELECT 1") == [1])
    }

    @Test("the socket lives in a short folder even when the data dir path is long")
    func shortSocketPath() throws {
        let long = "/tmp/" + String(repeating: "very-long-folder-name/", count: 8) + "data"
        let cluster = try EmbeddedPostgres(dataDirectory: long)
        #expect(cluster.socketPath.utf8.count < 107)
        #expect(cluster.socketDirectory == (try EmbeddedPostgres(dataDirectory: long + "/../data")).socketDirectory)
    }

    @Test("a database URL is parsed into host, port, user, database and TLS mode")
    func databaseURL() throws {
        guard case .external(let config, let summary) = try DatabaseLocation.parse(url: "postgres://kh%40user:p%3Ass@db.example:6543/kh02_prod?sslmode=disable") else {
            Issue.record("expected an external location")
            return
        }
        #expect(config.host == "db.example")
        #expect(config.port == 6543)
        #expect(config.username == "kh@user")
        #expect(config.password == "p:ss")
        #expect(config.database == "kh02_prod")
        #expect(summary == "kh@user@db.example:6543/kh02_prod")
        #expect(throws: DatabaseURLError.self) { try DatabaseLocation.parse(url: "mysql://x@y/z") }
        #expect(throws: DatabaseURLError.self) { try DatabaseLocation.parse(url: "postgres://x@y/z?sslmode=bogus") }
        guard case .embedded(let dir) = try DatabaseLocation.resolve(databaseURL: nil, dataDirectory: nil, environment: ["KH02_DATA_DIR": "/srv/kh02"]) else {
            Issue.record("expected the embedded cluster")
            return
        }
        #expect(dir == "/srv/kh02")
    }
}
