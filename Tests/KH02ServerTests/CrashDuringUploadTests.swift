import Foundation
import KH02Core
import KH02Storage
import KH02PostgresTestSupport
import KH02TestSupport
import PostgresNIO
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

@Suite("A crash in the middle of an upload", .serialized)
struct CrashDuringUploadTests {
    static let days = 20

    /// `days` national daily rounds ending yesterday: every commune, one row a day (66,420 rows), big enough
    /// that the server is still busy with it when it is killed.
    static func nationalRounds(communes: [String]) -> Data {
        var text = "commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync,note\r\n"
        let yesterday = CivilDate(vietnamDayOf: Date()).adding(days: -1)
        for back in 0..<days {
            let day = yesterday.adding(days: -back).iso
            for (index, code) in communes.enumerated() {
                text += "\(code),\(day),1,1,\(index % 3 == 0 ? 0 : 1),1,1,1,dòng \(index)\r\n"
            }
        }
        return Data(text.utf8)
    }

    func count(_ cluster: EmbeddedPostgres, _ sql: PostgresQuery) async throws -> Int {
        let connection = try await PostgresConnection.connect(
            configuration: cluster.connectionConfiguration(superuser: true),
            id: 7, logger: TestLogger.quiet)
        var result = -1
        do {
            for try await value in try await connection.query(sql, logger: TestLogger.quiet).decode(Int.self) { result = value }
        } catch {
            try? await connection.close()
            throw DetailedDatabaseError(error)
        }
        try await connection.close()
        return result
    }

    func post(_ url: String, body: Data, token: String, key: String) async throws -> Int {
        var request = URLRequest(url: URL(string: url + "api/v1/reports/readiness")!)
        request.httpMethod = "POST"
        request.setValue("text/csv", forHTTPHeaderField: "Content-Type")
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue(key, forHTTPHeaderField: "Idempotency-Key")
        request.timeoutInterval = 300
        let (_, response) = try await URLSession.shared.upload(for: request, from: body)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    @Test("kh02 serve killed with SIGKILL during a national upload keeps all or none of it; the retry stores it exactly once")
    func killMidUpload() async throws {
        let directory = "/tmp/kh02-crash-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let dataDir = directory + "/data"
        let cluster = try EmbeddedPostgres(dataDirectory: dataDir)
        defer {
            try? cluster.stop(logger: TestLogger.quiet)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let serve = ["serve", "--port", "0", "--data-dir", dataDir]
        let first = try ServerProcess(serve, directory: directory)
        let url = try await first.waitForURL()
        let tokenRun = try ServerProcess(["token", "create", "--role", "admin", "--name", "crash test", "--data-dir", dataDir], directory: directory)
        #expect(try await tokenRun.waitForExit() == 0, "\(tokenRun.output)")
        let token = try #require(tokenRun.output.split(separator: "\n").first { $0.hasPrefix("kh02_") }.map(String.init))

        let communes = try await {
            let connection = try await PostgresConnection.connect(
                configuration: cluster.connectionConfiguration(superuser: true),
                id: 8, logger: TestLogger.quiet)
            var codes: [String] = []
            for try await code in try await connection.query(
                "SELECT code FROM commune_versions WHERE valid_until IS NULL ORDER BY code", logger: TestLogger.quiet
            ).decode(String.self) { codes.append(code) }
            try await connection.close()
            return codes
        }()
        #expect(communes.count == 3_321)
        let body = Self.nationalRounds(communes: communes)
        let expected = 3_321 * Self.days

        // Send the upload, and kill the server as soon as PostgreSQL shows the rows being copied in (the query
        // text stays on the backend until the transaction's next statement), or, if the upload wins the race,
        // right after it.
        async let status = try? post(url, body: body, token: token, key: "national-rounds")
        let watcher = try await PostgresConnection.connect(
            configuration: cluster.connectionConfiguration(superuser: true),
            id: 9, logger: TestLogger.quiet)
        var sawCopy = false
        var committed = false
        let deadline = ContinuousClock.now + .seconds(180)
        while !sawCopy, !committed, ContinuousClock.now < deadline {
            let rows = try await watcher.query(
                #"""
                SELECT (SELECT count(*)::int FROM pg_stat_activity WHERE query LIKE 'COPY "readiness_reports"%' AND pid <> pg_backend_pid()),
                       (SELECT count(*)::int FROM uploads)
                """#, logger: TestLogger.quiet)
            for try await (copying, stored) in rows.decode((Int, Int).self) {
                sawCopy = copying > 0
                committed = stored > 0
            }
        }
        try await watcher.close()
        first.signal(SIGKILL)
        _ = try await first.waitForExit()
        print("crash test: killed kh02 serve \(sawCopy ? "while PostgreSQL was copying the rows in" : "after the upload had finished")")
        _ = await status

        let second = try ServerProcess(serve, directory: directory)
        let secondURL = try await second.waitForURL()
        let uploads = try await count(cluster, "SELECT count(*) FROM uploads")
        let rows = try await count(cluster, "SELECT count(*) FROM readiness_reports")
        #expect((uploads == 0 && rows == 0) || (uploads == 1 && rows == expected), "all or nothing after the crash (saw COPY: \(sawCopy))")

        let retry = try await post(secondURL, body: body, token: token, key: "national-rounds")
        #expect(retry == 201 || retry == 200)
        #expect(try await count(cluster, "SELECT count(*) FROM uploads") == 1)
        #expect(try await count(cluster, "SELECT count(*) FROM readiness_reports") == expected)
        #expect(try await count(cluster, "SELECT count(*) FROM readiness_current") == 3_321)
        second.signal(SIGTERM)
        #expect(try await second.waitForExit() == 0)
    }
}
