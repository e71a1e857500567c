/// The units valid on one day, sorted by code, with the commune → province membership of that day.
public struct UnitSnapshot: Hashable, Sendable {
    public let day: CivilDate
    public let provinces: [Province]
    public let communes: [Commune]
    public let agencies: [Agency]
    /// Indices into `communes` per province code, in code order.
    private let communeIndicesByProvince: [ProvinceCode: [Int]]
    private let communeIndex: [CommuneCode: Int]

    /// Builds the snapshot from already-chosen units (each code once).
    public init(day: CivilDate, provinces: [Province], communes: [Commune], agencies: [Agency]) {
        self.day = day
        self.provinces = provinces
        self.communes = communes
        self.agencies = agencies
        var byProvince: [ProvinceCode: [Int]] = [:]
        var index: [CommuneCode: Int] = [:]
        index.reserveCapacity(communes.count)
        for (i, commune) in communes.enumerated() {
            byProvince[commune.provinceCode, default: []].append(i)
            index[commune.code] = i
        }
        self.communeIndicesByProvince = byProvince
        self.communeIndex = index
    }

    /// The communes of `province` on this day.
    public func communes(in province: ProvinceCode) -> [Commune] {
        (communeIndicesByProvince[province] ?? []).map { communes[$0] }
    }

    /// The province `commune` belongs to on this day, or nil when the commune is not valid then.
    public func province(of commune: CommuneCode) -> ProvinceCode? {
        communeIndex[commune].map { communes[$0].provinceCode }
    }

    /// The position of `commune` in `communes`, or nil.
    public func index(of commune: CommuneCode) -> Int? { communeIndex[commune] }
}
