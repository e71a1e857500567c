import Foundation
import KH02Core
import Testing

@Suite("Synthetic nation generator")
struct SyntheticNationTests {
    @Test("builds 34 provinces, 3,321 communes and 20 agencies, every commune in a province")
    func shape() {
        let directory = SyntheticNation.directory()
        #expect(directory.provinces.count == 34)
        #expect(directory.communes.count == 3_321)
        #expect(directory.agencies.count == 20)
        let provinces = Set(directory.provinces.map(\.code))
        #expect(directory.communes.allSatisfy { provinces.contains($0.provinceCode) })
        #expect(Set(directory.communes.map(\.provinceCode)).count == 34)
    }

    @Test("is deterministic for a seed, and its facts score to a plausible national picture")
    func deterministic() throws {
        let plan = SyntheticNation.plan(
            basedOn: try Fixtures.defaultPlan(), agencies: SyntheticNation.namedAgencies.map { AgencyCode(rawValue: $0)! },
            tasksPerOwner: 10)
        #expect(PlanValidator.validate(plan) == [])
        let asOf = Fixtures.vn("2025-09-20 17:00")
        let units = SyntheticNation.directory(agencies: 8).snapshot(at: asOf)
        let a = SyntheticNation.facts(plan: plan, units: units, asOf: asOf, seed: 7)
        let b = SyntheticNation.facts(plan: plan, units: units, asOf: asOf, seed: 7)
        #expect(a == b)
        #expect(a != SyntheticNation.facts(plan: plan, units: units, asOf: asOf, seed: 8))
        let card = Scorer(plan: plan).score(a, units: units, asOf: asOf)
        #expect(card.diagnostics == ScoringDiagnostics())
        #expect(card.nation.communeReadiness.green > 1_000)
        #expect(card.nation.communeReadiness.noData > 0)
        #expect(card.nation.communeReadiness.red > 0)
        #expect(card.nation.overdueTotal > 0)
        #expect(card.provinces.allSatisfy { $0.services.freshness == .fresh })
    }

    @Test("scales communes by the factor, provinces up to the 100 two-digit codes")
    func scale() {
        let directory = SyntheticNation.directory(scale: 10)
        #expect(directory.communes.count == 33_210)
        #expect(directory.provinces.count == 100)
    }
}
