import ArgumentParser
import Foundation
import KH02Storage

/// `kh02 migrate`: applies the SQL/ migrations and loads the reference units, or shows where they stand.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply database migrations (SQL/NNNN_*.sql) and load reference units / Cập nhật cấu trúc cơ sở dữ liệu.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Only show each migration's state (applied, pending, edited); change nothing.")
    var status = false

    func run() async throws {
        let logger = LoggerFactory.bootstrap(label: "kh02.migrate")
        let resources = try ResourceLocator.locate()
        let schema = try DatabaseSchema(sqlDirectory: resources.sqlDirectory)
        let showStatus = status
        try await DatabaseRun.with(database, command: "migrate", logger: logger) { client in
            if showStatus {
                for entry in try await schema.runner.status(client: client, logger: logger) {
                    let state: String =
                        switch entry.state {
                        case .applied: "applied"
                        case .pending: "pending"
                        case .edited: "EDITED after it was applied"
                        case .missingFile: "applied, but its file is MISSING"
                        }
                    print(String(format: "%04d  %@  %@", entry.version, entry.name.padding(toLength: 32, withPad: " ", startingAt: 0), state))
                }
            } else {
                let applied = try await schema.runner.migrate(client: client, logger: logger)
                try await schema.prepare(client: client, migrate: false, logger: logger)
                print(applied.isEmpty
                    ? "Database is current (\(schema.runner.migrations.count) migrations) / Cơ sở dữ liệu đã cập nhật."
                    : "Applied \(applied.count) migration(s): \(applied.map(String.init).joined(separator: ", ")).")
            }
        }
    }
}
