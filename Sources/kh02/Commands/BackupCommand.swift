import Foundation
import ArgumentParser
import KH02Storage

/// `kh02 backup FILE`: the whole database, in pg_dump's custom format.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write the whole database to a file (pg_dump -Fc) / Sao lưu toàn bộ cơ sở dữ liệu ra tệp.",
        discussion: """
            Works while kh02 serve runs (a consistent snapshot). Uses pg_dump of the server's major version; the \
            password reaches it in its environment, never on the command line. For the embedded cluster, also keep \
            <data-dir>/postgres-credentials.json if you back up the data dir itself. Restore with `kh02 restore FILE`.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("File to write (replaced only once the dump is complete).", valueName: "file"))
    var file: String

    func run() async throws {
        let logger = LoggerFactory.bootstrap(label: "kh02.backup")
        let (file, sslMode) = (absolutePath(self.file), database.sslMode)
        try await DatabaseRun.withSession(database, command: "backup", logger: logger) { session, client in
            try await DatabaseBackup(configuration: session.configuration, sslMode: sslMode, logger: logger).backup(to: file, client: client)
        }
        print("Đã sao lưu vào \(file) / Backed up to \(file)")
    }
}
