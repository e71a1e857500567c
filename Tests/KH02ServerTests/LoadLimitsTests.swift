import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02App
import KH02HTTP
import KH02Storage
import KH02PostgresTestSupport
import KH02TestSupport
import Testing

/// One token must not be able to stall everyone: uploads and histories are limited so that token look-ups and
/// hot reads keep their database connections and their speed (a small pool of 4 makes the limits bite quickly).
@Suite("Load limits over PostgreSQL", .serialized)
struct LoadLimitsTests {
    static let now = UploadAPITests.now

    /// A readiness round of every commune for each of `days` days up to 20/09/2025: about 100 KB a day, which takes
    /// a debug build about a second to validate and store.
    static func largeReadiness(_ communes: [String], days: Int) -> [UInt8] {
        var csv = "commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync\n"
        for offset in 0..<days {
            let day = CivilDate(year: 2025, month: 9, day: 20)!.adding(days: -offset).iso
            for code in communes { csv += "\(code),\(day),1,1,0,1,1,1\n" }
        }
        return Array(csv.utf8)
    }

    /// The limits of a pool of 4, with a short wait so that refusals come within the test.
    static var smallPool: ConcurrencyLimits {
        var limits = ConcurrencyLimits.standard(poolSize: 4)
        limits.wait = .seconds(1)
        return limits
    }

    @Test(
        "20 concurrent large uploads (from one token, or from 10): a fresh token's session answers within 1 s; uploads over the limits get 429 or 503 with Retry-After",
        arguments: [1, 10])
    func uploadsLeaveConnectionsForOthers(tokens: Int) async throws {
        try await TestDatabase.withDatabase(maximumConnections: 4) { client in
            // A 1 s lease timeout: a session answering 200 got its connection within 1 s, whatever else slows this machine.
            let app = try PostgresApp(client: client, now: Self.now, concurrency: Self.smallPool, leaseTimeout: .seconds(1))
            // The setup waits as long as a connection takes to open on a busy machine (over 1 s in a full parallel run).
            let setup = try PostgresApp(client: client, now: Self.now)
            var uploaders: [String] = []
            for index in 0..<tokens { uploaders.append(try await setup.token(.admin, name: "uploader \(index)")) }
            // Fresh tokens: never looked up, so each session asks the database.
            var fresh: [String] = []
            for index in 0..<3 { fresh.append(try await setup.token(.central, name: "fresh \(index)")) }
            var probes: [String] = []
            for index in 0..<4 { probes.append(try await setup.token(.central, name: "probe \(index)")) }
            let communes = try await setup.dependencies.monitor.stores.units.directory().snapshot(at: Self.now).communes.map(\.code.rawValue)
            let body = Self.largeReadiness(communes, days: 2)
            try await app.test { [uploaders, fresh, probes] http in
                @Sendable func session(_ token: String) async throws -> Duration {
                    let start = ContinuousClock.now
                    let answer = try await http.execute(uri: "/api/v1/session", method: .get, headers: [.authorization: "Bearer \(token)"])
                    #expect(answer.status == .ok)
                    return ContinuousClock.now - start
                }
                // A small upload first loads the units and plan into memory: the large ones go straight to their transactions.
                try await http.upload("readiness", Self.largeReadiness(Array(communes.prefix(1)), days: 1), token: uploaders[0]) {
                    #expect($0.status == .created)
                }
                // What a fresh token's session takes without uploads, on this machine now (other tests may be running).
                var ambient = Duration.zero
                for probe in probes.prefix(3) { ambient = max(ambient, try await session(probe)) }
                try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?, Duration).self) { group in
                    for index in 0..<20 {
                        group.addTask {
                            let start = ContinuousClock.now
                            return try await http.upload(
                                "readiness", body, token: uploaders[index % uploaders.count], headers: [.init("Idempotency-Key")!: "load-\(index)"]
                            ) { ($0.status, $0.headers[.retryAfter], ContinuousClock.now - start) }
                        }
                    }
                    // Every upload is in its transaction, waiting for a place, or refused by now.
                    try await Task.sleep(for: .seconds(1))
                    // The fastest of three, 100 ms apart: one spike of another test's work does not decide it.
                    var took = Duration.seconds(3600)
                    for token in fresh {
                        took = min(took, try await session(token))
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    var statuses: [HTTPResponse.Status] = []
                    var slowest = Duration.zero
                    for try await (status, retryAfter, took) in group {
                        statuses.append(status)
                        slowest = max(slowest, took)
                        if status == .serviceUnavailable { #expect(retryAfter == "5") }
                        if status == .tooManyRequests { #expect(retryAfter == "10") }
                    }
                    ambient = max(ambient, try await session(probes[3]))
                    // Within 1 s, plus what other tests running beside this one cost a session anyway.
                    #expect(took < .seconds(1) + ambient * 2, "GET /api/v1/session took \(took) during 20 uploads, \(ambient) without")
                    print("load (\(tokens) token(s)): session \(took) (\(ambient) without uploads); uploads \(statuses.filter { $0 == .created }.count) stored, "
                        + "\(statuses.filter { $0 == .tooManyRequests }.count) refused 429, \(statuses.filter { $0 == .serviceUnavailable }.count) refused 503, slowest \(slowest)")
                    #expect(statuses.allSatisfy { [.created, .serviceUnavailable, .tooManyRequests].contains($0) }, "\(statuses)")
                    #expect(statuses.contains(.created))
                    // One token is held to 2 uploads under way or waiting; many tokens to the instance's 1 at once.
                    #expect(statuses.contains(tokens == 1 ? .tooManyRequests : .serviceUnavailable))
                }
            }
        }
    }

    @Test("a token with as many uploads under way as it may gets 429 too_many_uploads with Retry-After at once")
    func perTokenLimit() async throws {
        try await TestDatabase.withDatabase(maximumConnections: 4) { client in
            let app = try PostgresApp(
                client: client, now: Self.now, concurrency: ConcurrencyLimits(uploads: 2, uploadsPerToken: 1, histories: 1))
            let uploader = try await app.token(.admin, name: "uploader")
            let communes = try await app.dependencies.monitor.stores.units.directory().snapshot(at: Self.now).communes.map(\.code.rawValue)
            let body = Self.largeReadiness(communes, days: 2)
            try await app.test { http in
                let answers = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?, String).self) { group in
                    for index in 0..<3 {
                        group.addTask {
                            try await http.upload("readiness", body, token: uploader, headers: [.init("Idempotency-Key")!: "tok-\(index)"]) {
                                ($0.status, $0.headers[.retryAfter], String(buffer: $0.body))
                            }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.filter { $0.0 == .created }.count == 1, "\(answers.map(\.0))")
                let refused = answers.filter { $0.0 == .tooManyRequests }
                #expect(refused.count == 2)
                #expect(refused.allSatisfy { $0.1 == "10" && $0.2.contains("\"too_many_uploads\"") })
            }
        }
    }

    @Test("with every connection taken, a fresh token's request answers 503 database_busy with Retry-After after the lease timeout, and /ready 503")
    func leaseTimeout() async throws {
        try await TestDatabase.withDatabase(maximumConnections: 2) { client in
            let app = try PostgresApp(client: client, now: Self.now, leaseTimeout: .milliseconds(500))
            let fresh = try await app.token(.central, name: "fresh")
            try await app.test { http in
                try await TestDatabase.whileEveryConnectionIsTaken(of: client, poolSize: 2) {
                    let start = ContinuousClock.now
                    let session = try await http.execute(uri: "/api/v1/session", method: .get, headers: [.authorization: "Bearer \(fresh)"])
                    let took = ContinuousClock.now - start
                    #expect(session.status == .serviceUnavailable)
                    #expect(session.headers[.retryAfter] == "5")
                    #expect(String(buffer: session.body).contains("\"database_busy\""))
                    // At least the lease timeout; the upper bound only says it did not hang.
                    #expect(took >= .milliseconds(490) && took < .seconds(10), "took \(took)")
                    let ready = try await http.execute(uri: "/ready", method: .get)
                    #expect(ready.status == .serviceUnavailable)
                    print("load: with the pool taken, session answered 503 after \(took)")
                }
                let session = try await http.execute(uri: "/api/v1/session", method: .get, headers: [.authorization: "Bearer \(fresh)"])
                #expect(session.status == .ok)
            }
        }
    }

    @Test("10 parallel histories of distinct ranges: /api/v1/coverage p99 stays under 100 ms; histories over the limit get 503 with Retry-After")
    func historiesLeaveReadsFast() async throws {
        try await ScoresFixture.withApp(maximumConnections: 4, concurrency: Self.smallPool) { f, http in
            let auth: HTTPFields = [.authorization: "Bearer \(f.central)"]
            _ = try await http.execute(uri: "/api/v1/coverage", method: .get, headers: auth)
            // What a hot coverage read takes without histories, on this machine now (other tests may be running).
            var ambient = Duration.zero
            for _ in 0..<20 {
                let sent = ContinuousClock.now
                _ = try await http.execute(uri: "/api/v1/coverage", method: .get, headers: auth)
                ambient = max(ambient, ContinuousClock.now - sent)
            }
            let start = ContinuousClock.now
            let (latencies, histories) = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for index in 0..<10 {
                    let from = CivilDate(year: 2025, month: 6, day: 20)!.adding(days: index)
                    let uri = "/api/v1/history?from=\(from.iso)&to=\(from.adding(days: 82).iso)"
                    group.addTask {
                        let answer = try await http.execute(uri: uri, method: .get, headers: auth)
                        return (answer.status, answer.headers[.retryAfter])
                    }
                }
                var latencies: [Duration] = []
                while latencies.count < 60 {
                    let sent = ContinuousClock.now
                    let coverage = try await http.execute(uri: "/api/v1/coverage", method: .get, headers: auth)
                    latencies.append(ContinuousClock.now - sent)
                    #expect(coverage.status == .ok)
                    try await Task.sleep(for: .milliseconds(20))
                }
                var histories: [(HTTPResponse.Status, String?)] = []
                for try await answer in group { histories.append(answer) }
                return (latencies.sorted(), histories)
            }
            let p99 = latencies[Int(Double(latencies.count - 1) * 0.99)]
            print("load: coverage p99 \(p99) (slowest of 20 without histories \(ambient)), median \(latencies[latencies.count / 2]) over \(latencies.count) reads; "
                + "histories \(histories.map(\.0.code)) in \(ContinuousClock.now - start)")
            // Under 100 ms, plus what other tests running beside this one cost a read anyway.
            #expect(p99 < .milliseconds(100) + ambient * 2, "coverage p99 \(p99), slowest without histories \(ambient)")
            #expect(histories.allSatisfy { $0.0 == .ok || ($0.0 == .serviceUnavailable && $0.1 == "2") }, "\(histories.map(\.0))")
            #expect(histories.contains { $0.0 == .ok })
        }
    }
}
