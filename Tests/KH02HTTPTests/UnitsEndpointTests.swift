import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02HTTP
import KH02TestSupport
import NIOFoundationEssentialsCompat
import Testing

@Suite("Units API over in-memory stores")
struct UnitsEndpointTests {
    static let today = CivilDate(year: 2026, month: 11, day: 26)!
    /// Noon in Vietnam on `today`.
    static let now = today.vietnamMidnight.addingTimeInterval(12 * 3600)

    func withApp(ready: Bool = true, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let dependencies = APIDependencies(
            units: UnitFixtures.store, plans: InMemoryPlanStore(), accounts: InMemoryAccountStore(), reports: InMemoryReportStore(),
            audit: InMemoryAuditLog(), probe: FixedReadinessProbe(ready: ready), webDirectory: nil,
            now: { Self.now })
        let app = Application(router: buildRouter(dependencies, logger: TestLogger.quiet))
        try await app.test(.router, test)
    }

    func json(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    @Test("lists provinces with their commune counts, as of today by default")
    func provinces() async throws {
        try await withApp { client in
            try await client.execute(uri: "/api/v1/units/provinces", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["as_of"] as? String == "2026-11-26")
                #expect(body["count"] as? Int == 2)
                let items = try #require(body["items"] as? [[String: Any]])
                #expect(items.map { $0["code"] as? String } == ["01", "75"])
                #expect(items[1]["commune_count"] as? Int == 2)
                #expect(items[0]["full_name"] as? String == "Thành phố Hà Nội")
            }
        }
    }

    @Test("a commune answers with the version valid on as_of and its whole history")
    func communeVersions() async throws {
        try await withApp { client in
            try await client.execute(uri: "/api/v1/units/communes/25270?as_of=2025-12-31", method: .get) { response in
                let body = try json(response.body)
                let commune = try #require(body["commune"] as? [String: Any])
                #expect(commune["type"] as? String == "commune")
                #expect((body["versions"] as? [Any])?.count == 2)
            }
            try await client.execute(uri: "/api/v1/units/communes/25270", method: .get) { response in
                let commune = try #require(try json(response.body)["commune"] as? [String: Any])
                #expect(commune["type"] as? String == "ward")
            }
        }
    }

    @Test("an ISO instant in as_of is read as its Vietnam day")
    func asOfInstant() async throws {
        try await withApp { client in
            // 17:30 UTC on 29/04/2026 is already 30/04/2026 in Vietnam, the day Lộc Ninh became a ward.
            try await client.execute(uri: "/api/v1/units/communes/25270?as_of=2026-04-29T17:30:00Z", method: .get) { response in
                let body = try json(response.body)
                #expect(body["as_of"] as? String == "2026-04-30")
                #expect((body["commune"] as? [String: Any])?["type"] as? String == "ward")
            }
        }
    }

    @Test("communes of a province, with the province")
    func provinceCommunes() async throws {
        try await withApp { client in
            try await client.execute(uri: "/api/v1/units/provinces/75/communes", method: .get) { response in
                #expect(response.status == .ok)
                let body = try json(response.body)
                #expect(body["count"] as? Int == 2)
                #expect((body["province"] as? [String: Any])?["name"] as? String == "Đồng Nai")
            }
        }
    }

    @Test(
        "unknown codes are 404 and malformed codes 400, each with a stable code and Vietnamese and English messages",
        arguments: [
            ("/api/v1/units/provinces/99/communes", 404, "province_not_found"),
            ("/api/v1/units/provinces/1/communes", 400, "malformed_province_code"),
            ("/api/v1/units/provinces/001/communes", 400, "malformed_province_code"),
            ("/api/v1/units/communes/99999", 404, "commune_not_found"),
            ("/api/v1/units/communes/4", 400, "malformed_commune_code"),
            ("/api/v1/units/communes/0000A", 400, "malformed_commune_code"),
            ("/api/v1/units/provinces?as_of=31/12/2025", 400, "bad_parameter"),
            ("/api/v1/nothing-here", 404, "not_found"),
        ])
    func errors(uri: String, status: Int, code: String) async throws {
        try await withApp { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status.code == status)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let error = try #require(try json(response.body)["error"] as? [String: Any])
                #expect(error["code"] as? String == code)
                #expect((error["message"] as? String)?.isEmpty == false)
                #expect((error["message_en"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test("health is always ok; ready follows the probe")
    func health() async throws {
        try await withApp(ready: false) { client in
            try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
            try await client.execute(uri: "/ready", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try json(response.body)
                #expect(body["status"] as? String == "not_ready")
            }
        }
        try await withApp(ready: true) { client in
            try await client.execute(uri: "/ready", method: .get) { #expect($0.status == .ok) }
        }
    }
}
