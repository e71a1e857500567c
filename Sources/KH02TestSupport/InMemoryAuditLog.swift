public import Foundation
public import KH02Core

/// `AuditLog` in memory, for HTTP tests.
public actor InMemoryAuditLog: AuditLog {
    private var stored: [AuditEntry] = []

    public init() {}

    public func record(_ event: AuditEvent) async throws {
        stored.append(AuditEntry(id: Int64(stored.count + 1), at: Date(), event: event))
    }

    public func contains(action: String) async throws -> Bool {
        stored.contains { $0.event.action == action }
    }

    public func entries(limit: Int, before: Date?) async throws -> [AuditEntry] {
        Array(stored.reversed().filter { before == nil || $0.at < before! }.prefix(limit))
    }
}
