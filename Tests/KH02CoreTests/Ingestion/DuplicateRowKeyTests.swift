import Foundation
import Testing

@testable import KH02Core

/// Which rows repeat each other, per kind, and how the problem names them; and the ranking of unmet criteria.
@Suite("Duplicate-row keys and most-unmet criteria")
struct DuplicateRowKeyTests {
    typealias F = UploadFixtures

    @Test("readiness rows repeat on commune and as-of; the problem names the commune and the first row")
    func readiness() throws {
        let key = DuplicateRowKey.of(.readiness)
        let asOf = F.vn("2025-08-14 16:00")
        let a = ReadinessRow(row: 2, commune: CommuneCode(rawValue: "00004")!, asOf: asOf, values: [:], note: nil)
        let b = ReadinessRow(row: 5, commune: CommuneCode(rawValue: "00004")!, asOf: asOf, values: [:], note: "khác")
        let later = ReadinessRow(row: 6, commune: CommuneCode(rawValue: "00004")!, asOf: asOf.addingTimeInterval(60), values: [:], note: nil)
        #expect(key.key(of: a) == key.key(of: b))
        #expect(key.key(of: a) != key.key(of: later))
        let problem = key.problem(b, firstRow: a.row)
        #expect(problem.row == 5 && problem.column == "commune_code" && problem.value == "00004")
    }

    @Test("service rows repeat on unit and month whatever their as-of; the problem quotes both")
    func services() throws {
        let csv = "unit_code,period,received,received_online,resolved,resolved_on_time,overdue,results_online,as_of\n"
            + "00004,2025-07,10,5,8,8,0,5,2025-08-01\n00004,2025-07,11,5,8,8,0,5,2025-08-02\n"
        let validator = UploadValidator(plan: F.plan, units: F.units, principal: .province(ProvinceCode(rawValue: "01")!), now: F.now)
        switch validator.validate(kind: .services, format: .csv, body: Array(csv.utf8), defaultAsOf: nil) {
        case .success: Issue.record("two rows for one unit and month were accepted")
        case .failure(let rejection):
            let problem = try #require(rejection.problems.first { $0.code == .duplicateRow }, "\(rejection)")
            #expect(problem.row == 3 && problem.column == "period" && problem.value == "00004 2025-07")
        }
    }

    @Test("most-unmet criteria: at most three, most unmet first, ties in plan order, never one met everywhere")
    func mostUnmet() {
        let keys = ["a", "b", "c", "d", "e"].map { CriterionKey(rawValue: $0)! }
        let coverage = zip(keys, [2, 5, 0, 5, 1]).map { CriterionCoverage(key: $0, met: 1, unmet: $1, unknown: 0) }
        #expect(coverage.mostUnmet().map(\.key.rawValue) == ["b", "d", "a"])
        #expect(coverage.mostUnmet(limit: 10).map(\.key.rawValue) == ["b", "d", "a", "e"])
    }
}
