import Foundation
import KH02Core
import Testing

@Suite("Plan validator")
struct PlanValidatorTests {
    /// The default plan as a mutable JSON tree.
    func tree() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Fixtures.defaultPlanData()) as! [String: Any]
    }

    func validate(_ tree: [String: Any], agencies: Set<AgencyCode>? = nil) throws -> PlanValidationResult {
        PlanValidator.validate(json: try JSONSerialization.data(withJSONObject: tree), knownAgencies: agencies)
    }

    func edit(_ tree: inout [String: Any], _ list: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
        var items = tree[list] as! [[String: Any]]
        change(&items[index])
        tree[list] = items
    }

    @Test("reports malformed JSON at the root")
    func syntax() {
        let result = PlanValidator.validate(json: Data("{\"id\": ".utf8))
        #expect(result.issues.map(\.path) == ["$"])
        #expect(result.issues.map(\.code) == ["json.syntax"])
        #expect(result.plan == nil)
    }

    @Test("reports a missing field with its path")
    func missingField() throws {
        var plan = try tree()
        edit(&plan, "tasks", 1) { $0["deadline"] = nil }
        let issues = try validate(plan).issues
        #expect(issues.map(\.path) == ["$.tasks[1].deadline"])
        #expect(issues.map(\.code) == ["json.missing_field"])
        #expect(issues[0].message.vi.contains("Thiếu trường bắt buộc"))
        #expect(issues[0].message.en.contains("missing"))
    }

    @Test("reports a malformed date, code or owner at its exact path")
    func malformedValues() throws {
        var plan = try tree()
        edit(&plan, "tasks", 2) { $0["deadline"] = "30/09/2025" }
        #expect(try validate(plan).issues.map(\.path) == ["$.tasks[2].deadline"])

        plan = try tree()
        edit(&plan, "readiness_criteria", 3) { $0["key"] = "Digital Certificate" }
        #expect(try validate(plan).issues.map(\.path) == ["$.readiness_criteria[3].key"])

        plan = try tree()
        edit(&plan, "tasks", 0) { $0["owner"] = "every province" }
        let issues = try validate(plan).issues
        #expect(issues.map(\.path) == ["$.tasks[0].owner"])
        #expect(issues.map(\.code) == ["json.invalid_value"])

        plan = try tree()
        var reporting = plan["reporting"] as! [String: Any]
        var readiness = reporting["readiness"] as! [String: Any]
        readiness["cutoff"] = "4pm"
        reporting["readiness"] = readiness
        plan["reporting"] = reporting
        #expect(try validate(plan).issues.map(\.path) == ["$.reporting.readiness.cutoff"])
    }

    @Test("reports a wrong type with its path")
    func wrongType() throws {
        var plan = try tree()
        plan["version"] = "one"
        let issues = try validate(plan).issues
        #expect(issues.map(\.path) == ["$.version"])
        #expect(issues.map(\.code) == ["json.wrong_type"])
    }

    @Test("reports every semantic problem of a decodable plan, each at its path")
    func semantic() throws {
        var plan = try tree()
        plan["version"] = 0
        plan["timezone"] = "UTC"
        edit(&plan, "tasks", 1) { $0["code"] = "TB329-CKS-CONGVU" }
        edit(&plan, "tasks", 2) {
            $0["group"] = "nowhere"
            $0["owner"] = "BXYZ"
        }
        edit(&plan, "readiness_criteria", 0) { $0["threshold"] = 1 }
        edit(&plan, "readiness_criteria", 1) { $0["threshold"] = 1.5 }
        edit(&plan, "readiness_criteria", 2) { $0["kind"] = "count" }
        edit(&plan, "task_groups", 3) { $0["name"] = ["vi": "", "en": "Platforms"] }
        edit(&plan, "coverage_bands", 2) { $0["min_percent"] = 80 }
        edit(&plan, "service_indicators", 0) { $0["target"] = 80 }
        let issues = try validate(plan, agencies: [Fixtures.agency("BCA")]).issues
        let found = Set(issues.map { "\($0.path) \($0.code)" })
        let expected: Set<String> = [
            "$.version plan.version_invalid",
            "$.timezone plan.timezone_unsupported",
            "$.task_groups[3].name.vi text.empty",
            "$.tasks[1].code task.duplicate_code",
            "$.tasks[2].group task.unknown_group",
            "$.tasks[2].owner task.unknown_agency",
            "$.readiness_criteria[0].threshold criterion.threshold_not_allowed",
            "$.readiness_criteria[1].threshold criterion.threshold_out_of_range",
            "$.readiness_criteria[2].threshold criterion.threshold_missing",
            "$.service_indicators[0].target indicator.target_out_of_range",
            "$.coverage_bands[2].min_percent band.not_descending",
        ]
        #expect(found == expected)
        #expect(issues.count == expected.count)
        #expect(issues.allSatisfy { !$0.message.vi.isEmpty && !$0.message.en.isEmpty && $0.message.vi != $0.message.en })
    }

    @Test("requires a catch-all last band and at least one required criterion")
    func bandsAndRequired() throws {
        var plan = try Fixtures.defaultPlan()
        plan.coverageBands.removeLast()
        plan.readinessCriteria = plan.readinessCriteria.map {
            var c = $0
            c.required = false
            return c
        }
        let issues = PlanValidator.validate(plan)
        #expect(
            Set(issues.map { "\($0.path) \($0.code)" }) == [
                "$.coverage_bands[2] band.no_catch_all", "$.readiness_criteria criterion.none_required",
            ])
    }

    @Test("refuses a task whose start is after its deadline")
    func startAfterDeadline() throws {
        var plan = try Fixtures.defaultPlan()
        plan.tasks[1].startsOn = Fixtures.day("2025-09-01")
        #expect(PlanValidator.validate(plan).map(\.path) == ["$.tasks[1].starts_on"])
    }

    @Test("reporting.max_reports_per_day is optional (24 when absent) and must be 1 to 1000")
    func maxReportsPerDay() throws {
        #expect(try Fixtures.defaultPlan().reporting.maxReportsPerDay == 24)
        for (value, valid) in [(1, true), (1000, true), (0, false), (1001, false)] {
            var plan = try tree()
            var reporting = plan["reporting"] as! [String: Any]
            reporting["max_reports_per_day"] = value
            plan["reporting"] = reporting
            let result = try validate(plan)
            #expect(result.issues.map(\.code) == (valid ? [] : ["reporting.max_reports_per_day_invalid"]), "\(value)")
            if valid { #expect(result.plan?.reporting.maxReportsPerDay == value) }
        }
    }
}
