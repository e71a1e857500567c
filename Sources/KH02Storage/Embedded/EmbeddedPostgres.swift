import Crypto
import Foundation
import Logging
import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster in `<data-dir>/postgres`, run from the system's PostgreSQL programs and reached
/// only through a unix socket (no TCP port).
///
/// The socket lives in a short directory under /tmp named by a hash of the data dir, because socket paths are
/// limited to 107 bytes; every kh02 command computes the same name, so they all find a running cluster.
/// As root, the cluster runs as an unprivileged system user (`postgres` by default), since initdb and postgres
/// refuse root.
public struct EmbeddedPostgres: Sendable {
    /// The kh02 data directory (absolute).
    public let dataDirectory: String
    public let binaries: PostgresBinaries
    /// The operating-system user the cluster runs as when we are root; nil when we are not root.
    public let clusterUser: String?
    /// Extra `postgres -c` settings, e.g. `fsync=off` for throwaway test clusters.
    public let settings: [String: String]
    /// `initdb --no-sync`: faster, for clusters that may be lost (tests).
    public let skipSync: Bool

    public static let superuser = "kh02"
    public static let database = "kh02"
    static let port = 5432

    public init(
        dataDirectory: String, settings: [String: String] = [:], skipSync: Bool = false,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(EmbeddedPostgresError) {
        self.dataDirectory = URL(fileURLWithPath: dataDirectory).standardizedFileURL.path
        self.binaries = try PostgresBinaries.locate(environment: environment)
        self.settings = settings
        self.skipSync = skipSync
        if geteuid() == 0 {
            let user = environment["KH02_POSTGRES_USER"] ?? "postgres"
            guard getpwnam(user) != nil else {
                throw EmbeddedPostgresError(
                    .noUnprivilegedUser,
                    "running as root, so the embedded PostgreSQL must run as an unprivileged user, but user '\(user)' does not exist. Install postgresql (it creates 'postgres'), create one with `useradd --system \(user)`, or set KH02_POSTGRES_USER.")
            }
            self.clusterUser = user
        } else {
            self.clusterUser = nil
        }
    }

    public var clusterDirectory: String { dataDirectory + "/postgres" }
    public var logFile: String { clusterDirectory + "/server.log" }

    /// `/tmp/kh02-pg-<12 hex digits of SHA-256(data dir)>`.
    public var socketDirectory: String {
        let digest = SHA256.hash(data: Data(dataDirectory.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        return "/tmp/kh02-pg-\(digest)"
    }

    public var socketPath: String { socketDirectory + "/.s.PGSQL.\(Self.port)" }

    /// Client settings for the socket, as the cluster's superuser.
    public func clientConfiguration(database: String = EmbeddedPostgres.database) -> PostgresClient.Configuration {
        PostgresClient.Configuration(unixSocketPath: socketPath, username: Self.superuser, password: nil, database: database)
    }

    private var runner: CommandRunner { CommandRunner(user: clusterUser) }

    /// The postmaster's pid when one is running for this cluster (checked in /proc, so a stale
    /// `postmaster.pid` whose number now belongs to another program does not count).
    public func runningPostmasterPID() -> Int32? {
        guard let text = try? String(contentsOfFile: clusterDirectory + "/postmaster.pid", encoding: .utf8),
            let first = text.split(separator: "\n").first, let pid = Int32(String(first).trimmingWhitespace()), pid > 0,
            kill(pid, 0) == 0 || errno == EPERM
        else { return nil }
        let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingWhitespace()
        guard let comm, comm == "postgres" || comm == "postmaster" else { return nil }
        return pid
    }

    /// Creates the cluster on first use; returns true when it ran initdb.
    @discardableResult
    public func initializeIfNeeded(logger: Logger) throws(EmbeddedPostgresError) -> Bool {
        let fm = FileManager.default
        try createDirectory(dataDirectory, owner: nil)
        if fm.fileExists(atPath: clusterDirectory + "/PG_VERSION") { return false }
        // A folder without PG_VERSION is an initdb that never finished: start it again from empty.
        try? fm.removeItem(atPath: clusterDirectory)
        try createDirectory(clusterDirectory, owner: clusterUser)
        try requireAccess(to: clusterDirectory)
        logger.info("creating embedded PostgreSQL cluster", metadata: ["path": "\(clusterDirectory)"])
        var arguments = ["-D", clusterDirectory, "-A", "trust", "-U", Self.superuser, "-E", "UTF8", "--locale=C.UTF-8"]
        if skipSync { arguments.append("--no-sync") }
        do {
            try runner.check(binaries.initdb, arguments)
        } catch {
            throw EmbeddedPostgresError(.startFailed, "initdb failed: \(error)")
        }
        return true
    }

    /// Starts the cluster unless it is already running; returns true when this call started it.
    @discardableResult
    public func start(logger: Logger) throws(EmbeddedPostgresError) -> Bool {
        try initializeIfNeeded(logger: logger)
        try createDirectory(socketDirectory, owner: clusterUser)
        if let pid = runningPostmasterPID() {
            logger.info("embedded PostgreSQL already running; using it", metadata: ["pid": "\(pid)"])
            return false
        }
        // The pid file of a killed postmaster: its number may now belong to another process, so remove it.
        try? FileManager.default.removeItem(atPath: clusterDirectory + "/postmaster.pid")
        var options = ["-k \(socketDirectory)", "-c listen_addresses=''", "-c port=\(Self.port)"]
        options += settings.sorted { $0.key < $1.key }.map { "-c \($0.key)=\($0.value)" }
        let arguments = ["-D", clusterDirectory, "-l", logFile, "-w", "-t", "60", "-o", options.joined(separator: " "), "start"]
        // After a SIGKILL the old backends may hold shared memory for a moment: retry briefly.
        var lastError = ""
        for attempt in 1...10 {
            do {
                try runner.check(binaries.pgCtl, arguments)
                logger.info("embedded PostgreSQL started", metadata: ["socket": "\(socketDirectory)", "attempt": "\(attempt)"])
                return true
            } catch {
                lastError = "\(error)"
                try? FileManager.default.removeItem(atPath: clusterDirectory + "/postmaster.pid")
                Thread.sleep(forTimeInterval: 0.5)
            }
        }
        let tail = (try? String(contentsOfFile: logFile, encoding: .utf8))?.split(separator: "\n").suffix(5).joined(separator: "\n") ?? ""
        throw EmbeddedPostgresError(.startFailed, "PostgreSQL did not start: \(lastError)\n\(tail)")
    }

    /// Stops the cluster (fast shutdown: open transactions roll back, committed data is kept).
    public func stop(logger: Logger) throws(EmbeddedPostgresError) {
        guard runningPostmasterPID() != nil else { return }
        do {
            try runner.check(binaries.pgCtl, ["-D", clusterDirectory, "-m", "fast", "-w", "-t", "60", "stop"])
            logger.info("embedded PostgreSQL stopped")
        } catch {
            throw EmbeddedPostgresError(.stopFailed, "\(error)")
        }
    }

    /// Leaves a small watcher behind that stops the cluster (and deletes the data dir when `removingData`) once
    /// process `pid` has exited: a throwaway cluster for tests is cleaned up however the test run ends.
    public func stopAfterExit(of pid: Int32, removingData: Bool) throws {
        let asUser = clusterUser.map { "\(CommandRunner.runuser) -u \($0) -- " } ?? ""
        let remove = removingData ? "; rm -rf '\(dataDirectory)' '\(socketDirectory)'" : ""
        let script = "(while kill -0 \(pid) 2>/dev/null; do sleep 1; done; \(asUser)'\(binaries.pgCtl)' -D '\(clusterDirectory)' -m immediate stop\(remove)) </dev/null >/dev/null 2>&1 &"
        try CommandRunner(user: nil).check("/bin/sh", ["-c", script])
    }

    /// Waits until the socket accepts connections (another kh02 process may be starting the cluster).
    public func waitUntilRunning(timeout: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if runningPostmasterPID() != nil, FileManager.default.fileExists(atPath: socketPath) { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Creates the kh02 database when missing (a fresh cluster has only `postgres`).
    public func createDatabaseIfNeeded(_ name: String = EmbeddedPostgres.database, logger: Logger) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: PostgresConnection.Configuration(unixSocketPath: socketPath, username: Self.superuser, password: nil, database: "postgres"),
            id: 1, logger: logger)
        do {
            let rows = try await connection.query("SELECT count(*) FROM pg_database WHERE datname = \(name)", logger: logger)
            var exists = false
            for try await count in rows.decode(Int.self) { exists = count > 0 }
            if !exists {
                // A database name cannot be a bind parameter; `name` is our own constant or generated identifier.
                try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \"\(name)\""), logger: logger)  // our own name
            }
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    private func createDirectory(_ path: String, owner: String?) throws(EmbeddedPostgresError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            if let owner, let entry = getpwnam(owner) {
                guard chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
                    throw EmbeddedPostgresError(.dataDirUnusable, "cannot give \(path) to user \(owner): \(String(cString: strerror(errno)))")
                }
                chmod(path, 0o700)
            }
        } catch let error as EmbeddedPostgresError {
            throw error
        } catch {
            throw EmbeddedPostgresError(.dataDirUnusable, "cannot create \(path): \(error.localizedDescription)")
        }
    }

    /// As root, checks that the cluster user can reach its folder (a data dir under /root is not reachable).
    private func requireAccess(to path: String) throws(EmbeddedPostgresError) {
        guard let clusterUser else { return }
        let ok = (try? runner.run("/usr/bin/test", ["-w", path]).status) == 0
        if !ok {
            throw EmbeddedPostgresError(
                .dataDirUnusable,
                "user '\(clusterUser)' cannot reach \(path) (a parent folder is private). Choose a data dir it can reach, e.g. --data-dir /var/lib/kh02.")
        }
    }
}
