public import Foundation

/// A seeded generator of a realistic nation of units and report facts, for benchmarks, property tests and demo
/// data. Pure: the same arguments always give the same output.
public enum SyntheticNation {
    /// The real central agency codes; further agencies are "CQ01", "CQ02", …
    public static let namedAgencies = ["VPTW", "VPCP", "BCA", "BTC", "BKHCN", "BNV", "BTP", "BCY"]

    /// A directory of `34 × scale` provinces (at most 100: province codes have two digits) and `3,321 × scale`
    /// communes spread unevenly over them, and `agencies` central agencies, all valid from 1 July 2025.
    public static func directory(scale: Int = 1, agencies: Int = 20, seed: UInt64 = 1) -> UnitDirectory {
        var rng = SplitMix64(seed: seed)
        let from = CivilDate(year: 2025, month: 7, day: 1)!
        let validity = ValidityPeriod(from: from)
        let provinceCount = min(100, 34 * max(1, scale))
        let communeCount = 3_321 * max(1, scale)
        var provinces: [Province] = []
        for p in 0..<provinceCount {
            let code = ProvinceCode(rawValue: twoDigits(p + 1 == 100 ? 0 : p + 1))!
            provinces.append(
                Province(
                    code: code, name: LocalizedText(vi: "Tỉnh \(code)", en: "Province \(code)"),
                    fullName: LocalizedText(vi: "Tỉnh thử nghiệm \(code)", en: "Test province \(code)"),
                    kind: .province, validity: validity))
        }
        provinces.sort { $0.code < $1.code }
        var weights = provinces.map { _ in 1 + Double(rng.next() % 1000) / 250 }
        let totalWeight = weights.reduce(0, +)
        weights = weights.map { $0 / totalWeight }
        var communes: [Commune] = []
        communes.reserveCapacity(communeCount)
        var cumulative = 0.0
        var p = 0
        for c in 0..<communeCount {
            let position = (Double(c) + 0.5) / Double(communeCount)
            while p < provinces.count - 1 && position > cumulative + weights[p] {
                cumulative += weights[p]
                p += 1
            }
            let code = CommuneCode(rawValue: fiveDigits(c + 1))!
            communes.append(
                Commune(
                    code: code, provinceCode: provinces[p].code,
                    name: LocalizedText(vi: "Xã \(code)", en: "Commune \(code)"),
                    fullName: LocalizedText(vi: "Xã thử nghiệm \(code)", en: "Test commune \(code)"),
                    kind: .commune, validity: validity))
        }
        var agencyList: [Agency] = []
        for a in 0..<agencies {
            let raw = a < namedAgencies.count ? namedAgencies[a] : "CQ" + twoDigits(a - namedAgencies.count + 1)
            let code = AgencyCode(rawValue: raw)!
            agencyList.append(
                Agency(code: code, name: LocalizedText(vi: "Cơ quan \(raw)", en: "Agency \(raw)"), validity: validity))
        }
        return UnitDirectory(provinces: provinces, communes: communes, agencies: agencyList)
    }

    /// `base` with its tasks replaced by `tasksPerOwner` synthetic tasks for every province and as many for each of
    /// `agencies`, deadlines spread from 30/06/2025 to 31/12/2025 over the plan's task groups.
    public static func plan(basedOn base: PlanDefinition, agencies: [AgencyCode], tasksPerOwner: Int = 50)
        -> PlanDefinition
    {
        var plan = base
        let groups = base.taskGroups.map(\.code)
        let first = CivilDate(year: 2025, month: 6, day: 30)!
        let span = first.days(until: CivilDate(year: 2025, month: 12, day: 31)!)
        var tasks: [PlanTask] = []
        let owners: [(TaskOwner, String)] =
            [(.everyProvince, "T")] + agencies.map { (.agency($0), $0.rawValue) }
        for (owner, prefix) in owners {
            for i in 0..<tasksPerOwner {
                let code = TaskCode(rawValue: "SYN-\(prefix)-\(i + 1)")!
                tasks.append(
                    PlanTask(
                        code: code, title: LocalizedText(vi: "Nhiệm vụ thử nghiệm \(code)", en: "Test task \(code)"),
                        group: groups[i % groups.count], owner: owner,
                        deadline: first.adding(days: tasksPerOwner > 1 ? span * i / (tasksPerOwner - 1) : 0),
                        product: LocalizedText(vi: "Sản phẩm thử nghiệm", en: "Test product"),
                        source: "Dữ liệu thử nghiệm"))
            }
        }
        plan.tasks = tasks
        return plan
    }

    /// Report facts for every unit of `units` up to `asOf`: `historyDays` daily readiness rounds per commune (a
    /// few communes never report or stopped reporting), a status per owned task (some reported twice at the same
    /// instant, so the tie rule is exercised), and two months of service statistics per commune plus the last
    /// month for about half the provinces.
    public static func facts(
        plan: PlanDefinition, units: UnitSnapshot, asOf: Date, seed: UInt64 = 1, historyDays: Int = 2
    ) -> FactSet {
        var rng = SplitMix64(seed: seed)
        let round = plan.reporting.readiness.latestCutoff(atOrBefore: asOf)
        let day = CivilDate(vietnamDayOf: asOf)
        var readiness: [ReadinessReport] = []
        readiness.reserveCapacity(units.communes.count * historyDays)
        for commune in units.communes {
            if rng.chance(0.02) { continue }
            let stopped = rng.chance(0.02) ? 5 : 0
            for d in 0..<max(1, historyDays) {
                let at = round.addingTimeInterval(-86_400 * Double(d + stopped))
                var values: [CriterionKey: CriterionValue] = [:]
                for criterion in plan.readinessCriteria where !rng.chance(0.01) {
                    values[criterion.key] = value(for: criterion, met: rng.chance(0.9), rng: &rng)
                }
                let id = "R-\(commune.code)-\(d)"
                readiness.append(
                    try! ReadinessReport(
                        reportId: id, commune: commune.code, asOf: at,
                        receivedAt: at.addingTimeInterval(Double(rng.next() % 3_600)), values: values))
            }
        }

        var statuses: [TaskStatusReport] = []
        func report(unit: AnyUnitCode, tasks: [PlanTask]) {
            if rng.chance(0.03) { return }
            for task in tasks {
                let at = round.addingTimeInterval(-86_400 * Double(rng.next() % 2))
                let reportDay = CivilDate(vietnamDayOf: at)
                let daysLeft = reportDay.days(until: task.deadline)
                let expected = task.expectedProgress(on: reportDay, planStart: plan.effectiveFrom)
                let roll = Double(rng.next() % 1000) / 1000
                let status: TaskStatus
                var progress: Double
                var completed: CivilDate?
                if daysLeft < 0 && roll < 0.85 || daysLeft >= 0 && roll < 0.15 {
                    status = .done
                    progress = 100
                    let late = daysLeft < 0 && roll > 0.8
                    let day = late
                        ? task.deadline.adding(days: 1 + Int(rng.next() % 5))
                        : task.deadline.adding(days: -Int(rng.next() % 10))
                    completed = min(day, reportDay)
                } else if expected <= 0 {
                    status = .notStarted
                    progress = 0
                } else {
                    status = .inProgress
                    progress = min(99, max(1, expected + Double(Int(rng.next() % 41) - 25)))
                }
                let id = "T-\(unit)-\(task.code)"
                guard
                    let report = try? TaskStatusReport(
                        reportId: id, unit: unit, task: task.code, asOf: at, receivedAt: at, status: status,
                        percent: progress, completedOn: completed)
                else { continue }
                statuses.append(report)
                if rng.chance(0.05),
                    let twin = try? TaskStatusReport(
                        reportId: id + "-b", unit: unit, task: task.code, asOf: at, receivedAt: at, status: status,
                        percent: progress, completedOn: completed)
                {
                    statuses.append(twin)
                }
            }
        }
        let provinceTasks = plan.tasks.filter { $0.owner == .everyProvince }
        let communeTasks = plan.tasks.filter { $0.owner == .everyCommune }
        var agencyTasks: [AgencyCode: [PlanTask]] = [:]
        for task in plan.tasks { if case .agency(let code) = task.owner { agencyTasks[code, default: []].append(task) } }
        for province in units.provinces { report(unit: .province(province.code), tasks: provinceTasks) }
        for agency in units.agencies { report(unit: .agency(agency.code), tasks: agencyTasks[agency.code] ?? []) }
        if !communeTasks.isEmpty {
            for commune in units.communes { report(unit: .commune(commune.code), tasks: communeTasks) }
        }

        var statistics: [ServiceStatistics] = []
        let thisMonth = ReportMonth(containing: day)
        let months = [previous(thisMonth), previous(previous(thisMonth))]
        func counts() -> ServiceCounts {
            let received = 20 + Int(rng.next() % 400)
            let online = received * (40 + Int(rng.next() % 60)) / 100
            let post = Int(rng.next() % 5)
            let inPerson = max(0, received - online - post)
            let carried = Int(rng.next() % 30)
            let late = Int(rng.next() % 10)
            let pendingOverdue = Int(rng.next() % 5)
            let withFee = received / 3
            return try! ServiceCounts(
                receivedOnline: online, receivedInPerson: inPerson, receivedByPost: post, carriedOver: carried,
                resolvedOnTime: max(0, received - late - 10), resolvedLate: late, pendingWithinDeadline: 10,
                pendingOverdue: pendingOverdue, syncedToPortal: received * 9 / 10, withFee: withFee,
                paidOnline: withFee * Int(rng.next() % 101) / 100, electronicResults: received / 2)
        }
        let statisticsAt = CivilDate(year: thisMonth.year, month: thisMonth.month, day: 1)!.vietnamMidnight
            .addingTimeInterval(16 * 3_600)
        for commune in units.communes where !rng.chance(0.05) {
            for (m, month) in months.enumerated() {
                let at = statisticsAt.addingTimeInterval(-86_400 * 30 * Double(m))
                statistics.append(
                    try! ServiceStatistics(
                        reportId: "S-\(commune.code)-\(month)", unit: .commune(commune.code), month: month,
                        asOf: min(at, asOf), receivedAt: min(at, asOf), counts: counts()))
            }
        }
        for province in units.provinces where rng.chance(0.5) {
            statistics.append(
                try! ServiceStatistics(
                    reportId: "S-\(province.code)-\(months[0])", unit: .province(province.code), month: months[0],
                    asOf: min(statisticsAt, asOf), receivedAt: min(statisticsAt, asOf), counts: counts()))
        }
        return FactSet(readiness: readiness, taskStatuses: statuses, serviceStatistics: statistics)
    }

    private static func value(for criterion: ReadinessCriterion, met: Bool, rng: inout SplitMix64) -> CriterionValue {
        switch criterion.kind {
        case .boolean:
            return .boolean(met)
        case .ratio:
            let threshold = criterion.threshold ?? 1
            let v = met ? threshold + (1 - threshold) * Double(rng.next() % 100) / 100 : threshold * Double(rng.next() % 100) / 100
            return try! .ratio(min(1, max(0, v)))
        case .count:
            let threshold = Int(criterion.threshold ?? 1)
            return try! .count(met ? threshold + Int(rng.next() % 5) : Int(rng.next() % UInt64(max(1, threshold))))
        }
    }

    private static func previous(_ month: ReportMonth) -> ReportMonth {
        try! month.month == 1 ? ReportMonth(year: month.year - 1, month: 12) : ReportMonth(year: month.year, month: month.month - 1)
    }

    private static func twoDigits(_ n: Int) -> String { (n < 10 ? "0" : "") + String(n) }

    private static func fiveDigits(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 5 - s.count)) + s
    }
}
