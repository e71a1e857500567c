import Foundation
import PostgresNIO
import Testing

@testable import KH02Storage
import KH02PostgresTestSupport
import KH02TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Who can reach the embedded cluster: only kh02's own OS user, only with a password, and kh02 itself only as a
/// role without superuser rights.
@Suite("Embedded PostgreSQL access")
struct EmbeddedPostgresSecurityTests {
    /// A fresh cluster in its own folder, stopped and removed after `body`.
    func withCluster(_ name: String, _ body: (EmbeddedPostgres) async throws -> Void) async throws {
        let directory = "/tmp/kh02-\(name)-\(UUID().uuidString.prefix(8))"
        let cluster = try EmbeddedPostgres(dataDirectory: directory, skipSync: true)
        defer {
            try? cluster.stop(logger: TestLogger.quiet)
            try? FileManager.default.removeItem(atPath: directory)
            rmdir(cluster.socketDirectory)
        }
        try await body(cluster)
    }

    func values(_ configuration: PostgresConnection.Configuration, _ sql: PostgresQuery) async throws -> [String] {
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: TestLogger.quiet)
        var values: [String] = []
        do {
            for try await value in try await connection.query(sql, logger: TestLogger.quiet).decode(String.self) { values.append(value) }
        } catch {
            try? await connection.close()
            throw DetailedDatabaseError(error)
        }
        try await connection.close()
        return values
    }

    func mode(_ path: String) -> (mode: mode_t, uid: uid_t)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (info.st_mode & 0o777, info.st_uid)
    }

    /// Connecting with `password` (nil: none) as `user` fails; with `trying` times, for a reload in progress.
    func refused(_ cluster: EmbeddedPostgres, user: String, password: String?) async -> Bool {
        let configuration = PostgresConnection.Configuration(unixSocketPath: cluster.socketPath, username: user, password: password, database: "postgres")
        for _ in 0..<20 {
            do {
                let connection = try await PostgresConnection.connect(configuration: configuration, id: 2, logger: TestLogger.quiet)
                try? await connection.close()
                try? await Task.sleep(for: .milliseconds(100))
            } catch {
                return true
            }
        }
        return false
    }

    @Test("the socket and its folder are private, every connection needs the password, and kh02's role is no superuser")
    func privateCluster() async throws {
        try await withCluster("private") { cluster in
            try cluster.start(logger: TestLogger.quiet)
            try await cluster.prepareAccess(logger: TestLogger.quiet)
            let owner = cluster.clusterUser.flatMap { getpwnam($0)?.pointee.pw_uid } ?? geteuid()
            let folder = try #require(mode(cluster.socketDirectory))
            #expect(folder.mode == 0o700 && folder.uid == owner, "socket folder mode \(String(folder.mode, radix: 8))")
            #expect(mode(cluster.socketPath)?.mode == 0o700)
            #expect(mode(cluster.credentialsFile)?.mode == 0o600)
            #expect(try String(contentsOfFile: cluster.hbaFile, encoding: .utf8) == EmbeddedPostgres.hbaContents)

            #expect(await refused(cluster, user: EmbeddedPostgres.superuser, password: nil), "no password")
            #expect(await refused(cluster, user: EmbeddedPostgres.applicationRole, password: nil), "no password")
            #expect(await refused(cluster, user: EmbeddedPostgres.superuser, password: "0123456789abcdef0123456789abcdef"), "wrong password")

            let application = try cluster.connectionConfiguration()
            #expect(try await values(application, "SELECT current_user::text || ' ' || rolsuper::text FROM pg_roles WHERE rolname = current_user") == ["kh02_app false"])
            #expect(try await values(application, "SELECT pg_catalog.pg_get_userbyid(datdba)::text FROM pg_database WHERE datname = current_database()") == ["kh02_app"])
            await #expect(throws: (any Error).self, "COPY TO PROGRAM needs a superuser") {
                try await values(application, "COPY (SELECT 1) TO PROGRAM 'true'")
            }
        }
    }

    @Test("another OS account cannot reach the socket, even with the password", .enabled(if: geteuid() == 0, "switching OS users needs root"))
    func otherAccountRefused() async throws {
        try await withCluster("other-user") { cluster in
            try cluster.start(logger: TestLogger.quiet)
            try await cluster.prepareAccess(logger: TestLogger.quiet)
            let psql = URL(fileURLWithPath: cluster.binaries.initdb).deletingLastPathComponent().appendingPathComponent("psql").path
            let attempt = try CommandRunner(user: "nobody").run(
                "/usr/bin/env",
                ["PGPASSWORD=\(try cluster.credentials().superuserPassword)", psql, "-h", cluster.socketDirectory, "-U", EmbeddedPostgres.superuser,
                 "-d", "postgres", "-Atc", "SELECT 1"])
            #expect(attempt.status != 0, "\(attempt.output)")
            #expect(attempt.output.contains("Permission denied"), "\(attempt.output)")
            // The cluster's own user gets through with the password: the refusal above is the socket's, not a typo.
            let owner = try CommandRunner(user: cluster.clusterUser).run(
                "/usr/bin/env",
                ["PGPASSWORD=\(try cluster.credentials().superuserPassword)", psql, "-h", cluster.socketDirectory, "-U", EmbeddedPostgres.superuser,
                 "-d", "postgres", "-Atc", "SELECT 1"])
            #expect(owner.status == 0 && owner.output.trimmingCharacters(in: .whitespacesAndNewlines) == "1", "\(owner.output)")
        }
    }

    @Test("a socket folder someone else made first is refused, not used")
    func foreignSocketFolder() async throws {
        try await withCluster("foreign") { cluster in
            // As root the cluster's user is `postgres`, so a root-owned folder is foreign; otherwise a symlink stands in.
            if geteuid() == 0 {
                #expect(mkdir(cluster.socketDirectory, 0o777) == 0)
            } else {
                #expect(symlink("/tmp", cluster.socketDirectory) == 0)
            }
            defer { unlink(cluster.socketDirectory); rmdir(cluster.socketDirectory) }
            #expect(throws: EmbeddedPostgresError.self) { try cluster.start(logger: TestLogger.quiet) }
            #expect(cluster.runningPostmasterPID() == nil)
        }
    }

    @Test("a cluster made with trust by an earlier kh02 is secured in place on its next start, with its data")
    func trustClusterUpgraded() async throws {
        try await withCluster("upgrade") { cluster in
            // The cluster as earlier versions made it: initdb -A trust, the schema owned by the superuser.
            try FileManager.default.createDirectory(atPath: cluster.clusterDirectory, withIntermediateDirectories: true)
            if let user = cluster.clusterUser, let entry = getpwnam(user) {
                #expect(chown(cluster.clusterDirectory, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0)
            }
            try CommandRunner(user: cluster.clusterUser).check(
                cluster.binaries.initdb,
                ["-D", cluster.clusterDirectory, "-A", "trust", "-U", EmbeddedPostgres.superuser, "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
            try cluster.start(logger: TestLogger.quiet)
            let trusted = { (database: String) in
                PostgresConnection.Configuration(unixSocketPath: cluster.socketPath, username: EmbeddedPostgres.superuser, password: nil, database: database)
            }
            _ = try await values(trusted("postgres"), "CREATE DATABASE kh02")
            for statement: PostgresQuery in [
                "CREATE TABLE marker (n int GENERATED ALWAYS AS IDENTITY, note text)", "INSERT INTO marker (note) VALUES ('kept')",
                "CREATE SEQUENCE loose", "CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS 'SELECT 42'",
            ] {
                _ = try await values(trusted("kh02"), statement)
            }
            #expect(cluster.clusterTrustsLocalConnections())
            #expect(!FileManager.default.fileExists(atPath: cluster.credentialsFile))

            try await cluster.prepareAccess(logger: TestLogger.quiet)
            #expect(!cluster.clusterTrustsLocalConnections())
            #expect(mode(cluster.credentialsFile)?.mode == 0o600)
            #expect(await refused(cluster, user: EmbeddedPostgres.superuser, password: nil))

            let application = try cluster.connectionConfiguration()
            #expect(try await values(application, "SELECT note FROM marker") == ["kept"])
            _ = try await values(application, "INSERT INTO marker (note) VALUES ('written by kh02_app')")
            #expect(try await values(application, "SELECT nextval('loose')::text || ' ' || answer()::text") == ["1 42"])
            #expect(try await values(application, "SELECT tableowner::text FROM pg_tables WHERE tablename = 'marker'") == ["kh02_app"])

            // Stopped and started again: nothing to upgrade, the same passwords still work.
            let before = try cluster.credentials()
            try cluster.stop(logger: TestLogger.quiet)
            try cluster.start(logger: TestLogger.quiet)
            try await cluster.prepareAccess(logger: TestLogger.quiet)
            #expect(try cluster.credentials() == before)
            #expect(try await values(try cluster.connectionConfiguration(), "SELECT count(*)::text FROM marker") == ["2"])
        }
    }
}
