import KH02Core
import KH02Storage
import KH02PostgresTestSupport
import KH02TestSupport
import PostgresNIO
import Testing

@Suite("Reference units loaded into PostgreSQL")
struct ReferenceUnitsTests {
    static let reform = CivilDate(year: 2025, month: 7, day: 1)!
    static let later = CivilDate(year: 2026, month: 11, day: 26)!

    func count(_ client: PostgresClient, _ query: PostgresQuery) async throws -> Int {
        var result = -1
        for try await value in try await client.query(query, logger: TestLogger.quiet).decode(Int.self) { result = value }
        return result
    }

    @Test("34 provinces; 3,321 communes = 2,621 xã + 687 phường + 13 đặc khu on 01/07/2025")
    func countsAtReform() async throws {
        try await TestDatabase.withDatabase { client in
            let store = PostgresUnitStore(client: client, logger: TestLogger.quiet)
            let provinces = try await store.provinces(on: Self.reform)
            #expect(provinces.count == 34)
            #expect(provinces.filter { $0.province.kind == .municipality }.count == 6)
            #expect(provinces.map(\.communeCount).reduce(0, +) == 3_321)
            var kinds: [Commune.Kind: Int] = [:]
            for summary in provinces {
                for commune in try await store.communes(of: summary.province.code, on: Self.reform) { kinds[commune.kind, default: 0] += 1 }
            }
            #expect(kinds == [.commune: 2_621, .ward: 687, .specialZone: 13])
        }
    }

    @Test("after 30/04/2026 Đồng Nai is a municipality and ten of its xã are phường; totals stay 34 and 3,321")
    func countsAfterChanges() async throws {
        try await TestDatabase.withDatabase { client in
            let store = PostgresUnitStore(client: client, logger: TestLogger.quiet)
            let provinces = try await store.provinces(on: Self.later)
            #expect(provinces.count == 34)
            #expect(provinces.filter { $0.province.kind == .municipality }.count == 7)
            #expect(provinces.map(\.communeCount).reduce(0, +) == 3_321)
            #expect(try await count(client, "SELECT count(*) FROM commune_versions WHERE kind = 'ward' AND valid_until IS NULL") == 697)
            let history = try await store.history(of: CommuneCode(rawValue: "25270")!)
            #expect(history.map(\.kind) == [.commune, .ward])
            #expect(history[0].validity.until == CivilDate(year: 2026, month: 4, day: 30))
        }
    }

    @Test("codes keep their leading zeros and every commune's province exists")
    func integrity() async throws {
        try await TestDatabase.withDatabase { client in
            let store = PostgresUnitStore(client: client, logger: TestLogger.quiet)
            let baDinh = try #require(try await store.commune(CommuneCode(rawValue: "00004")!, on: Self.reform))
            #expect(baDinh.provinceCode.rawValue == "01")
            #expect(baDinh.name.vi == "Ba Đình")
            #expect(try await count(client, "SELECT count(*) FROM commune_versions c LEFT JOIN provinces p ON p.code = c.province_code WHERE p.code IS NULL") == 0)
            #expect(try await count(client, "SELECT count(*) FROM communes WHERE code !~ '^[0-9]{5}$'") == 0)
            #expect(try await store.commune(CommuneCode(rawValue: "06970")!, on: Self.reform)?.name.vi == "Ba Chẽ")
        }
    }

    @Test("boundaries for every unit, and the eight central agencies")
    func boundariesAndAgencies() async throws {
        try await TestDatabase.withDatabase { client in
            #expect(try await count(client, "SELECT count(*) FROM province_boundaries") == 34)
            #expect(try await count(client, "SELECT count(*) FROM commune_boundaries") == 3_321)
            #expect(try await count(client, "SELECT count(*) FROM province_boundaries WHERE geometry->>'type' <> 'MultiPolygon'") == 0)
            let agencies = try await PostgresUnitStore(client: client, logger: TestLogger.quiet).agencies(on: Self.reform)
            #expect(agencies.map(\.code.rawValue) == ["BCA", "BCY", "BKHCN", "BNV", "BTC", "BTP", "VPCP", "VPTW"])
        }
    }

    @Test("loading the same files again changes nothing; an agency an administrator renamed is kept")
    func reloadIsIdempotent() async throws {
        try await TestDatabase.withDatabase { client in
            let data = try ReferenceDataset.load(from: TestDatabase.sqlDirectory + "/reference")
            #expect(try await ReferenceDataLoader().load(data, client: client, logger: TestLogger.quiet) == false)
            try await client.query("UPDATE agencies SET name = 'Bộ Công an (sửa)' WHERE code = 'BCA'", logger: TestLogger.quiet)
            try await client.query("UPDATE reference_data_loads SET checksum = 'old'", logger: TestLogger.quiet)
            #expect(try await ReferenceDataLoader().load(data, client: client, logger: TestLogger.quiet) == true)
            #expect(try await count(client, "SELECT count(*) FROM agencies WHERE name = 'Bộ Công an (sửa)'") == 1)
            #expect(try await count(client, "SELECT count(*) FROM commune_versions") == 3_331)
        }
    }
}
