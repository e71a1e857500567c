public import Foundation
public import KH02Core

/// One instant scored: the scorecard with the plan version, units and facts it was computed from, and lookups the
/// answers need (names by code).
public struct ScoredInstant: Sendable {
    public let card: Scorecard
    public let plan: PlanDefinition
    public let units: UnitSnapshot
    public let facts: FactSet
    public let version: DataVersion
    /// The newest `as_of` among the reports that count at this instant.
    public let latestReportAsOf: Date?
    private let provinceIndex: [ProvinceCode: Int]
    private let agencyIndex: [AgencyCode: Int]

    init(card: Scorecard, plan: PlanDefinition, units: UnitSnapshot, facts: FactSet, version: DataVersion) {
        self.card = card
        self.plan = plan
        self.units = units
        self.facts = facts
        self.version = version
        var latest: Date?
        for date in facts.readiness.lazy.map(\.asOf) where latest.map({ date > $0 }) ?? true { latest = date }
        for date in facts.taskStatuses.lazy.map(\.asOf) where latest.map({ date > $0 }) ?? true { latest = date }
        for date in facts.serviceStatistics.lazy.map(\.asOf) where latest.map({ date > $0 }) ?? true { latest = date }
        self.latestReportAsOf = latest
        self.provinceIndex = Dictionary(units.provinces.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.agencyIndex = Dictionary(units.agencies.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var asOf: Date { card.asOf }

    public func province(_ code: ProvinceCode) -> Province? { provinceIndex[code].map { units.provinces[$0] } }

    public func commune(_ code: CommuneCode) -> Commune? { units.index(of: code).map { units.communes[$0] } }

    /// A unit's name in Vietnamese and English, nil when the unit is not valid at this instant.
    public func name(of unit: AnyUnitCode) -> LocalizedText? {
        switch unit {
        case .province(let code): province(code)?.name
        case .commune(let code): commune(code)?.name
        case .agency(let code): agencyIndex[code].map { units.agencies[$0].name }
        }
    }

    public func criterion(_ key: CriterionKey) -> ReadinessCriterion? { plan.readinessCriteria.first { $0.key == key } }

    public func task(_ code: TaskCode) -> PlanTask? { plan.tasks.first { $0.code == code } }

    public func group(_ code: TaskGroupCode) -> TaskGroup? { plan.taskGroups.first { $0.code == code } }
}
