import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02HTTP
import KH02TestSupport
import Testing

@Suite("Dashboard files and security headers")
struct DashboardFilesTests {
    /// A web folder with an index page and a decoy file where an API path would be.
    static func webFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kh02-web-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("api/v1/units"), withIntermediateDirectories: true)
        try Data("<!doctype html><title>KH02</title>".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("decoy".utf8).write(to: folder.appendingPathComponent("api/v1/units/provinces"))
        return folder.path
    }

    func withApp(web: String, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let dependencies = APIDependencies(
            units: UnitFixtures.store, plans: InMemoryPlanStore(), accounts: InMemoryAccountStore(), reports: InMemoryReportStore(),
            audit: InMemoryAuditLog(), probe: FixedReadinessProbe(ready: true), webDirectory: web, now: { Date() })
        let app = Application(router: buildRouter(dependencies, logger: TestLogger.quiet))
        try await app.test(.router, test)
    }

    @Test("pages and API answers carry a same-origin Content-Security-Policy, nosniff and no framing")
    func securityHeaders() async throws {
        let web = try Self.webFolder()
        defer { try? FileManager.default.removeItem(atPath: web) }
        try await withApp(web: web) { client in
            for uri in ["/", "/index.html", "/api/v1/units/provinces", "/api/v1/units/communes/1x"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                    #expect(policy.hasPrefix("default-src 'self'") && policy.contains("frame-ancestors 'none'"), "\(uri)")
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                }
            }
        }
    }

    @Test("API paths never fall through to a file of the same name in the web folder")
    func apiPathsSkipFiles() async throws {
        let web = try Self.webFolder()
        defer { try? FileManager.default.removeItem(atPath: web) }
        try await withApp(web: web) { client in
            try await client.execute(uri: "/api/v1/units/provinces", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).hasPrefix("{"), "the API's JSON, not the decoy file")
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("<title>KH02</title>"))
            }
        }
    }
}
