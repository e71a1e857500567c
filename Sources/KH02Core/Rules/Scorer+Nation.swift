extension Scorer {
    /// Commune coverage and criterion coverage of every province (by snapshot position).
    struct ProvinceCoverage {
        var coverage: [CommuneCoverage]
        var criteria: [[CriterionCoverage]]
    }

    func coverageByProvince(communes: [CommuneScore], communeProvince: [Int], provinces: Int) -> ProvinceCoverage {
        let criteriaCount = plan.readinessCriteria.count
        var colours = [ColourCounts](repeating: ColourCounts(), count: provinces)
        // met, unmet, unknown per province × criterion.
        var tallies = [Int](repeating: 0, count: provinces * criteriaCount * 3)
        for (i, commune) in communes.enumerated() {
            let p = communeProvince[i]
            guard p >= 0 else { continue }
            colours[p][commune.colour] += 1
            let base = p * criteriaCount * 3
            for (k, result) in commune.criteria.enumerated() {
                tallies[base + k * 3 + result.state.tallyOffset] += 1
            }
        }
        var coverage: [CommuneCoverage] = []
        var criteria: [[CriterionCoverage]] = []
        coverage.reserveCapacity(provinces)
        criteria.reserveCapacity(provinces)
        for p in 0..<provinces {
            let counts = colours[p]
            let total = counts.total
            let band = total > 0 ? plan.coverageBands.first { $0.admits(green: counts.green, total: total) }?.key : nil
            coverage.append(
                CommuneCoverage(
                    colours: counts, percent: total > 0 ? Double(counts.green) * 100 / Double(total) : nil, band: band))
            let base = p * criteriaCount * 3
            criteria.append(
                plan.readinessCriteria.enumerated().map { k, criterion in
                    CriterionCoverage(
                        key: criterion.key, met: tallies[base + k * 3], unmet: tallies[base + k * 3 + 1],
                        unknown: tallies[base + k * 3 + 2])
                })
        }
        return ProvinceCoverage(coverage: coverage, criteria: criteria)
    }

    func nationSummary(
        communes: [CommuneScore], provinces: [ProvinceScore], agencies: [AgencyScore], findings: Findings
    ) -> NationSummary {
        let readiness = ColourCounts(communes.lazy.map(\.colour))
        let criteriaCount = plan.readinessCriteria.count
        var tallies = [Int](repeating: 0, count: criteriaCount * 3)
        for commune in communes {
            for (k, result) in commune.criteria.enumerated() { tallies[k * 3 + result.state.tallyOffset] += 1 }
        }
        var perBand: [String: Int] = [:]
        var withoutCommunes = 0
        for province in provinces {
            if let band = province.coverage.band { perBand[band, default: 0] += 1 } else { withoutCommunes += 1 }
        }
        var byGroup: [TaskGroupCode: Int] = [:]
        var byOwner: [AnyUnitCode: Int] = [:]
        for finding in findings.overdue {
            byGroup[finding.state.group, default: 0] += 1
            byOwner[finding.owner, default: 0] += 1
        }
        return NationSummary(
            provinceTasks: ColourCounts(provinces.lazy.map(\.tasks.colour)),
            agencyTasks: ColourCounts(agencies.lazy.map(\.tasks.colour)), communeReadiness: readiness,
            communesGreenPercent: readiness.total > 0 ? Double(readiness.green) * 100 / Double(readiness.total) : nil,
            provincesPerBand: plan.coverageBands.map {
                BandCount(key: $0.key, name: $0.name, provinces: perBand[$0.key] ?? 0)
            },
            provincesWithoutCommunes: withoutCommunes,
            criterionCoverage: plan.readinessCriteria.enumerated().map { k, criterion in
                CriterionCoverage(
                    key: criterion.key, met: tallies[k * 3], unmet: tallies[k * 3 + 1], unknown: tallies[k * 3 + 2])
            },
            overdueByGroup: byGroup, overdueByOwner: byOwner, overdueTotal: findings.overdue.count,
            atRiskTotal: findings.atRisk.count, completedLateTotal: findings.late.count)
    }
}

extension CriterionResult.State {
    /// Position in a met / unmet / unknown tally.
    var tallyOffset: Int {
        switch self {
        case .met: 0
        case .unmet: 1
        case .unknown: 2
        }
    }
}
