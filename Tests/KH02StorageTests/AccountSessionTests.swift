import Foundation
import KH02Core
import KH02Storage
import KH02PostgresTestSupport
import KH02TestSupport
import PostgresNIO
import Testing

@Suite("Dashboard sessions in PostgreSQL")
struct AccountSessionTests {
    @Test("a session belongs to its token's account until it is ended, expires, or the token is revoked; only its hash is kept")
    func sessionLifecycle() async throws {
        try await TestDatabase.withDatabase { client in
            let store = PostgresAccountStore(client: client, logger: TestLogger.quiet)
            let issued = try await store.issue(name: "Sở KH&CN Hà Nội", principal: .province(ProvinceCode(rawValue: "01")!), createdBy: "test")

            let secret = try await store.openSession(for: issued.account, lifetime: 3600)
            #expect(secret.hasPrefix("kh02s_") && secret != issued.secret)
            #expect(try await store.account(forSession: secret)?.id == issued.account.id)
            #expect(try await store.account(forSecret: secret) == nil, "a session secret is no token")
            #expect(try await store.account(forSession: issued.secret) == nil, "a token is no session")
            var stored = 0
            for try await count in try await client.query(
                "SELECT count(*)::int FROM sessions WHERE secret_hash <> \(secret) AND length(secret_hash) = 64", logger: TestLogger.quiet
            ).decode(Int.self) { stored = count }
            #expect(stored == 1, "the secret itself is not stored, its SHA-256 is")

            #expect(try await store.endSession(secret))
            #expect(try await store.endSession(secret) == false, "ended once")
            #expect(try await store.account(forSession: secret) == nil)

            // Expiry without waiting: the session is moved into the past.
            let expiring = try await store.openSession(for: issued.account, lifetime: 3600)
            #expect(try await store.account(forSession: expiring) != nil)
            try await client.query(
                "UPDATE sessions SET created_at = now() - interval '13 hours', expires_at = now() - interval '1 hour' WHERE ended_at IS NULL",
                logger: TestLogger.quiet)
            #expect(try await store.account(forSession: expiring) == nil, "expired")

            let open = try await store.openSession(for: issued.account, lifetime: 3600)
            #expect(try await store.revoke(id: issued.account.id, by: "test"))
            #expect(try await store.account(forSession: open) == nil, "revoking the token ends its sessions")
        }
    }
}
