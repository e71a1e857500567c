import Foundation
import KH02Core
import Synchronization

/// Remembers for a few seconds which account a token or dashboard session belongs to, so a hot read costs no
/// database lookup for authentication (and, on a hit, no suspension). Only found credentials are remembered (a new
/// token works at once). A logout on this instance is forgotten at once; a token revoked with `kh02 token revoke`,
/// or a session ended through another instance, stops working within `lifetime` (5 s) on every instance.
final class TokenCache: Sendable {
    /// What the client presented: a bearer token, or the secret of a session cookie.
    enum Credential: Hashable, Sendable {
        case token(String)
        case session(String)
    }

    private struct Entry {
        let account: Account
        let expires: Date
    }

    let accounts: any AccountStore
    private let lifetime: TimeInterval
    private let entries = Mutex<[Credential: Entry]>([:])

    init(accounts: any AccountStore, lifetime: TimeInterval = 5) {
        self.accounts = accounts
        self.lifetime = lifetime
    }

    /// The live account of `credential`, from memory when looked up less than `lifetime` ago.
    func account(for credential: Credential) async throws -> Account? {
        // Wall-clock time on purpose: this is an operational expiry, not the domain's (injectable) clock.
        let now = Date()
        let remembered = entries.withLock { entries -> Account? in
            guard let entry = entries[credential], entry.expires > now else { return nil }
            return entry.account
        }
        if let remembered { return remembered }
        let account: Account? =
            switch credential {
            case .token(let secret): try await accounts.account(forSecret: secret)
            case .session(let secret): try await accounts.account(forSession: secret)
            }
        entries.withLock { entries in
            guard let account else {
                entries[credential] = nil
                return
            }
            if entries.count > 10_000 { entries = entries.filter { $0.value.expires > now } }
            entries[credential] = Entry(account: account, expires: now.addingTimeInterval(lifetime))
        }
        return account
    }

    /// Drops what is remembered of `credential` (a logout takes effect at once on this instance).
    func forget(_ credential: Credential) {
        _ = entries.withLock { $0.removeValue(forKey: credential) }
    }
}
