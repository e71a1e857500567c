public import Foundation

/// What-if analysis: score the same facts at the same instant under a candidate plan and under the current one,
/// and list what would change. Also compares any two scorecards (e.g. two instants, for time travel).
public enum WhatIf {
    /// Scores `facts` at `asOf` under `current` and under `candidate` and compares (before = current).
    public static func compare(
        current: PlanDefinition, candidate: PlanDefinition, facts: FactSet, directory: UnitDirectory, asOf: Date
    ) -> ScorecardComparison {
        let units = directory.snapshot(at: asOf)
        let before = Scorer(plan: current).score(facts, units: units, asOf: asOf)
        let after = Scorer(plan: candidate).score(facts, units: units, asOf: asOf)
        return compare(before: before, after: after)
    }

    /// The units whose colours or bands differ between `before` and `after`, with per-aspect colour counts.
    public static func compare(before: Scorecard, after: Scorecard) -> ScorecardComparison {
        var changes: [ColourChange] = []
        let aspectsBefore = colours(of: before)
        let aspectsAfter = colours(of: after)
        var countsBefore: [ScoreAspect: ColourCounts] = [:]
        var countsAfter: [ScoreAspect: ColourCounts] = [:]
        for aspect in ScoreAspect.allCases {
            let old = aspectsBefore[aspect] ?? [:]
            let new = aspectsAfter[aspect] ?? [:]
            countsBefore[aspect] = ColourCounts(old.values)
            countsAfter[aspect] = ColourCounts(new.values)
            let units = Set(old.keys).union(new.keys).sorted { $0.rawValue < $1.rawValue }
            for unit in units where old[unit] != new[unit] {
                changes.append(ColourChange(unit: unit, aspect: aspect, before: old[unit], after: new[unit]))
            }
        }
        var bandsBefore: [ProvinceCode: String] = [:]
        for province in before.provinces { bandsBefore[province.code] = province.coverage.band }
        var bandsAfter: [ProvinceCode: String] = [:]
        for province in after.provinces { bandsAfter[province.code] = province.coverage.band }
        let provinces = Set(before.provinces.map(\.code)).union(after.provinces.map(\.code)).sorted()
        let bandChanges = provinces.compactMap { code -> BandChange? in
            bandsBefore[code] == bandsAfter[code]
                ? nil : BandChange(province: code, before: bandsBefore[code], after: bandsAfter[code])
        }
        return ScorecardComparison(
            changes: changes, bandChanges: bandChanges, countsBefore: countsBefore, countsAfter: countsAfter,
            before: before, after: after)
    }

    private static func colours(of card: Scorecard) -> [ScoreAspect: [AnyUnitCode: Colour]] {
        var readiness: [AnyUnitCode: Colour] = [:]
        var communeTasks: [AnyUnitCode: Colour] = [:]
        readiness.reserveCapacity(card.communes.count)
        for commune in card.communes {
            readiness[.commune(commune.code)] = commune.colour
            if let tasks = commune.tasks { communeTasks[.commune(commune.code)] = tasks.colour }
        }
        var provinces: [AnyUnitCode: Colour] = [:]
        for province in card.provinces { provinces[.province(province.code)] = province.tasks.colour }
        var agencies: [AnyUnitCode: Colour] = [:]
        for agency in card.agencies { agencies[.agency(agency.code)] = agency.tasks.colour }
        return [
            .communeReadiness: readiness, .communeTasks: communeTasks, .provinceTasks: provinces,
            .agencyTasks: agencies,
        ]
    }
}
