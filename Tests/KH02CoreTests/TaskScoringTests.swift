import Foundation
import KH02Core
import Testing

@Suite("Task progress of provinces and agencies")
struct TaskScoringTests {
    let scorer = Scorer(plan: Fixtures.plan())

    func score(_ reports: [TaskStatusReport], at: String, plan: PlanDefinition? = nil) -> Scorecard {
        (plan.map(Scorer.init) ?? scorer).score(
            FactSet(taskStatuses: reports), directory: Fixtures.directory(), asOf: Fixtures.vn(at))
    }

    func province(_ card: Scorecard, _ code: String = "01") -> TaskProgressScore {
        card.province(Fixtures.province(code))!.tasks
    }

    func state(_ card: Scorecard, _ task: String, province code: String = "01") -> TaskState {
        province(card, code).tasks.first { $0.task.rawValue == task }!
    }

    @Test("on the deadline day itself a task is not overdue, even late in the Vietnam evening")
    func deadlineDay() {
        let reports = [
            Fixtures.status("01", "P1", at: "2025-08-14 16:00", .inProgress, 100),
            Fixtures.status("01", "P2", at: "2025-08-14 16:00", .inProgress, 100),
        ]
        // 23:59 on 14/08 in Vietnam is 16:59 UTC the same day; still the deadline day.
        let card = score(reports, at: "2025-08-14 23:59")
        #expect(state(card, "P1").condition == .onTrack)
        #expect(state(card, "P1").daysOverdue == nil)
        #expect(province(card).colour == .green)
    }

    @Test("overdue from 00:00 +07:00 the next day, though it is still the deadline day in UTC")
    func overdueAtVietnamMidnight() throws {
        let reports = [
            Fixtures.status("01", "P1", at: "2025-08-14 16:00", .inProgress, 90, id: "p1"),
            Fixtures.status("01", "P2", at: "2025-08-14 16:00", .inProgress, 90),
        ]
        // 15/08 00:00 in Vietnam = 14/08 17:00 UTC.
        let card = score(reports, at: "2025-08-15 00:00")
        let p1 = state(card, "P1")
        #expect(p1.condition == .overdue)
        #expect(p1.daysOverdue == 1)
        let tasks = province(card)
        #expect(tasks.colour == .red)
        let reason = try #require(tasks.reasons.first)
        #expect(reason.rule == .tasksOverdue)
        #expect(reason.tasks == [Fixtures.task("P1")])
        #expect(reason.reportIds == ["p1"])
        #expect(reason.message.vi.contains("quá hạn"))
    }

    @Test("days overdue count Vietnam calendar days")
    func daysOverdue() {
        let reports = [Fixtures.status("01", "P1", at: "2025-08-20 16:00", .inProgress, 50)]
        #expect(state(score(reports, at: "2025-08-20 16:30"), "P1").daysOverdue == 6)
        #expect(state(score(reports, at: "2025-08-20 23:59"), "P1").daysOverdue == 6)
    }

    @Test("yellow when a task due within 7 days is below its linear schedule")
    func atRisk() throws {
        // P1 runs 01/07 → 14/08 (45 days); by the end of 10/08, 41/45 ≈ 91.1% is expected.
        let reports = [
            Fixtures.status("01", "P1", at: "2025-08-10 16:00", .inProgress, 80, id: "behind"),
            Fixtures.status("01", "P2", at: "2025-08-10 16:00", .inProgress, 10),
        ]
        let card = score(reports, at: "2025-08-10 17:00")
        let p1 = state(card, "P1")
        #expect(p1.condition == .atRisk)
        #expect(abs(p1.expectedProgress - 41.0 / 45 * 100) < 1e-9)
        #expect(p1.daysToDeadline == 4)
        // P2 is far from its deadline, so being behind does not count yet.
        #expect(state(card, "P2").condition == .onTrack)
        let tasks = province(card)
        #expect(tasks.colour == .yellow)
        #expect(tasks.reasons.first?.rule == .tasksAtRisk)
        #expect(tasks.reasons.first?.reportIds == ["behind"])
        #expect(tasks.reasons.first?.thresholds["due_soon_days"] == 7)

        let ahead = [
            Fixtures.status("01", "P1", at: "2025-08-10 16:00", .inProgress, 95),
            Fixtures.status("01", "P2", at: "2025-08-10 16:00", .inProgress, 10),
        ]
        #expect(province(score(ahead, at: "2025-08-10 17:00")).colour == .green)
    }

    @Test("the due-soon window comes from the plan's rules")
    func dueSoonWindow() {
        let reports = [
            Fixtures.status("01", "P1", at: "2025-08-01 16:00", .inProgress, 10),
            Fixtures.status("01", "P2", at: "2025-08-01 16:00", .inProgress, 50),
        ]
        #expect(province(score(reports, at: "2025-08-01 17:00")).colour == .green)
        let wide = Fixtures.plan(dueSoonDays: 14)
        #expect(province(score(reports, at: "2025-08-01 17:00", plan: wide)).colour == .yellow)
    }

    @Test("a task finished late makes the owner yellow, with the days late; the rule can be switched off")
    func completedLate() throws {
        let reports = [
            Fixtures.status("01", "P1", at: "2025-08-20 16:00", .done, completedOn: "2025-08-17", id: "late"),
            Fixtures.status("01", "P2", at: "2025-08-20 16:00", .inProgress, 50),
        ]
        let card = score(reports, at: "2025-08-20 17:00")
        #expect(state(card, "P1").condition == .completedLate)
        #expect(state(card, "P1").daysLate == 3)
        #expect(province(card).colour == .yellow)
        #expect(province(card).reasons.first?.rule == .tasksCompletedLate)
        #expect(card.lateCompletions.map(\.state.task) == [Fixtures.task("P1")])
        let relaxed = Fixtures.plan(lateIsYellow: false)
        let relaxedCard = score(reports, at: "2025-08-20 17:00", plan: relaxed)
        #expect(province(relaxedCard).colour == .green)
        #expect(province(relaxedCard).reasons.contains { $0.rule == .tasksCompletedLate })
    }

    @Test("done on the deadline day is on time")
    func doneOnDeadline() {
        let reports = [
            Fixtures.status("01", "P1", at: "2025-08-20 16:00", .done, completedOn: "2025-08-14"),
            Fixtures.status("01", "P2", at: "2025-08-20 16:00", .inProgress, 50),
        ]
        let card = score(reports, at: "2025-08-20 17:00")
        #expect(state(card, "P1").condition == .done)
        #expect(province(card).colour == .green)
        #expect(province(card).reasons.first?.rule == .tasksOnTrack)
    }

    @Test("no data when a unit never reported on its tasks, even with a deadline passed")
    func neverReported() throws {
        let card = score([Fixtures.status("01", "P1", at: "2025-08-20 16:00", .inProgress, 50)], at: "2025-08-20 17:00")
        let other = province(card, "02")
        #expect(other.colour == .noData)
        #expect(other.reasons.first?.rule == .neverReported)
        // The overdue list still names its task, since nothing says it is done.
        #expect(card.overdueTasks.contains { $0.owner == .province(Fixtures.province("02")) && $0.state.status == nil })
    }

    @Test("no data when the unit's latest task report is stale, unless all its tasks are done")
    func staleTasks() {
        let reports = [
            Fixtures.status("01", "P1", at: "2025-08-01 16:00", .inProgress, 50),
            Fixtures.status("01", "P2", at: "2025-08-01 16:00", .inProgress, 10),
        ]
        let stale = province(score(reports, at: "2025-08-10 17:00"))
        #expect(stale.colour == .noData)
        #expect(stale.reasons.first?.rule == .staleReport)
        let done = [
            Fixtures.status("01", "P1", at: "2025-08-01 16:00", .done, completedOn: "2025-08-01"),
            Fixtures.status("01", "P2", at: "2025-08-01 16:00", .done, completedOn: "2025-08-01"),
        ]
        #expect(province(score(done, at: "2025-09-10 17:00")).colour == .green)
    }

    @Test("an unreported task counts as not started and is listed in an extra reason")
    func unreportedTask() {
        let card = score([Fixtures.status("01", "P2", at: "2025-08-20 16:00", .inProgress, 50)], at: "2025-08-20 17:00")
        let tasks = province(card)
        #expect(tasks.colour == .red)
        #expect(state(card, "P1").status == nil)
        #expect(state(card, "P1").progress == 0)
        #expect(tasks.reasons.contains { $0.rule == .tasksUnreported && $0.tasks == [Fixtures.task("P1")] })
    }

    @Test("agencies are scored on their own tasks; an agency without tasks is no data, never green")
    func agencies() throws {
        let card = score(
            [Fixtures.status("BCA", "A1", at: "2025-09-02 16:00", .inProgress, 70)], at: "2025-09-02 17:00")
        let bca = try #require(card.agency(Fixtures.agency("BCA")))
        #expect(bca.tasks.colour == .red)
        #expect(state(card, "P1", province: "01").condition == .overdue)
        let vpcp = try #require(card.agency(Fixtures.agency("VPCP")))
        #expect(vpcp.tasks.colour == .noData)
        #expect(vpcp.tasks.reasons.first?.rule == .noTasksAssigned)
    }

    @Test("a report on a task the unit does not own, or not in the plan, is set aside")
    func wrongOwner() {
        let card = score(
            [
                Fixtures.status("VPCP", "A1", at: "2025-08-02 16:00", .inProgress, 70),
                Fixtures.status("01", "ZZ9", at: "2025-08-02 16:00", .inProgress, 70),
                Fixtures.status("00001", "P1", at: "2025-08-02 16:00", .inProgress, 70),
            ], at: "2025-08-02 17:00")
        #expect(card.diagnostics.unknownTaskFacts == 3)
    }

    @Test("two reports at the same instant: later receipt wins, then the larger id, whatever the order")
    func sameInstant() {
        let a = Fixtures.status("01", "P1", at: "2025-08-20 16:00", .inProgress, 40, id: "b", received: "2025-08-20 16:01")
        let b = Fixtures.status(
            "01", "P1", at: "2025-08-20 16:00", .done, completedOn: "2025-08-12", id: "a", received: "2025-08-20 16:02")
        for order in [[a, b], [b, a]] {
            #expect(state(score(order, at: "2025-08-20 17:00"), "P1").condition == .done)
        }
        let c = Fixtures.status("01", "P1", at: "2025-08-20 16:00", .inProgress, 40, id: "x-2")
        let d = Fixtures.status("01", "P1", at: "2025-08-20 16:00", .done, completedOn: "2025-08-12", id: "x-1")
        for order in [[c, d], [d, c]] {
            #expect(state(score(order, at: "2025-08-20 17:00"), "P1").reportId == "x-2")
        }
    }

    @Test("commune-owned tasks give communes a task score; without them communes have none")
    func communeTasks() throws {
        var tasks = Fixtures.defaultTasks
        tasks.append(
            PlanTask(
                code: Fixtures.task("C1"), title: Fixtures.text, group: Fixtures.group("data"), owner: .everyCommune,
                deadline: Fixtures.day("2025-08-15"), product: Fixtures.text, source: "Test"))
        let plan = Fixtures.plan(tasks: tasks)
        let card = score(
            [Fixtures.status("00001", "C1", at: "2025-08-16 16:00", .inProgress, 99)], at: "2025-08-16 17:00", plan: plan)
        #expect(card.commune(Fixtures.commune("00001"))?.tasks?.colour == .red)
        #expect(card.commune(Fixtures.commune("00002"))?.tasks?.colour == .noData)
        #expect(score([], at: "2025-08-16 17:00").commune(Fixtures.commune("00001"))?.tasks == nil)
    }

    @Test("the linear schedule: 0 before the start, k/n by the end of day k, 100 from the deadline")
    func schedule() {
        let task = PlanTask(
            code: Fixtures.task("S"), title: Fixtures.text, group: Fixtures.group("data"), owner: .everyProvince,
            startsOn: Fixtures.day("2025-08-01"), deadline: Fixtures.day("2025-08-10"), product: Fixtures.text,
            source: "Test")
        let start = Fixtures.day("2025-06-19")
        #expect(task.expectedProgress(on: Fixtures.day("2025-07-31"), planStart: start) == 0)
        #expect(task.expectedProgress(on: Fixtures.day("2025-08-01"), planStart: start) == 10)
        #expect(task.expectedProgress(on: Fixtures.day("2025-08-05"), planStart: start) == 50)
        #expect(task.expectedProgress(on: Fixtures.day("2025-08-10"), planStart: start) == 100)
        #expect(task.expectedProgress(on: Fixtures.day("2025-09-10"), planStart: start) == 100)
    }

    @Test("the overdue list is sorted by days overdue and counted by group and owner nationally")
    func overdueLists() {
        let reports = [
            Fixtures.status("01", "P1", at: "2025-09-02 16:00", .inProgress, 50),
            Fixtures.status("02", "P1", at: "2025-09-02 16:00", .done, completedOn: "2025-08-10"),
            Fixtures.status("BCA", "A1", at: "2025-09-02 16:00", .inProgress, 50),
        ]
        let card = score(reports, at: "2025-09-02 17:00")
        #expect(card.overdueTasks.map { "\($0.owner) \($0.state.task)" } == ["01 P1", "BCA A1"])
        #expect(card.overdueTasks.map(\.state.daysOverdue) == [19, 2])
        #expect(card.nation.overdueByGroup == [Fixtures.group("data"): 2])
        #expect(card.nation.overdueByOwner == [.province(Fixtures.province("01")): 1, .agency(Fixtures.agency("BCA")): 1])
        #expect(card.nation.overdueTotal == 2)
    }
}
