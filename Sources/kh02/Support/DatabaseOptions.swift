import ArgumentParser
import Foundation
import KH02Storage

/// Where the database is, shared by every command that uses it.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: ArgumentHelp(
        "PostgreSQL URL (postgres://user:pass@host:5432/db?sslmode=disable). Env: DATABASE_URL. Unset: embedded cluster.",
        valueName: "url"))
    var databaseURL: String?

    @Option(name: .customLong("data-dir"), help: ArgumentHelp(
        "Folder of the embedded PostgreSQL cluster. Env: KH02_DATA_DIR. Default: ./kh02-data.", valueName: "path"))
    var dataDirectory: String?

    func location() throws -> DatabaseLocation {
        try DatabaseLocation.resolve(databaseURL: databaseURL, dataDirectory: dataDirectory)
    }

    /// The URL's `sslmode` (libpq's `PGSSLMODE` for pg_dump and pg_restore): `prefer` when none is given.
    var sslMode: String {
        let url = databaseURL ?? ProcessInfo.processInfo.environment["DATABASE_URL"] ?? ""
        return URLComponents(string: url)?.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
    }
}
