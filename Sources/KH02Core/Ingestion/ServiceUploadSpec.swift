import Foundation

/// Monthly service-statistics uploads: one row per unit (province or commune) and month, mapped onto
/// `ServiceCounts` (received by channel, resolved on time and late, in progress, portal sync, fees, results).
struct ServiceUploadSpec: UploadSpec {
    /// The count columns, in template order; the first six are required.
    static let countColumns = [
        "received", "received_online", "resolved", "resolved_on_time", "overdue", "results_online",
        "received_in_person", "received_by_post", "carried_over", "in_progress", "synced_to_portal", "with_fee",
        "paid_online",
    ]
    private static let requiredCounts = 6

    let plan: PlanDefinition
    let columns: [UploadColumn]
    let asOfColumn = 3
    let needsAsOf = false
    private let noteColumn = 4
    private let firstCount = 5

    init(plan: PlanDefinition) {
        self.plan = plan
        columns =
            [
                UploadColumn("unit_code", .required), UploadColumn("unit_name", .helper), UploadColumn("period", .required),
                UploadColumn("as_of", .optional), UploadColumn("note", .optional, value: true),
            ]
            + ServiceUploadSpec.countColumns.enumerated().map {
                UploadColumn($0.element, $0.offset < ServiceUploadSpec.requiredCounts ? .required : .optional, value: true)
            }
    }

    var round: ReportingRound { plan.reporting.serviceStatistics }

    func read(_ cells: RowCells, row: Int, context: UploadContext, diagnostics: inout UploadDiagnostics) -> ServiceRow? {
        let before = diagnostics.totalProblems
        let unit = context.unit(
            CellParser.trim(cells[0] ?? ""), row: row, column: "unit_code", allowed: [.province, .commune],
            diagnostics: &diagnostics)
        let month = self.month(CellParser.trim(cells[2] ?? ""), row: row, context: context, diagnostics: &diagnostics)

        var counts = [Int](repeating: 0, count: ServiceUploadSpec.countColumns.count)
        for (offset, name) in ServiceUploadSpec.countColumns.enumerated() {
            let text = CellParser.trim(cells[firstCount + offset] ?? "")
            if text.isEmpty {
                if offset < ServiceUploadSpec.requiredCounts { diagnostics.fail(.missingValue(row: row, column: name)) }
            } else if let value = CellParser.integer(text) {
                if value < 0 {
                    diagnostics.fail(
                        .outOfRange(row: row, column: name, value: text, vi: "số lượng không âm", en: "a count of 0 or more"))
                }
                counts[offset] = value
            } else {
                diagnostics.fail(.invalidNumber(row: row, column: name, value: text, integer: true))
            }
        }
        let built = diagnostics.totalProblems == before ? self.counts(counts, cells: cells, row: row, diagnostics: &diagnostics) : nil

        var asOf: Date?
        let asOfText = CellParser.trim(cells[asOfColumn] ?? "")
        if !asOfText.isEmpty {
            asOf = context.instant(asOfText, row: row, column: "as_of", round: round, diagnostics: &diagnostics)
        } else if let fallback = context.defaultAsOf {
            asOf = fallback
        } else if let month {
            asOf = monthEnd(month, context: context)
        }
        let note = context.note(cells[noteColumn], row: row, diagnostics: &diagnostics)

        guard diagnostics.totalProblems == before, let unit, let month, let asOf, let built else { return nil }
        return ServiceRow(row: row, unit: unit, month: month, asOf: asOf, counts: built, note: note)
    }

    /// The month of the `period` cell, neither in the future nor before the plan's month.
    private func month(_ text: String, row: Int, context: UploadContext, diagnostics: inout UploadDiagnostics) -> ReportMonth? {
        guard !text.isEmpty else {
            diagnostics.fail(.missingValue(row: row, column: "period"))
            return nil
        }
        guard let month = TimeParser.month(text) else {
            diagnostics.fail(
                .invalidDate(
                    row: row, column: "period", value: text, vi: "dùng YYYY-MM hoặc MM/YYYY", en: "use YYYY-MM or MM/YYYY"))
            return nil
        }
        if month > ReportMonth(containing: context.today) {
            diagnostics.fail(.periodInFuture(row: row, column: "period", value: text, month: month))
            return nil
        }
        if month < ReportMonth(containing: plan.effectiveFrom) {
            diagnostics.fail(.periodBeforePlan(row: row, column: "period", value: text, plan: plan))
            return nil
        }
        return month
    }

    /// The counts from the cells (totals split into channels and outcomes), checked for consistency.
    private func counts(
        _ c: [Int], cells: RowCells, row: Int, diagnostics: inout UploadDiagnostics
    ) -> ServiceCounts? {
        let (received, online, resolved, onTime, overdue, results) = (c[0], c[1], c[2], c[3], c[4], c[5])
        let (post, carried, inProgress, synced, withFee, paid) = (c[7], c[8], c[9], c[10], c[11], c[12])
        let inPersonGiven = !CellParser.trim(cells[firstCount + 6] ?? "").isEmpty
        let before = diagnostics.totalProblems
        if online + post > received {
            diagnostics.fail(
                .countsInconsistent(
                    row: row, column: "received_online", value: String(online),
                    vi: "nhận trực tuyến (\(online)) + qua bưu chính (\(post)) lớn hơn tổng số nhận (\(received))",
                    en: "received online (\(online)) + by post (\(post)) exceed received (\(received))"))
        } else if inPersonGiven, c[6] != received - online - post {
            diagnostics.fail(
                .countsInconsistent(
                    row: row, column: "received_in_person", value: String(c[6]),
                    vi: "nhận trực tiếp phải bằng tổng số nhận − trực tuyến − bưu chính (\(received - online - post))",
                    en: "received in person must equal received − online − by post (\(received - online - post))"))
        }
        if onTime > resolved {
            diagnostics.fail(
                .countsInconsistent(
                    row: row, column: "resolved_on_time", value: String(onTime),
                    vi: "giải quyết đúng hạn (\(onTime)) lớn hơn tổng số đã giải quyết (\(resolved))",
                    en: "resolved on time (\(onTime)) exceed resolved (\(resolved))"))
        }
        if synced > received + carried {
            diagnostics.fail(
                .countsInconsistent(
                    row: row, column: "synced_to_portal", value: String(synced),
                    vi: "đồng bộ lên Cổng DVC quốc gia (\(synced)) lớn hơn số hồ sơ nhận mới và kỳ trước chuyển sang (\(received + carried))",
                    en: "synced to the national portal (\(synced)) exceed dossiers received and carried over (\(received + carried))"))
        }
        if results > resolved {
            diagnostics.fail(
                .countsInconsistent(
                    row: row, column: "results_online", value: String(results),
                    vi: "kết quả điện tử (\(results)) lớn hơn số hồ sơ đã giải quyết (\(resolved))",
                    en: "electronic results (\(results)) exceed dossiers resolved (\(resolved))"))
        }
        if paid > withFee {
            diagnostics.fail(
                .countsInconsistent(
                    row: row, column: "paid_online", value: String(paid),
                    vi: "thanh toán trực tuyến (\(paid)) lớn hơn số hồ sơ có phí (\(withFee))",
                    en: "paid online (\(paid)) exceed dossiers with a fee (\(withFee))"))
        }
        guard diagnostics.totalProblems == before else { return nil }
        return try? ServiceCounts(
            receivedOnline: online, receivedInPerson: received - online - post, receivedByPost: post,
            carriedOver: carried, resolvedOnTime: onTime, resolvedLate: resolved - onTime,
            pendingWithinDeadline: inProgress, pendingOverdue: overdue, syncedToPortal: synced, withFee: withFee,
            paidOnline: paid, electronicResults: results)
    }

    /// The default as-of of a month: the round's cut-off on its last day, or `now` while that is still ahead.
    private func monthEnd(_ month: ReportMonth, context: UploadContext) -> Date {
        let next = month.month == 12
            ? CivilDate(year: month.year + 1, month: 1, day: 1)! : CivilDate(year: month.year, month: month.month + 1, day: 1)!
        let cutoff = next.adding(days: -1).vietnamMidnight.addingTimeInterval(TimeInterval(round.cutoff.secondsSinceMidnight))
        return min(cutoff, context.now)
    }

    func unit(of row: ServiceRow) -> AnyUnitCode { row.unit }

    let duplicateKey = DuplicateRowKey.of(.services)

    func wrap(_ rows: [ServiceRow]) -> UploadRows { .services(rows) }
}
