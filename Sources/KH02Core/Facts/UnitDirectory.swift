public import Foundation

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
        // Work on indices: units are large structs and copying them while sorting dominated the cost.
        var chosen: [Int] = []
        chosen.reserveCapacity(units.count)
        var sorted = true
        for i in units.indices where validity(units[i]).contains(day) {
            if let last = chosen.last, code(units[last]) >= code(units[i]) { sorted = false }
            chosen.append(i)
        }
        if !sorted {
            // By code, then by start of validity, so the latest-starting version of a code comes last.
            chosen.sort {
                let (a, b) = (code(units[$0]), code(units[$1]))
                let (fa, fb) = (validity(units[$0]).from, validity(units[$1]).from)
                return a != b ? a < b : (fa != fb ? fa < fb : $0 < $1)
            }
            var unique: [Int] = []
            unique.reserveCapacity(chosen.count)
            for i in chosen {
                if let last = unique.last, code(units[last]) == code(units[i]) {
                    unique[unique.count - 1] = i
                } else {
                    unique.append(i)
                }
            }
            chosen = unique
        }
        return chosen.map { units[$0] }
    }
}
