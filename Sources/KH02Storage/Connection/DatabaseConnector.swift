import Foundation
import Logging
public import PostgresNIO

/// Turns a `DatabaseLocation` into client settings, starting the embedded cluster when that is where the data
/// lives. `kh02 serve` owns the cluster (one per data dir, locked); other commands borrow a running one or start
/// it for their own run.
public struct DatabaseConnector: Sendable {
    /// Who is asking: the long-running server, or a one-off command such as `migrate`.
    public enum Role: Sendable {
        case server
        case command(String)
    }

    public init() {}

    /// Ready-to-use client settings plus what must be undone when the caller finishes.
    public struct Session: Sendable {
        public let configuration: PostgresClient.Configuration
        /// Where the data is, for logs and messages.
        public let summary: String
        public let embedded: EmbeddedPostgres?
        let lock: DataDirLock?
        let stopOnClose: Bool

        /// Stops the embedded cluster when this session started or owns it, and releases the data-dir lock.
        public func close(logger: Logger) {
            if stopOnClose, let embedded {
                do {
                    try embedded.stop(logger: logger)
                } catch {
                    logger.error("could not stop embedded PostgreSQL", metadata: ["error": "\(error)"])
                }
            }
            withExtendedLifetime(lock) {}
        }
    }

    public func open(_ location: DatabaseLocation, role: Role, logger: Logger) async throws -> Session {
        switch location {
        case .external(let configuration, let summary):
            return Session(configuration: configuration, summary: summary, embedded: nil, lock: nil, stopOnClose: false)
        case .embedded(let dataDirectory):
            let cluster = try EmbeddedPostgres(dataDirectory: dataDirectory)
            try FileManager.default.createDirectory(atPath: cluster.dataDirectory, withIntermediateDirectories: true)
            let purpose = switch role {
            case .server: "serve"
            case .command(let name): name
            }
            switch try DataDirLock.acquire(dataDirectory: cluster.dataDirectory, purpose: purpose) {
            case .success(let lock):
                let started = try cluster.start(logger: logger)
                try await cluster.prepareAccess(logger: logger)
                let owns: Bool = if case .server = role { true } else { started }
                return Session(
                    configuration: try cluster.clientConfiguration(), summary: "embedded PostgreSQL in \(cluster.clusterDirectory)",
                    embedded: cluster, lock: lock, stopOnClose: owns)
            case .failure(let holder):
                if case .server = role {
                    throw EmbeddedPostgresError(
                        .dataDirBusy,
                        "data dir \(cluster.dataDirectory) is in use by \(holder.description). Stop that process first, or give this one another --data-dir. / Thư mục dữ liệu đang được một tiến trình kh02 khác sử dụng.")
                }
                // The holder writes the credentials file before it starts the cluster, so both are there once it runs.
                guard await cluster.waitUntilRunning(timeout: .seconds(30)) else {
                    throw EmbeddedPostgresError(.dataDirBusy, "data dir \(cluster.dataDirectory) is locked by \(holder.description), but its PostgreSQL is not running")
                }
                return Session(
                    configuration: try cluster.clientConfiguration(), summary: "embedded PostgreSQL of \(holder.description)",
                    embedded: cluster, lock: nil, stopOnClose: false)
            }
        }
    }
}
