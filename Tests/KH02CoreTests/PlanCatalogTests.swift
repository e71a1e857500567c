import Foundation
import KH02Core
import Testing

@Suite("Choosing the plan version effective at an instant")
struct PlanCatalogTests {
    let v1 = Fixtures.plan(version: 1, effectiveFrom: "2025-06-19")
    let v2 = Fixtures.plan(version: 2, effectiveFrom: "2025-09-01")

    @Test("no version is effective before the first one starts")
    func beforeAll() {
        #expect(PlanCatalog([v1, v2]).effective(at: Fixtures.vn("2025-06-18 23:59")) == nil)
    }

    @Test("a version applies from 00:00 Vietnam time on its effective day, not UTC midnight")
    func vietnamMidnight() {
        let catalog = PlanCatalog([v2, v1])
        #expect(catalog.effective(at: Fixtures.vn("2025-08-31 23:59"))?.version == 1)
        #expect(catalog.effective(at: Fixtures.vn("2025-09-01 00:00"))?.version == 2)
        // 2025-08-31 18:00 UTC is already 1 September 01:00 in Vietnam.
        #expect(catalog.effective(at: Date(timeIntervalSince1970: 1_756_663_200))?.version == 2)
    }

    @Test("on the same effective day the higher version wins, and other plan ids can be excluded")
    func ties() {
        let v3 = Fixtures.plan(version: 3, effectiveFrom: "2025-09-01")
        var other = Fixtures.plan(version: 9, effectiveFrom: "2025-10-01")
        other.id = "other"
        let catalog = PlanCatalog([v3, v1, other, v2])
        #expect(catalog.effective(at: Fixtures.vn("2025-09-15 12:00"))?.version == 3)
        #expect(catalog.effective(at: Fixtures.vn("2025-10-15 12:00"), id: "kh02")?.version == 3)
        #expect(catalog.effective(at: Fixtures.vn("2025-10-15 12:00"))?.id == "other")
    }
}
