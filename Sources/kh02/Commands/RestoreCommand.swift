import Foundation
import ArgumentParser
import KH02Storage

/// `kh02 restore FILE`: a `kh02 backup` file back into an empty database.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a kh02 backup into an empty database (pg_restore) / Khôi phục bản sao lưu vào cơ sở dữ liệu trống.",
        discussion: """
            The database must hold no tables (a new --data-dir, or a new database on your server); --force drops \
            the tables the backup holds and replaces them (stop kh02 serve first). All or nothing: one transaction.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("A file written by `kh02 backup`.", valueName: "file"))
    var file: String

    @Flag(help: "Restore into a database that already holds tables, replacing them.")
    var force = false

    func run() async throws {
        let logger = LoggerFactory.bootstrap(label: "kh02.restore")
        let (file, sslMode, force) = (absolutePath(self.file), database.sslMode, self.force)
        try await DatabaseRun.withSession(database, command: "restore", logger: logger) { session, client in
            let backup = DatabaseBackup(configuration: session.configuration, sslMode: sslMode, logger: logger)
            let tables = try await backup.tableCount(client: client)
            if tables > 0, !force {
                throw ValidationError(
                    """
                    Cơ sở dữ liệu không trống (\(tables) bảng): khôi phục vào một cơ sở dữ liệu trống (ví dụ --data-dir mới), hoặc thêm --force để thay thế.
                    The database is not empty (\(tables) tables): restore into an empty one (e.g. a new --data-dir), or add --force to replace them.
                    """)
            }
            try await backup.restore(from: file, replacing: tables > 0, client: client)
        }
        print("Đã khôi phục từ \(file) / Restored from \(file)")
    }
}

/// `path` made absolute against the working directory.
func absolutePath(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}
