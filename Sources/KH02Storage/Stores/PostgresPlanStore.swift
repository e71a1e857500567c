import Crypto
public import Foundation
public import KH02Core
import Logging
public import PostgresNIO

/// `PlanStore` over `plan_versions` (append-only: a trigger refuses updates and deletes).
public struct PostgresPlanStore: PlanStore {
    let client: LeasingClient
    let logger: Logger

    /// `leaseTimeout`: how long a request waits for a pooled connection before `StoreBusy`.
    public init(client: PostgresClient, logger: Logger, leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout) {
        self.client = LeasingClient(client, leaseTimeout: leaseTimeout)
        self.logger = logger
    }

    public func versions() async throws -> [StoredPlanSummary] {
        let rows = try await client.query(
            """
            SELECT plan_id, version, effective_from::text, title, checksum, imported_at, imported_by
            FROM plan_versions ORDER BY plan_id, version
            """, logger: logger)
        var result: [StoredPlanSummary] = []
        for try await row in rows.decode((String, Int, String, String, String, Date, String).self) {
            result.append(try Self.summary(row))
        }
        return result
    }

    public func plan(id: String, version: Int) async throws -> StoredPlan? {
        let rows = try await client.query(
            """
            SELECT plan_id, version, effective_from::text, title, checksum, imported_at, imported_by, document::text
            FROM plan_versions WHERE plan_id = \(id) AND version = \(version)
            """, logger: logger)
        for try await (a, b, c, d, e, f, g, document) in rows.decode((String, Int, String, String, String, Date, String, String).self) {
            let data = Data(document.utf8)
            return StoredPlan(summary: try Self.summary((a, b, c, d, e, f, g)), definition: try PlanDefinition.decode(json: data), document: data)
        }
        return nil
    }

    public func definitions() async throws -> [PlanDefinition] {
        let rows = try await client.query("SELECT document::text FROM plan_versions ORDER BY plan_id, version", logger: logger)
        var result: [PlanDefinition] = []
        for try await document in rows.decode(String.self) {
            result.append(try PlanDefinition.decode(json: Data(document.utf8)))
        }
        return result
    }

    public func importPlan(_ plan: PlanDefinition, document: Data, importedBy: String) async throws -> PlanImportOutcome {
        let checksum = Hex.lowercase(SHA256.hash(data: document))
        let text = String(decoding: document, as: UTF8.self)
        let rows = try await client.query(
            """
            INSERT INTO plan_versions (plan_id, version, effective_from, title, document, checksum, imported_by)
            VALUES (\(plan.id), \(plan.version), \(plan.effectiveFrom.iso)::date, \(plan.title.vi), \(text)::json, \(checksum), \(importedBy))
            ON CONFLICT (plan_id, version) DO NOTHING
            RETURNING imported_at
            """, logger: logger)
        for try await importedAt in rows.decode(Date.self) {
            logger.info("plan version imported", metadata: ["plan": "\(plan.id)", "version": "\(plan.version)", "by": "\(importedBy)"])
            return .stored(
                StoredPlanSummary(
                    id: plan.id, version: plan.version, effectiveFrom: plan.effectiveFrom, title: plan.title.vi, checksum: checksum,
                    importedAt: importedAt, importedBy: importedBy))
        }
        guard let existing = try await self.plan(id: plan.id, version: plan.version) else {
            throw StoredDataError("plan \(plan.id) v\(plan.version) neither inserted nor found")
        }
        guard existing.summary.checksum == checksum else { throw PlanStoreError.versionExists(id: plan.id, version: plan.version) }
        return .alreadyStored(existing.summary)
    }

    private static func summary(_ row: (String, Int, String, String, String, Date, String)) throws -> StoredPlanSummary {
        let (id, version, effective, title, checksum, importedAt, importedBy) = row
        guard let day = CivilDate(iso: effective) else { throw StoredDataError("bad effective_from \(effective)") }
        return StoredPlanSummary(
            id: id, version: version, effectiveFrom: day, title: title, checksum: checksum, importedAt: importedAt, importedBy: importedBy)
    }
}
