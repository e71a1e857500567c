import Foundation
import KH02Core
import Testing

@Suite("Service indicators")
struct ServiceScoringTests {
    let scorer = Scorer(plan: Fixtures.plan())

    func counts(
        online: Int, inPerson: Int, post: Int = 0, carried: Int = 0, onTime: Int = 0, late: Int = 0,
        overdue: Int = 0, withFee: Int = 0, paid: Int = 0
    ) -> ServiceCounts {
        try! ServiceCounts(
            receivedOnline: online, receivedInPerson: inPerson, receivedByPost: post, carriedOver: carried,
            resolvedOnTime: onTime, resolvedLate: late, pendingOverdue: overdue, withFee: withFee, paidOnline: paid)
    }

    func stats(_ unit: String, _ month: Int, _ counts: ServiceCounts, at: String, id: String? = nil) -> ServiceStatistics {
        try! ServiceStatistics(
            reportId: id ?? "S-\(unit)-\(month)", unit: AnyUnitCode(unit)!, month: ReportMonth(year: 2025, month: month),
            asOf: Fixtures.vn(at), receivedAt: Fixtures.vn(at), counts: counts)
    }

    func score(_ reports: [ServiceStatistics], at: String = "2025-09-10 17:00") -> ServiceScore {
        scorer.score(FactSet(serviceStatistics: reports), directory: Fixtures.directory(), asOf: Fixtures.vn(at))
            .province(Fixtures.province("01"))!.services
    }

    @Test("the DOMAIN.md formulas: online application, on-time and online payment rates")
    func formulas() {
        let c = counts(online: 80, inPerson: 15, post: 5, carried: 100, onTime: 150, late: 10, overdue: 10, withFee: 40, paid: 10)
        #expect(c.rate(.onlineApplicationRate) == 0.8)
        #expect(c.rate(.onTimeRate) == 1 - 20.0 / 200)
        #expect(c.rate(.onlinePaymentRate) == 0.25)
    }

    @Test("zero denominators give nil, never NaN")
    func zeroDenominators() {
        let c = counts(online: 0, inPerson: 0)
        for formula in ServiceIndicator.Formula.allCases {
            #expect(c.rate(formula) == nil)
        }
    }

    @Test("the province's own report for the latest month is used and compared with the targets")
    func provinceReport() throws {
        let services = score([
            stats("01", 8, counts(online: 70, inPerson: 30, withFee: 10, paid: 6), at: "2025-09-01 16:00", id: "own"),
            stats("00001", 8, counts(online: 100, inPerson: 0), at: "2025-09-01 16:00"),
            stats("01", 7, counts(online: 90, inPerson: 10), at: "2025-08-01 16:00"),
        ])
        #expect(services.freshness == .fresh)
        #expect(services.month == (try ReportMonth(year: 2025, month: 8)))
        #expect(services.communesAggregated == nil)
        #expect(services.reportIds == ["own"])
        let online = services.indicators[0]
        #expect(online.value == 0.7)
        #expect(online.target == 0.8)
        #expect(online.meetsTarget == false)
        #expect(services.indicators[2].meetsTarget == true)
        #expect(services.indicators[1].target == nil)
        #expect(services.indicators[1].meetsTarget == nil)
    }

    @Test("without a province report, the communes' reports of the latest month are summed")
    func aggregate() {
        let services = score([
            stats("00001", 8, counts(online: 90, inPerson: 10), at: "2025-09-01 16:00"),
            stats("00002", 8, counts(online: 50, inPerson: 50), at: "2025-09-02 16:00"),
            stats("00003", 7, counts(online: 0, inPerson: 100), at: "2025-08-01 16:00"),
            stats("00005", 8, counts(online: 0, inPerson: 100), at: "2025-09-01 16:00"),
        ])
        #expect(services.communesAggregated == 2)
        #expect(services.indicators[0].value == 0.7)
        #expect(Set(services.reportIds) == ["S-00001-8", "S-00002-8"])
    }

    @Test("no statistics at all is 'never', with a reason and nil values")
    func never() {
        let services = score([])
        #expect(services.freshness == .never)
        #expect(services.reasons.first?.rule == .neverReported)
        #expect(services.indicators.allSatisfy { $0.value == nil })
    }

    @Test("statistics older than the monthly round allows are marked stale with a reason")
    func stale() {
        let services = score([stats("01", 6, counts(online: 1, inPerson: 1), at: "2025-07-01 16:00")])
        #expect(services.freshness == .stale)
        #expect(services.reasons.first?.rule == .staleReport)
        #expect(services.reasons.first?.thresholds["stale_after_days"] == 45)
    }

    @Test("statistics dated after as_of are ignored")
    func future() {
        let services = score([
            stats("01", 8, counts(online: 1, inPerson: 1), at: "2025-09-01 16:00"),
            stats("01", 9, counts(online: 1, inPerson: 0), at: "2025-09-11 16:00"),
        ])
        #expect(services.indicators[0].value == 0.5)
    }
}
