import Foundation
import KH02Core
import Testing

@Suite("Unit codes and civil dates")
struct UnitCodeTests {
    @Test("codes are digit strings of fixed length with leading zeros kept")
    func codes() {
        #expect(ProvinceCode(rawValue: "01")?.rawValue == "01")
        #expect(ProvinceCode(rawValue: "1") == nil)
        #expect(ProvinceCode(rawValue: "001") == nil)
        #expect(ProvinceCode(rawValue: "٠١") == nil, "non-ASCII digits are not digits here")
        #expect(CommuneCode(rawValue: "00004")?.rawValue == "00004")
        #expect(CommuneCode(rawValue: "4") == nil)
        #expect(AgencyCode(rawValue: "BKHCN") != nil)
        #expect(AgencyCode(rawValue: "bca") == nil)
        #expect(AnyUnitCode("01")?.kind == .province)
        #expect(AnyUnitCode("00004")?.kind == .commune)
        #expect(AnyUnitCode("VPCP")?.kind == .agency)
        #expect(AnyUnitCode("12-34") == nil)
    }

    @Test("codes decode from JSON strings and reject bad ones")
    func codable() throws {
        let codes = try JSONDecoder().decode([CommuneCode].self, from: Data(#"["00004","25270"]"#.utf8))
        #expect(codes.map(\.rawValue) == ["00004", "25270"])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CommuneCode].self, from: Data(#"["4"]"#.utf8)) }
    }

    @Test("civil dates parse ISO, print dd/mm/yyyy, and count days across leap years")
    func dates() throws {
        let day = try #require(CivilDate(iso: "2025-07-01"))
        #expect(day.vietnamese == "01/07/2025")
        #expect(CivilDate(iso: "2025-02-29") == nil)
        #expect(CivilDate(iso: "2024-02-29") != nil)
        #expect(CivilDate(iso: "2025-7-1") == nil)
        #expect(day.adding(days: 184).iso == "2026-01-01")
        #expect(CivilDate(iso: "2024-02-28")!.days(until: CivilDate(iso: "2024-03-01")!) == 2)
        for offset in stride(from: -800_000, through: 800_000, by: 9_973) {
            #expect(CivilDate(daysSinceEpoch: offset).daysSinceEpoch == offset)
        }
    }

    @Test("the Vietnam day starts at 17:00 UTC the evening before")
    func vietnamDay() throws {
        let formatter = ISO8601DateFormatter()
        #expect(CivilDate(vietnamDayOf: formatter.date(from: "2025-08-14T16:59:59Z")!).iso == "2025-08-14")
        #expect(CivilDate(vietnamDayOf: formatter.date(from: "2025-08-14T17:00:00Z")!).iso == "2025-08-15")
        #expect(CivilDate(iso: "2025-08-15")!.vietnamMidnight == formatter.date(from: "2025-08-14T17:00:00Z"))
    }
}
