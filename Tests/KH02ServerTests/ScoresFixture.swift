import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02App
import KH02HTTP
import KH02PostgresTestSupport
import KH02Storage
import KH02TestSupport
import NIOFoundationEssentialsCompat
import Testing

/// A real database seeded through the real upload path, and the router over it, for the score read API tests.
///
/// At 17:00 on 20/09/2025 (Vietnam): in Hà Giang's province (08) three communes report (one green, one yellow
/// without specialized signatures, one red), province 08 reports one task done and TB408-DVCTT-XA at 60% (overdue
/// since 14/08), province 01 reports it done; both send August service statistics (08: 40% online, 01: 90%).
struct ScoresFixture: Sendable {
    /// 17:00 on 20/09/2025 in Vietnam.
    static let now = Date(timeIntervalSince1970: 1_758_362_400)
    let admin: String
    let central: String
    let province08: String
    let province01: String
    let commune: String
    /// The three reporting communes of province 08: green, yellow, red.
    let communes: [CommuneCode]

    /// `maximumConnections` sizes the database pool, `concurrency` the heavy work the API takes on at once.
    static func withApp(
        publicRead: Bool = false, maximumConnections: Int = 20, concurrency: ConcurrencyLimits = .standard,
        _ body: @Sendable @escaping (ScoresFixture, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestDatabase.withDatabase(maximumConnections: maximumConnections) { client in
            let logger = TestLogger.quiet
            let schema = try DatabaseSchema(sqlDirectory: TestDatabase.sqlDirectory)
            let accounts = PostgresAccountStore(client: client, logger: logger)
            let dependencies = APIDependencies(
                units: PostgresUnitStore(client: client, logger: logger), plans: PostgresPlanStore(client: client, logger: logger),
                accounts: accounts, reports: PostgresReportStore(client: client, logger: logger),
                audit: PostgresAuditLog(client: client, logger: logger),
                probe: PostgresReadinessProbe(client: client, runner: schema.runner, logger: logger), webDirectory: nil,
                boundaries: PostgresBoundaryStore(client: client, logger: logger), publicRead: publicRead, concurrency: concurrency,
                now: { Self.now })
            let admin = try await accounts.issue(name: "admin", principal: .admin, createdBy: "test")
            let day = CivilDate(year: 2025, month: 9, day: 20)!
            let communes = Array(try await dependencies.monitor.stores.units.communes(of: ProvinceCode(rawValue: "08")!, on: day).prefix(3).map(\.code))
            let c = communes.map(\.rawValue)
            try await submit(
                dependencies, admin.account, .readiness,
                """
                commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync
                \(c[0]),2025-09-19,1,1,1,1,1,1
                \(c[1]),2025-09-19,1,1,0,1,1,1
                \(c[2]),2025-09-19,1,1,0,1,0,1
                """)
            try await submit(
                dependencies, admin.account, .tasks,
                """
                unit_code,task_code,status,progress,completed_on,as_of
                08,TB329-CKS-CONGVU,done,,2025-06-28,2025-09-19
                08,TB408-DVCTT-XA,in_progress,60,,2025-09-19
                01,TB408-DVCTT-XA,done,,2025-08-10,2025-09-19
                """)
            try await submit(
                dependencies, admin.account, .services,
                """
                unit_code,period,received,received_online,resolved,resolved_on_time,overdue,results_online
                08,2025-08,100,40,90,80,2,50
                01,2025-08,100,90,95,95,0,90
                """)
            let fixture = ScoresFixture(
                admin: admin.secret,
                central: try await accounts.issue(name: "centre", principal: .central, createdBy: "test").secret,
                province08: try await accounts.issue(name: "p08", principal: .province(ProvinceCode(rawValue: "08")!), createdBy: "test").secret,
                province01: try await accounts.issue(name: "p01", principal: .province(ProvinceCode(rawValue: "01")!), createdBy: "test").secret,
                commune: try await accounts.issue(name: "c", principal: .commune(communes[0]), createdBy: "test").secret,
                communes: communes)
            let app = Application(router: buildRouter(dependencies, logger: logger))
            try await app.test(.router) { http in try await body(fixture, http) }
        }
    }

    private static func submit(_ dependencies: APIDependencies, _ account: Account, _ kind: UploadKind, _ csv: String) async throws {
        let outcome = try await dependencies.monitor.ingestion.submit(
            .init(kind: kind, format: .csv, body: UploadBody(bytes: Array(csv.utf8))), account: account, remoteAddress: nil)
        guard case .stored = outcome else {
            Issue.record("upload \(kind) not stored: \(outcome)")
            return
        }
    }
}

/// GET `uri` with `token`, and the parsed JSON object.
func getJSON(
    _ http: any TestClientProtocol, _ uri: String, token: String?, status: HTTPResponse.Status = .ok,
    sourceLocation: SourceLocation = #_sourceLocation
) async throws -> [String: Any] {
    var headers: HTTPFields = [:]
    if let token { headers[.authorization] = "Bearer \(token)" }
    let response = try await http.execute(uri: uri, method: .get, headers: headers)
    #expect(response.status == status, "\(uri): \(String(buffer: response.body))", sourceLocation: sourceLocation)
    return (try? JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]) ?? [:]
}
