import Foundation
import KH02Core

/// Builders shared by the rules-engine tests: a small plan, a small directory, Vietnam instants and reports.
enum Fixtures {
    /// The repository root, from this file's path (Tests/KH02CoreTests/Fixtures.swift).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The shipped default plan document.
    static func defaultPlanData() throws -> Data {
        try Data(contentsOf: repositoryRoot.appendingPathComponent("SQL/plans/default-plan.json"))
    }

    static func defaultPlan() throws -> PlanDefinition {
        try PlanDefinition.decode(json: defaultPlanData())
    }

    static func day(_ iso: String) -> CivilDate { CivilDate(iso: iso)! }

    /// An instant given in Vietnam local time, "2025-08-14 16:00".
    static func vn(_ text: String) -> Date {
        let parts = text.split(separator: " ")
        let date = CivilDate(iso: parts[0])!
        let clock = parts.count > 1 ? parts[1].split(separator: ":").map { Int($0)! } : [0, 0]
        let seconds = clock[0] * 3600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0)
        return date.vietnamMidnight.addingTimeInterval(TimeInterval(seconds))
    }

    static func province(_ code: String) -> ProvinceCode { ProvinceCode(rawValue: code)! }
    static func commune(_ code: String) -> CommuneCode { CommuneCode(rawValue: code)! }
    static func agency(_ code: String) -> AgencyCode { AgencyCode(rawValue: code)! }
    static func task(_ code: String) -> TaskCode { TaskCode(rawValue: code)! }
    static func key(_ key: String) -> CriterionKey { CriterionKey(rawValue: key)! }
    static func group(_ code: String) -> TaskGroupCode { TaskGroupCode(rawValue: code)! }

    static let text = LocalizedText(vi: "Tên", en: "Name")

    /// Criteria a, b, c (boolean, ratio ≥ 0.8, count ≥ 3; all required) and d (boolean, not required).
    static let criteria = [
        ReadinessCriterion(key: key("a"), name: LocalizedText(vi: "Điều kiện A", en: "Criterion A"), kind: .boolean),
        ReadinessCriterion(
            key: key("b"), name: LocalizedText(vi: "Điều kiện B", en: "Criterion B"), kind: .ratio, threshold: 0.8),
        ReadinessCriterion(
            key: key("c"), name: LocalizedText(vi: "Điều kiện C", en: "Criterion C"), kind: .count, threshold: 3),
        ReadinessCriterion(
            key: key("d"), name: LocalizedText(vi: "Điều kiện D", en: "Criterion D"), kind: .boolean, required: false),
    ]

    static let bands = [
        CoverageBand(key: "full", name: text, minPercent: 100, minInclusive: true),
        CoverageBand(key: "above_70", name: text, minPercent: 70, minInclusive: false),
        CoverageBand(key: "above_50", name: text, minPercent: 50, minInclusive: false),
        CoverageBand(key: "at_most_50", name: text, minPercent: 0, minInclusive: true),
    ]

    static func round(staleAfterDays: Int = 2, cadence: ReportingRound.Cadence = .daily) -> ReportingRound {
        ReportingRound(cadence: cadence, cutoff: TimeOfDay(hour: 16, minute: 0)!, staleAfterDays: staleAfterDays)
    }

    /// A plan effective 2025-07-01 with tasks P1 (every province, 2025-07-01 → 2025-08-14), P2 (every province,
    /// due 2025-09-30), A1 (BCA, due 2025-08-31), and the criteria above.
    static func plan(
        version: Int = 1, effectiveFrom: String = "2025-07-01", tasks: [PlanTask]? = nil,
        yellowMaxUnmet: Int = 1, dueSoonDays: Int = 7, lateIsYellow: Bool = true
    ) -> PlanDefinition {
        PlanDefinition(
            id: "kh02", version: version, effectiveFrom: day(effectiveFrom),
            title: LocalizedText(vi: "Kế hoạch thử", en: "Test plan"), source: "Test",
            reporting: ReportingSchedule(
                readiness: round(), tasks: round(), serviceStatistics: round(staleAfterDays: 45, cadence: .monthly)),
            taskGroups: [
                TaskGroup(code: group("data"), name: LocalizedText(vi: "Dữ liệu", en: "Data")),
                TaskGroup(code: group("security"), name: LocalizedText(vi: "An toàn thông tin", en: "Security")),
            ],
            tasks: tasks ?? defaultTasks, readinessCriteria: criteria,
            serviceIndicators: [
                ServiceIndicator(key: .onlineApplicationRate, name: text, target: 0.8),
                ServiceIndicator(key: .onTimeRate, name: text),
                ServiceIndicator(key: .onlinePaymentRate, name: text, target: 0.5),
            ],
            rules: ColourRules(
                communeReadiness: .init(yellowMaxUnmet: yellowMaxUnmet),
                taskProgress: .init(dueSoonDays: dueSoonDays, yellowOnLateCompletion: lateIsYellow)),
            coverageBands: bands)
    }

    static let defaultTasks = [
        PlanTask(
            code: task("P1"), title: text, group: group("data"), owner: .everyProvince, deadline: day("2025-08-14"),
            product: text, source: "Test"),
        PlanTask(
            code: task("P2"), title: text, group: group("security"), owner: .everyProvince,
            deadline: day("2025-09-30"), product: text, source: "Test"),
        PlanTask(
            code: task("A1"), title: text, group: group("data"), owner: .agency(agency("BCA")),
            deadline: day("2025-08-31"), product: text, source: "Test"),
    ]

    static let validFrom = ValidityPeriod(from: CivilDate(year: 2025, month: 7, day: 1)!)

    /// Provinces 01 and 02; communes 00001–00004 in 01 and 00005–00006 in 02; agencies BCA and VPCP.
    static func directory(extraCommunes: [Commune] = []) -> UnitDirectory {
        UnitDirectory(
            provinces: ["01", "02"].map {
                Province(code: province($0), name: text, fullName: text, kind: .province, validity: validFrom)
            },
            communes: [("00001", "01"), ("00002", "01"), ("00003", "01"), ("00004", "01"), ("00005", "02"), ("00006", "02")]
                .map { communeUnit($0.0, in: $0.1) } + extraCommunes,
            agencies: ["BCA", "VPCP"].map { Agency(code: agency($0), name: text, validity: validFrom) })
    }

    static func communeUnit(_ code: String, in provinceCode: String, validity: ValidityPeriod = validFrom) -> Commune {
        Commune(
            code: commune(code), provinceCode: province(provinceCode), name: text, fullName: text, kind: .commune,
            validity: validity)
    }

    /// Values meeting every criterion.
    static let allMet: [CriterionKey: CriterionValue] = [
        key("a"): .boolean(true), key("b"): try! .ratio(0.9), key("c"): try! .count(5), key("d"): .boolean(true),
    ]

    static func readiness(
        _ communeCode: String, at: String, values: [CriterionKey: CriterionValue] = allMet, id: String? = nil,
        received: String? = nil
    ) -> ReadinessReport {
        try! ReadinessReport(
            reportId: id ?? "R-\(communeCode)-\(at)", commune: commune(communeCode), asOf: vn(at),
            receivedAt: vn(received ?? at), values: values)
    }

    static func status(
        _ unit: String, _ taskCode: String, at: String, _ status: TaskStatus, _ percent: Double = 0,
        completedOn: String? = nil, id: String? = nil, received: String? = nil
    ) -> TaskStatusReport {
        try! TaskStatusReport(
            reportId: id ?? "T-\(unit)-\(taskCode)-\(at)", unit: AnyUnitCode(unit)!, task: task(taskCode), asOf: vn(at),
            receivedAt: vn(received ?? at), status: status, percent: percent, completedOn: completedOn.map(day))
    }

    /// Every commune of `directory()` reports all criteria met at `at`.
    static func allCommunesGreen(at: String) -> [ReadinessReport] {
        ["00001", "00002", "00003", "00004", "00005", "00006"].map { readiness($0, at: at) }
    }
}
