import Foundation
import Hummingbird
import KH02Core
import KH02HTTP
import KH02TestSupport
import Testing

@Suite("OpenAPI document")
struct OpenAPISpecTests {
    /// `Web/openapi.yaml`, served at /openapi.yaml by the static files middleware.
    static var specPath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Web/openapi.yaml").path
    }

    /// "METHOD /path" for every operation of the document (a line scan: paths at two spaces, methods at four).
    static func documented() throws -> Set<String> {
        var result: Set<String> = []
        var path: String?
        for line in try String(contentsOfFile: specPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("  /"), line.hasSuffix(":") {
                path = String(line.dropFirst(2).dropLast())
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let path {
                let word = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "put", "patch", "delete"].contains(word) { result.insert("\(word.uppercased()) \(path)") }
            } else if !line.hasPrefix(" "), !line.isEmpty {
                path = nil
            }
        }
        return result
    }

    @Test("every registered route is documented in Web/openapi.yaml, and every documented path is served")
    func routesMatchTheDocument() throws {
        let dependencies = APIDependencies(
            units: UnitFixtures.store, plans: InMemoryPlanStore(), accounts: InMemoryAccountStore(), reports: InMemoryReportStore(),
            audit: InMemoryAuditLog(), probe: FixedReadinessProbe(ready: true), webDirectory: nil, now: { Date() })
        let router = buildRouter(dependencies, logger: TestLogger.quiet)
        let registered = Set(router.routes.map { "\($0.method) \($0.path.description.hasPrefix("/") ? "" : "/")\($0.path)" })
        let documented = try Self.documented()
        #expect(registered.count >= 25)
        #expect(registered.subtracting(documented).sorted() == [], "routes missing from Web/openapi.yaml")
        // `/provinces/{code}.csv` is served by the `/provinces/{code}` route.
        let servedElsewhere: Set<String> = ["GET /api/v1/provinces/{code}.csv"]
        #expect(documented.subtracting(registered).subtracting(servedElsewhere).sorted() == [], "documented paths no route serves")
        let text = try String(contentsOfFile: Self.specPath, encoding: .utf8)
        #expect(text.hasPrefix("openapi: 3.1.0\n"))
    }
}
