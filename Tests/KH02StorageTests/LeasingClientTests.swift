import Foundation
import KH02Core
import KH02Storage
import KH02PostgresTestSupport
import KH02TestSupport
import PostgresNIO
import Testing

/// Requests wait a bounded time for a pooled connection; a query that has its connection is never cut short.
@Suite("Lease timeout")
struct LeasingClientTests {
    @Test("with every connection taken, a query gives up after the lease timeout with StoreBusy, and withConnection too")
    func busyPool() async throws {
        try await TestDatabase.withDatabase(maximumConnections: 2) { client in
            let leasing = LeasingClient(client, leaseTimeout: .milliseconds(300))
            try await TestDatabase.whileEveryConnectionIsTaken(of: client, poolSize: 2) {
                let start = ContinuousClock.now
                await #expect(throws: StoreBusy.self) { try await leasing.query("SELECT 1", logger: TestLogger.quiet) }
                let waited = ContinuousClock.now - start
                // At least the timeout; the upper bound only says it did not hang (a loaded machine is slow to wake).
                #expect(waited >= .milliseconds(290) && waited < .seconds(10), "waited \(waited)")
                await #expect(throws: StoreBusy.self) { try await leasing.withConnection { _ in 1 } }
            }
            // Connections given back: the same client works again.
            var one = 0
            for try await value in try await leasing.query("SELECT 1", logger: TestLogger.quiet).decode(Int.self) { one = value }
            #expect(one == 1)
            #expect(try await leasing.withConnection { _ in 2 } == 2)
        }
    }

    @Test("a query that got its connection in time runs to its end, however longer than the lease timeout it takes")
    func slowQueryNotCut() async throws {
        try await TestDatabase.withDatabase(maximumConnections: 2) { client in
            // A connection made first: the lease timeout also counts the making of a new one, which a busy test
            // machine can take longer than this short timeout for.
            try await client.query("SELECT 1", logger: TestLogger.quiet)
            let leasing = LeasingClient(client, leaseTimeout: .milliseconds(300))
            var done = false
            for try await value in try await leasing.query("SELECT pg_sleep(1) IS NOT NULL", logger: TestLogger.quiet).decode(Bool.self) {
                done = value
            }
            #expect(done)
            let slept = try await leasing.withConnection { connection in
                try await connection.query("SELECT pg_sleep(1)", logger: TestLogger.quiet)
                return true
            }
            #expect(slept)
        }
    }
}
