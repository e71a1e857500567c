import ArgumentParser

/// `kh02 bench …`: benchmarks of the hot paths, each against a raw baseline measured in the same run.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of the hot paths / Đo hiệu năng. Build with -c release.",
        subcommands: [BenchScoreCommand.self, BenchIngestCommand.self])
}
