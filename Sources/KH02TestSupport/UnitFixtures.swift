public import KH02Core

/// Small hand-made unit sets for tests: two provinces, three communes, one commune that became a ward.
public enum UnitFixtures {
    public static let reform = CivilDate(year: 2025, month: 7, day: 1)!
    public static let wardDay = CivilDate(year: 2026, month: 4, day: 30)!

    public static func province(_ code: String, _ name: String, kind: Province.Kind = .province) -> Province {
        Province(
            code: ProvinceCode(rawValue: code)!, name: LocalizedText(vi: name, en: name),
            fullName: LocalizedText(vi: (kind == .municipality ? "Thành phố " : "Tỉnh ") + name, en: name),
            kind: kind, validity: ValidityPeriod(from: reform))
    }

    public static func commune(
        _ code: String, _ name: String, in province: String, kind: Commune.Kind = .commune, validity: ValidityPeriod? = nil
    ) -> Commune {
        Commune(
            code: CommuneCode(rawValue: code)!, provinceCode: ProvinceCode(rawValue: province)!,
            name: LocalizedText(vi: name, en: name), fullName: LocalizedText(vi: name, en: name), kind: kind,
            validity: validity ?? ValidityPeriod(from: reform))
    }

    /// Hà Nội (01) with Ba Đình; Đồng Nai (75) with Lộc Ninh (a xã until 30/04/2026, then a phường) and Tân Khai.
    public static var store: InMemoryUnitStore {
        InMemoryUnitStore(
            provinces: [province("01", "Hà Nội", kind: .municipality), province("75", "Đồng Nai")],
            communes: [
                commune("00004", "Ba Đình", in: "01", kind: .ward),
                commune("25270", "Lộc Ninh", in: "75", validity: ValidityPeriod(from: reform, until: wardDay)),
                commune("25270", "Lộc Ninh", in: "75", kind: .ward, validity: ValidityPeriod(from: wardDay)),
                commune("25357", "Tân Khai", in: "75"),
            ])
    }
}
