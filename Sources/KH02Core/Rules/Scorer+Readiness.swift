import Foundation

extension Scorer {
    /// A commune's readiness result before it is joined with its task score.
    struct ReadinessOutcome {
        var colour: Colour
        var reasons: [Reason]
        var criteria: [CriterionResult]
        var unmetRequired: Int
        var reportId: String?
        var reportAsOf: Date?
    }

    /// Readiness of every commune of `units`, in the same order.
    func scoreCommunes(
        _ reports: [ReadinessReport], units: UnitSnapshot, asOf: Date, diagnostics: inout ScoringDiagnostics
    ) -> [ReadinessOutcome] {
        var latest = [Int](repeating: -1, count: units.communes.count)
        for (r, report) in reports.enumerated() {
            if report.asOf > asOf {
                diagnostics.futureFacts += 1
                continue
            }
            guard let c = units.index(of: report.commune) else {
                diagnostics.unknownUnitFacts += 1
                continue
            }
            let current = latest[c]
            if current < 0 || report.supersedes(reports[current]) { latest[c] = r }
        }
        let staleBefore = plan.reporting.readiness.staleBefore(asOf: asOf)
        // Built once: every commune without a report shares it.
        let stamp = ReasonText.timestamp(asOf)
        let never = noDataCommune(
            reason: Reason(
                rule: .neverReported,
                message: LocalizedText(
                    vi: "Chưa có báo cáo điều kiện cơ bản nào đến \(stamp.vi).",
                    en: "No readiness report up to \(stamp.en).")))
        return latest.map { r in
            r < 0 ? never : scoreCommune(report: reports[r], staleBefore: staleBefore, asOf: asOf)
        }
    }

    /// The readiness of one commune from its latest report.
    func scoreCommune(report: ReadinessReport, staleBefore: Date, asOf: Date) -> ReadinessOutcome {
        if report.asOf < staleBefore {
            let round = plan.reporting.readiness
            var outcome = noDataCommune(reason: Reason(
                rule: .staleReport,
                message: LocalizedText(
                    vi: "Báo cáo gần nhất (\(ReasonText.timestamp(report.asOf).vi)) đã quá \(round.staleAfterDays) ngày.",
                    en: "The latest report (\(ReasonText.timestamp(report.asOf).en)) is older than \(round.staleAfterDays) days."),
                values: ["report_age_days": ReasonText.days(from: report.asOf, to: asOf)],
                thresholds: ["stale_after_days": Double(round.staleAfterDays)],
                reportIds: [report.reportId]))
            outcome.reportId = report.reportId
            outcome.reportAsOf = report.asOf
            return outcome
        }

        var results: [CriterionResult] = []
        results.reserveCapacity(plan.readinessCriteria.count)
        var unmet: [Int] = []
        var unknown: [Int] = []
        for (i, criterion) in plan.readinessCriteria.enumerated() {
            let value = report.values[criterion.key]
            let state = criterion.evaluate(value)
            results.append(
                CriterionResult(
                    key: criterion.key, required: criterion.required, state: state, value: value,
                    threshold: criterion.threshold, reportId: report.reportId))
            guard criterion.required else { continue }
            switch state {
            case .met: break
            case .unmet: unmet.append(i)
            case .unknown: unknown.append(i)
            }
        }
        let failing = unmet.count + unknown.count
        let limit = plan.rules.communeReadiness.yellowMaxUnmet
        let colour: Colour = failing == 0 ? .green : (failing <= limit ? .yellow : .red)
        let reason = readinessReason(
            colour: colour, unmet: unmet, unknown: unknown, limit: limit, reportId: report.reportId)
        return ReadinessOutcome(
            colour: colour, reasons: [reason], criteria: results, unmetRequired: failing, reportId: report.reportId,
            reportAsOf: report.asOf)
    }

    private func noDataCommune(reason: Reason) -> ReadinessOutcome {
        ReadinessOutcome(
            colour: .noData, reasons: [reason], criteria: unknownCriteria, unmetRequired: requiredCriteria, reportId: nil,
            reportAsOf: nil)
    }

    private func readinessReason(colour: Colour, unmet: [Int], unknown: [Int], limit: Int, reportId: String)
        -> Reason
    {
        if colour == .green {
            var reason = readinessGreen
            reason.reportIds = [reportId]
            return reason
        }
        let required = requiredCriteria
        let values: [String: Double] = [
            "required": Double(required), "met": Double(required - unmet.count - unknown.count),
            "unmet": Double(unmet.count), "unknown": Double(unknown.count),
        ]
        let thresholds = ["yellow_max_unmet": Double(limit)]
        let failing = unmet.count + unknown.count
        let criteria = plan.readinessCriteria
        var vi = "Chưa đáp ứng \(failing)/\(required) điều kiện bắt buộc"
        var en = "\(failing) of \(required) required criteria not met"
        if !unmet.isEmpty {
            vi += ": " + unmet.map { criteria[$0].name.vi }.joined(separator: "; ")
            en += ": " + unmet.map { criteria[$0].name.en }.joined(separator: "; ")
        }
        if !unknown.isEmpty {
            vi += (unmet.isEmpty ? ": " : "; ") + "chưa có số liệu: "
                + unknown.map { criteria[$0].name.vi }.joined(separator: "; ")
            en += (unmet.isEmpty ? ": " : "; ") + "no data for: " + unknown.map { criteria[$0].name.en }.joined(separator: "; ")
        }
        if colour == .red {
            vi += " (đỏ khi quá \(limit) điều kiện)."
            en += " (red above \(limit))."
        } else {
            vi += " (vàng khi không quá \(limit) điều kiện)."
            en += " (yellow up to \(limit))."
        }
        return Reason(
            rule: colour == .red ? .readinessTooManyUnmet : .readinessFewUnmet,
            message: LocalizedText(vi: vi, en: en), values: values, thresholds: thresholds,
            criteria: (unmet + unknown).sorted().map { criteria[$0].key }, reportIds: [reportId])
    }
}

extension ReadinessCriterion {
    /// Met, unmet, or unknown when the value is missing or of another kind than the criterion.
    public func evaluate(_ value: CriterionValue?) -> CriterionResult.State {
        guard let value else { return .unknown }
        switch (kind, value.storage) {
        case (.boolean, .boolean(let b)):
            return b ? .met : .unmet
        case (.ratio, .ratio(let r)):
            return r >= (threshold ?? 1) ? .met : .unmet
        case (.count, .count(let c)):
            return Double(c) >= (threshold ?? 1) ? .met : .unmet
        default:
            return .unknown
        }
    }
}
