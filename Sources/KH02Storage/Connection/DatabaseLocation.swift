public import Foundation
public import PostgresNIO

/// Where kh02's database is: an existing server (from a URL or `POSTGRES_*` variables), or the embedded
/// cluster in a data directory.
public enum DatabaseLocation: Sendable {
    case external(PostgresClient.Configuration, summary: String)
    case embedded(dataDirectory: String)

    /// The default data directory when neither `--data-dir` nor `KH02_DATA_DIR` is given.
    public static let defaultDataDirectory = "./kh02-data"

    /// Picks the location: `--database-url`, then `DATABASE_URL`, then `POSTGRES_HOST` (with `POSTGRES_PORT`,
    /// `POSTGRES_USER`, `POSTGRES_PASSWORD`, `POSTGRES_DB`), otherwise the embedded cluster in `--data-dir`,
    /// `KH02_DATA_DIR` or `./kh02-data`.
    public static func resolve(
        databaseURL: String?, dataDirectory: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DatabaseURLError) -> DatabaseLocation {
        if let url = databaseURL ?? environment["DATABASE_URL"], !url.isEmpty {
            return try parse(url: url)
        }
        if let host = environment["POSTGRES_HOST"], !host.isEmpty {
            let port = Int(environment["POSTGRES_PORT"] ?? "") ?? 5432
            let user = environment["POSTGRES_USER"] ?? "postgres"
            let database = environment["POSTGRES_DB"] ?? user
            let config = PostgresClient.Configuration(
                host: host, port: port, username: user, password: environment["POSTGRES_PASSWORD"], database: database,
                tls: .prefer(.makeClientConfiguration()))
            return .external(config, summary: "\(user)@\(host):\(port)/\(database)")
        }
        return .embedded(dataDirectory: dataDirectory ?? environment["KH02_DATA_DIR"] ?? defaultDataDirectory)
    }

    /// Parses `postgres[ql]://user:password@host:port/database?sslmode=disable|prefer|require[&host=/socket/dir]`.
    public static func parse(url text: String) throws(DatabaseURLError) -> DatabaseLocation {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else { throw DatabaseURLError("the database URL must look like postgres://user:password@host:5432/database") }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let user = components.user.map { $0.removingPercentEncoding ?? $0 } ?? "postgres"
        let password = components.password.map { $0.removingPercentEncoding ?? $0 }
        let database = String(components.path.drop { $0 == "/" }).removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 } ?? user
        let port = components.port ?? Int(query["port"] ?? "") ?? 5432
        if let socketDirectory = query["host"], socketDirectory.hasPrefix("/") {
            let config = PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: user, password: password, database: database)
            return .external(config, summary: "\(user)@\(socketDirectory)/\(database)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw DatabaseURLError("the database URL has no host")
        }
        let tls: PostgresClient.Configuration.TLS
        switch query["sslmode"] ?? "prefer" {
        case "disable": tls = .disable
        case "require", "verify-ca", "verify-full": tls = .require(.makeClientConfiguration())
        case "prefer", "allow": tls = .prefer(.makeClientConfiguration())
        case let other: throw DatabaseURLError("sslmode '\(other)' is not supported (use disable, prefer or require)")
        }
        let config = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        return .external(config, summary: "\(user)@\(host):\(port)/\(database)")
    }
}

/// A database URL that cannot be used.
public struct DatabaseURLError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
