public import Foundation

/// The append-only record of every write: who, when, what, from where.
public protocol AuditLog: Sendable {
    /// Appends one entry (its time is the store's clock).
    func record(_ event: AuditEvent) async throws
    /// Entries, newest first, at most `limit`, older than `before` when given.
    func entries(limit: Int, before: Date?) async throws -> [AuditEntry]
    /// True when any entry records `action` (e.g. whether demo data was ever loaded).
    func contains(action: String) async throws -> Bool
}

/// What happened, before it is stored.
public struct AuditEvent: Hashable, Sendable {
    public var accountID: UUID?
    /// The acting person or process, e.g. "Sở KH&CN Hà Nội (province:01)" or "operator (kh02 token create)".
    public var actor: String
    /// A dotted verb, e.g. "token.create", "upload.readiness".
    public var action: String
    public var target: String?
    /// Small JSON-compatible details (ids, counts).
    public var detail: [String: String]
    public var remoteAddress: String?

    public init(accountID: UUID? = nil, actor: String, action: String, target: String? = nil, detail: [String: String] = [:], remoteAddress: String? = nil) {
        self.accountID = accountID
        self.actor = actor
        self.action = action
        self.target = target
        self.detail = detail
        self.remoteAddress = remoteAddress
    }
}

/// A stored audit entry.
public struct AuditEntry: Hashable, Sendable {
    public var id: Int64
    public var at: Date
    public var event: AuditEvent

    public init(id: Int64, at: Date, event: AuditEvent) {
        self.id = id
        self.at = at
        self.event = event
    }
}
