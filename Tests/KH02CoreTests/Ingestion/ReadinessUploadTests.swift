import Foundation
import KH02Core
import Testing

@Suite("Readiness uploads")
struct ReadinessUploadTests {
    typealias F = UploadFixtures
    let header = UploadFixtures.readinessHeader

    @Test("a valid CSV becomes one row per commune, a bare day meaning the 16:00 cut-off, with every value read")
    func valid() throws {
        let result = F.validator().validate(
            kind: .readiness, format: .csv,
            body: F.csv(header, "00004,2025-08-19,1,0.95,có,100%,x,true,Đủ điều kiện", "26734,19/08/2025,0,1,không,0,0,false,"))
        let upload = try #require(result.accepted)
        let rows = upload.readinessRows
        #expect(rows.count == 2)
        #expect(rows[0].row == 2)
        #expect(rows[0].commune == F.commune("00004"))
        #expect(rows[0].asOf == F.vn("2025-08-19 16:00"))
        #expect(rows[0].values[F.key("online_meeting")] == .boolean(true))
        #expect(rows[0].values[F.key("computers")] == (try CriterionValue.ratio(0.95)))
        #expect(rows[0].values[F.key("specialized_signature")] == .boolean(true))
        #expect(rows[0].values[F.key("digital_certificate")] == (try CriterionValue.ratio(1)))
        #expect(rows[0].values[F.key("network")] == .boolean(true))
        #expect(rows[0].note == "Đủ điều kiện")
        #expect(rows[1].values[F.key("specialized_signature")] == .boolean(false))
        #expect(rows[1].note == nil)
        #expect(upload.units == [.commune(F.commune("00004")), .commune(F.commune("26734"))])
        #expect(upload.warnings.isEmpty)
        let summary = upload.summary
        #expect(summary.map(\.row) == [2, 3])
        #expect(summary[0].accepted["computers"] == "0.95")
        let report = try rows[0].report(id: "r-1", receivedAt: F.now)
        #expect(report.reportId == "r-1" && report.values == rows[0].values && report.asOf == rows[0].asOf)
    }

    @Test("today's date before the cut-off means now; explicit times keep their zone")
    func asOfForms() throws {
        let result = F.validator().validate(
            kind: .readiness, format: .csv,
            body: F.csv(
                header, "00004,2025-08-20,1,1,1,1,1,1,", "00008,2025-08-19T09:30,1,1,1,1,1,1,",
                "00025,2025-08-19T02:30:00Z,1,1,1,1,1,1,", "26734,2025-08-19 08:15:30+0700,1,1,1,1,1,1,",
                "26737,19/08/2025 16:00,1,1,1,1,1,1,"))
        let rows = try #require(result.accepted).readinessRows
        #expect(rows.map(\.asOf) == [
            F.now, F.vn("2025-08-19 09:30"), F.vn("2025-08-19 09:30"), F.vn("2025-08-19 08:15").addingTimeInterval(30),
            F.vn("2025-08-19 16:00"),
        ])
    }

    @Test("an unknown commune code is reported with its row, column and value")
    func unknownUnit() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv, body: F.csv(header, "99999,2025-08-19,1,1,1,1,1,1,")).problems
        #expect(problems.map(\.code) == [.unknownUnit])
        #expect(problems.first?.row == 2)
        #expect(problems.first?.column == "commune_code")
        #expect(problems.first?.value == "99999")
        #expect(problems.first?.message.vi.contains("Không có đơn vị mã") == true)
    }

    @Test("a malformed code and a province code in the commune column are refused")
    func badCodes() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv, body: F.csv(header, "0004A,2025-08-19,1,1,1,1,1,1,", "01,2025-08-19,1,1,1,1,1,1,"))
            .problems
        #expect(problems.map(\.code) == [.invalidUnitCode, .unitKindNotAllowed])
    }

    @Test("a commune outside the province principal's scope is out_of_scope, named for a 403")
    func outOfScope() throws {
        let result = F.validator(.province(F.province("01"))).validate(
            kind: .readiness, format: .csv,
            body: F.csv(header, "00004,2025-08-19,1,1,1,1,1,1,", "26734,2025-08-19,1,1,1,1,1,1,"))
        guard case .failure(let rejection) = result else {
            Issue.record("accepted an out-of-scope row")
            return
        }
        #expect(rejection.problems.map(\.code) == [.outOfScope])
        #expect(rejection.problems[0].row == 3)
        #expect(rejection.outOfScopeUnits == ["26734"])
    }

    @Test("a commune principal may upload only its own commune; a central reader not at all")
    func communeAndCentralScope() {
        let body = F.csv(header, "00004,2025-08-19,1,1,1,1,1,1,", "00008,2025-08-19,1,1,1,1,1,1,")
        #expect(F.validator(.commune(F.commune("00004"))).validate(kind: .readiness, format: .csv, body: body).problems
            .map(\.row) == [3])
        #expect(F.validator(.central).validate(kind: .readiness, format: .csv, body: body).problems.map(\.code)
            == [.outOfScope, .outOfScope])
    }

    @Test("an unknown column is an error, and a criterion-like column not in the plan is an unknown criterion")
    func unknownColumns() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv,
            body: F.csv(header + ",electricity,Ghi chú thêm", "00004,2025-08-19,1,1,1,1,1,1,,1,x")).problems
        #expect(problems.map(\.code) == [.unknownCriterion, .unknownColumn])
        #expect(problems.map(\.column) == ["electricity", "ghi chú thêm"])
        #expect(problems.allSatisfy { $0.row == 1 })
    }

    @Test("a missing criterion column and a missing commune column are each reported")
    func missingColumns() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv,
            body: F.csv("as_of,online_meeting,computers,specialized_signature,digital_certificate,portal_sync", "2025-08-19,1,1,1,1,1"))
            .problems
        #expect(problems.map(\.code) == [.missingColumn, .missingColumn])
        #expect(problems.map(\.column) == ["commune_code", "network"])
        #expect(problems.allSatisfy { $0.row == nil })
    }

    @Test("a column given twice is refused")
    func duplicateColumn() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv, body: F.csv(header + ",network", "00004,2025-08-19,1,1,1,1,1,1,,1")).problems
        #expect(problems.map(\.code) == [.duplicateColumn])
    }

    @Test("header names are trimmed and case-insensitive, columns may come in any order, commune_name is ignored")
    func headerForms() throws {
        let body = F.csv(
            " Network ,COMMUNE_CODE,commune_name,portal_sync,online_meeting,computers,specialized_signature,digital_certificate,as_of",
            "1,00004,Phường Ba Đình,1,1,0.5,1,1,2025-08-19")
        let rows = try #require(F.validator().validate(kind: .readiness, format: .csv, body: body).accepted).readinessRows
        #expect(rows.first?.values[F.key("computers")] == (try CriterionValue.ratio(0.5)))
        #expect(rows.first?.values.count == 6)
    }

    @Test("ratios outside 0–1, counts below 0, unreadable numbers and yes/no words are each refused")
    func ranges() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv,
            body: F.csv(
                header, "00004,2025-08-19,1,1.5,1,1,1,1,", "00008,2025-08-19,1,-0.1,1,101%,1,1,",
                "00025,2025-08-19,maybe,abc,1,1,1,1,", "26734,2025-08-19,1,1,1,\"0,5\",1,1,")).problems
        #expect(problems.map(\.code) == [.outOfRange, .outOfRange, .outOfRange, .invalidBoolean, .invalidNumber])
        #expect(problems.map(\.row) == [2, 3, 3, 4, 4])
        #expect(problems.map(\.column) == ["computers", "computers", "digital_certificate", "online_meeting", "computers"])
    }

    @Test("count criteria take whole numbers ≥ 0 only")
    func counts() throws {
        var plan = F.plan
        plan.readinessCriteria.append(
            ReadinessCriterion(key: F.key("staff"), name: LocalizedText(vi: "Cán bộ", en: "Staff"), kind: .count, threshold: 3))
        let validator = UploadValidator(plan: plan, units: F.units, principal: .admin, now: F.now)
        let head = header + ",staff"
        let ok = validator.validate(kind: .readiness, format: .csv, body: F.csv(head, "00004,2025-08-19,1,1,1,1,1,1,,12"))
        #expect(try #require(ok.accepted).readinessRows.first?.values[F.key("staff")] == (try CriterionValue.count(12)))
        let bad = validator.validate(
            kind: .readiness, format: .csv,
            body: F.csv(head, "00004,2025-08-19,1,1,1,1,1,1,,-2", "00008,2025-08-19,1,1,1,1,1,1,,1.000")).problems
        #expect(bad.map(\.code) == [.outOfRange, .invalidNumber])
    }

    @Test("an as-of in the future is refused, tomorrow's date included; a few minutes of clock skew are tolerated")
    func futureAsOf() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv,
            body: F.csv(
                header, "00004,2025-08-21,1,1,1,1,1,1,", "00008,2025-08-20T12:00,1,1,1,1,1,1,",
                "00025,2025-08-20T10:03,1,1,1,1,1,1,")).problems
        #expect(problems.map(\.code) == [.asOfInFuture, .asOfInFuture])
        #expect(problems.map(\.row) == [2, 3])
    }

    @Test("an as-of before the plan takes effect is refused")
    func beforePlan() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv, body: F.csv(header, "00004,2025-06-18,1,1,1,1,1,1,")).problems
        #expect(problems.map(\.code) == [.asOfBeforePlan])
    }

    @Test("an unreadable as-of and a US-style date are invalid dates")
    func invalidDates() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv,
            body: F.csv(header, "00004,hôm qua,1,1,1,1,1,1,", "00008,08/19/2025,1,1,1,1,1,1,", "00025,2025-02-30,1,1,1,1,1,1,"))
            .problems
        #expect(problems.map(\.code) == [.invalidDate, .invalidDate, .invalidDate])
    }

    @Test("the same commune twice at the same as-of is a duplicate naming the first row; another as-of is not")
    func duplicates() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv,
            body: F.csv(
                header, "00004,2025-08-19,1,1,1,1,1,1,", "00004,2025-08-18,1,1,1,1,1,1,", "00004,19/08/2025,0,1,1,1,1,1,"))
            .problems
        #expect(problems.map(\.code) == [.duplicateRow])
        #expect(problems.first?.row == 4)
        #expect(problems.first?.message.en.contains("row 2") == true)
    }

    @Test("without an as_of column the upload needs an upload-wide as-of")
    func asOfMissing() throws {
        let head = "commune_code," + F.criteria.joined(separator: ",")
        let body = F.csv(head, "00004,1,1,1,1,1,1")
        #expect(F.validator().validate(kind: .readiness, format: .csv, body: body).problems.map(\.code) == [.asOfMissing])
        let rows = try #require(F.validator().validate(kind: .readiness, format: .csv, body: body, defaultAsOf: "2025-08-19").accepted)
            .readinessRows
        #expect(rows.first?.asOf == F.vn("2025-08-19 16:00"), "a past day means its 16:00 round")
        // Today, before the round's cut-off: now (not a 16:00 still to come).
        let today = F.validator().validate(kind: .readiness, format: .csv, body: body, defaultAsOf: "2025-08-20")
        #expect(today.accepted?.readinessRows.first?.asOf == F.now)
        let exact = F.validator().validate(kind: .readiness, format: .csv, body: body, defaultAsOf: "2025-08-19T09:30:00+07:00")
        #expect(exact.accepted?.readinessRows.first?.asOf == F.vn("2025-08-19 09:30"))
        let unreadable = F.validator().validate(kind: .readiness, format: .csv, body: body, defaultAsOf: "19.08.2025")
        #expect(unreadable.problems.map(\.code) == [.invalidDate])
        #expect(unreadable.problems.first?.row == nil && unreadable.problems.first?.column == "as_of")
        // An empty as_of cell with no default is a missing value.
        #expect(F.validator().validate(kind: .readiness, format: .csv, body: F.csv(header, "00004,,1,1,1,1,1,1,")).problems
            .map(\.code) == [.missingValue])
    }

    @Test("an upload-wide as-of in the future or before the plan is refused once, without a row")
    func defaultAsOfChecked() {
        let body = F.csv("commune_code," + F.criteria.joined(separator: ","), "00004,1,1,1,1,1,1")
        let future = F.validator().validate(kind: .readiness, format: .csv, body: body, defaultAsOf: "2025-08-21")
        #expect(future.problems.map(\.code) == [.asOfInFuture])
        #expect(future.problems.first?.row == nil)
        let early = F.validator().validate(kind: .readiness, format: .csv, body: body, defaultAsOf: "2025-06-01")
        #expect(early.problems.map(\.code) == [.asOfBeforePlan])
    }

    @Test("a blank or \"?\" criterion is unknown (absent, with a warning), never false")
    func unknownCriterion() throws {
        let upload = try #require(
            F.validator().validate(kind: .readiness, format: .csv, body: F.csv(header, "00004,2025-08-19,1,,?,chưa rõ,1,1,"))
                .accepted)
        let values = try #require(upload.readinessRows.first).values
        #expect(values.count == 3)
        #expect(values[F.key("computers")] == nil)
        #expect(upload.warnings.map(\.code) == [.criterionUnknown, .criterionUnknown, .criterionUnknown])
        #expect(upload.warnings.map(\.column) == ["computers", "specialized_signature", "digital_certificate"])
    }

    @Test("accepted yes/no words, Vietnamese with and without diacritics, in any case and Unicode form")
    func booleanWords() throws {
        let yes = ["1", "x", "X", "true", "TRUE", "yes", "có", "Có", "CÓ", "co", "co\u{301}", "đạt", "dat"]
        let no = ["0", "false", "no", "không", "Không", "khong", "chưa", "chưa đạt"]
        for (word, expected) in yes.map({ ($0, true) }) + no.map({ ($0, false) }) {
            let body = F.csv(header, "00004,2025-08-19,\(word),1,1,1,1,1,")
            let rows = try #require(F.validator().validate(kind: .readiness, format: .csv, body: body).accepted, "\(word)")
                .readinessRows
            #expect(rows.first?.values[F.key("online_meeting")] == .boolean(expected), "\(word)")
        }
    }

    @Test("Excel's lost leading zeros are restored on commune codes, with a warning")
    func leadingZeros() throws {
        let upload = try #require(
            F.validator().validate(kind: .readiness, format: .csv, body: F.csv(header, "4,2025-08-19,1,1,1,1,1,1,")).accepted)
        #expect(upload.readinessRows.first?.commune == F.commune("00004"))
        #expect(upload.warnings.map(\.code) == [.leadingZerosRestored])
    }

    @Test("a very long note is cut with a warning")
    func longNote() throws {
        let limits = UploadLimits(maximumBytes: 1 << 20, maximumProblems: 10, maximumWarnings: 10, maximumNoteLength: 10)
        let upload = try #require(
            F.validator(limits: limits).validate(
                kind: .readiness, format: .csv, body: F.csv(header, "00004,2025-08-19,1,1,1,1,1,1,Ghi chú rất dài về xã")).accepted)
        #expect(upload.readinessRows.first?.note == "Ghi chú rấ")
        #expect(upload.warnings.map(\.code) == [.noteTruncated])
    }

    @Test("a row with fewer cells than the header, or extra non-empty cells, is refused; extra empty cells are fine")
    func fieldCount() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv,
            body: F.csv(header, "00004,2025-08-19,1,1,1", "00008,2025-08-19,1,1,1,1,1,1,,,", "00025,2025-08-19,1,1,1,1,1,1,,9"))
            .problems
        #expect(problems.map(\.code) == [.wrongFieldCount, .wrongFieldCount])
        #expect(problems.map(\.row) == [2, 4])
    }

    @Test("semicolon-separated files (Excel in some locales) are read, decimal commas included")
    func semicolons() throws {
        let body = F.csv(header.replacingOccurrences(of: ",", with: ";"), "00004;2025-08-19;1;0,75;1;1;1;1;")
        let rows = try #require(F.validator().validate(kind: .readiness, format: .csv, body: body).accepted).readinessRows
        #expect(rows.first?.values[F.key("computers")] == (try CriterionValue.ratio(0.75)))
    }

    @Test("template rows left unfilled are skipped with a warning; a file of only such rows has no rows")
    func unfilledRows() throws {
        let upload = try #require(
            F.validator().validate(
                kind: .readiness, format: .csv, body: F.csv(header, "00004,2025-08-19,1,1,1,1,1,1,", "00008,,,,,,,,")).accepted)
        #expect(upload.readinessRows.count == 1)
        #expect(upload.skippedRows == 1)
        #expect(upload.warnings.map(\.code) == [.rowNotFilled])
        #expect(F.validator().validate(kind: .readiness, format: .csv, body: F.csv(header, "00008,,,,,,,,")).problems.map(\.code)
            == [.noRows])
        #expect(F.validator().validate(kind: .readiness, format: .csv, body: F.csv(header)).problems.map(\.code) == [.noRows])
    }

    @Test("every problem of a file is listed with its row and column, in file order")
    func allProblemsCollected() throws {
        let result = F.validator(.province(F.province("01"))).validate(
            kind: .readiness, format: .csv,
            body: F.csv(
                header, "00004,2025-08-19,1,2,1,1,1,1,", "00008,2025-08-30,1,1,1,1,1,1,", "26734,2025-08-19,1,1,1,1,1,1,",
                "00025,2025-08-19,1,1,nope,1,1,1,", "00004,2025-08-19,1,1,1,1,1,1,", "77777,2025-08-19,1,1,1,1,1,1,"))
        guard case .failure(let rejection) = result else {
            Issue.record("accepted a file full of problems")
            return
        }
        let listed = rejection.problems.map { "\($0.row ?? 0):\($0.column ?? "-"):\($0.code.rawValue)" }
        #expect(listed == [
            "2:computers:out_of_range", "3:as_of:as_of_in_future", "4:commune_code:out_of_scope",
            "5:specialized_signature:invalid_boolean", "7:commune_code:unknown_unit",
        ])
        #expect(rejection.totalProblems == 5)
        #expect(rejection.problems.allSatisfy { !$0.message.vi.isEmpty && !$0.message.en.isEmpty })
    }

    @Test("problems beyond the limit are counted, not listed")
    func problemLimit() {
        let limits = UploadLimits(maximumBytes: 1 << 20, maximumProblems: 2, maximumWarnings: 2, maximumNoteLength: 100)
        let rows = (0..<5).map { _ in "99999,2025-08-19,1,1,1,1,1,1," }
        let result = F.validator(limits: limits).validate(kind: .readiness, format: .csv, body: Array(([header] + rows).joined(separator: "\n").utf8))
        guard case .failure(let rejection) = result else {
            Issue.record("accepted unknown units")
            return
        }
        #expect(rejection.problems.count == 2)
        #expect(rejection.totalProblems == 5)
        #expect(rejection.isTruncated)
    }

    @Test("a quote left open is a CSV syntax error naming the line")
    func csvSyntax() {
        let problems = F.validator().validate(
            kind: .readiness, format: .csv, body: F.csv(header, "00004,2025-08-19,1,1,1,1,1,1,\"open")).problems
        #expect(problems.map(\.code) == [.csvSyntax])
        #expect(problems.first?.row == 2)
    }
}
