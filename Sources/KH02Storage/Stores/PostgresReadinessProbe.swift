public import KH02Core
import Logging
public import PostgresNIO

/// Ready when the database answers, every migration of this build is applied unchanged, and the reference units
/// are loaded.
public struct PostgresReadinessProbe: ReadinessProbe {
    let client: LeasingClient
    let runner: MigrationRunner
    let logger: Logger

    /// `leaseTimeout`: how long the check waits for a pooled connection before answering not ready.
    public init(client: PostgresClient, runner: MigrationRunner, logger: Logger, leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout) {
        self.client = LeasingClient(client, leaseTimeout: leaseTimeout)
        self.runner = runner
        self.logger = logger
    }

    public func check() async -> ProbeResult {
        var checks: [ProbeResult.Check] = []
        do {
            // A ping with a lease timeout first: when every connection is taken, the check fails within it.
            try await client.query("SELECT 1", logger: logger)
            let entries = try await runner.status(client: client.base, logger: logger)
            let behind = entries.filter { $0.state != .applied }
            checks.append(.init(name: "database", ok: true, detail: "reachable"))
            checks.append(
                .init(
                    name: "migrations", ok: behind.isEmpty,
                    detail: behind.isEmpty ? "\(entries.count) applied" : "\(behind.count) not current: \(behind.map { "\($0.version)" }.joined(separator: ","))"))
            let rows = try await client.query("SELECT count(*) FROM reference_data_loads", logger: logger)
            var loads = 0
            for try await count in rows.decode(Int.self) { loads = count }
            checks.append(.init(name: "reference_units", ok: loads > 0, detail: loads > 0 ? "loaded" : "not loaded"))
        } catch {
            logger.warning("readiness check failed", metadata: ["error": "\(String(reflecting: error))"])
            if error is StoreBusy { checks.append(.init(name: "database", ok: false, detail: "busy: no free connection")) }
            else if checks.isEmpty { checks.append(.init(name: "database", ok: false, detail: "unreachable")) }
            else { checks.append(.init(name: "schema", ok: false, detail: "query failed")) }
        }
        return ProbeResult(checks: checks)
    }
}
