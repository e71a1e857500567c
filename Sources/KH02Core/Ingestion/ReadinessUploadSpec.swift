import Foundation

/// Readiness uploads: one row per commune and as-of, one column per criterion of the plan.
struct ReadinessUploadSpec: UploadSpec {
    let plan: PlanDefinition
    let columns: [UploadColumn]
    let asOfColumn = 2
    let needsAsOf = true
    private let noteColumn = 3
    private let firstCriterion = 4
    private let distinctValues = Interner<[CriterionKey: CriterionValue]>()

    init(plan: PlanDefinition) {
        self.plan = plan
        columns =
            [
                UploadColumn("commune_code", .required), UploadColumn("commune_name", .helper),
                UploadColumn("as_of", .optional), UploadColumn("note", .optional, value: true),
            ] + plan.readinessCriteria.map { UploadColumn($0.key.rawValue, .required, value: true) }
    }

    var round: ReportingRound { plan.reporting.readiness }

    func unknownColumn(row: Int?, name: String) -> UploadProblem {
        guard CriterionKey(rawValue: name) != nil else {
            return .unknownColumn(row: row, column: name, known: columns.map(\.name))
        }
        return .unknownCriterion(row: row, column: name, criteria: plan.readinessCriteria.map(\.key.rawValue), plan: plan)
    }

    func read(_ cells: RowCells, row: Int, context: UploadContext, diagnostics: inout UploadDiagnostics) -> ReadinessRow? {
        let before = diagnostics.totalProblems
        var codeText = CellParser.trim(cells[0] ?? "")
        // Excel turns "00004" into 4; a commune code has exactly five digits, so padding is safe here. A text that
        // still starts with "0" was not shortened by Excel and is left alone.
        if (1...4).contains(codeText.utf8.count), codeText.utf8.first != UInt8(ascii: "0"),
            codeText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        {
            let padded = String(repeating: "0", count: 5 - codeText.utf8.count) + codeText
            diagnostics.warn(.leadingZerosRestored(row: row, column: "commune_code", value: codeText, code: padded))
            codeText = padded
        }
        let unit = context.unit(codeText, row: row, column: "commune_code", allowed: [.commune], diagnostics: &diagnostics)
        let asOf = context.asOf(cells[asOfColumn], row: row, round: round, diagnostics: &diagnostics)
        var values: [CriterionKey: CriterionValue] = [:]
        values.reserveCapacity(plan.readinessCriteria.count)
        for (offset, criterion) in plan.readinessCriteria.enumerated() {
            let text = CellParser.trim(cells[firstCriterion + offset] ?? "")
            if let value = value(text, of: criterion, row: row, diagnostics: &diagnostics) {
                values[criterion.key] = value
            }
        }
        let note = context.note(cells[noteColumn], row: row, diagnostics: &diagnostics)
        guard diagnostics.totalProblems == before, case .commune(let commune)? = unit, let asOf else { return nil }
        return ReadinessRow(row: row, commune: commune, asOf: asOf, values: distinctValues.shared(values), note: note)
    }

    /// The value of one criterion cell, or nil when unknown (with a warning) or wrong (with a problem).
    private func value(
        _ text: String, of criterion: ReadinessCriterion, row: Int, diagnostics: inout UploadDiagnostics
    ) -> CriterionValue? {
        let column = criterion.key.rawValue
        switch criterion.kind {
        case .boolean:
            switch CellParser.boolean(text) {
            case .value(let flag): return .boolean(flag)
            case .unknown: diagnostics.warn(.criterionUnknown(row: row, column: column, value: text))
            case .invalid: diagnostics.fail(.invalidBoolean(row: row, column: column, value: text))
            }
        case .ratio:
            if CellParser.isUnknown(text) {
                diagnostics.warn(.criterionUnknown(row: row, column: column, value: text))
            } else if let number = CellParser.decimal(text) {
                let share = number.percent ? number.value / 100 : number.value
                if let value = try? CriterionValue.ratio(share) { return value }
                diagnostics.fail(
                    .outOfRange(
                        row: row, column: column, value: text, vi: "tỷ lệ từ 0 đến 1 (hoặc 0% đến 100%)",
                        en: "a share from 0 to 1 (or 0% to 100%)"))
            } else {
                diagnostics.fail(.invalidNumber(row: row, column: column, value: text, integer: false))
            }
        case .count:
            if CellParser.isUnknown(text) {
                diagnostics.warn(.criterionUnknown(row: row, column: column, value: text))
            } else if let number = CellParser.integer(text) {
                if let value = try? CriterionValue.count(number) { return value }
                diagnostics.fail(
                    .outOfRange(row: row, column: column, value: text, vi: "số lượng không âm", en: "a count of 0 or more"))
            } else {
                diagnostics.fail(.invalidNumber(row: row, column: column, value: text, integer: true))
            }
        }
        return nil
    }

    func unit(of row: ReadinessRow) -> AnyUnitCode { .commune(row.commune) }

    let duplicateKey = DuplicateRowKey.of(.readiness)

    func wrap(_ rows: [ReadinessRow]) -> UploadRows { .readiness(rows) }
}
