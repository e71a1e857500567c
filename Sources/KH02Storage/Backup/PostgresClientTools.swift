import Foundation
import Logging
import PostgresNIO

/// `pg_dump` and `pg_restore` of the server's major version (a newer pg_dump writes archives an older
/// pg_restore cannot read, and an older pg_dump refuses a newer server), looked for where `PostgresBinaries`
/// looks: `/usr/lib/postgresql/<major>/bin` first, then PATH.
struct PostgresClientTools: Sendable {
    var pgDump: String
    var pgRestore: String

    static func locate(matching client: PostgresClient, logger: Logger) async throws -> PostgresClientTools {
        var versionNumber = 0
        for try await value in try await client.query("SELECT current_setting('server_version_num')::int", logger: logger).decode(Int.self) {
            versionNumber = value
        }
        let major = versionNumber / 10_000
        let environment = ProcessInfo.processInfo.environment
        for directory in PostgresBinaries.searchDirectories(major: major, environment: environment) {
            let tools = PostgresClientTools(pgDump: directory + "/pg_dump", pgRestore: directory + "/pg_restore")
            if FileManager.default.isExecutableFile(atPath: tools.pgDump), FileManager.default.isExecutableFile(atPath: tools.pgRestore) {
                return tools
            }
        }
        throw BackupError(
            """
            pg_dump and pg_restore (PostgreSQL \(major)) were not found under /usr/lib/postgresql/\(major)/bin or on PATH. \
            Install them, e.g. sudo apt-get install postgresql-client-\(major). / Không tìm thấy pg_dump, pg_restore (PostgreSQL \(major)).
            """)
    }
}
