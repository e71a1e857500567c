import ArgumentParser
import Foundation
import KH02App
import KH02Storage
import Logging

/// `kh02 demo`: loads the demo nation into an empty database through the ingestion path.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load demo data (a realistic nation, fixed seed) into an empty database / Nạp dữ liệu minh họa.",
        discussion: "Does nothing when the database already holds reports. `kh02 serve --demo` does the same at start.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Seed of the generator.") var seed: UInt64 = 20_250_701
    @Option(help: "Daily readiness rounds to generate.") var days: Int = 28

    func run() async throws {
        let logger = LoggerFactory.bootstrap(label: "kh02.demo")
        let (seed, days) = (self.seed, self.days)
        let outcome = try await DatabaseRun.withSchema(database, command: "demo", logger: logger) { client, schema in
            let monitor = Monitor(stores: makeStores(client: client, runner: schema.runner, logger: logger), now: { Date() })
            return try await loadDemo(monitor, client: client, seed: seed, days: days, logger: logger)
        }
        switch outcome {
        case .loaded(let uploads, let rows): print("Demo data loaded / Đã nạp dữ liệu minh họa: \(uploads) uploads, \(rows) rows.")
        case .skipped(let reason): print("No demo data loaded: \(reason).")
        }
    }
}
