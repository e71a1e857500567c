import Foundation

/// Every known version of every unit (provinces, communes, agencies) with its validity period. Units that change
/// keep their old versions, so a commune's province is resolved as of the day being scored.
public struct UnitDirectory: Hashable, Sendable {
    public var provinces: [Province]
    public var communes: [Commune]
    public var agencies: [Agency]

    public init(provinces: [Province], communes: [Commune], agencies: [Agency]) {
        self.provinces = provinces
        self.communes = communes
        self.agencies = agencies
    }

    /// The units valid on the Vietnam day of `instant`.
    public func snapshot(at instant: Date) -> UnitSnapshot {
        snapshot(on: CivilDate(vietnamDayOf: instant))
    }

    /// The units valid on `day`: per code, the version whose validity contains the day (the latest-starting one
    /// if versions overlap), sorted by code.
    public func snapshot(on day: CivilDate) -> UnitSnapshot {
        UnitSnapshot(
            day: day,
            provinces: UnitDirectory.pick(provinces, on: day, code: \.code, validity: \.validity),
            communes: UnitDirectory.pick(communes, on: day, code: \.code, validity: \.validity),
            agencies: UnitDirectory.pick(agencies, on: day, code: \.code, validity: \.validity))
    }

    private static func pick<Unit, Code: Comparable & Hashable>(
        _ units: [Unit], on day: CivilDate, code: (Unit) -> Code, validity: (Unit) -> ValidityPeriod
    ) -> [Unit] {
        var chosen: [Code: Unit] = [:]
        chosen.reserveCapacity(units.count)
        for unit in units where validity(unit).contains(day) {
            let key = code(unit)
            if let existing = chosen[key], validity(existing).from >= validity(unit).from { continue }
            chosen[key] = unit
        }
        return chosen.values.sorted { code($0) < code($1) }
    }
}
