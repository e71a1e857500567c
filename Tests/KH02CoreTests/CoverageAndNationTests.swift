import Foundation
import KH02Core
import Testing

@Suite("Province coverage, criterion coverage and the national summary")
struct CoverageAndNationTests {
    let asOf = Fixtures.vn("2025-08-10 17:00")

    /// A province with `total` communes, `green` of them green, `red` red and the rest never reporting.
    func province(total: Int, green: Int, red: Int = 0) -> Scorecard {
        let communes = (1...total).map { Fixtures.communeUnit(String(format: "%05d", 100 + $0), in: "03") }
        let directory = UnitDirectory(
            provinces: [
                Province(
                    code: Fixtures.province("03"), name: Fixtures.text, fullName: Fixtures.text, kind: .province,
                    validity: Fixtures.validFrom)
            ], communes: communes, agencies: [])
        var reports: [ReadinessReport] = []
        for (i, commune) in communes.enumerated() where i < green + red {
            var values = Fixtures.allMet
            if i >= green {
                values[Fixtures.key("a")] = .boolean(false)
                values[Fixtures.key("c")] = try! .count(0)
            }
            reports.append(Fixtures.readiness(commune.code.rawValue, at: "2025-08-10 16:00", values: values))
        }
        return Scorer(plan: Fixtures.plan()).score(FactSet(readiness: reports), directory: directory, asOf: asOf)
    }

    @Test(
        "bands: 100% is full, above 70 and above 50 are strict, 50% or less is the last band",
        arguments: [
            (10, 10, "full"), (10, 9, "above_70"), (10, 8, "above_70"), (10, 7, "above_50"), (10, 6, "above_50"),
            (10, 5, "at_most_50"), (10, 0, "at_most_50"), (3, 2, "above_50"), (7, 5, "above_70"),
        ])
    func bands(total: Int, green: Int, band: String) throws {
        let coverage = try #require(province(total: total, green: green).province(Fixtures.province("03"))).coverage
        #expect(coverage.band == band)
        #expect(coverage.green == green)
        #expect(coverage.total == total)
        #expect(coverage.percent == Double(green) * 100 / Double(total))
    }

    @Test("no-data communes count as not green and are counted apart")
    func noDataCommunes() throws {
        let card = province(total: 10, green: 6, red: 1)
        let coverage = try #require(card.province(Fixtures.province("03"))).coverage
        #expect(coverage.colours == ColourCounts(green: 6, yellow: 0, red: 1, noData: 3))
        #expect(coverage.noData == 3)
        #expect(coverage.band == "above_50")
    }

    @Test("criterion coverage: the share of a province's communes meeting each criterion, no data as unknown")
    func criterionCoverage() throws {
        let card = province(total: 10, green: 6, red: 2)
        let coverage = try #require(card.province(Fixtures.province("03"))).criterionCoverage
        let a = coverage[0]
        #expect(a.key == Fixtures.key("a"))
        #expect((a.met, a.unmet, a.unknown) == (6, 2, 2))
        #expect(a.percent == 60)
        #expect((coverage[1].met, coverage[1].unmet, coverage[1].unknown) == (8, 0, 2))
        #expect(card.nation.criterionCoverage == coverage)
    }

    @Test("the nation counts provinces by colour, green communes, provinces per band")
    func nation() throws {
        let readiness = Fixtures.allCommunesGreen(at: "2025-08-10 16:00").filter { $0.commune.rawValue != "00005" }
        let tasks = [
            Fixtures.status("01", "P1", at: "2025-08-10 16:00", .inProgress, 95),
            Fixtures.status("01", "P2", at: "2025-08-10 16:00", .inProgress, 10),
            Fixtures.status("BCA", "A1", at: "2025-08-10 16:00", .inProgress, 10),
        ]
        let card = Scorer(plan: Fixtures.plan()).score(
            FactSet(readiness: readiness, taskStatuses: tasks), directory: Fixtures.directory(), asOf: asOf)
        let nation = card.nation
        #expect(nation.communeReadiness == ColourCounts(green: 5, noData: 1))
        #expect(nation.communesGreen == 5)
        #expect(nation.communesTotal == 6)
        #expect(nation.communesGreenPercent == 500.0 / 6)
        #expect(nation.provinceTasks == ColourCounts(green: 1, noData: 1))
        #expect(nation.agencyTasks == ColourCounts(green: 1, noData: 1))
        #expect(nation.provincesPerBand.map(\.provinces) == [1, 0, 0, 1])
        #expect(nation.provincesPerBand.map(\.key) == ["full", "above_70", "above_50", "at_most_50"])
        #expect(nation.provincesWithoutCommunes == 0)
    }

    @Test("a commune that moved province after 1 July 2025 counts in its old province before and its new one after")
    func movedCommune() throws {
        let until = Fixtures.day("2026-01-01")
        let moved = [
            Fixtures.communeUnit("00007", in: "01", validity: ValidityPeriod(from: Fixtures.day("2025-07-01"), until: until)),
            Fixtures.communeUnit("00007", in: "02", validity: ValidityPeriod(from: until)),
        ]
        let directory = Fixtures.directory(extraCommunes: moved)
        let facts = FactSet(
            readiness: Fixtures.allCommunesGreen(at: "2025-12-31 16:00")
                + [Fixtures.readiness("00007", at: "2025-12-31 16:00"), Fixtures.readiness("00007", at: "2026-01-01 16:00")]
                + Fixtures.allCommunesGreen(at: "2026-01-01 16:00"))
        let scorer = Scorer(plan: Fixtures.plan())
        let before = scorer.score(facts, directory: directory, asOf: Fixtures.vn("2025-12-31 23:59"))
        #expect(before.commune(Fixtures.commune("00007"))?.province == Fixtures.province("01"))
        #expect(before.province(Fixtures.province("01"))?.coverage.total == 5)
        #expect(before.province(Fixtures.province("02"))?.coverage.total == 2)
        let after = scorer.score(facts, directory: directory, asOf: Fixtures.vn("2026-01-01 00:00"))
        #expect(after.commune(Fixtures.commune("00007"))?.province == Fixtures.province("02"))
        #expect(after.province(Fixtures.province("01"))?.coverage.total == 4)
        #expect(after.province(Fixtures.province("02"))?.coverage.total == 3)
        #expect(after.communes(in: Fixtures.province("02")).map(\.code.rawValue) == ["00005", "00006", "00007"])
        // Its report history carries over: the code did not change.
        #expect(after.commune(Fixtures.commune("00007"))?.colour == .green)
    }

    @Test("a province with no commune on the day is in no band and counted apart")
    func emptyProvince() {
        let directory = UnitDirectory(
            provinces: Fixtures.directory().provinces, communes: [Fixtures.communeUnit("00001", in: "01")], agencies: [])
        let card = Scorer(plan: Fixtures.plan()).score(FactSet(), directory: directory, asOf: asOf)
        #expect(card.province(Fixtures.province("02"))?.coverage.band == nil)
        #expect(card.province(Fixtures.province("02"))?.coverage.percent == nil)
        #expect(card.nation.provincesWithoutCommunes == 1)
        #expect(card.nation.provincesPerBand.map(\.provinces).reduce(0, +) == 1)
    }
}
