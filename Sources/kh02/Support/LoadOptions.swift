import ArgumentParser
import KH02App
import KH02Storage

/// How much load one `kh02 serve` takes on: the database pool, how long a request waits for a connection, and how
/// many uploads and histories run at once. Flags win over environment variables; values out of range are refused.
struct LoadOptions: ParsableArguments {
    @Option(name: .customLong("db-pool-size"), help: ArgumentHelp(
        "Database connections in the pool (3–1000). Env: KH02_DB_POOL_SIZE. Default: 20.", valueName: "n"))
    var poolSize: Int?

    @Option(name: .customLong("db-lease-timeout"), help: ArgumentHelp(
        "Seconds a request waits for a free connection before 503 (1–120). Env: KH02_DB_LEASE_TIMEOUT. Default: 5.",
        valueName: "seconds"))
    var leaseTimeout: Int?

    @Option(name: .customLong("max-concurrent-uploads"), help: ArgumentHelp(
        "Uploads processed at once; must leave pool connections free. Env: KH02_MAX_UPLOADS. Default: pool size / 4.",
        valueName: "n"))
    var uploads: Int?

    @Option(name: .customLong("max-uploads-per-token"), help: ArgumentHelp(
        "Uploads of one token processed or waiting at once (429 beyond). Env: KH02_MAX_UPLOADS_PER_TOKEN. Default: 2.", valueName: "n"))
    var uploadsPerToken: Int?

    @Option(name: .customLong("max-concurrent-histories"), help: ArgumentHelp(
        "History computations at once (503 beyond). Env: KH02_MAX_HISTORIES. Default: 2.", valueName: "n"))
    var histories: Int?

    /// The resolved settings.
    struct Resolved {
        var poolSize: Int
        var leaseTimeout: Duration
        var concurrency: ConcurrencyLimits

        /// The defaults: PostgresNIO's pool of 20, 5 s lease timeout, 5 uploads (2 per token) and 2 histories at once.
        static let standard = Resolved(poolSize: 20, leaseTimeout: LeasingClient.defaultLeaseTimeout, concurrency: .standard)
    }

    func resolve(_ reader: SettingsReader) throws -> Resolved {
        let poolSize = try reader.integer(poolSize, "KH02_DB_POOL_SIZE", flag: "--db-pool-size", in: 3...1000) ?? 20
        let timeout = try reader.integer(leaseTimeout, "KH02_DB_LEASE_TIMEOUT", flag: "--db-lease-timeout", in: 1...120) ?? 5
        var limits = ConcurrencyLimits.standard(poolSize: poolSize)
        let range = 1...poolSize
        limits.uploads = try reader.integer(uploads, "KH02_MAX_UPLOADS", flag: "--max-concurrent-uploads", in: range) ?? limits.uploads
        limits.uploadsPerToken = try reader.integer(
            uploadsPerToken, "KH02_MAX_UPLOADS_PER_TOKEN", flag: "--max-uploads-per-token", in: range) ?? limits.uploadsPerToken
        limits.histories = try reader.integer(histories, "KH02_MAX_HISTORIES", flag: "--max-concurrent-histories", in: range)
            ?? limits.histories
        if let problem = limits.problem(poolSize: poolSize) { throw ValidationError(problem) }
        return Resolved(poolSize: poolSize, leaseTimeout: .seconds(timeout), concurrency: limits)
    }
}
