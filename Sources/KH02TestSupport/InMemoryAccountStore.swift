public import Foundation
public import KH02Core

/// `AccountStore` in memory, for HTTP tests. Secrets are kept as given (no hashing): test data only.
public actor InMemoryAccountStore: AccountStore {
    private var entries: [(secret: String, account: Account)] = []
    private var sessions: [String: (accountID: UUID, expires: Date)] = [:]

    public init() {}

    /// Adds an account with a known secret, for tests that need a token up front.
    @discardableResult
    public func add(secret: String, name: String, principal: Principal) -> Account {
        let account = Account(
            id: UUID(), name: name, principal: principal, prefix: String(secret.prefix(10)), createdAt: Date(), createdBy: "test", revokedAt: nil)
        entries.append((secret, account))
        return account
    }

    public func issue(name: String, principal: Principal, createdBy: String) async throws -> IssuedToken {
        let secret = "kh02_test_" + UUID().uuidString
        return IssuedToken(account: add(secret: secret, name: name, principal: principal), secret: secret)
    }

    public func account(forSecret secret: String) async throws -> Account? {
        entries.first { $0.secret == secret && $0.account.revokedAt == nil }?.account
    }

    public func accounts() async throws -> [Account] { entries.map(\.account).reversed() }

    public func revoke(id: UUID, by: String) async throws -> Bool {
        guard let index = entries.firstIndex(where: { $0.account.id == id && $0.account.revokedAt == nil }) else { return false }
        entries[index].account.revokedAt = Date()
        return true
    }

    public func openSession(for account: Account, lifetime: TimeInterval) async throws -> String {
        let secret = "kh02s_test_" + UUID().uuidString
        sessions[secret] = (account.id, Date().addingTimeInterval(lifetime))
        return secret
    }

    public func account(forSession secret: String) async throws -> Account? {
        guard let session = sessions[secret], session.expires > Date() else { return nil }
        return entries.first { $0.account.id == session.accountID && $0.account.revokedAt == nil }?.account
    }

    @discardableResult
    public func endSession(_ secret: String) async throws -> Bool {
        sessions.removeValue(forKey: secret) != nil
    }
}
