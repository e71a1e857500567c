import Foundation
import KH02Core
import Testing

@Suite("Commune readiness colours")
struct ReadinessScoringTests {
    let scorer = Scorer(plan: Fixtures.plan())
    let asOf = Fixtures.vn("2025-08-10 17:00")

    func score(_ reports: [ReadinessReport], at: Date? = nil, plan: PlanDefinition? = nil) -> Scorecard {
        (plan.map(Scorer.init) ?? scorer).score(
            FactSet(readiness: reports), directory: Fixtures.directory(), asOf: at ?? asOf)
    }

    func values(a: Bool? = true, b: Double? = 0.9, c: Int? = 5, d: Bool? = true) -> [CriterionKey: CriterionValue] {
        var v: [CriterionKey: CriterionValue] = [:]
        if let a { v[Fixtures.key("a")] = .boolean(a) }
        if let b { v[Fixtures.key("b")] = try! .ratio(b) }
        if let c { v[Fixtures.key("c")] = try! .count(c) }
        if let d { v[Fixtures.key("d")] = .boolean(d) }
        return v
    }

    @Test("green when every required criterion is met, with the rule and report id")
    func green() throws {
        let card = score([Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(), id: "r1")])
        let commune = try #require(card.commune(Fixtures.commune("00001")))
        #expect(commune.colour == .green)
        #expect(commune.reasons.first?.rule == .readinessAllMet)
        #expect(commune.reasons.first?.reportIds == ["r1"])
        #expect(commune.reasons.first?.message.vi == "Đáp ứng đủ 3/3 điều kiện bắt buộc.")
        #expect(commune.criteria.map(\.state) == [.met, .met, .met, .met])
        #expect(commune.criteria.allSatisfy { $0.reportId == "r1" })
        #expect(commune.reportId == "r1")
    }

    @Test("a criterion that is not required never changes the colour")
    func notRequired() throws {
        let card = score([Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(d: false))])
        let commune = try #require(card.commune(Fixtures.commune("00001")))
        #expect(commune.colour == .green)
        #expect(commune.criteria[3].state == .unmet)
    }

    @Test("yellow with one required criterion unmet, naming it, with values and thresholds")
    func yellow() throws {
        let card = score([Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(b: 0.79))])
        let commune = try #require(card.commune(Fixtures.commune("00001")))
        #expect(commune.colour == .yellow)
        let reason = try #require(commune.reasons.first)
        #expect(reason.rule == .readinessFewUnmet)
        #expect(reason.criteria == [Fixtures.key("b")])
        #expect(reason.values["unmet"] == 1)
        #expect(reason.values["required"] == 3)
        #expect(reason.thresholds["yellow_max_unmet"] == 1)
        #expect(reason.message.vi.contains("Điều kiện B"))
        #expect(reason.message.en.contains("Criterion B"))
        #expect(commune.criteria[1].threshold == 0.8)
        #expect(commune.criteria[1].value == (try CriterionValue.ratio(0.79)))
    }

    @Test("red with two or more required criteria unmet")
    func red() throws {
        let card = score([Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(a: false, c: 2))])
        let commune = try #require(card.commune(Fixtures.commune("00001")))
        #expect(commune.colour == .red)
        #expect(commune.reasons.first?.rule == .readinessTooManyUnmet)
        #expect(commune.reasons.first?.criteria == [Fixtures.key("a"), Fixtures.key("c")])
        #expect(commune.unmetRequired == 2)
    }

    @Test("thresholds are met exactly at the boundary: ratio 0.8 and count 3")
    func boundaries() throws {
        let card = score([Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(b: 0.8, c: 3))])
        #expect(card.commune(Fixtures.commune("00001"))?.colour == .green)
    }

    @Test("a missing value is unknown, counts as unmet, and is reported apart")
    func unknownValue() throws {
        let card = score([Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(c: nil))])
        let commune = try #require(card.commune(Fixtures.commune("00001")))
        #expect(commune.colour == .yellow)
        #expect(commune.criteria[2].state == .unknown)
        #expect(commune.reasons.first?.values["unknown"] == 1)
        #expect(commune.reasons.first?.message.vi.contains("chưa có số liệu") == true)
        #expect(commune.reasons.first?.message.en.contains("no data for") == true)
    }

    @Test("a value of the wrong kind is unknown")
    func wrongKind() throws {
        var v = values()
        v[Fixtures.key("a")] = try .ratio(1)
        let card = score([Fixtures.readiness("00001", at: "2025-08-10 16:00", values: v)])
        #expect(card.commune(Fixtures.commune("00001"))?.criteria[0].state == .unknown)
    }

    @Test("the yellow limit comes from the plan's rules, not a constant")
    func configurableLimit() throws {
        let lenient = Fixtures.plan(yellowMaxUnmet: 2)
        let card = score(
            [Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(a: false, c: 2))], plan: lenient)
        #expect(card.commune(Fixtures.commune("00001"))?.colour == .yellow)
        let strict = Fixtures.plan(yellowMaxUnmet: 0)
        let strictCard = score(
            [Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(a: false))], plan: strict)
        #expect(strictCard.commune(Fixtures.commune("00001"))?.colour == .red)
    }

    @Test("no data, never green, when a commune has never reported")
    func neverReported() throws {
        let card = score([])
        let commune = try #require(card.commune(Fixtures.commune("00002")))
        #expect(commune.colour == .noData)
        #expect(commune.reasons.first?.rule == .neverReported)
        #expect(commune.reasons.first?.message.vi.contains("17:00 ngày 10/08/2025") == true)
        #expect(commune.criteria.allSatisfy { $0.state == .unknown })
        #expect(commune.unmetRequired == 3)
    }

    @Test("no data when the latest report is older than 2 days before the last 16:00 cut-off")
    func stale() throws {
        // As of 10/08 17:00 the last cut-off is 10/08 16:00; reports before 08/08 16:00 are stale.
        let fresh = score([Fixtures.readiness("00001", at: "2025-08-08 16:00")])
        #expect(fresh.commune(Fixtures.commune("00001"))?.colour == .green)
        let card = score([Fixtures.readiness("00001", at: "2025-08-08 15:59", id: "old")])
        let commune = try #require(card.commune(Fixtures.commune("00001")))
        #expect(commune.colour == .noData)
        let reason = try #require(commune.reasons.first)
        #expect(reason.rule == .staleReport)
        #expect(reason.reportIds == ["old"])
        #expect(reason.thresholds["stale_after_days"] == 2)
        #expect(commune.reportId == "old")
        // Before today's cut-off (10/08 15:00) the window starts at 07/08 16:00.
        let earlier = score([Fixtures.readiness("00001", at: "2025-08-07 16:00")], at: Fixtures.vn("2025-08-10 15:00"))
        #expect(earlier.commune(Fixtures.commune("00001"))?.colour == .green)
    }

    @Test("reports dated after as_of are ignored and counted in the diagnostics")
    func futureIgnored() throws {
        let reports = [
            Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(a: false)),
            Fixtures.readiness("00001", at: "2025-08-10 17:01", values: values()),
        ]
        let card = score(reports)
        #expect(card.commune(Fixtures.commune("00001"))?.colour == .yellow)
        #expect(card.diagnostics.futureFacts == 1)
    }

    @Test("the latest report wins; at the same instant the later receipt; then the larger report id")
    func latestWins() throws {
        let older = Fixtures.readiness("00001", at: "2025-08-09 16:00", values: values(), id: "z")
        let newer = Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(a: false), id: "a")
        #expect(score([newer, older]).commune(Fixtures.commune("00001"))?.colour == .yellow)

        let first = Fixtures.readiness(
            "00001", at: "2025-08-10 16:00", values: values(), id: "b", received: "2025-08-10 16:05")
        let second = Fixtures.readiness(
            "00001", at: "2025-08-10 16:00", values: values(a: false, c: 1), id: "a", received: "2025-08-10 16:30")
        for order in [[first, second], [second, first]] {
            let commune = score(order).commune(Fixtures.commune("00001"))
            #expect(commune?.colour == .red)
            #expect(commune?.reportId == "a")
        }

        let tieA = Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(), id: "rep-1")
        let tieB = Fixtures.readiness("00001", at: "2025-08-10 16:00", values: values(a: false), id: "rep-2")
        for order in [[tieA, tieB], [tieB, tieA]] {
            #expect(score(order).commune(Fixtures.commune("00001"))?.reportId == "rep-2")
        }
    }

    @Test("reports about communes not valid on the day are set aside")
    func unknownCommune() {
        let card = score([Fixtures.readiness("09999", at: "2025-08-10 16:00")])
        #expect(card.diagnostics.unknownUnitFacts == 1)
        #expect(card.communes.count == 6)
    }
}
