import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02HTTP
import KH02TestSupport
import NIOFoundationEssentialsCompat
import Testing

@Suite("Plans API over an in-memory store")
struct PlansEndpointTests {
    static let defaultPlanPath = RepositoryPaths.sqlDirectory + "/plans/default-plan.json"

    func plan(version: Int, effective: String) throws -> (PlanDefinition, Data) {
        var plan = try PlanDefinition.decode(json: Data(contentsOf: URL(fileURLWithPath: Self.defaultPlanPath)))
        plan.version = version
        plan.effectiveFrom = CivilDate(iso: effective)!
        return (plan, try plan.encodedJSON())
    }

    func withApp(_ store: InMemoryPlanStore, _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let dependencies = APIDependencies(
            units: UnitFixtures.store, plans: store, accounts: InMemoryAccountStore(), reports: InMemoryReportStore(),
            audit: InMemoryAuditLog(), probe: FixedReadinessProbe(ready: true), webDirectory: nil,
            now: { CivilDate(year: 2026, month: 1, day: 10)!.vietnamMidnight })
        try await Application(router: buildRouter(dependencies, logger: TestLogger.quiet)).test(.router, test)
    }

    @Test("lists versions and marks the one in effect at as_of")
    func list() async throws {
        let store = InMemoryPlanStore()
        for (version, day) in [(1, "2025-06-19"), (2, "2026-01-01")] {
            let (plan, data) = try plan(version: version, effective: day)
            _ = try await store.importPlan(plan, document: data, importedBy: "test")
        }
        try await withApp(store) { client in
            for (asOf, expected) in [("2025-12-31", 1), ("2026-01-01", 2), ("", 2)] {
                let uri = "/api/v1/plans" + (asOf.isEmpty ? "" : "?as_of=\(asOf)")
                try await client.execute(uri: uri, method: .get) { response in
                    let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    let items = try #require(body["items"] as? [[String: Any]])
                    #expect(items.count == 2)
                    #expect(items.filter { $0["in_effect"] as? Bool == true }.map { $0["version"] as? Int } == [expected], "as_of \(asOf)")
                }
            }
        }
    }

    @Test("one version is its stored document; unknown versions 404, malformed 400")
    func show() async throws {
        let store = InMemoryPlanStore()
        let (plan, data) = try plan(version: 1, effective: "2025-06-19")
        _ = try await store.importPlan(plan, document: data, importedBy: "test")
        try await withApp(store) { client in
            try await client.execute(uri: "/api/v1/plans/kh02/1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(buffer: response.body) == data)
            }
            try await client.execute(uri: "/api/v1/plans/kh02/7", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/plans/kh02/one", method: .get) { #expect($0.status == .badRequest) }
        }
    }
}
