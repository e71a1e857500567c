import Crypto
public import Foundation
public import KH02Core
import Logging
public import PostgresNIO

/// `AccountStore` over `api_tokens`. Secrets are `kh02_` + 32 random bytes in base64url; only their SHA-256 is
/// stored, so a leaked database does not leak usable tokens.
public struct PostgresAccountStore: AccountStore {
    let client: LeasingClient
    let logger: Logger

    /// `leaseTimeout`: how long a request waits for a pooled connection before `StoreBusy`.
    public init(client: PostgresClient, logger: Logger, leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout) {
        self.client = LeasingClient(client, leaseTimeout: leaseTimeout)
        self.logger = logger
    }

    static func hash(_ secret: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(secret.utf8)))
    }

    static func newSecret(prefix: String = "kh02_") -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return prefix + base64
    }

    public func issue(name: String, principal: Principal, createdBy: String) async throws -> IssuedToken {
        let secret = Self.newSecret()
        let id = UUID()
        let prefix = String(secret.prefix(10))
        let rows = try await client.query(
            """
            INSERT INTO api_tokens (id, name, role, scope, token_hash, token_prefix, created_by)
            VALUES (\(id), \(name), \(principal.role.rawValue), \(principal.unit?.rawValue), \(Self.hash(secret)), \(prefix), \(createdBy))
            RETURNING created_at
            """, logger: logger)
        var createdAt = Date()
        for try await at in rows.decode(Date.self) { createdAt = at }
        try await PostgresAuditLog(client: client.base, logger: logger, leaseTimeout: client.leaseTimeout).record(
            AuditEvent(actor: createdBy, action: "token.create", target: id.uuidString, detail: ["name": name, "principal": "\(principal)"]))
        let account = Account(id: id, name: name, principal: principal, prefix: prefix, createdAt: createdAt, createdBy: createdBy, revokedAt: nil)
        return IssuedToken(account: account, secret: secret)
    }

    public func account(forSecret secret: String) async throws -> Account? {
        try await select(
            """
            SELECT id, name, role, scope, token_prefix, created_at, created_by, revoked_at FROM api_tokens
            WHERE token_hash = \(Self.hash(secret)) AND revoked_at IS NULL
            """
        ).first
    }

    public func openSession(for account: Account, lifetime: TimeInterval) async throws -> String {
        let secret = Self.newSecret(prefix: "kh02s_")
        try await client.query(
            """
            INSERT INTO sessions (secret_hash, token_id, expires_at)
            VALUES (\(Self.hash(secret)), \(account.id), now() + make_interval(secs => \(lifetime)))
            """, logger: logger)
        return secret
    }

    public func account(forSession secret: String) async throws -> Account? {
        try await select(
            """
            SELECT t.id, t.name, t.role, t.scope, t.token_prefix, t.created_at, t.created_by, t.revoked_at
            FROM sessions s JOIN api_tokens t ON t.id = s.token_id
            WHERE s.secret_hash = \(Self.hash(secret)) AND s.ended_at IS NULL AND s.expires_at > now() AND t.revoked_at IS NULL
            """
        ).first
    }

    @discardableResult
    public func endSession(_ secret: String) async throws -> Bool {
        let rows = try await client.query(
            "UPDATE sessions SET ended_at = now() WHERE secret_hash = \(Self.hash(secret)) AND ended_at IS NULL RETURNING token_id",
            logger: logger)
        for try await _ in rows.decode(UUID.self) { return true }
        return false
    }

    public func accounts() async throws -> [Account] {
        try await select(
            "SELECT id, name, role, scope, token_prefix, created_at, created_by, revoked_at FROM api_tokens ORDER BY created_at DESC, name")
    }

    public func revoke(id: UUID, by: String) async throws -> Bool {
        let rows = try await client.query(
            "UPDATE api_tokens SET revoked_at = now(), revoked_by = \(by) WHERE id = \(id) AND revoked_at IS NULL RETURNING name",
            logger: logger)
        for try await name in rows.decode(String.self) {
            try await PostgresAuditLog(client: client.base, logger: logger, leaseTimeout: client.leaseTimeout).record(
                AuditEvent(actor: by, action: "token.revoke", target: id.uuidString, detail: ["name": name]))
            return true
        }
        return false
    }

    private func select(_ query: PostgresQuery) async throws -> [Account] {
        var result: [Account] = []
        for try await (id, name, role, scope, prefix, createdAt, createdBy, revokedAt) in try await client.query(query, logger: logger)
            .decode((UUID, String, String, String?, String, Date, String, Date?).self)
        {
            guard let role = Role(rawValue: role), let principal = Principal(role: role, unit: scope.flatMap(AnyUnitCode.init)) else {
                throw StoredDataError("token \(id) has role \(role) and scope \(scope ?? "none")")
            }
            result.append(Account(id: id, name: name, principal: principal, prefix: prefix, createdAt: createdAt, createdBy: createdBy, revokedAt: revokedAt))
        }
        return result
    }
}
