import Foundation
import Logging
public import PostgresNIO

#if canImport(Glibc)
import Glibc
#endif

/// Who may connect to the embedded cluster, and as whom kh02 connects.
///
/// Three locks, each enough on its own against another local account: the socket folder is 0700 and owned by the
/// cluster's user, the socket itself is 0700, and every connection must give a password (SCRAM-SHA-256, no
/// `trust`). kh02 itself connects as `kh02_app`, which owns the database and its schema but is no superuser; the
/// superuser `kh02` is used only here, to create that role and its database.
extension EmbeddedPostgres {
    /// The role kh02 connects as: owner of the database and of every table, never a superuser.
    public static let applicationRole = "kh02_app"

    /// `<data-dir>/postgres-credentials.json` (mode 0600): see `EmbeddedCredentials`.
    public var credentialsFile: String { dataDirectory + "/postgres-credentials.json" }

    var hbaFile: String { clusterDirectory + "/pg_hba.conf" }

    /// The whole of the cluster's `pg_hba.conf`: local socket connections with a password, nothing else (the
    /// cluster listens on no TCP address).
    static let hbaContents = """
        # Written by kh02 on every start: connections through the unix socket only, always with a password.
        # TYPE  DATABASE  USER  METHOD
        local   all       all   scram-sha-256

        """

    /// The stored passwords; fails when the cluster has none yet (it was never started by this kh02).
    public func credentials() throws(EmbeddedPostgresError) -> EmbeddedCredentials {
        guard let credentials = try EmbeddedCredentials.read(from: credentialsFile) else {
            throw EmbeddedPostgresError(.credentialsUnusable, "\(credentialsFile) is missing: start the cluster with `kh02 serve` or `kh02 migrate` first")
        }
        return credentials
    }

    /// Client settings for the application role (or, for administration and tests, the superuser) on `database`,
    /// with the stored passwords.
    public func clientConfiguration(database: String = EmbeddedPostgres.database, superuser: Bool = false) throws(EmbeddedPostgresError)
        -> PostgresClient.Configuration
    {
        clientConfiguration(database: database, superuser: superuser, credentials: try credentials())
    }

    /// The same with `credentials` given: for callers that read them once (a test server makes a client per test).
    public func clientConfiguration(database: String, superuser: Bool = false, credentials: EmbeddedCredentials) -> PostgresClient.Configuration {
        let (username, password) = login(superuser: superuser, credentials: credentials)
        return PostgresClient.Configuration(unixSocketPath: socketPath, username: username, password: password, database: database)
    }

    /// Single-connection settings, as the application role or (for administration and tests) the superuser.
    public func connectionConfiguration(database: String = EmbeddedPostgres.database, superuser: Bool = false) throws(EmbeddedPostgresError)
        -> PostgresConnection.Configuration
    {
        connectionConfiguration(database: database, superuser: superuser, credentials: try credentials())
    }

    func connectionConfiguration(database: String, superuser: Bool, credentials: EmbeddedCredentials) -> PostgresConnection.Configuration {
        let (username, password) = login(superuser: superuser, credentials: credentials)
        return PostgresConnection.Configuration(unixSocketPath: socketPath, username: username, password: password, database: database)
    }

    /// The role and its password.
    private func login(superuser: Bool, credentials: EmbeddedCredentials) -> (username: String, password: String) {
        superuser ? (Self.superuser, credentials.superuserPassword) : (Self.applicationRole, credentials.applicationPassword)
    }

    /// Run after `start`: brings the running cluster to the state above, whatever state it was in, and is cheap
    /// when it is there already. A cluster made by an earlier kh02 with `trust` is upgraded in place, once: new
    /// passwords, the application role, its database and objects handed over to it, then `pg_hba.conf` rewritten
    /// and reloaded. The credentials file is written first, so a crash half way leaves a cluster the next start
    /// finishes.
    public func prepareAccess(database: String = EmbeddedPostgres.database, logger: Logger) async throws {
        let credentials: EmbeddedCredentials
        if let stored = try EmbeddedCredentials.read(from: credentialsFile) {
            credentials = stored
        } else if clusterTrustsLocalConnections() {
            logger.notice("embedded PostgreSQL accepts connections without a password; securing it (passwords, application role)")
            credentials = .generate()
            try credentials.write(to: credentialsFile)
        } else {
            throw EmbeddedPostgresError(
                .credentialsUnusable,
                "the embedded PostgreSQL in \(clusterDirectory) asks for a password, but \(credentialsFile) is missing. Restore that file from a backup of the data dir.")
        }
        try await withSuperuser(database: "postgres", credentials: credentials, logger: logger) { connection in
            try await ensureRoles(credentials, on: connection, logger: logger)
            try await ensureDatabase(database, on: connection, logger: logger)
        }
        try await withSuperuser(database: database, credentials: credentials, logger: logger) { connection in
            try await handOverObjects(on: connection, logger: logger)
            try await requirePasswords(on: connection, logger: logger)
        }
    }

    /// True when `pg_hba.conf` has a `trust` line (clusters made by kh02 before passwords).
    func clusterTrustsLocalConnections() -> Bool {
        guard let text = try? String(contentsOfFile: hbaFile, encoding: .utf8) else { return false }
        return text.split(separator: "\n").contains { line in
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            return words.first.map { !$0.hasPrefix("#") } == true && words.last == "trust"
        }
    }

    private func withSuperuser(
        database: String, credentials: EmbeddedCredentials, logger: Logger, _ body: (PostgresConnection) async throws -> Void
    ) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: connectionConfiguration(database: database, superuser: true, credentials: credentials), id: 1, logger: logger)
        do {
            try await body(connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    /// Sets both passwords (they may be new) and creates the application role when missing. Passwords cannot be
    /// binds in `ALTER ROLE`; they are hex digits only (`EmbeddedCredentials.isWellFormed`), role names our own.
    private func ensureRoles(_ credentials: EmbeddedCredentials, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(PostgresQuery(unsafeSQL: "ALTER ROLE \(Self.superuser) PASSWORD '\(credentials.superuserPassword)'"), logger: logger)  // hex secret, own role name
        let exists = try await count("SELECT count(*)::int FROM pg_roles WHERE rolname = \(Self.applicationRole)", on: connection, logger: logger) > 0
        let verb = exists ? "ALTER" : "CREATE"
        try await connection.query(
            PostgresQuery(unsafeSQL: "\(verb) ROLE \(Self.applicationRole) LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '\(credentials.applicationPassword)'"),  // hex secret, own role name
            logger: logger)
    }

    /// Creates the database owned by the application role, or gives an existing one to it.
    private func ensureDatabase(_ name: String, on connection: PostgresConnection, logger: Logger) async throws {
        let exists = try await count("SELECT count(*)::int FROM pg_database WHERE datname = \(name)", on: connection, logger: logger) > 0
        // A database name cannot be a bind: `name` is our own constant or a generated identifier.
        let statement = exists ? "ALTER DATABASE \"\(name)\" OWNER TO \(Self.applicationRole)" : "CREATE DATABASE \"\(name)\" OWNER \(Self.applicationRole)"
        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)  // own names
    }

    /// Tables, views, free-standing sequences and functions the superuser created in `public` (the schema of a
    /// cluster migrated before the application role existed) now belong to the application role. The bootstrap
    /// superuser owns the system catalogs, so `REASSIGN OWNED` cannot be used.
    private func handOverObjects(on connection: PostgresConnection, logger: Logger) async throws {
        let sql = """
            DO $$
            DECLARE item record;
            BEGIN
              FOR item IN
                SELECT format('ALTER TABLE %s OWNER TO \(Self.applicationRole)', c.oid::regclass) AS statement
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relowner = '\(Self.superuser)'::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                UNION ALL
                SELECT format('ALTER SEQUENCE %s OWNER TO \(Self.applicationRole)', c.oid::regclass)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relowner = '\(Self.superuser)'::regrole AND c.relkind = 'S'
                   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                UNION ALL
                SELECT format('ALTER FUNCTION %s OWNER TO \(Self.applicationRole)', p.oid::regprocedure)
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = 'public' AND p.proowner = '\(Self.superuser)'::regrole
              LOOP
                EXECUTE item.statement;
              END LOOP;
            END
            $$
            """
        try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)  // a constant text with our own role names
    }

    /// Rewrites `pg_hba.conf` when it differs from `hbaContents` and has the server reload it.
    private func requirePasswords(on connection: PostgresConnection, logger: Logger) async throws {
        let current = try? String(contentsOfFile: hbaFile, encoding: .utf8)
        guard current != Self.hbaContents else { return }
        try PrivateFile.write(Data(Self.hbaContents.utf8), to: hbaFile)
        try giveToClusterUser(hbaFile)
        try await connection.query("SELECT pg_reload_conf()", logger: logger)
        logger.info("embedded PostgreSQL now requires a password for every connection", metadata: ["hba": "\(hbaFile)"])
    }

    private func count(_ query: PostgresQuery, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var result = 0
        for try await value in try await connection.query(query, logger: logger).decode(Int.self) { result = value }
        return result
    }
}
