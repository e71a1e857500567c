import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02TestSupport
import Testing

@testable import KH02HTTP

@Suite("The client's address behind trusted proxies")
struct ClientAddressTests {
    @Test("X-Forwarded-For is believed only from a trusted peer, walking back past trusted proxies; junk stops the walk")
    func walk() throws {
        let proxies = try TrustedProxies(list: "127.0.0.1, ::1,10.0.0.5")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: "203.0.113.9") == "203.0.113.9")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: "198.51.100.1, 203.0.113.9, 10.0.0.5") == "203.0.113.9",
                "the client is the last address no trusted proxy added; what it wrote itself before that is not believed")
        #expect(proxies.client(peer: "198.51.100.7", forwardedFor: "203.0.113.9") == "198.51.100.7", "an untrusted peer's header is ignored")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: nil) == "127.0.0.1")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: "evil, 203.0.113.9") == "203.0.113.9")
        #expect(proxies.client(peer: "127.0.0.1", forwardedFor: "203.0.113.9, not-an-address") == "127.0.0.1")
        #expect(proxies.client(peer: "::1", forwardedFor: "2001:db8::1") == "2001:db8::1")
        #expect(TrustedProxies.none.client(peer: "127.0.0.1", forwardedFor: "203.0.113.9") == "127.0.0.1")
        #expect(throws: TrustedProxies.InvalidAddress.self) { try TrustedProxies(list: "127.0.0.1, nginx.internal") }
        #expect(try TrustedProxies(list: " ") == .none)
    }

    /// Logs in over a real socket, sending `X-Forwarded-For`, and returns the address the audit log recorded.
    func recordedAddress(trusting proxies: TrustedProxies) async throws -> String? {
        let accounts = InMemoryAccountStore()
        await accounts.add(secret: "kh02_client_address_test_0123", name: "Trung ương", principal: .central)
        let audit = InMemoryAuditLog()
        var dependencies = APIDependencies(
            units: UnitFixtures.store, plans: InMemoryPlanStore(), accounts: accounts, reports: InMemoryReportStore(),
            audit: audit, probe: FixedReadinessProbe(ready: true), webDirectory: nil, now: { Date() })
        dependencies.trustedProxies = proxies
        try await Application(router: buildRouter(dependencies, logger: TestLogger.quiet)).test(.live) { client in
            let response = try await client.execute(
                uri: "/api/v1/session", method: .post,
                headers: [.init("X-KH02-CSRF")!: "1", .contentType: "application/json", .init("X-Forwarded-For")!: "203.0.113.9"],
                body: ByteBuffer(string: #"{"token":"kh02_client_address_test_0123"}"#))
            #expect(response.status == .ok)
        }
        return try await audit.entries(limit: 10, before: nil).first { $0.event.action == "session.create" }?.event.remoteAddress
    }

    @Test("the audit log records the forwarded client behind a trusted proxy, and the peer otherwise")
    func auditAddress() async throws {
        #expect(try await recordedAddress(trusting: TrustedProxies(list: "127.0.0.1, ::1")) == "203.0.113.9")
        let direct = try await recordedAddress(trusting: .none)
        #expect(direct == "127.0.0.1" || direct == "::1", "\(direct ?? "nil")")
    }
}
