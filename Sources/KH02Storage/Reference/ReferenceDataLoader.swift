import KH02Core
import Logging
public import PostgresNIO

/// Writes a `ReferenceDataset` into the reference tables in one transaction, set-based, and only when its
/// checksum differs from the one loaded before. Unit versions are replaced wholesale (they are derived from the
/// shipped files); agencies are only added, never overwritten, since administrators may edit them.
public struct ReferenceDataLoader: Sendable {
    static let dataset = "reference_units"

    public init() {}

    /// Loads when needed; returns true when it wrote anything.
    @discardableResult
    public func load(_ data: ReferenceDataset, client: PostgresClient, logger: Logger) async throws -> Bool {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Int64(0x4B48_3032_5245_4600)))", logger: logger)
            let rows = try await connection.query(
                "SELECT checksum FROM reference_data_loads WHERE dataset = \(Self.dataset)", logger: logger)
            for try await checksum in rows.decode(String.self) where checksum == data.checksum {
                return false
            }
            try await write(data, connection: connection, logger: logger)
            let total = data.provinces.count + data.communes.count
            try await connection.query(
                """
                INSERT INTO reference_data_loads (dataset, checksum, row_count) VALUES (\(Self.dataset), \(data.checksum), \(total))
                ON CONFLICT (dataset) DO UPDATE SET checksum = EXCLUDED.checksum, row_count = EXCLUDED.row_count, loaded_at = now()
                """, logger: logger)
            logger.info(
                "loaded reference units",
                metadata: ["provinces": "\(Set(data.provinces.map(\.unit.code)).count)", "communes": "\(Set(data.communes.map(\.unit.code)).count)"])
            return true
        }
    }

    private func write(_ data: ReferenceDataset, connection: PostgresConnection, logger: Logger) async throws {
        let p = data.provinces
        try await connection.query(
            "INSERT INTO provinces (code) SELECT unnest(\(p.map(\.unit.code.rawValue))::text[]) ON CONFLICT DO NOTHING",
            logger: logger)
        try await connection.query("DELETE FROM province_versions", logger: logger)
        try await connection.query(
            """
            INSERT INTO province_versions (code, valid_from, valid_until, name, name_en, kind, full_name, full_name_en, basis)
            SELECT code, valid_from::date, NULLIF(valid_until, '')::date, name, name_en, kind, full_name, full_name_en, basis
            FROM unnest(\(p.map(\.unit.code.rawValue))::text[], \(p.map(\.unit.validity.from.iso))::text[],
                        \(p.map { $0.unit.validity.until?.iso ?? "" })::text[], \(p.map(\.unit.name.vi))::text[],
                        \(p.map(\.unit.name.en))::text[], \(p.map(\.unit.kind.rawValue))::text[],
                        \(p.map(\.unit.fullName.vi))::text[], \(p.map(\.unit.fullName.en))::text[], \(p.map(\.basis))::text[])
                AS t(code, valid_from, valid_until, name, name_en, kind, full_name, full_name_en, basis)
            """, logger: logger)
        let c = data.communes
        try await connection.query(
            "INSERT INTO communes (code) SELECT unnest(\(c.map(\.unit.code.rawValue))::text[]) ON CONFLICT DO NOTHING",
            logger: logger)
        try await connection.query("DELETE FROM commune_versions", logger: logger)
        try await connection.query(
            """
            INSERT INTO commune_versions (code, valid_from, valid_until, province_code, name, name_en, kind, full_name, full_name_en, basis)
            SELECT code, valid_from::date, NULLIF(valid_until, '')::date, province_code, name, name_en, kind, full_name, full_name_en, basis
            FROM unnest(\(c.map(\.unit.code.rawValue))::text[], \(c.map(\.unit.validity.from.iso))::text[],
                        \(c.map { $0.unit.validity.until?.iso ?? "" })::text[], \(c.map(\.unit.provinceCode.rawValue))::text[],
                        \(c.map(\.unit.name.vi))::text[], \(c.map(\.unit.name.en))::text[], \(c.map(\.unit.kind.rawValue))::text[],
                        \(c.map(\.unit.fullName.vi))::text[], \(c.map(\.unit.fullName.en))::text[], \(c.map(\.basis))::text[])
                AS t(code, valid_from, valid_until, province_code, name, name_en, kind, full_name, full_name_en, basis)
            """, logger: logger)
        let a = data.agencies
        try await connection.query(
            """
            INSERT INTO agencies (code, name, name_en, valid_from)
            SELECT code, name, name_en, valid_from::date
            FROM unnest(\(a.map(\.code.rawValue))::text[], \(a.map(\.name.vi))::text[], \(a.map(\.name.en))::text[],
                        \(a.map(\.validity.from.iso))::text[]) AS t(code, name, name_en, valid_from)
            ON CONFLICT (code) DO NOTHING
            """, logger: logger)
        for (table, rows) in [("province_boundaries", data.provinceBoundaries), ("commune_boundaries", data.communeBoundaries)] {
            let codes = rows.map(\.code)
            let geometries = rows.map(\.geometry)
            let query: PostgresQuery =
                table == "province_boundaries"
                ? """
                INSERT INTO province_boundaries (code, geometry) SELECT code, geometry::json FROM unnest(\(codes)::text[], \(geometries)::text[]) AS t(code, geometry)
                ON CONFLICT (code) DO UPDATE SET geometry = EXCLUDED.geometry
                """
                : """
                INSERT INTO commune_boundaries (code, geometry) SELECT code, geometry::json FROM unnest(\(codes)::text[], \(geometries)::text[]) AS t(code, geometry)
                ON CONFLICT (code) DO UPDATE SET geometry = EXCLUDED.geometry
                """
            try await connection.query(query, logger: logger)
        }
    }
}
