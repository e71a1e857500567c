import ArgumentParser

/// The `kh02` command: the KH02 Monitor server and its operator tools.
@main
struct KH02: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kh02",
        abstract: "KH02 Monitor: theo dõi thực hiện Kế hoạch 02-KH/BCĐTW / monitoring of Plan 02-KH/BCĐTW.",
        discussion: """
            With no database configured, kh02 keeps its data in a private PostgreSQL cluster in the data dir \
            (./kh02-data by default) and starts it itself. Set DATABASE_URL (or --database-url) to use an \
            existing PostgreSQL server instead. `kh02 help serve` lists every setting.
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, TokenCommand.self, PlanCommand.self, DemoCommand.self, BackupCommand.self, RestoreCommand.self,
            BenchCommand.self,
        ],
        defaultSubcommand: nil)
}
