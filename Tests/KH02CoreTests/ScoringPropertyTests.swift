import Foundation
import KH02Core
import PropertyBased
import Testing

/// A small random world built from a seed: 3 provinces, 12 communes (one moving province), 2 agencies, the
/// fixture plan with random limits, and random reports around a random instant (some in the future, some stale,
/// some at the same instant as others). Report ids are unique, as storage guarantees.
struct Scenario {
    let plan: PlanDefinition
    let directory: UnitDirectory
    let facts: FactSet
    let asOf: Date

    init(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var tasks = Fixtures.defaultTasks
        if rng.chance(0.5) {
            tasks.append(
                PlanTask(
                    code: Fixtures.task("C1"), title: Fixtures.text, group: Fixtures.group("security"),
                    owner: .everyCommune, deadline: Fixtures.day("2025-09-01"), product: Fixtures.text, source: "T"))
        }
        plan = Fixtures.plan(
            tasks: tasks, yellowMaxUnmet: pick(3), dueSoonDays: [0, 3, 7, 14][pick(4)], lateIsYellow: rng.chance(0.5))
        let moveDay = Fixtures.day("2025-09-01")
        var communes: [Commune] = (1...11).map {
            Fixtures.communeUnit(String(format: "%05d", $0), in: ["01", "02", "03"][$0 % 3])
        }
        communes.append(
            Fixtures.communeUnit("00012", in: "01", validity: ValidityPeriod(from: Fixtures.day("2025-07-01"), until: moveDay)))
        communes.append(Fixtures.communeUnit("00012", in: "03", validity: ValidityPeriod(from: moveDay)))
        directory = UnitDirectory(
            provinces: ["01", "02", "03"].map {
                Province(
                    code: Fixtures.province($0), name: Fixtures.text, fullName: Fixtures.text, kind: .province,
                    validity: Fixtures.validFrom)
            }, communes: communes,
            agencies: ["BCA", "VPCP"].map { Agency(code: Fixtures.agency($0), name: Fixtures.text, validity: Fixtures.validFrom) })

        let start = Fixtures.vn("2025-08-01 00:00")
        let asOf = start.addingTimeInterval(Double(pick(80 * 24 * 60)) * 60)
        self.asOf = asOf
        func when() -> Date { asOf.addingTimeInterval(Double(pick(7 * 24 * 60) - 6 * 24 * 60) * 60) }
        let times = (0..<4).map { _ in when() }
        func time() -> Date { rng.chance(0.3) ? times[pick(times.count)] : when() }

        var readiness: [ReadinessReport] = []
        for i in 0..<pick(40) {
            var values: [CriterionKey: CriterionValue] = [:]
            for criterion in Fixtures.criteria where !rng.chance(0.1) {
                switch criterion.kind {
                case .boolean: values[criterion.key] = .boolean(rng.chance(0.7))
                case .ratio: values[criterion.key] = try! .ratio(Double(pick(101)) / 100)
                case .count: values[criterion.key] = try! .count(pick(6))
                }
            }
            let at = time()
            readiness.append(
                try! ReadinessReport(
                    reportId: "R\(i)", commune: Fixtures.commune(String(format: "%05d", 1 + pick(13))),
                    asOf: at, receivedAt: at.addingTimeInterval(Double(pick(3)) * 60), values: values))
        }
        var statuses: [TaskStatusReport] = []
        let units = ["01", "02", "03", "BCA", "VPCP", "00001", "00002", "00012"]
        for i in 0..<pick(40) {
            let at = time()
            let atDay = CivilDate(vietnamDayOf: at)
            let status = TaskStatus.allCases[pick(3)]
            let completed = status == .done ? atDay.adding(days: -pick(40)) : nil
            statuses.append(
                try! TaskStatusReport(
                    reportId: "T\(i)", unit: AnyUnitCode(units[pick(units.count)])!,
                    task: Fixtures.task(["P1", "P2", "A1", "C1"][pick(4)]), asOf: at,
                    receivedAt: at.addingTimeInterval(Double(pick(3)) * 60), status: status, percent: Double(pick(101)),
                    completedOn: completed))
        }
        var statistics: [ServiceStatistics] = []
        for i in 0..<pick(20) {
            let at = time()
            let received = pick(50)
            let withFee = pick(10)
            statistics.append(
                try! ServiceStatistics(
                    reportId: "S\(i)", unit: AnyUnitCode(["01", "02", "00003", "00004", "00012"][pick(5)])!,
                    month: ReportMonth(year: 2025, month: 6 + pick(4)), asOf: at, receivedAt: at,
                    counts: ServiceCounts(
                        receivedOnline: pick(received + 1), receivedInPerson: received, receivedByPost: pick(2),
                        carriedOver: pick(5), resolvedOnTime: pick(30), resolvedLate: pick(5), pendingOverdue: pick(3),
                        withFee: withFee, paidOnline: pick(withFee + 1))))
        }
        facts = FactSet(readiness: readiness, taskStatuses: statuses, serviceStatistics: statistics)
    }

    func score(_ facts: FactSet? = nil) -> Scorecard {
        Scorer(plan: plan).score(facts ?? self.facts, directory: directory, asOf: asOf)
    }
}

@Suite("Scoring properties")
struct ScoringPropertyTests {
    /// A report at exactly `asOf`, received last, so it is the commune's latest.
    func latestReport(for commune: CommuneCode, at asOf: Date, values: [CriterionKey: CriterionValue]) -> ReadinessReport {
        try! ReadinessReport(
            reportId: "zz-latest", commune: commune, asOf: asOf, receivedAt: .distantFuture, values: values)
    }

    @Test("meeting one more criterion never worsens a commune")
    func oneMoreCriterion() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 0...11), Gen.int(in: 0...3)) {
            seed, communeIndex, criterionIndex in
            let scenario = Scenario(seed: seed)
            let commune = Fixtures.commune(String(format: "%05d", communeIndex + 1))
            var rng = SplitMix64(seed: seed ^ 0xABCD)
            var values: [CriterionKey: CriterionValue] = [:]
            for criterion in Fixtures.criteria where rng.chance(0.8) {
                switch criterion.kind {
                case .boolean: values[criterion.key] = .boolean(rng.chance(0.5))
                case .ratio: values[criterion.key] = try! .ratio(Double(rng.next() % 101) / 100)
                case .count: values[criterion.key] = try! .count(Int(rng.next() % 6))
                }
            }
            var improved = values
            let criterion = Fixtures.criteria[criterionIndex]
            switch criterion.kind {
            case .boolean: improved[criterion.key] = .boolean(true)
            case .ratio: improved[criterion.key] = try! .ratio(1)
            case .count: improved[criterion.key] = try! .count(10)
            }
            var before = scenario.facts
            before.readiness.append(latestReport(for: commune, at: scenario.asOf, values: values))
            var after = scenario.facts
            after.readiness.append(latestReport(for: commune, at: scenario.asOf, values: improved))
            let old = try #require(scenario.score(before).commune(commune))
            let new = try #require(scenario.score(after).commune(commune))
            #expect(old.colour != .noData && new.colour != .noData)
            #expect(new.colour.severity! <= old.colour.severity!)
            #expect(new.unmetRequired <= old.unmetRequired)
        }
    }

    @Test("finishing a task never worsens its owner")
    func finishingTask() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max), Gen.int(in: 0...2), Gen.int(in: 0...40)) {
            seed, unitIndex, daysBack in
            let scenario = Scenario(seed: seed)
            let day = CivilDate(vietnamDayOf: scenario.asOf)
            let (unit, task): (AnyUnitCode, String) = [
                (.province(Fixtures.province("01")), "P1"), (.province(Fixtures.province("02")), "P2"),
                (.agency(Fixtures.agency("BCA")), "A1"),
            ][unitIndex]
            let done = try TaskStatusReport(
                reportId: "zz-done", unit: unit, task: Fixtures.task(task), asOf: scenario.asOf,
                receivedAt: .distantFuture, status: .done, percent: 100, completedOn: day.adding(days: -daysBack))
            var after = scenario.facts
            after.taskStatuses.append(done)
            func taskScore(_ card: Scorecard) -> TaskProgressScore {
                switch unit {
                case .province(let code): card.province(code)!.tasks
                case .agency(let code): card.agency(code)!.tasks
                case .commune(let code): card.commune(code)!.tasks!
                }
            }
            let oldCard = scenario.score()
            // Only a task not yet done can be finished.
            if taskScore(oldCard).tasks.first(where: { $0.task.rawValue == task })?.status == .done { return }
            let old = taskScore(oldCard).colour
            let new = taskScore(scenario.score(after)).colour
            if let oldSeverity = old.severity {
                let newSeverity = try #require(new.severity)
                #expect(newSeverity <= oldSeverity)
            }
        }
    }

    @Test("the input order of facts never changes the result")
    func order() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let scenario = Scenario(seed: seed)
            var rng = SplitMix64(seed: ~seed)
            let shuffled = FactSet(
                readiness: scenario.facts.readiness.shuffled(using: &rng),
                taskStatuses: scenario.facts.taskStatuses.shuffled(using: &rng),
                serviceStatistics: scenario.facts.serviceStatistics.shuffled(using: &rng))
            #expect(scenario.score(shuffled) == scenario.score())
        }
    }

    @Test("national counts always add up to the unit totals")
    func countsAddUp() async {
        await propertyCheck(count: 300, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let card = Scenario(seed: seed).score()
            let nation = card.nation
            #expect(nation.provinceTasks.total == card.provinces.count)
            #expect(nation.agencyTasks.total == card.agencies.count)
            #expect(nation.communeReadiness.total == card.communes.count)
            #expect(card.communes.count == 12)
            #expect(nation.provincesPerBand.map(\.provinces).reduce(0, +) + nation.provincesWithoutCommunes == card.provinces.count)
            #expect(card.provinces.map(\.coverage.total).reduce(0, +) == card.communes.count)
            #expect(card.provinces.map(\.coverage.green).reduce(0, +) == nation.communesGreen)
            for coverage in nation.criterionCoverage {
                #expect(coverage.total == card.communes.count)
            }
            for (k, coverage) in nation.criterionCoverage.enumerated() {
                #expect(card.provinces.map { $0.criterionCoverage[k].met }.reduce(0, +) == coverage.met)
            }
            #expect(nation.overdueByGroup.values.reduce(0, +) == nation.overdueTotal)
            #expect(nation.overdueByOwner.values.reduce(0, +) == nation.overdueTotal)
            #expect(card.overdueTasks.count == nation.overdueTotal)
            #expect(card.atRiskTasks.count == nation.atRiskTotal)
        }
    }

    @Test("every colour has a deciding reason, and no data is never green")
    func reasons() async {
        await propertyCheck(count: 200, input: Gen.uint64(in: 0...UInt64.max)) { seed in
            let card = Scenario(seed: seed).score()
            for commune in card.communes {
                #expect(!commune.reasons.isEmpty)
                #expect((commune.colour == .noData) == (commune.reportId == nil || commune.reasons[0].rule == .staleReport))
                if commune.colour == .green { #expect(commune.unmetRequired == 0) }
            }
            for tasks in card.provinces.map(\.tasks) + card.agencies.map(\.tasks) {
                #expect(!tasks.reasons.isEmpty)
                #expect(!tasks.reasons[0].message.vi.isEmpty && !tasks.reasons[0].message.en.isEmpty)
            }
        }
    }
}
