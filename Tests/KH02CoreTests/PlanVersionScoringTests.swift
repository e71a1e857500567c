import Foundation
import KH02Core
import Testing

@Suite("Scoring across plan versions and over time")
struct PlanVersionScoringTests {
    @Test("a plan version changing mid-period: each instant is scored with the version effective then")
    func versionChange() throws {
        let v1 = Fixtures.plan(version: 1, effectiveFrom: "2025-07-01", yellowMaxUnmet: 1)
        let v2 = Fixtures.plan(version: 2, effectiveFrom: "2025-08-15", yellowMaxUnmet: 0)
        let catalog = PlanCatalog([v1, v2])
        var values = Fixtures.allMet
        values[Fixtures.key("a")] = .boolean(false)
        let facts = FactSet(
            readiness: [
                Fixtures.readiness("00001", at: "2025-08-14 16:00", values: values),
                Fixtures.readiness("00001", at: "2025-08-15 16:00", values: values),
            ])
        let before = try #require(
            Scorer.score(catalog: catalog, facts: facts, directory: Fixtures.directory(), asOf: Fixtures.vn("2025-08-14 23:59")))
        #expect(before.planVersion == 1)
        #expect(before.commune(Fixtures.commune("00001"))?.colour == .yellow)
        let after = try #require(
            Scorer.score(catalog: catalog, facts: facts, directory: Fixtures.directory(), asOf: Fixtures.vn("2025-08-15 17:00")))
        #expect(after.planVersion == 2)
        #expect(after.commune(Fixtures.commune("00001"))?.colour == .red)
        #expect(Scorer.score(catalog: catalog, facts: facts, directory: Fixtures.directory(), asOf: Fixtures.vn("2025-06-30 12:00")) == nil)
    }

    @Test("a task added in a later version appears only from that version on")
    func taskAdded() throws {
        let v1 = Fixtures.plan(version: 1, tasks: Array(Fixtures.defaultTasks.prefix(1)))
        let v2 = Fixtures.plan(version: 2, effectiveFrom: "2025-08-01")
        let catalog = PlanCatalog([v1, v2])
        let july = try #require(
            Scorer.score(catalog: catalog, facts: FactSet(), directory: Fixtures.directory(), asOf: Fixtures.vn("2025-07-20 12:00")))
        #expect(july.province(Fixtures.province("01"))?.tasks.tasks.count == 1)
        #expect(july.agency(Fixtures.agency("BCA"))?.tasks.reasons.first?.rule == .noTasksAssigned)
        let august = try #require(
            Scorer.score(catalog: catalog, facts: FactSet(), directory: Fixtures.directory(), asOf: Fixtures.vn("2025-08-20 12:00")))
        #expect(august.province(Fixtures.province("01"))?.tasks.tasks.count == 2)
        #expect(august.agency(Fixtures.agency("BCA"))?.tasks.reasons.first?.rule == .neverReported)
    }

    @Test("time travel: the same facts scored at an earlier instant see only what was reported by then")
    func timeTravel() {
        let facts = FactSet(
            readiness: [
                Fixtures.readiness("00001", at: "2025-08-01 16:00", values: [Fixtures.key("a"): .boolean(true)]),
                Fixtures.readiness("00001", at: "2025-08-05 16:00"),
            ])
        let scorer = Scorer(plan: Fixtures.plan())
        let early = scorer.score(facts, directory: Fixtures.directory(), asOf: Fixtures.vn("2025-08-02 10:00"))
        #expect(early.commune(Fixtures.commune("00001"))?.colour == .red)
        let late = scorer.score(facts, directory: Fixtures.directory(), asOf: Fixtures.vn("2025-08-05 16:00"))
        #expect(late.commune(Fixtures.commune("00001"))?.colour == .green)
        let comparison = WhatIf.compare(before: early, after: late)
        #expect(comparison.changes(of: .communeReadiness).map(\.unit.rawValue) == ["00001"])
    }

    @Test("facts received after an instant can be dropped to replay what was known then")
    func knownAt() {
        let report = Fixtures.readiness("00001", at: "2025-08-05 16:00", received: "2025-08-06 09:00")
        let facts = FactSet(readiness: [report])
        #expect(facts.received(by: Fixtures.vn("2025-08-06 08:59")).readiness.isEmpty)
        #expect(facts.received(by: Fixtures.vn("2025-08-06 09:00")).readiness == [report])
    }
}
