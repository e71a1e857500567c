import Foundation

extension Scorer {
    /// Service indicators of every province of `units`, in snapshot order.
    func scoreServices(
        _ reports: [ServiceStatistics], units: UnitSnapshot, provinceIndex: [ProvinceCode: Int], communeProvince: [Int],
        asOf: Date, diagnostics: inout ScoringDiagnostics
    ) -> [ServiceScore] {
        // Per unit only its latest month matters, and within that month its latest report.
        var provinceBest = [Int](repeating: -1, count: units.provinces.count)
        var communeBest = [Int](repeating: -1, count: units.communes.count)
        func better(_ r: Int, than current: Int) -> Bool {
            guard current >= 0 else { return true }
            let new = reports[r]
            let old = reports[current]
            return new.month != old.month ? new.month > old.month : new.supersedes(old)
        }
        for (r, report) in reports.enumerated() {
            if report.asOf > asOf {
                diagnostics.futureFacts += 1
                continue
            }
            switch report.unit {
            case .province(let code):
                guard let p = provinceIndex[code] else {
                    diagnostics.unknownUnitFacts += 1
                    continue
                }
                if better(r, than: provinceBest[p]) { provinceBest[p] = r }
            case .commune(let code):
                guard let c = units.index(of: code) else {
                    diagnostics.unknownUnitFacts += 1
                    continue
                }
                if better(r, than: communeBest[c]) { communeBest[c] = r }
            case .agency:
                diagnostics.unknownUnitFacts += 1
            }
        }
        var communesOf = [[Int]](repeating: [], count: units.provinces.count)
        for (c, p) in communeProvince.enumerated() where p >= 0 && communeBest[c] >= 0 {
            communesOf[p].append(c)
        }
        let staleBefore = plan.reporting.serviceStatistics.staleBefore(asOf: asOf)
        return (0..<units.provinces.count).map { p in
            var month = provinceBest[p] >= 0 ? reports[provinceBest[p]].month : nil
            for c in communesOf[p] {
                let m = reports[communeBest[c]].month
                if month == nil || m > month! { month = m }
            }
            guard let month else {
                return ServiceScore(
                    freshness: .never, month: nil, communesAggregated: nil, counts: nil,
                    indicators: indicators(nil), reportIds: [],
                    reasons: [
                        Reason(
                            rule: .neverReported,
                            message: LocalizedText(
                                vi: "Chưa có số liệu dịch vụ công đến \(ReasonText.timestamp(asOf).vi).",
                                en: "No public-service statistics up to \(ReasonText.timestamp(asOf).en)."))
                    ])
            }
            let used: [Int]
            let aggregated: Int?
            if provinceBest[p] >= 0, reports[provinceBest[p]].month == month {
                used = [provinceBest[p]]
                aggregated = nil
            } else {
                used = communesOf[p].map { communeBest[$0] }.filter { reports[$0].month == month }
                aggregated = used.count
            }
            let counts = used.reduce(ServiceCounts.zero) { $0 + reports[$1].counts }
            let ids = used.map { reports[$0].reportId }
            let newest = used.map { reports[$0].asOf }.max() ?? asOf
            var reasons: [Reason] = []
            if newest < staleBefore {
                let days = plan.reporting.serviceStatistics.staleAfterDays
                reasons.append(
                    Reason(
                        rule: .staleReport,
                        message: LocalizedText(
                            vi: "Số liệu dịch vụ công gần nhất (tháng \(month.month)/\(month.year), báo cáo lúc \(ReasonText.timestamp(newest).vi)) đã quá \(days) ngày.",
                            en: "The latest service statistics (\(month), reported \(ReasonText.timestamp(newest).en)) are older than \(days) days."),
                        values: ["report_age_days": ReasonText.days(from: newest, to: asOf)],
                        thresholds: ["stale_after_days": Double(days)], reportIds: ids))
            }
            return ServiceScore(
                freshness: reasons.isEmpty ? .fresh : .stale, month: month, communesAggregated: aggregated,
                counts: counts, indicators: indicators(counts), reportIds: ids, reasons: reasons)
        }
    }

    private func indicators(_ counts: ServiceCounts?) -> [IndicatorResult] {
        plan.serviceIndicators.map {
            IndicatorResult(key: $0.key, value: counts?.rate($0.key), target: $0.target)
        }
    }
}
