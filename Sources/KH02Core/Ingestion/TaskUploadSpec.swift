import Foundation

/// Task-status uploads: one row per unit, task and as-of.
struct TaskUploadSpec: UploadSpec {
    let plan: PlanDefinition
    let columns = [
        UploadColumn("unit_code", .required), UploadColumn("unit_name", .helper), UploadColumn("task_code", .required),
        UploadColumn("task_title", .helper), UploadColumn("status", .required, value: true),
        UploadColumn("progress", .optional, value: true), UploadColumn("completed_on", .optional, value: true),
        UploadColumn("as_of", .optional), UploadColumn("note", .optional, value: true),
    ]
    let asOfColumn = 7
    let needsAsOf = true

    var round: ReportingRound { plan.reporting.tasks }

    /// Status words: the machine values and their Vietnamese labels (with and without diacritics).
    private static let statuses: [String: TaskStatus] = [
        "not_started": .notStarted, "chưa bắt đầu": .notStarted, "chua bat dau": .notStarted,
        "in_progress": .inProgress, "đang thực hiện": .inProgress, "dang thuc hien": .inProgress,
        "done": .done, "hoàn thành": .done, "hoan thanh": .done, "đã hoàn thành": .done, "da hoan thanh": .done,
    ]

    func read(_ cells: RowCells, row: Int, context: UploadContext, diagnostics: inout UploadDiagnostics) -> TaskRow? {
        let before = diagnostics.totalProblems
        let unitText = CellParser.trim(cells[0] ?? "")
        let unit = context.unit(
            unitText, row: row, column: "unit_code", allowed: [.province, .commune, .agency], diagnostics: &diagnostics)

        let taskText = CellParser.trim(cells[2] ?? "")
        var task: PlanTask?
        if taskText.isEmpty {
            diagnostics.fail(.missingValue(row: row, column: "task_code"))
        } else if let code = TaskCode(rawValue: taskText.uppercased()), let known = context.tasks[code] {
            task = known
        } else {
            diagnostics.fail(.unknownTask(row: row, column: "task_code", value: taskText, plan: plan))
        }
        if let unit, let task, !TaskUploadSpec.owns(task.owner, unit) {
            diagnostics.fail(.taskNotForUnit(row: row, column: "unit_code", value: unitText, owner: task.owner))
        }

        let statusText = CellParser.trim(cells[4] ?? "")
        var status: TaskStatus?
        if statusText.isEmpty {
            diagnostics.fail(.missingValue(row: row, column: "status"))
        } else if let known = TaskUploadSpec.statuses[statusText.lowercased()] {
            status = known
        } else {
            diagnostics.fail(.invalidStatus(row: row, column: "status", value: statusText))
        }

        let progress = self.progress(CellParser.trim(cells[5] ?? ""), status: status, row: row, diagnostics: &diagnostics)
        let asOf = context.asOf(cells[asOfColumn], row: row, round: round, diagnostics: &diagnostics)
        let completedOn = self.completedOn(
            CellParser.trim(cells[6] ?? ""), status: status, asOf: asOf, row: row, context: context,
            diagnostics: &diagnostics)
        let note = context.note(cells[8], row: row, diagnostics: &diagnostics)

        guard diagnostics.totalProblems == before, let unit, let task, let status, let progress, let asOf else {
            return nil
        }
        return TaskRow(
            row: row, unit: unit, task: task.code, asOf: asOf, status: status, progress: progress,
            completedOn: completedOn ?? nil, note: note)
    }

    /// True when a unit reports on tasks of `owner`.
    static func owns(_ owner: TaskOwner, _ unit: AnyUnitCode) -> Bool {
        switch (owner, unit) {
        case (.agency(let owning), .agency(let code)): owning == code
        case (.everyProvince, .province), (.everyCommune, .commune): true
        default: false
        }
    }

    /// The progress: the cell (0–100, "%" allowed), or by default 0 when not started and 100 when done.
    private func progress(
        _ text: String, status: TaskStatus?, row: Int, diagnostics: inout UploadDiagnostics
    ) -> ProgressPercent? {
        guard !text.isEmpty else {
            switch status {
            case .notStarted: return .zero
            case .done: return .complete
            case .inProgress: diagnostics.fail(.missingValue(row: row, column: "progress"))
            case nil: break
            }
            return nil
        }
        guard let number = CellParser.decimal(text) else {
            diagnostics.fail(.invalidNumber(row: row, column: "progress", value: text, integer: false))
            return nil
        }
        guard let progress = try? ProgressPercent(number.value) else {
            diagnostics.fail(.outOfRange(row: row, column: "progress", value: text, vi: "từ 0 đến 100", en: "0 to 100"))
            return nil
        }
        if status == .done, progress != .complete {
            diagnostics.warn(.progressSetTo100(row: row, column: "progress", value: text))
        }
        return progress
    }

    /// The completion day: required when done, refused otherwise, never after today or the as-of day. The outer
    /// optional is nil after a problem.
    private func completedOn(
        _ text: String, status: TaskStatus?, asOf: Date?, row: Int, context: UploadContext,
        diagnostics: inout UploadDiagnostics
    ) -> CivilDate?? {
        let column = "completed_on"
        guard !text.isEmpty else {
            if status == .done {
                diagnostics.fail(.completedOnMissing(row: row, column: column))
                return nil
            }
            return .some(nil)
        }
        guard let day = TimeParser.day(text) else {
            diagnostics.fail(
                .invalidDate(
                    row: row, column: column, value: text, vi: "dùng YYYY-MM-DD hoặc DD/MM/YYYY",
                    en: "use YYYY-MM-DD or DD/MM/YYYY"))
            return nil
        }
        guard status == .done || status == nil else {
            diagnostics.fail(.completedOnNotAllowed(row: row, column: column, value: text))
            return nil
        }
        if day > context.today {
            diagnostics.fail(.completedOnInFuture(row: row, column: column, value: text))
            return nil
        }
        if let asOf, day > CivilDate(vietnamDayOf: asOf) {
            diagnostics.fail(.completedOnAfterAsOf(row: row, column: column, value: text))
            return nil
        }
        return .some(day)
    }

    func unit(of row: TaskRow) -> AnyUnitCode { row.unit }

    let duplicateKey = DuplicateRowKey.of(.tasks)

    func wrap(_ rows: [TaskRow]) -> UploadRows { .tasks(rows) }
}
