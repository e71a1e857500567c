import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02HTTP
import KH02TestSupport
import NIOFoundationEssentialsCompat
import Testing

/// An upload and a coverage read through the whole HTTP stack over in-memory stores (no PostgreSQL): the
/// application layer's use cases as the routes call them.
@Suite("Upload and coverage over in-memory stores")
struct UploadAndCoverageTests {
    /// 10/01/2026 16:30 in Vietnam.
    static let now = CivilDate(year: 2026, month: 1, day: 10)!.vietnamMidnight.addingTimeInterval(16.5 * 3600)

    struct Tokens {
        let central: String
        let hanoi: String
    }

    func withApp(_ test: @Sendable (any TestClientProtocol, Tokens, InMemoryReportStore) async throws -> Void) async throws {
        let plans = InMemoryPlanStore()
        let document = try Data(contentsOf: URL(fileURLWithPath: RepositoryPaths.sqlDirectory + "/plans/default-plan.json"))
        _ = try await plans.importPlan(try PlanDefinition.decode(json: document), document: document, importedBy: "test")
        let accounts = InMemoryAccountStore()
        let tokens = Tokens(
            central: try await accounts.issue(name: "central", principal: .central, createdBy: "test").secret,
            hanoi: try await accounts.issue(name: "Hà Nội", principal: .province(ProvinceCode(rawValue: "01")!), createdBy: "test").secret)
        let reports = InMemoryReportStore()
        let dependencies = APIDependencies(
            units: UnitFixtures.store, plans: plans, accounts: accounts, reports: reports, audit: InMemoryAuditLog(),
            probe: FixedReadinessProbe(ready: true), webDirectory: nil, now: { Self.now })
        try await Application(router: buildRouter(dependencies, logger: TestLogger.quiet)).test(.router) { client in
            try await test(client, tokens, reports)
        }
    }

    static func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    /// Hà Nội's row in `GET /coverage`: (green, total) communes.
    static func hanoi(_ client: any TestClientProtocol, token: String) async throws -> (green: Int, total: Int) {
        try await client.execute(uri: "/api/v1/coverage", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
            #expect(response.status == .ok)
            let provinces = try #require(try json(response.body)["provinces"] as? [[String: Any]])
            let row = try #require(provinces.first { $0["code"] as? String == "01" })
            return (row["communes_green"] as? Int ?? -1, row["communes_total"] as? Int ?? -1)
        }
    }

    static func upload(
        _ client: any TestClientProtocol, _ csv: String, token: String, key: String
    ) async throws -> (status: HTTPResponse.Status, body: ByteBuffer, replay: Bool) {
        try await client.execute(
            uri: "/api/v1/reports/readiness", method: .post,
            headers: [.authorization: "Bearer \(token)", .contentType: "text/csv", .init("Idempotency-Key")!: key],
            body: ByteBuffer(string: csv)
        ) { ($0.status, $0.body, $0.headers[.init("Idempotent-Replay")!] == "true") }
    }

    static let criteria = "online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync"

    @Test("a province uploads its ward's readiness: 201 with the per-row answer, a retry replays it, and coverage counts the ward green")
    func uploadThenCoverage() async throws {
        try await withApp { client, tokens, _ in
            #expect(try await Self.hanoi(client, token: tokens.central) == (0, 1))
            let csv = "commune_code,as_of,\(Self.criteria)\n00004,2026-01-10,yes,1,yes,1,yes,yes\n"
            let first = try await Self.upload(client, csv, token: tokens.hanoi, key: "k1")
            #expect(first.status == .created, "\(String(buffer: first.body))")
            let answer = try Self.json(first.body)
            #expect(answer["rows_accepted"] as? Int == 1)
            #expect((answer["rows"] as? [[String: Any]])?.first?["unit"] as? String == "00004")
            let retry = try await Self.upload(client, csv, token: tokens.hanoi, key: "k1")
            #expect(retry.status == .ok && retry.replay)
            #expect(retry.body == first.body)
            #expect(try await Self.hanoi(client, token: tokens.central) == (1, 1))
        }
    }

    @Test("a rejected upload names row and column, stores nothing, and leaves coverage as it was")
    func rejected() async throws {
        try await withApp { client, tokens, reports in
            let csv = "commune_code,as_of,\(Self.criteria)\n00004,2026-01-10,yes,1,yes,1,yes,yes\n25357,2026-01-10,yes,1,yes,1,yes,yes\n"
            let answer = try await Self.upload(client, csv, token: tokens.hanoi, key: "k2")
            #expect(answer.status == .forbidden)
            let body = try Self.json(answer.body)
            #expect((body["error"] as? [String: Any])?["code"] as? String == "out_of_scope")
            let problem = try #require((body["problems"] as? [[String: Any]])?.first)
            #expect(problem["row"] as? Int == 3 && problem["column"] as? String == "commune_code", "\(problem)")
            #expect(try await reports.uploads(touching: nil, limit: 10).isEmpty)
            #expect(try await Self.hanoi(client, token: tokens.central) == (0, 1))
        }
    }
}
