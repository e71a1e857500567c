public import Foundation

/// API tokens: issued once (only a hash is kept), looked up by their secret, listed and revoked; and the
/// dashboard's sessions opened with them.
public protocol AccountStore: Sendable {
    /// Creates a token for `principal`; the returned secret is shown once and never stored.
    func issue(name: String, principal: Principal, createdBy: String) async throws -> IssuedToken
    /// The live (not revoked) account whose token is `secret`, or nil.
    func account(forSecret secret: String) async throws -> Account?
    /// Every account, newest first, revoked ones included.
    func accounts() async throws -> [Account]
    /// Revokes a token (and so every session opened with it); false when no live token has that id.
    func revoke(id: UUID, by: String) async throws -> Bool

    /// Opens a dashboard session for `account` that lasts `lifetime` seconds unless ended sooner. The returned
    /// secret goes in the browser's cookie; only its hash is kept, and it is not the account's token.
    func openSession(for account: Account, lifetime: TimeInterval) async throws -> String
    /// The account of a session that is open, not expired, and whose token is not revoked; nil otherwise.
    func account(forSession secret: String) async throws -> Account?
    /// Ends a session (logout); false when no open session has that secret.
    @discardableResult
    func endSession(_ secret: String) async throws -> Bool
}

/// A token's owner: who it is for and what it may do.
public struct Account: Hashable, Sendable {
    public var id: UUID
    public var name: String
    public var principal: Principal
    /// The first characters of the secret, to recognise a token in lists without revealing it.
    public var prefix: String
    public var createdAt: Date
    public var createdBy: String
    public var revokedAt: Date?

    public init(id: UUID, name: String, principal: Principal, prefix: String, createdAt: Date, createdBy: String, revokedAt: Date?) {
        self.id = id
        self.name = name
        self.principal = principal
        self.prefix = prefix
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.revokedAt = revokedAt
    }

    /// "name (role:unit)", as the audit log names an actor.
    public var actorDescription: String { "\(name) (\(principal))" }
}

/// A newly created token: the account and the secret, which exists only in this value.
public struct IssuedToken: Sendable {
    public var account: Account
    public var secret: String

    public init(account: Account, secret: String) {
        self.account = account
        self.secret = secret
    }
}
