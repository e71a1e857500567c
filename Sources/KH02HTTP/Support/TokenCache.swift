import Foundation
import KH02Core

/// Remembers for a few seconds which account a token belongs to, so a hot read costs no database lookup for
/// authentication. Only found tokens are remembered (a new token works at once); a revoked token stops working
/// within `lifetime` on every instance.
actor TokenCache {
    private let accounts: any AccountStore
    private let lifetime: TimeInterval
    private var entries: [String: (account: Account, expires: Date)] = [:]

    init(accounts: any AccountStore, lifetime: TimeInterval = 5) {
        self.accounts = accounts
        self.lifetime = lifetime
    }

    /// The live account of `secret`, from memory when looked up less than `lifetime` ago.
    func account(forSecret secret: String) async throws -> Account? {
        // Wall-clock time on purpose: this is an operational expiry, not the domain's (injectable) clock.
        let now = Date()
        if let entry = entries[secret], entry.expires > now { return entry.account }
        guard let account = try await accounts.account(forSecret: secret) else {
            entries[secret] = nil
            return nil
        }
        if entries.count > 10_000 { entries = entries.filter { $0.value.expires > now } }
        entries[secret] = (account, now.addingTimeInterval(lifetime))
        return account
    }
}
