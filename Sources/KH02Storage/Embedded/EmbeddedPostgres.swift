import Crypto
public import Foundation
import KH02Core
import Logging
public import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL cluster in `<data-dir>/postgres`, run from the system's PostgreSQL programs and reached
/// only through a unix socket (no TCP port), always with a password (see `EmbeddedPostgres+Access.swift`).
///
/// The socket lives in a short directory under /tmp named by a hash of the data dir, because socket paths are
/// limited to 107 bytes; every kh02 command computes the same name, so they all find a running cluster.
/// As root, the cluster runs as an unprivileged system user (`postgres` by default), since initdb and postgres
/// refuse root. The socket's folder is private to that user (0700, checked to be its own, never a folder another
/// account made in /tmp first).
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
        let digest = Hex.lowercase(SHA256.hash(data: Data(dataDirectory.utf8)).prefix(6))
        return "/tmp/kh02-pg-\(digest)"
    }

    public var socketPath: String { socketDirectory + "/.s.PGSQL.\(Self.port)" }

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
        try createDirectory(dataDirectory, forCluster: false)
        if fm.fileExists(atPath: clusterDirectory + "/PG_VERSION") { return false }
        // A folder without PG_VERSION is an initdb that never finished: start it again from empty.
        try? fm.removeItem(atPath: clusterDirectory)
        try createDirectory(clusterDirectory, forCluster: true)
        try requireAccess(to: clusterDirectory)
        logger.info("creating embedded PostgreSQL cluster", metadata: ["path": "\(clusterDirectory)"])
        // The superuser's password goes to initdb in a file only the cluster's user can read, removed right after.
        let credentials = EmbeddedCredentials.generate()
        try credentials.write(to: credentialsFile)
        let passwordFile = dataDirectory + "/initdb-password"
        try PrivateFile.write(Data((credentials.superuserPassword + "\n").utf8), to: passwordFile)
        defer { unlink(passwordFile) }
        try giveToClusterUser(passwordFile)
        var arguments = [
            "-D", clusterDirectory, "-A", "scram-sha-256", "--pwfile=\(passwordFile)", "-U", Self.superuser, "-E", "UTF8", "--locale=C.UTF-8",
        ]
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
        try createSocketDirectory()
        if let pid = runningPostmasterPID() {
            logger.info("embedded PostgreSQL already running; using it", metadata: ["pid": "\(pid)"])
            return false
        }
        // The pid file of a killed postmaster: its number may now belong to another process, so remove it.
        try? FileManager.default.removeItem(atPath: clusterDirectory + "/postmaster.pid")
        var options = ["-k \(socketDirectory)", "-c listen_addresses=''", "-c port=\(Self.port)", "-c unix_socket_permissions=0700"]
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

    /// Creates `path`; `forCluster`: as root, a folder of the cluster's user, 0700.
    private func createDirectory(_ path: String, forCluster: Bool) throws(EmbeddedPostgresError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw EmbeddedPostgresError(.dataDirUnusable, "cannot create \(path): \(error.localizedDescription)")
        }
        if forCluster, clusterUser != nil {
            try giveToClusterUser(path)
            chmod(path, 0o700)
        }
    }

    /// The socket's folder: made 0700 for the cluster's user, or, when it exists, accepted only as a real folder
    /// of that user (anyone can make a folder in /tmp with this name first, to listen in on our socket).
    private func createSocketDirectory() throws(EmbeddedPostgresError) {
        let path = socketDirectory
        let entry = clusterUser.flatMap { getpwnam($0) }
        let uid = entry?.pointee.pw_uid ?? geteuid()
        if mkdir(path, 0o700) == 0 {
            try giveToClusterUser(path)
        } else if errno != EEXIST {
            throw EmbeddedPostgresError(.dataDirUnusable, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, info.st_uid == uid else {
            throw EmbeddedPostgresError(
                .dataDirUnusable,
                "\(path) is not a folder of the cluster's user (uid \(uid)); someone else made it. Remove it and start again. / Thư mục socket không thuộc người dùng của cụm PostgreSQL.")
        }
        guard chmod(path, 0o700) == 0 else {
            throw EmbeddedPostgresError(.dataDirUnusable, "cannot make \(path) private: \(String(cString: strerror(errno)))")
        }
    }

    /// As root, makes `path` belong to the cluster's user (who must read it); otherwise it is ours already.
    func giveToClusterUser(_ path: String) throws(EmbeddedPostgresError) {
        guard let clusterUser, let entry = getpwnam(clusterUser) else { return }
        guard chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
            throw EmbeddedPostgresError(.dataDirUnusable, "cannot give \(path) to user \(clusterUser): \(String(cString: strerror(errno)))")
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
