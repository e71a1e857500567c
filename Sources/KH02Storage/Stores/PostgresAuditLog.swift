public import Foundation
public import KH02Core
import Logging
public import PostgresNIO

/// `AuditLog` over the append-only `audit_log` table.
public struct PostgresAuditLog: AuditLog {
    let client: LeasingClient
    let logger: Logger

    /// `leaseTimeout`: how long a request waits for a pooled connection before `StoreBusy`.
    public init(client: PostgresClient, logger: Logger, leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout) {
        self.client = LeasingClient(client, leaseTimeout: leaseTimeout)
        self.logger = logger
    }

    public func record(_ event: AuditEvent) async throws {
        try await client.query(Self.insert(event), logger: logger)
    }

    /// The INSERT for `event`, for callers that record it inside their own transaction.
    static func insert(_ event: AuditEvent) -> PostgresQuery {
        let detail = String(decoding: (try? JSONSerialization.data(withJSONObject: event.detail, options: [.sortedKeys])) ?? Data("{}".utf8), as: UTF8.self)
        return """
            INSERT INTO audit_log (token_id, actor, action, target, detail, remote_address)
            VALUES (\(event.accountID), \(event.actor), \(event.action), \(event.target), \(detail)::jsonb, \(event.remoteAddress))
            """
    }

    public func contains(action: String) async throws -> Bool {
        let rows = try await client.query("SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = \(action))", logger: logger)
        for try await found in rows.decode(Bool.self) { return found }
        return false
    }

    public func entries(limit: Int, before: Date?) async throws -> [AuditEntry] {
        let rows = try await client.query(
            """
            SELECT id, at, token_id, actor, action, target, detail::text, remote_address FROM audit_log
            WHERE \(before == nil) OR at < \(before ?? Date())
            ORDER BY at DESC, id DESC LIMIT \(max(1, min(limit, 1000)))
            """, logger: logger)
        var result: [AuditEntry] = []
        for try await (id, at, token, actor, action, target, detail, remote) in rows.decode((Int64, Date, UUID?, String, String, String?, String, String?).self) {
            let values = (try? JSONSerialization.jsonObject(with: Data(detail.utf8))) as? [String: Any] ?? [:]
            let event = AuditEvent(
                accountID: token, actor: actor, action: action, target: target,
                detail: values.mapValues { "\($0)" }, remoteAddress: remote)
            result.append(AuditEntry(id: id, at: at, event: event))
        }
        return result
    }
}
