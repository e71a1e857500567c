import Foundation
import KH02App
import Testing

@testable import KH02HTTP

/// The gate that keeps uploads and histories below the database pool: places in all and per key, a bounded wait,
/// and places given back however the work ends.
@Suite("Admission gate")
struct AdmissionGateTests {
    /// Work that fails.
    struct Blocked: Error {}

    @Test("a caller over the total waits for the whole wait, then is refused as full")
    func refusedWhenFullAfterWaiting() async throws {
        let gate = AdmissionGate<Int>(total: 1, wait: .milliseconds(300))
        let (release, releaser) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await gate.run(key: 1) { for await _ in release {} } }
            while gate.running().total < 1 { try await Task.sleep(for: .milliseconds(5)) }
            let start = ContinuousClock.now
            await #expect(throws: AdmissionGate<Int>.Refusal.full) { try await gate.run(key: 2) {} }
            let waited = ContinuousClock.now - start
            // At least the wait; the upper bound only says it did not hang (a loaded test machine is slow to wake).
            #expect(waited >= .milliseconds(280) && waited < .seconds(10), "waited \(waited)")
            releaser.finish()
            try await group.waitForAll()
        }
        #expect(gate.running().total == 0)
    }

    @Test("a key's waiting callers count towards its limit: one key cannot fill the queue")
    func waitingCountsForKey() async throws {
        let gate = AdmissionGate<Int>(total: 1, perKey: 2, wait: .seconds(5))
        let (release, releaser) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await gate.run(key: 7) { for await _ in release {} } }
            while gate.running().total < 1 { try await Task.sleep(for: .milliseconds(5)) }
            group.addTask { try await gate.run(key: 7) {} }
            while gate.running(key: 7).key < 2 { try await Task.sleep(for: .milliseconds(5)) }
            await #expect(throws: AdmissionGate<Int>.Refusal.keyFull) { try await gate.run(key: 7) {} }
            releaser.finish()
            try await group.waitForAll()
        }
        #expect(gate.running(key: 7) == (0, 0))
    }

    @Test("a key at its own limit is refused at once, while other keys get in")
    func keyLimitRefusesAtOnce() async throws {
        let gate = AdmissionGate<Int>(total: 3, perKey: 1, wait: .seconds(30))
        let (release, releaser) = AsyncStream.makeStream(of: Void.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await gate.run(key: 7) { for await _ in release {} } }
            while gate.running(key: 7).key < 1 { try await Task.sleep(for: .milliseconds(5)) }
            // Refused at once, not after the 30 s wait.
            let start = ContinuousClock.now
            await #expect(throws: AdmissionGate<Int>.Refusal.keyFull) { try await gate.run(key: 7) {} }
            #expect(ContinuousClock.now - start < .seconds(10))
            #expect(try await gate.run(key: 8) { 42 } == 42)
            releaser.finish()
            try await group.waitForAll()
        }
        #expect(gate.running(key: 7) == (0, 0))
    }

    @Test("a waiting caller gets the place freed during its wait")
    func waiterGetsFreedPlace() async throws {
        // A wait far longer than the first caller's work: getting in at all means it got the freed place.
        let gate = AdmissionGate<Int>(total: 1, wait: .seconds(30))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await gate.run(key: nil) { try await Task.sleep(for: .milliseconds(200)) } }
            while gate.running().total < 1 { try await Task.sleep(for: .milliseconds(5)) }
            #expect(try await gate.run(key: nil) { "in" } == "in")
            try await group.waitForAll()
        }
    }

    @Test("the place is given back when the work throws")
    func placeReturnedOnError() async throws {
        let gate = AdmissionGate<Int>(total: 1, perKey: 1, wait: .zero)
        await #expect(throws: Blocked.self) { try await gate.run(key: 1) { throw Blocked() } }
        #expect(gate.running(key: 1) == (0, 0))
        #expect(try await gate.run(key: 1) { true })
    }

    @Test("limits leave at least one pooled connection for everything else")
    func limitsLeaveAConnection() {
        #expect(ConcurrencyLimits.standard(poolSize: 20) == ConcurrencyLimits(uploads: 5))
        #expect(ConcurrencyLimits.standard(poolSize: 3) == ConcurrencyLimits(uploads: 1, histories: 1))
        for size in 3...200 { #expect(ConcurrencyLimits.standard(poolSize: size).problem(poolSize: size) == nil, "pool \(size)") }
        #expect(ConcurrencyLimits(uploads: 18).problem(poolSize: 20) != nil)
        #expect(ConcurrencyLimits(uploads: 0).problem(poolSize: 20) != nil)
    }
}
