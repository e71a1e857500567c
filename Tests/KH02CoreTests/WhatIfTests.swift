import Foundation
import KH02Core
import Testing

@Suite("What-if: a candidate plan against the current one")
struct WhatIfTests {
    let asOf = Fixtures.vn("2025-08-10 17:00")

    var facts: FactSet {
        var oneUnmet = Fixtures.allMet
        oneUnmet[Fixtures.key("b")] = try! .ratio(0.5)
        var twoUnmet = oneUnmet
        twoUnmet[Fixtures.key("a")] = .boolean(false)
        return FactSet(
            readiness: [
                Fixtures.readiness("00001", at: "2025-08-10 16:00"),
                Fixtures.readiness("00002", at: "2025-08-10 16:00", values: oneUnmet),
                Fixtures.readiness("00003", at: "2025-08-10 16:00", values: twoUnmet),
                Fixtures.readiness("00004", at: "2025-08-10 16:00"),
                Fixtures.readiness("00005", at: "2025-08-10 16:00", values: oneUnmet),
            ],
            taskStatuses: [
                Fixtures.status("01", "P1", at: "2025-08-10 16:00", .inProgress, 85),
                Fixtures.status("01", "P2", at: "2025-08-10 16:00", .inProgress, 10),
            ])
    }

    @Test("the same plan changes nothing")
    func samePlan() {
        let plan = Fixtures.plan()
        let result = WhatIf.compare(current: plan, candidate: plan, facts: facts, directory: Fixtures.directory(), asOf: asOf)
        #expect(result.changes.isEmpty)
        #expect(result.bandChanges.isEmpty)
        #expect(result.countsBefore == result.countsAfter)
    }

    @Test("a lower ratio threshold turns communes green and lists exactly them, with counts before and after")
    func relaxedThreshold() throws {
        let current = Fixtures.plan()
        var candidate = current
        candidate.readinessCriteria[1].threshold = 0.5
        let result = WhatIf.compare(
            current: current, candidate: candidate, facts: facts, directory: Fixtures.directory(), asOf: asOf)
        let changes = result.changes(of: .communeReadiness)
        #expect(changes.map(\.unit.rawValue) == ["00002", "00003", "00005"])
        #expect(changes.map(\.before) == [.yellow, .red, .yellow])
        #expect(changes.map(\.after) == [.green, .yellow, .green])
        #expect(result.countsBefore[.communeReadiness] == ColourCounts(green: 2, yellow: 2, red: 1, noData: 1))
        #expect(result.countsAfter[.communeReadiness] == ColourCounts(green: 4, yellow: 1, red: 0, noData: 1))
        // Province 01: 2/4 green (≤ 50%) → 3/4 (above 70%); 02: 0/2 → 1/2.
        #expect(result.bandChanges.map(\.province.rawValue) == ["01"])
        #expect(result.bandChanges.first?.before == "at_most_50")
        #expect(result.bandChanges.first?.after == "above_70")
    }

    @Test("a wider due-soon window changes a province's task colour")
    func taskRule() {
        let current = Fixtures.plan()
        let candidate = Fixtures.plan(dueSoonDays: 3)
        let result = WhatIf.compare(
            current: current, candidate: candidate, facts: facts, directory: Fixtures.directory(), asOf: asOf)
        // P1 is due in 4 days at 85% (< 91%): yellow with 7 days, green with 3.
        #expect(result.changes(of: .provinceTasks) == [
            ColourChange(unit: .province(Fixtures.province("01")), aspect: .provinceTasks, before: .yellow, after: .green)
        ])
        #expect(result.countsBefore[.provinceTasks]?.yellow == 1)
        #expect(result.countsAfter[.provinceTasks]?.green == 1)
    }
}
