import Foundation
import KH02Core
import KH02App

/// One day of `GET /history` for every unit at once: kept across requests (per instant and data version), so
/// that histories of different ranges and units share the scoring of each day. Communes are kept compact (a
/// national day is about 200 KB), the nation and provinces as their answer entries.
struct HistoryDay: Sendable {
    /// What a commune's entry needs.
    private struct CommuneDay: Sendable {
        let colour: Colour
        let unmetRequired: Int
        let reportAsOf: Date?
    }

    private let blank: HistoryDayDTO
    private let nation: HistoryDayDTO
    private let provinces: [ProvinceCode: HistoryDayDTO]
    private let communes: [CommuneCode: CommuneDay]

    init(day: CivilDate, scored: ScoredInstant) {
        let card = scored.card
        blank = HistoryDayDTO(day: day.iso, asOf: scored.asOf, planVersion: scored.plan.version)
        var nation = blank
        nation.communesGreen = card.nation.communesGreen
        nation.communesTotal = card.nation.communesTotal
        nation.greenPercent = card.nation.communesGreenPercent.map(roundedPercent)
        nation.provincesByTaskColour = card.nation.provinceTasks
        nation.overdueTasks = card.nation.overdueTotal
        self.nation = nation
        var provinces: [ProvinceCode: HistoryDayDTO] = [:]
        for score in card.provinces {
            var entry = blank
            entry.colour = score.tasks.colour.rawValue
            entry.communesGreen = score.coverage.green
            entry.communesTotal = score.coverage.total
            entry.greenPercent = score.coverage.percent.map(roundedPercent)
            entry.band = score.coverage.band
            entry.overdueTasks = score.tasks.tasks.filter { $0.condition == .overdue }.count
            provinces[score.code] = entry
        }
        self.provinces = provinces
        communes = Dictionary(
            card.communes.map { ($0.code, CommuneDay(colour: $0.colour, unmetRequired: $0.unmetRequired, reportAsOf: $0.reportAsOf)) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The entry of `unit` (nil: the nation); only the day, instant and plan version when the unit was not valid then.
    func figures(of unit: AnyUnitCode?) -> HistoryDayDTO {
        switch unit {
        case nil: return nation
        case .province(let code): return provinces[code] ?? blank
        case .commune(let code):
            guard let commune = communes[code] else { return blank }
            var entry = blank
            entry.colour = commune.colour.rawValue
            entry.unmetRequired = commune.unmetRequired
            entry.reportAsOf = commune.reportAsOf
            return entry
        case .agency: return blank
        }
    }
}
