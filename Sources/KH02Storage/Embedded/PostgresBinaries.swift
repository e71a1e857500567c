public import Foundation

/// The system's PostgreSQL server programs (`initdb`, `pg_ctl`), found on PATH or under
/// `/usr/lib/postgresql/<version>/bin` (Debian keeps them there), newest version first.
public struct PostgresBinaries: Sendable {
    public var initdb: String
    public var pgCtl: String

    /// Finds the programs, or throws an error that says what to install.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EmbeddedPostgresError) -> PostgresBinaries {
        for directory in searchDirectories(environment: environment) {
            let initdb = directory + "/initdb"
            let pgCtl = directory + "/pg_ctl"
            if FileManager.default.isExecutableFile(atPath: initdb), FileManager.default.isExecutableFile(atPath: pgCtl) {
                return PostgresBinaries(initdb: initdb, pgCtl: pgCtl)
            }
        }
        throw EmbeddedPostgresError(
            .serverMissing,
            """
            PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or under /usr/lib/postgresql/*/bin.
            Install them, e.g. on Debian/Ubuntu: sudo apt-get install postgresql
            or point kh02 at an existing server with --database-url / DATABASE_URL.
            Không tìm thấy PostgreSQL (initdb, pg_ctl). Cài đặt: sudo apt-get install postgresql, hoặc dùng --database-url.
            """)
    }
}

extension PostgresBinaries {
    /// Where PostgreSQL's programs are looked for: `/usr/lib/postgresql/<version>/bin`, newest first (or only
    /// `major`'s when given), then PATH.
    static func searchDirectories(major: Int? = nil, environment: [String: String]) -> [String] {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let wanted = versions.filter { major == nil || Int($0) == major }.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
        return wanted.map { "/usr/lib/postgresql/\($0)/bin" }
            + (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
    }
}

/// Why the embedded PostgreSQL cluster could not be prepared, started or stopped.
public struct EmbeddedPostgresError: Error, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        case serverMissing = "postgres_missing"
        case noUnprivilegedUser = "postgres_no_user"
        case dataDirUnusable = "data_dir_unusable"
        case dataDirBusy = "data_dir_busy"
        case startFailed = "postgres_start_failed"
        case stopFailed = "postgres_stop_failed"
        case credentialsUnusable = "postgres_credentials_unusable"
    }

    public var kind: Kind
    public var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
