import Foundation
import KH02Core
import KH02Storage
import KH02PostgresTestSupport
import KH02TestSupport
import PostgresNIO
import Testing

@Suite("Plan versions in PostgreSQL")
struct PlanStoreTests {
    static let defaultPlan = TestDatabase.sqlDirectory + "/plans/default-plan.json"

    @Test("the shipped default plan is stored at migration, byte for byte, and is the one in effect")
    func shippedPlan() async throws {
        try await TestDatabase.withDatabase { client in
            let store = PostgresPlanStore(client: client, logger: TestLogger.quiet)
            let versions = try await store.versions()
            #expect(versions.map { "\($0.id)/\($0.version)" } == ["kh02/1"])
            let stored = try #require(try await store.plan(id: "kh02", version: 1))
            #expect(stored.document == (try Data(contentsOf: URL(fileURLWithPath: Self.defaultPlan))))
            #expect(stored.definition.readinessCriteria.count == 6)
            #expect(PlanCatalog(try await store.definitions()).effective(at: Date())?.version == 1)
        }
    }

    @Test("importing the same document again changes nothing; another document under the same version is refused")
    func immutableVersions() async throws {
        try await TestDatabase.withDatabase { client in
            let store = PostgresPlanStore(client: client, logger: TestLogger.quiet)
            let data = try Data(contentsOf: URL(fileURLWithPath: Self.defaultPlan))
            var plan = try PlanDefinition.decode(json: data)
            guard case .alreadyStored = try await store.importPlan(plan, document: data, importedBy: "again") else {
                Issue.record("expected alreadyStored")
                return
            }
            plan.title.vi += " (sửa)"
            let changed = try plan.encodedJSON()
            await #expect(throws: PlanStoreError.versionExists(id: "kh02", version: 1)) {
                try await store.importPlan(plan, document: changed, importedBy: "someone")
            }
            plan.version = 2
            plan.effectiveFrom = CivilDate(year: 2026, month: 1, day: 1)!
            guard case .stored(let summary) = try await store.importPlan(plan, document: try plan.encodedJSON(), importedBy: "Văn phòng BCĐ") else {
                Issue.record("expected stored")
                return
            }
            #expect(summary.importedBy == "Văn phòng BCĐ")
            let catalog = PlanCatalog(try await store.definitions())
            #expect(catalog.effective(at: CivilDate(year: 2025, month: 12, day: 31)!.vietnamMidnight)?.version == 1)
            #expect(catalog.effective(at: CivilDate(year: 2026, month: 1, day: 1)!.vietnamMidnight)?.version == 2)
        }
    }

    @Test("stored versions cannot be updated or deleted, even with SQL")
    func appendOnly() async throws {
        try await TestDatabase.withDatabase { client in
            await #expect(throws: PSQLError.self) {
                try await client.query("UPDATE plan_versions SET title = 'x'", logger: TestLogger.quiet)
            }
            await #expect(throws: PSQLError.self) {
                try await client.query("DELETE FROM plan_versions", logger: TestLogger.quiet)
            }
        }
    }
}
