import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02HTTP
import KH02PostgresTestSupport
import KH02Storage
import KH02TestSupport
import NIOFoundationEssentialsCompat
import Testing

@Suite("Units API over PostgreSQL")
struct UnitsAPIOnPostgresTests {
    @Test("the API serves the real reference units, and /ready reports migrations and reference data")
    func provincesAndReady() async throws {
        try await TestDatabase.withDatabase { client in
            let schema = try DatabaseSchema(sqlDirectory: TestDatabase.sqlDirectory)
            let dependencies = APIDependencies(
                units: PostgresUnitStore(client: client, logger: TestLogger.quiet),
                plans: PostgresPlanStore(client: client, logger: TestLogger.quiet),
                accounts: PostgresAccountStore(client: client, logger: TestLogger.quiet),
                reports: PostgresReportStore(client: client, logger: TestLogger.quiet),
                audit: PostgresAuditLog(client: client, logger: TestLogger.quiet),
                probe: PostgresReadinessProbe(client: client, runner: schema.runner, logger: TestLogger.quiet),
                webDirectory: nil, now: { Date() })
            let app = Application(router: buildRouter(dependencies, logger: TestLogger.quiet))
            try await app.test(.router) { http in
                try await http.execute(uri: "/api/v1/units/provinces?as_of=2025-07-01", method: .get) { response in
                    let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    #expect(body["count"] as? Int == 34)
                    let items = try #require(body["items"] as? [[String: Any]])
                    #expect(items.first?["code"] as? String == "01")
                    #expect(items.compactMap { $0["commune_count"] as? Int }.reduce(0, +) == 3_321)
                }
                try await http.execute(uri: "/api/v1/units/provinces/08/communes", method: .get) { response in
                    let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    let items = try #require(body["items"] as? [[String: Any]])
                    #expect(items.contains { $0["code"] as? String == "00745" && $0["name"] as? String == "Phố Bảng" })
                }
                try await http.execute(uri: "/ready", method: .get) { response in
                    #expect(response.status == .ok)
                }
                try await http.execute(uri: "/api/v1/plans?as_of=2025-07-01", method: .get) { response in
                    let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    let items = try #require(body["items"] as? [[String: Any]])
                    #expect(items.contains { $0["id"] as? String == "kh02" && $0["version"] as? Int == 1 && $0["in_effect"] as? Bool == true })
                }
                try await http.execute(uri: "/api/v1/plans/kh02/1", method: .get) { response in
                    let shipped = try Data(contentsOf: URL(fileURLWithPath: TestDatabase.sqlDirectory + "/plans/default-plan.json"))
                    #expect(Data(buffer: response.body) == shipped, "the stored document is served byte for byte")
                }
            }
        }
    }
}
