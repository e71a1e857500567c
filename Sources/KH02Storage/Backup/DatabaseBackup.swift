import Foundation
public import Logging
public import PostgresNIO

/// `kh02 backup` and `kh02 restore`: the whole database in pg_dump's custom format (`-Fc`), and back with
/// pg_restore, both of the server's major version, run as child processes.
///
/// Where to connect and the password reach them in libpq's environment variables (`PGHOST`, `PGPASSWORD`, …),
/// never on the command line, which every local user can read. For the embedded cluster that is its socket
/// folder and the application role, which owns every table.
public struct DatabaseBackup: Sendable {
    let configuration: PostgresClient.Configuration
    let sslMode: String
    let logger: Logger

    /// `sslMode` is libpq's `PGSSLMODE` (`disable`, `prefer`, `require`); it does not matter for a unix socket.
    public init(configuration: PostgresClient.Configuration, sslMode: String = "prefer", logger: Logger) {
        self.configuration = configuration
        self.sslMode = sslMode
        self.logger = logger
    }

    /// libpq's variables for `configuration`.
    var environment: [String: String] {
        var variables = ["PGUSER": configuration.username, "PGSSLMODE": sslMode, "PGCONNECT_TIMEOUT": "10"]
        if let socket = configuration.unixSocketPath {
            // libpq wants the folder and the port; the socket is `<folder>/.s.PGSQL.<port>`.
            let url = URL(fileURLWithPath: socket)
            variables["PGHOST"] = url.deletingLastPathComponent().path
            variables["PGPORT"] = url.lastPathComponent.split(separator: ".").last.map(String.init)
        } else {
            variables["PGHOST"] = configuration.host
            variables["PGPORT"] = configuration.port.map { "\($0)" }
        }
        variables["PGPASSWORD"] = configuration.password
        return variables
    }

    var database: String { configuration.database ?? configuration.username }

    /// Writes the database to `file` (custom format, compressed), replacing it only once the dump is complete.
    public func backup(to file: String, client: PostgresClient) async throws {
        let tools = try await PostgresClientTools.locate(matching: client, logger: logger)
        let partial = file + ".partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        try run(tools.pgDump, ["--format=custom", "--file=\(partial)", "--dbname=\(database)"])
        if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
        try FileManager.default.moveItem(atPath: partial, toPath: file)
        logger.info("backup written", metadata: ["file": "\(file)", "tool": "\(tools.pgDump)"])
    }

    /// Tables in the database's `public` schema: a database to restore into must have none, unless forced.
    public func tableCount(client: PostgresClient) async throws -> Int {
        var count = 0
        for try await value in try await client.query(
            "SELECT count(*)::int FROM pg_tables WHERE schemaname = 'public'", logger: logger
        ).decode(Int.self) { count = value }
        return count
    }

    /// Restores `file` in one transaction (all or nothing). With `replacing`, the objects in the archive are
    /// dropped first; otherwise the database should be empty (see `tableCount`). Objects end up owned by the
    /// role kh02 connects as.
    public func restore(from file: String, replacing: Bool, client: PostgresClient) async throws {
        guard FileManager.default.isReadableFile(atPath: file) else { throw BackupError("cannot read \(file) / không đọc được tệp \(file)") }
        let tools = try await PostgresClientTools.locate(matching: client, logger: logger)
        var arguments = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=\(database)"]
        if replacing { arguments += ["--clean", "--if-exists"] }
        try run(tools.pgRestore, arguments + [file])
        logger.info("backup restored", metadata: ["file": "\(file)", "tool": "\(tools.pgRestore)"])
    }

    private func run(_ program: String, _ arguments: [String]) throws {
        do {
            try CommandRunner(user: nil, environment: environment).check(program, arguments)
        } catch {
            throw BackupError("\(error)")
        }
    }
}

/// A backup or restore that failed; the message says why (the tool's own output included).
public struct BackupError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
