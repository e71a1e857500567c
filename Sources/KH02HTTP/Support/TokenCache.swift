import Foundation
import KH02Core
import Synchronization

/// Remembers for a few seconds which account a token belongs to, so a hot read costs no database lookup for
/// authentication (and, on a hit, no suspension). Only found tokens are remembered (a new token works at once);
/// a revoked token stops working within `lifetime` on every instance.
final class TokenCache: Sendable {
    private struct Entry {
        let account: Account
        let expires: Date
    }

    private let accounts: any AccountStore
    private let lifetime: TimeInterval
    private let entries = Mutex<[String: Entry]>([:])

    init(accounts: any AccountStore, lifetime: TimeInterval = 5) {
        self.accounts = accounts
        self.lifetime = lifetime
    }

    /// The live account of `secret`, from memory when looked up less than `lifetime` ago.
    func account(forSecret secret: String) async throws -> Account? {
        // Wall-clock time on purpose: this is an operational expiry, not the domain's (injectable) clock.
        let now = Date()
        let remembered = entries.withLock { entries -> Account? in
            guard let entry = entries[secret], entry.expires > now else { return nil }
            return entry.account
        }
        if let remembered { return remembered }
        let account = try await accounts.account(forSecret: secret)
        entries.withLock { entries in
            guard let account else {
                entries[secret] = nil
                return
            }
            if entries.count > 10_000 { entries = entries.filter { $0.value.expires > now } }
            entries[secret] = Entry(account: account, expires: now.addingTimeInterval(lifetime))
        }
        return account
    }
}
