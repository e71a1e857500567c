public import KH02Core
import Logging
public import PostgresNIO

/// `UnitStore` over the reference tables; every query picks the versions valid on the day asked about.
public struct PostgresUnitStore: UnitStore {
    let client: LeasingClient
    let logger: Logger

    /// `leaseTimeout`: how long a request waits for a pooled connection before `StoreBusy`.
    public init(client: PostgresClient, logger: Logger, leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout) {
        self.client = LeasingClient(client, leaseTimeout: leaseTimeout)
        self.logger = logger
    }

    private typealias ProvinceRow = (String, String, String, String, String, String, String, String?)
    private typealias CommuneRow = (String, String, String, String, String, String, String, String, String?)

    public func provinces(on day: CivilDate) async throws -> [ProvinceSummary] {
        let rows = try await client.query(
            """
            SELECT v.code, v.name, v.name_en, v.kind, v.full_name, v.full_name_en, v.valid_from::text, v.valid_until::text,
                   (SELECT count(*) FROM commune_versions c
                     WHERE c.province_code = v.code AND c.valid_from <= \(day.iso)::date
                       AND (c.valid_until IS NULL OR c.valid_until > \(day.iso)::date))
            FROM province_versions v
            WHERE v.valid_from <= \(day.iso)::date AND (v.valid_until IS NULL OR v.valid_until > \(day.iso)::date)
            ORDER BY v.code
            """, logger: logger)
        var result: [ProvinceSummary] = []
        for try await (a, b, c, d, e, f, g, h, count) in rows.decode((String, String, String, String, String, String, String, String?, Int).self) {
            result.append(ProvinceSummary(province: try Self.province((a, b, c, d, e, f, g, h)), communeCount: count))
        }
        return result
    }

    public func province(_ code: ProvinceCode, on day: CivilDate) async throws -> Province? {
        let rows = try await client.query(
            """
            SELECT code, name, name_en, kind, full_name, full_name_en, valid_from::text, valid_until::text
            FROM province_versions
            WHERE code = \(code.rawValue) AND valid_from <= \(day.iso)::date AND (valid_until IS NULL OR valid_until > \(day.iso)::date)
            """, logger: logger)
        for try await row in rows.decode(ProvinceRow.self) { return try Self.province(row) }
        return nil
    }

    public func communes(of province: ProvinceCode, on day: CivilDate) async throws -> [Commune] {
        try await communes(
            """
            SELECT code, province_code, name, name_en, kind, full_name, full_name_en, valid_from::text, valid_until::text
            FROM commune_versions
            WHERE province_code = \(province.rawValue) AND valid_from <= \(day.iso)::date AND (valid_until IS NULL OR valid_until > \(day.iso)::date)
            ORDER BY code
            """)
    }

    public func commune(_ code: CommuneCode, on day: CivilDate) async throws -> Commune? {
        try await communes(
            """
            SELECT code, province_code, name, name_en, kind, full_name, full_name_en, valid_from::text, valid_until::text
            FROM commune_versions
            WHERE code = \(code.rawValue) AND valid_from <= \(day.iso)::date AND (valid_until IS NULL OR valid_until > \(day.iso)::date)
            """
        ).first
    }

    public func history(of code: CommuneCode) async throws -> [Commune] {
        try await communes(
            """
            SELECT code, province_code, name, name_en, kind, full_name, full_name_en, valid_from::text, valid_until::text
            FROM commune_versions WHERE code = \(code.rawValue) ORDER BY valid_from
            """)
    }

    public func agencies(on day: CivilDate) async throws -> [Agency] {
        try await agencies(
            """
            SELECT code, name, name_en, valid_from::text, valid_until::text FROM agencies
            WHERE valid_from <= \(day.iso)::date AND (valid_until IS NULL OR valid_until > \(day.iso)::date)
            ORDER BY code
            """)
    }

    private func agencies(_ query: PostgresQuery) async throws -> [Agency] {
        var result: [Agency] = []
        for try await (code, name, nameEn, from, until) in try await client.query(query, logger: logger)
            .decode((String, String, String, String, String?).self)
        {
            guard let code = AgencyCode(rawValue: code) else { throw StoredDataError("bad agency code \(code)") }
            result.append(Agency(code: code, name: LocalizedText(vi: name, en: nameEn), validity: try Self.validity(from, until)))
        }
        return result
    }

    public func directory() async throws -> UnitDirectory {
        var provinces: [Province] = []
        let rows = try await client.query(
            "SELECT code, name, name_en, kind, full_name, full_name_en, valid_from::text, valid_until::text FROM province_versions ORDER BY code, valid_from",
            logger: logger)
        for try await row in rows.decode(ProvinceRow.self) { provinces.append(try Self.province(row)) }
        let communes = try await communes(
            """
            SELECT code, province_code, name, name_en, kind, full_name, full_name_en, valid_from::text, valid_until::text
            FROM commune_versions ORDER BY code, valid_from
            """)
        let agencies = try await agencies("SELECT code, name, name_en, valid_from::text, valid_until::text FROM agencies ORDER BY code")
        return UnitDirectory(provinces: provinces, communes: communes, agencies: agencies)
    }

    private func communes(_ query: PostgresQuery) async throws -> [Commune] {
        var result: [Commune] = []
        for try await row in try await client.query(query, logger: logger).decode(CommuneRow.self) {
            let (code, province, name, nameEn, kind, fullName, fullNameEn, from, until) = row
            guard let code = CommuneCode(rawValue: code), let province = ProvinceCode(rawValue: province),
                let kind = Commune.Kind(rawValue: kind)
            else { throw StoredDataError("bad commune row \(code)") }
            result.append(
                Commune(
                    code: code, provinceCode: province, name: LocalizedText(vi: name, en: nameEn),
                    fullName: LocalizedText(vi: fullName, en: fullNameEn), kind: kind, validity: try Self.validity(from, until)))
        }
        return result
    }

    private static func province(_ row: ProvinceRow) throws -> Province {
        let (code, name, nameEn, kind, fullName, fullNameEn, from, until) = row
        guard let code = ProvinceCode(rawValue: code), let kind = Province.Kind(rawValue: kind) else {
            throw StoredDataError("bad province row \(code)")
        }
        return Province(
            code: code, name: LocalizedText(vi: name, en: nameEn), fullName: LocalizedText(vi: fullName, en: fullNameEn),
            kind: kind, validity: try validity(from, until))
    }

    private static func validity(_ from: String, _ until: String?) throws -> ValidityPeriod {
        guard let start = CivilDate(iso: from) else { throw StoredDataError("bad date \(from)") }
        return ValidityPeriod(from: start, until: until.flatMap { CivilDate(iso: $0) })
    }
}

/// A row in the database that breaks an invariant the schema should have kept.
public struct StoredDataError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
