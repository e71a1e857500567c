import KH02Core
public import Logging
public import PostgresNIO
import Synchronization

/// A `PostgresClient` whose requests wait at most `leaseTimeout` for a pooled connection, then give up with
/// `StoreBusy` (the API answers 503 with `Retry-After`) instead of queueing without limit behind long uploads.
/// Only the wait for a connection is bounded: a query that has its connection runs to the end.
public struct LeasingClient: Sendable {
    /// The pool itself, for work that must wait (migrations, the upload transaction, which its gate bounds).
    public let base: PostgresClient
    public let leaseTimeout: Duration

    /// The wait PostgresNIO has no limit for; long enough for a burst of reads, short enough that a client gets an answer.
    public static let defaultLeaseTimeout: Duration = .seconds(5)

    public init(_ base: PostgresClient, leaseTimeout: Duration = Self.defaultLeaseTimeout) {
        self.base = base
        self.leaseTimeout = leaseTimeout
    }

    /// `PostgresClient.query`, giving up when no connection is free within `leaseTimeout`. PostgresNIO cancels only
    /// the wait for a connection, so a query that started before the timer ran out still returns its rows.
    @discardableResult
    public func query(_ query: PostgresQuery, logger: Logger, file: String = #fileID, line: Int = #line) async throws -> PostgresRowSequence {
        try await bounded(claimTimeout: { true }) { [base] in try await base.query(query, logger: logger, file: file, line: line) }
    }

    /// `PostgresClient.withConnection`, giving up when no connection is free within `leaseTimeout`.
    public func withConnection<Result: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> Result) async throws -> Result {
        let outcome = LeaseOutcome()
        return try await bounded(claimTimeout: { outcome.claim(leased: false) }) { [base] in
            try await base.withConnection { connection in
                guard outcome.claim(leased: true) else { throw CancellationError() }
                return try await body(connection)
            }
        }
    }

    /// Runs `operation` beside a timer. When the timer ends first and `claimTimeout()` agrees, the operation is
    /// cancelled; its result is still used if it got a connection before, otherwise `StoreBusy` is thrown.
    private func bounded<Result: Sendable>(
        claimTimeout: @escaping @Sendable () -> Bool, _ operation: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        let timeout = leaseTimeout
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                if claimTimeout() { throw LeaseTimedOut() }
                return nil
            }
            do {
                while let result = try await group.next() {
                    if let result {
                        group.cancelAll()
                        return result
                    }
                }
            } catch is LeaseTimedOut {
                group.cancelAll()
                let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
                // The operation ends soon after its cancellation: with rows when it had its connection already.
                if let late = try? await group.next(), let late { return late }
                throw StoreBusy(waitedSeconds: seconds)
            }
            throw CancellationError()
        }
    }

    private struct LeaseTimedOut: Error {}

    /// Whether a connection came or the timer ran out first: exactly one of the two claims it.
    private final class LeaseOutcome: Sendable {
        private let leased = Mutex<Bool?>(nil)

        /// True when this call decided the outcome.
        func claim(leased value: Bool) -> Bool {
            leased.withLock { leased in
                guard leased == nil else { return false }
                leased = value
                return true
            }
        }
    }
}
