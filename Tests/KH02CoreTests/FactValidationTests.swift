import Foundation
import KH02Core
import Testing

@Suite("Report facts refuse impossible values")
struct FactValidationTests {
    @Test("progress outside 0–100 cannot be built", arguments: [-0.1, 100.01, 250, -5, Double.nan, Double.infinity])
    func progressOutOfRange(value: Double) {
        #expect(throws: FactError.self) { try ProgressPercent(value) }
        #expect(throws: FactError.self) {
            try TaskStatusReport(
                reportId: "x", unit: .province(Fixtures.province("01")), task: Fixtures.task("P1"),
                asOf: Fixtures.vn("2025-08-01 16:00"), receivedAt: Fixtures.vn("2025-08-01 16:00"), status: .inProgress,
                percent: value)
        }
    }

    @Test("progress 0 and 100 are accepted")
    func progressBounds() throws {
        #expect(try ProgressPercent(0).value == 0)
        #expect(try ProgressPercent(100).value == 100)
    }

    @Test("the error carries a machine code and both languages")
    func errorShape() {
        do {
            _ = try ProgressPercent(101)
            Issue.record("expected a throw")
        } catch {
            #expect(error.code == "fact.progress_out_of_range")
            #expect(error.message.vi.contains("0–100"))
            #expect(error.message.en.contains("0–100"))
        }
    }

    @Test("ratios must be in 0…1 and counts non-negative")
    func criterionValues() {
        #expect(throws: FactError.self) { try CriterionValue.ratio(1.01) }
        #expect(throws: FactError.self) { try CriterionValue.ratio(-0.5) }
        #expect(throws: FactError.self) { try CriterionValue.ratio(.nan) }
        #expect(throws: FactError.self) { try CriterionValue.count(-1) }
        #expect((try? CriterionValue.ratio(1))?.numeric == 1)
    }

    @Test("a done task needs its completion day, no later than the report, and others have none")
    func completion() {
        let at = Fixtures.vn("2025-08-01 16:00")
        func make(_ status: TaskStatus, _ completed: String?) throws {
            _ = try TaskStatusReport(
                reportId: "x", unit: .province(Fixtures.province("01")), task: Fixtures.task("P1"), asOf: at,
                receivedAt: at, status: status, percent: 50, completedOn: completed.map(Fixtures.day))
        }
        #expect(throws: FactError.self) { try make(.done, nil) }
        #expect(throws: FactError.self) { try make(.done, "2025-08-02") }
        #expect(throws: FactError.self) { try make(.inProgress, "2025-07-30") }
        #expect(throws: Never.self) { try make(.done, "2025-08-01") }
    }

    @Test("a done report always carries 100% progress")
    func doneIsComplete() throws {
        let report = Fixtures.status("01", "P1", at: "2025-08-01 16:00", .done, 40, completedOn: "2025-07-31")
        #expect(report.progress == .complete)
    }

    @Test("service counts refuse negatives and more online payments than fees, and agencies cannot report them")
    func serviceCounts() throws {
        #expect(throws: FactError.self) {
            try ServiceCounts(receivedOnline: -1, receivedInPerson: 0, receivedByPost: 0, resolvedOnTime: 0, resolvedLate: 0)
        }
        #expect(throws: FactError.self) {
            try ServiceCounts(
                receivedOnline: 1, receivedInPerson: 0, receivedByPost: 0, resolvedOnTime: 0, resolvedLate: 0,
                withFee: 2, paidOnline: 3)
        }
        let counts = try ServiceCounts(
            receivedOnline: 1, receivedInPerson: 0, receivedByPost: 0, resolvedOnTime: 1, resolvedLate: 0)
        #expect(throws: FactError.self) {
            try ServiceStatistics(
                reportId: "s", unit: .agency(Fixtures.agency("BCA")), month: ReportMonth(year: 2025, month: 8),
                asOf: Date(), receivedAt: Date(), counts: counts)
        }
        #expect(throws: FactError.self) { try ReportMonth(year: 2025, month: 13) }
        #expect(throws: FactError.self) {
            try ReadinessReport(reportId: "", commune: Fixtures.commune("00001"), asOf: Date(), receivedAt: Date(), values: [:])
        }
    }
}
