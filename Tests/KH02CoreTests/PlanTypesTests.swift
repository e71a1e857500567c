import Foundation
import KH02Core
import Testing

@Suite("Small plan and rule types")
struct PlanTypesTests {
    @Test("typed keys refuse malformed text", arguments: ["", "lower", "A B", String(repeating: "A", count: 41)])
    func taskCodes(text: String) {
        #expect(TaskCode(rawValue: text) == nil)
    }

    @Test("criterion and group keys are snake_case")
    func snakeCase() {
        #expect(CriterionKey(rawValue: "portal_sync") != nil)
        #expect(CriterionKey(rawValue: "Portal") == nil)
        #expect(CriterionKey(rawValue: "1st") == nil)
        #expect(TaskGroupCode(rawValue: "data") != nil)
    }

    @Test("task owners parse from and print to their JSON form")
    func owners() {
        #expect(TaskOwner(text: "province") == .everyProvince)
        #expect(TaskOwner(text: "commune") == .everyCommune)
        #expect(TaskOwner(text: "BCY") == .agency(Fixtures.agency("BCY")))
        #expect(TaskOwner(text: "every province") == nil)
        #expect(TaskOwner.agency(Fixtures.agency("BCA")).text == "BCA")
        #expect(TaskOwner.everyProvince.owns(.province(Fixtures.province("01"))))
        #expect(!TaskOwner.agency(Fixtures.agency("BCA")).owns(.agency(Fixtures.agency("BTC"))))
    }

    @Test("times of day parse HH:MM only")
    func timeOfDay() {
        #expect(TimeOfDay(text: "16:00")?.secondsSinceMidnight == 57_600)
        #expect(TimeOfDay(text: "16:00")?.description == "16:00")
        for bad in ["4pm", "24:00", "16:60", "1600", "6:00", ""] {
            #expect(TimeOfDay(text: bad) == nil)
        }
    }

    @Test("colours have the wire names green, yellow, red, no_data")
    func colourNames() throws {
        #expect(Colour.allCases.map(\.rawValue) == ["green", "yellow", "red", "no_data"])
        let data = try JSONEncoder().encode([Colour.noData])
        #expect(String(decoding: data, as: UTF8.self) == "[\"no_data\"]")
        #expect(Colour.noData.severity == nil)
        #expect(Colour.allCases.sorted() == [.green, .yellow, .red, .noData])
    }

    @Test("the stale bound is the latest 16:00 cut-off minus the allowed days")
    func staleBefore() {
        let round = Fixtures.round(staleAfterDays: 2)
        #expect(round.latestCutoff(atOrBefore: Fixtures.vn("2025-08-10 16:00")) == Fixtures.vn("2025-08-10 16:00"))
        #expect(round.latestCutoff(atOrBefore: Fixtures.vn("2025-08-10 15:59")) == Fixtures.vn("2025-08-09 16:00"))
        #expect(round.staleBefore(asOf: Fixtures.vn("2025-08-10 17:00")) == Fixtures.vn("2025-08-08 16:00"))
        #expect(round.staleBefore(asOf: Fixtures.vn("2025-08-10 00:30")) == Fixtures.vn("2025-08-07 16:00"))
    }

    @Test("coverage bands compare without rounding")
    func bandArithmetic() {
        let above70 = CoverageBand(key: "above_70", name: Fixtures.text, minPercent: 70, minInclusive: false)
        #expect(!above70.admits(green: 7, total: 10))
        #expect(above70.admits(green: 701, total: 1_000))
        #expect(!above70.admits(green: 2_324, total: 3_321 + 1))
        let full = CoverageBand(key: "full", name: Fixtures.text, minPercent: 100, minInclusive: true)
        #expect(full.admits(green: 3_321, total: 3_321))
        #expect(!full.admits(green: 3_320, total: 3_321))
    }

    @Test("comparing two scorecards lists units present on one side only with a nil colour")
    func comparisonWithAbsentUnits() {
        let scorer = Scorer(plan: Fixtures.plan())
        let asOf = Fixtures.vn("2025-08-10 17:00")
        let small = scorer.score(FactSet(), directory: Fixtures.directory(), asOf: asOf)
        let large = scorer.score(
            FactSet(), directory: Fixtures.directory(extraCommunes: [Fixtures.communeUnit("00009", in: "02")]), asOf: asOf)
        let comparison = WhatIf.compare(before: small, after: large)
        #expect(comparison.changes == [
            ColourChange(unit: .commune(Fixtures.commune("00009")), aspect: .communeReadiness, before: nil, after: .noData)
        ])
    }
}
