import Foundation

extension Scorer {
    /// The overdue, at-risk and late-completed tasks found while scoring, for the national lists.
    struct Findings {
        var overdue: [TaskFinding] = []
        var atRisk: [TaskFinding] = []
        var late: [TaskFinding] = []

        mutating func sort() {
            overdue.sort {
                ($0.state.daysOverdue ?? 0, $1.owner.rawValue, $1.state.task)
                    > ($1.state.daysOverdue ?? 0, $0.owner.rawValue, $0.state.task)
            }
            atRisk.sort {
                ($0.state.daysToDeadline, $0.owner.rawValue, $0.state.task)
                    < ($1.state.daysToDeadline, $1.owner.rawValue, $1.state.task)
            }
            late.sort {
                ($0.state.daysLate ?? 0, $1.owner.rawValue, $1.state.task)
                    > ($1.state.daysLate ?? 0, $0.owner.rawValue, $0.state.task)
            }
        }
    }

    /// Task scores of every province, agency and (when the plan has commune tasks) commune, in snapshot order.
    struct TaskScores {
        var provinces: [TaskProgressScore]
        var agencies: [TaskProgressScore]
        var communes: [TaskProgressScore]
    }

    func scoreTasks(
        _ reports: [TaskStatusReport], units: UnitSnapshot, provinceIndex: [ProvinceCode: Int], asOf: Date,
        day: CivilDate, diagnostics: inout ScoringDiagnostics, findings: inout Findings
    ) -> TaskScores {
        // Units are numbered provinces, then agencies, then communes; each owns a run of slots, one per task.
        let p = units.provinces.count
        let a = units.agencies.count
        let c = communeTasks.isEmpty ? 0 : units.communes.count
        var agencyIndex: [AgencyCode: Int] = [:]
        var slotBase = [Int](repeating: 0, count: p + a + c + 1)
        var next = 0
        for u in 0..<p {
            slotBase[u] = next
            next += provinceTasks.count
        }
        for (i, agency) in units.agencies.enumerated() {
            agencyIndex[agency.code] = i
            slotBase[p + i] = next
            next += agencyTasks[agency.code]?.count ?? 0
        }
        for i in 0..<c {
            slotBase[p + a + i] = next
            next += communeTasks.count
        }
        slotBase[p + a + c] = next
        var latest = [Int](repeating: -1, count: next)
        var unitLatest = [Int](repeating: -1, count: p + a + c)

        for (r, report) in reports.enumerated() {
            if report.asOf > asOf {
                diagnostics.futureFacts += 1
                continue
            }
            let unit: Int?
            switch report.unit {
            case .province(let code): unit = provinceIndex[code]
            case .agency(let code): unit = agencyIndex[code].map { p + $0 }
            case .commune(let code): unit = units.index(of: code).map { p + a + $0 }
            }
            guard let unit else {
                diagnostics.unknownUnitFacts += 1
                continue
            }
            // A commune's report when the plan has no commune task lands past the last unit: not a plan task.
            guard unit < p + a + c, let t = taskIndex[report.task], plan.tasks[t].owner.owns(report.unit) else {
                diagnostics.unknownTaskFacts += 1
                continue
            }
            let slot = slotBase[unit] + taskLocal[t]
            if latest[slot] < 0 || report.supersedes(reports[latest[slot]]) { latest[slot] = r }
            if unitLatest[unit] < 0 || report.supersedes(reports[unitLatest[unit]]) { unitLatest[unit] = r }
        }

        let staleBefore = plan.reporting.tasks.staleBefore(asOf: asOf)
        func scoreUnit(_ unit: Int, code: AnyUnitCode, owned: [Int]) -> TaskProgressScore {
            let base = slotBase[unit]
            var states: [TaskState] = []
            states.reserveCapacity(owned.count)
            for (local, t) in owned.enumerated() {
                let r = latest[base + local]
                states.append(taskState(plan.tasks[t], report: r < 0 ? nil : reports[r], day: day))
            }
            let last = unitLatest[unit] < 0 ? nil : reports[unitLatest[unit]]
            return taskScore(
                states: states, owner: code, lastReport: last, staleBefore: staleBefore, asOf: asOf, findings: &findings)
        }

        var provinces: [TaskProgressScore] = []
        provinces.reserveCapacity(p)
        for (i, province) in units.provinces.enumerated() {
            provinces.append(scoreUnit(i, code: .province(province.code), owned: provinceTasks))
        }
        var agencies: [TaskProgressScore] = []
        agencies.reserveCapacity(a)
        for (i, agency) in units.agencies.enumerated() {
            agencies.append(scoreUnit(p + i, code: .agency(agency.code), owned: agencyTasks[agency.code] ?? []))
        }
        var communes: [TaskProgressScore] = []
        communes.reserveCapacity(c)
        for i in 0..<c {
            communes.append(scoreUnit(p + a + i, code: .commune(units.communes[i].code), owned: communeTasks))
        }
        return TaskScores(provinces: provinces, agencies: agencies, communes: communes)
    }

    /// Where one task stands for one unit on `day`, from the unit's latest report on it (nil: never reported,
    /// counted as not started with progress 0).
    func taskState(_ task: PlanTask, report: TaskStatusReport?, day: CivilDate) -> TaskState {
        let expected = task.expectedProgress(on: day, planStart: plan.effectiveFrom)
        let daysToDeadline = day.days(until: task.deadline)
        let progress = report?.progress.value ?? 0
        var condition: TaskState.Condition
        var daysOverdue: Int?
        var daysLate: Int?
        if let report, report.status == .done, let completed = report.completedOn {
            if completed > task.deadline {
                condition = .completedLate
                daysLate = task.deadline.days(until: completed)
            } else {
                condition = .done
            }
        } else if day > task.deadline {
            condition = .overdue
            daysOverdue = -daysToDeadline
        } else if daysToDeadline <= plan.rules.taskProgress.dueSoonDays && progress < expected {
            condition = .atRisk
        } else {
            condition = .onTrack
        }
        return TaskState(
            task: task.code, group: task.group, deadline: task.deadline, condition: condition, status: report?.status,
            progress: progress, expectedProgress: expected, daysToDeadline: daysToDeadline, daysOverdue: daysOverdue,
            daysLate: daysLate, completedOn: report?.completedOn, reportId: report?.reportId, reportAsOf: report?.asOf)
    }

    /// A unit's task colour and reasons from the states of the tasks it owns.
    func taskScore(
        states: [TaskState], owner: AnyUnitCode, lastReport: TaskStatusReport?, staleBefore: Date, asOf: Date,
        findings: inout Findings
    ) -> TaskProgressScore {
        let lateIsYellow = plan.rules.taskProgress.yellowOnLateCompletion
        for state in states {
            switch state.condition {
            case .overdue: findings.overdue.append(TaskFinding(owner: owner, state: state))
            case .atRisk: findings.atRisk.append(TaskFinding(owner: owner, state: state))
            case .completedLate: findings.late.append(TaskFinding(owner: owner, state: state))
            case .done, .onTrack: break
            }
        }
        let lastAsOf = lastReport?.asOf
        if states.isEmpty {
            return TaskProgressScore(
                colour: .noData,
                reasons: [
                    Reason(
                        rule: .noTasksAssigned,
                        message: LocalizedText(
                            vi: "Không được giao nhiệm vụ nào trong phiên bản kế hoạch này.",
                            en: "No task is assigned in this plan version."))
                ], tasks: states, lastReportAsOf: lastAsOf)
        }
        // Once every task is reported done there is nothing left to report, so staleness no longer applies.
        let allDone = states.allSatisfy { $0.status == .done }
        if !allDone {
            guard let lastReport else {
                return TaskProgressScore(
                    colour: .noData,
                    reasons: [
                        Reason(
                            rule: .neverReported,
                            message: LocalizedText(
                                vi: "Chưa báo cáo tình hình thực hiện nhiệm vụ đến \(ReasonText.timestamp(asOf).vi).",
                                en: "No task status report up to \(ReasonText.timestamp(asOf).en)."),
                            values: ["tasks": Double(states.count)])
                    ], tasks: states, lastReportAsOf: nil)
            }
            if lastReport.asOf < staleBefore {
                let days = plan.reporting.tasks.staleAfterDays
                return TaskProgressScore(
                    colour: .noData,
                    reasons: [
                        Reason(
                            rule: .staleReport,
                            message: LocalizedText(
                                vi: "Báo cáo nhiệm vụ gần nhất (\(ReasonText.timestamp(lastReport.asOf).vi)) đã quá \(days) ngày.",
                                en: "The latest task report (\(ReasonText.timestamp(lastReport.asOf).en)) is older than \(days) days."),
                            values: ["report_age_days": ReasonText.days(from: lastReport.asOf, to: asOf)],
                            thresholds: ["stale_after_days": Double(days)], reportIds: [lastReport.reportId])
                    ], tasks: states, lastReportAsOf: lastAsOf)
            }
        }

        let overdue = states.filter { $0.condition == .overdue }
        let atRisk = states.filter { $0.condition == .atRisk }
        let late = states.filter { $0.condition == .completedLate }
        var reasons: [Reason] = []
        if !overdue.isEmpty { reasons.append(overdueReason(overdue)) }
        if !atRisk.isEmpty { reasons.append(atRiskReason(atRisk)) }
        if !late.isEmpty { reasons.append(lateReason(late, decides: lateIsYellow)) }
        let colour: Colour
        if !overdue.isEmpty {
            colour = .red
        } else if !atRisk.isEmpty || (lateIsYellow && !late.isEmpty) {
            colour = .yellow
        } else {
            colour = .green
            let done = states.filter { $0.condition == .done || $0.condition == .completedLate }.count
            reasons.insert(
                Reason(
                    rule: .tasksOnTrack,
                    message: LocalizedText(
                        vi: "Không có nhiệm vụ quá hạn, chậm tiến độ sắp đến hạn hay hoàn thành muộn (\(done)/\(states.count) đã hoàn thành).",
                        en: "No task overdue, behind schedule near its deadline, or completed late (\(done) of \(states.count) done)."),
                    values: ["tasks": Double(states.count), "done": Double(done)],
                    thresholds: ["due_soon_days": Double(plan.rules.taskProgress.dueSoonDays)],
                    reportIds: [lastReport?.reportId].compactMap { $0 }), at: 0)
        }
        let unreported = states.filter { $0.status == nil }
        if !unreported.isEmpty {
            let codes = ReasonText.list(unreported.map(\.task.rawValue))
            reasons.append(
                Reason(
                    rule: .tasksUnreported,
                    message: LocalizedText(
                        vi: "\(unreported.count) nhiệm vụ chưa có báo cáo, được tính là chưa bắt đầu: \(codes).",
                        en: "\(unreported.count) task(s) never reported, counted as not started: \(codes)."),
                    values: ["unreported": Double(unreported.count)], tasks: unreported.map(\.task)))
        }
        return TaskProgressScore(colour: colour, reasons: reasons, tasks: states, lastReportAsOf: lastAsOf)
    }

    private func overdueReason(_ overdue: [TaskState]) -> Reason {
        let maxDays = overdue.compactMap(\.daysOverdue).max() ?? 0
        let codes = ReasonText.list(overdue.map(\.task.rawValue))
        return Reason(
            rule: .tasksOverdue,
            message: LocalizedText(
                vi: "\(overdue.count) nhiệm vụ quá hạn chưa hoàn thành: \(codes) (quá hạn nhiều nhất \(maxDays) ngày).",
                en: "\(overdue.count) task(s) past the deadline and not done: \(codes) (up to \(maxDays) days overdue)."),
            values: ["overdue_tasks": Double(overdue.count), "max_days_overdue": Double(maxDays)],
            tasks: overdue.map(\.task), reportIds: overdue.compactMap(\.reportId))
    }

    private func atRiskReason(_ atRisk: [TaskState]) -> Reason {
        let days = plan.rules.taskProgress.dueSoonDays
        let codes = atRisk.map { "\($0.task) (\(ReasonText.number(($0.progress * 10).rounded() / 10))% / \(ReasonText.number(($0.expectedProgress * 10).rounded() / 10))%)" }
        let worstGap = atRisk.map { $0.expectedProgress - $0.progress }.max() ?? 0
        return Reason(
            rule: .tasksAtRisk,
            message: LocalizedText(
                vi: "\(atRisk.count) nhiệm vụ đến hạn trong \(days) ngày nhưng chậm so với tiến độ (thực tế / kế hoạch): \(ReasonText.list(codes)).",
                en: "\(atRisk.count) task(s) due within \(days) days and behind schedule (actual / planned): \(ReasonText.list(codes))."),
            values: ["at_risk_tasks": Double(atRisk.count), "max_gap_percent": worstGap],
            thresholds: ["due_soon_days": Double(days)], tasks: atRisk.map(\.task),
            reportIds: atRisk.compactMap(\.reportId))
    }

    private func lateReason(_ late: [TaskState], decides: Bool) -> Reason {
        let maxDays = late.compactMap(\.daysLate).max() ?? 0
        let codes = ReasonText.list(late.map(\.task.rawValue))
        return Reason(
            rule: .tasksCompletedLate,
            message: LocalizedText(
                vi: "\(late.count) nhiệm vụ hoàn thành sau hạn: \(codes) (muộn nhiều nhất \(maxDays) ngày)"
                    + (decides ? "." : "; theo quy tắc hiện hành không làm đổi màu."),
                en: "\(late.count) task(s) completed after the deadline: \(codes) (up to \(maxDays) days late)"
                    + (decides ? "." : "; under the current rules this does not change the colour.")),
            values: ["late_tasks": Double(late.count), "max_days_late": Double(maxDays)],
            thresholds: ["yellow_on_late_completion": decides ? 1 : 0], tasks: late.map(\.task),
            reportIds: late.compactMap(\.reportId))
    }
}

extension TaskOwner {
    /// True when `unit` is one of the units this owner designates.
    public func owns(_ unit: AnyUnitCode) -> Bool {
        switch (self, unit) {
        case (.everyProvince, .province), (.everyCommune, .commune): true
        case (.agency(let owner), .agency(let code)): owner == code
        default: false
        }
    }
}
