import Foundation
import KH02Core
import Testing

@Suite("Service-statistics uploads")
struct ServiceUploadTests {
    typealias F = UploadFixtures
    let header = "unit_code,period,received,received_online,resolved,resolved_on_time,overdue,results_online"
    let full =
        "unit_code,period,received,received_online,resolved,resolved_on_time,overdue,results_online,received_by_post,"
        + "received_in_person,carried_over,in_progress,synced_to_portal,with_fee,paid_online,note"

    @Test("totals split into channels and outcomes map onto ServiceCounts")
    func mapping() throws {
        let upload = try #require(
            F.validator().validate(
                kind: .services, format: .csv,
                body: F.csv(full, "01,2025-07,1000,800,900,850,12,700,50,150,30,88,790,200,150,Tháng 7")).accepted)
        let row = try #require(upload.serviceRows.first)
        let c = row.counts
        #expect(row.month == (try ReportMonth(year: 2025, month: 7)))
        #expect([c.receivedOnline, c.receivedInPerson, c.receivedByPost] as [Int] == [800, 150, 50])
        #expect([c.resolvedOnTime, c.resolvedLate, c.pendingOverdue, c.pendingWithinDeadline] as [Int] == [850, 50, 12, 88])
        #expect([c.carriedOver, c.syncedToPortal, c.withFee, c.paidOnline, c.electronicResults] as [Int] == [30, 790, 200, 150, 700])
        #expect(row.note == "Tháng 7")
        // A past month defaults to its last day's cut-off.
        #expect(row.asOf == F.vn("2025-07-31 16:00"))
        let report = try row.report(id: "s-1", receivedAt: F.now)
        #expect(report.counts == c)
    }

    @Test("the current month defaults to now; MM/YYYY periods and an explicit as_of are read")
    func periods() throws {
        let rows = try #require(
            F.validator().validate(
                kind: .services, format: .csv,
                body: F.csv(header + ",as_of", "00004,2025-08,10,5,8,8,0,5,", "00008,7/2025,10,5,8,8,0,5,2025-08-05T09:00")).accepted)
            .serviceRows
        #expect(rows[0].asOf == F.now)
        #expect(rows[1].month == (try ReportMonth(year: 2025, month: 7)))
        #expect(rows[1].asOf == F.vn("2025-08-05 09:00"))
    }

    @Test("counts that contradict each other are refused, each named")
    func inconsistent() {
        let problems = F.validator().validate(
            kind: .services, format: .csv,
            body: F.csv(
                full, "01,2025-07,100,90,50,60,0,10,20,,,,,,,", "79,2025-07,100,50,50,40,0,10,0,10,,,,,,",
                "00004,2025-07,100,50,50,40,0,10,,,,,,5,6,", "00008,2025-07,100,50,50,40,0,10,,,10,,111,,,",
                "00025,2025-07,100,50,50,40,0,51,,,,,,,,")).problems
        #expect(problems.map(\.code) == Array(repeating: .countsInconsistent, count: 6))
        #expect(problems.map(\.column) == ["received_online", "resolved_on_time", "received_in_person", "paid_online", "synced_to_portal", "results_online"])
        #expect(problems[4].message.en.contains("carried over (110)"))
    }

    @Test("negative, non-whole and missing required counts are refused")
    func countValues() {
        let problems = F.validator().validate(
            kind: .services, format: .csv,
            body: F.csv(header, "01,2025-07,-1,0,0,0,0,0", "79,2025-07,1.000,0,0,0,0,0", "00004,2025-07,10,5,8,8,,5")).problems
        #expect(problems.map(\.code) == [.outOfRange, .invalidNumber, .missingValue])
    }

    @Test("a month still to come, before the plan, or unreadable is refused")
    func periodChecks() {
        let problems = F.validator().validate(
            kind: .services, format: .csv,
            body: F.csv(header, "01,2025-09,1,1,1,1,0,1", "79,2025-05,1,1,1,1,0,1", "00004,tháng 7,1,1,1,1,0,1")).problems
        #expect(problems.map(\.code) == [.periodInFuture, .periodBeforePlan, .invalidDate])
    }

    @Test("an agency cannot report service statistics")
    func agencyRefused() {
        let problems = F.validator().validate(kind: .services, format: .csv, body: F.csv(header, "BCA,2025-07,1,1,1,1,0,1"))
            .problems
        #expect(problems.map(\.code) == [.unitKindNotAllowed])
    }

    @Test("one unit twice for one month is a duplicate")
    func duplicates() {
        let problems = F.validator().validate(
            kind: .services, format: .csv, body: F.csv(header, "01,2025-07,1,1,1,1,0,1", "01,07/2025,2,1,1,1,0,1")).problems
        #expect(problems.map(\.code) == [.duplicateRow])
    }

    @Test("a missing required count column is reported")
    func missingColumn() {
        let problems = F.validator().validate(
            kind: .services, format: .csv, body: F.csv("unit_code,period,received,received_online,resolved,resolved_on_time,overdue", "01,2025-07,1,1,1,1,0"))
            .problems
        #expect(problems.map(\.code) == [.missingColumn])
        #expect(problems.first?.column == "results_online")
    }
}
