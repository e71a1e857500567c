import Foundation
public import KH02Core
import Logging
public import PostgresNIO

/// `BoundaryStore` over `province_boundaries` and `commune_boundaries` (geometry JSON loaded with the reference units).
public struct PostgresBoundaryStore: BoundaryStore {
    let client: LeasingClient
    let logger: Logger

    /// `leaseTimeout`: how long a request waits for a pooled connection before `StoreBusy`.
    public init(client: PostgresClient, logger: Logger, leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout) {
        self.client = LeasingClient(client, leaseTimeout: leaseTimeout)
        self.logger = logger
    }

    public func provinceGeometries() async throws -> [ProvinceCode: String] {
        let rows = try await client.query("SELECT code, geometry::text FROM province_boundaries", logger: logger)
        var result: [ProvinceCode: String] = [:]
        for try await (code, geometry) in rows.decode((String, String).self) {
            if let code = ProvinceCode(rawValue: code) { result[code] = geometry }
        }
        return result
    }

    public func communeGeometries(_ codes: [CommuneCode]) async throws -> [CommuneCode: String] {
        let rows = try await client.query(
            "SELECT code, geometry::text FROM commune_boundaries WHERE code = ANY(\(codes.map(\.rawValue))::text[])", logger: logger)
        var result: [CommuneCode: String] = [:]
        for try await (code, geometry) in rows.decode((String, String).self) {
            if let code = CommuneCode(rawValue: code) { result[code] = geometry }
        }
        return result
    }
}
