import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02App
import KH02HTTP
import KH02TestSupport
import NIOFoundationEssentialsCompat
import Testing

@Suite("Session cookie login, CSRF header and /info over in-memory stores")
struct SessionEndpointTests {
    static let secret = "kh02_session_test_secret_0123456789"

    func withApp(audit: InMemoryAuditLog = InMemoryAuditLog(), _ test: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let accounts = InMemoryAccountStore()
        await accounts.add(secret: Self.secret, name: "Sở KH&CN Hà Nội", principal: .province(ProvinceCode(rawValue: "01")!))
        let dependencies = APIDependencies(
            units: UnitFixtures.store, plans: InMemoryPlanStore(), accounts: accounts, reports: InMemoryReportStore(),
            audit: audit, probe: FixedReadinessProbe(ready: true), webDirectory: nil, now: { Date() })
        try await Application(router: buildRouter(dependencies, logger: TestLogger.quiet)).test(.router, test)
    }

    static func json(_ buffer: ByteBuffer) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: buffer))) as? [String: Any] ?? [:]
    }

    static func errorCode(_ buffer: ByteBuffer) -> String? {
        (json(buffer)["error"] as? [String: Any])?["code"] as? String
    }

    static let csrf: HTTPFields = [.init("X-KH02-CSRF")!: "1", .contentType: "application/json"]

    /// Logs in and returns the `Cookie` header the browser would send back.
    func sessionCookie(_ client: some TestClientProtocol) async throws -> HTTPFields {
        let setCookie = try #require(try await login(client).headers[.setCookie])
        return [.cookie: String(setCookie.prefix { $0 != ";" })]
    }

    func login(_ client: some TestClientProtocol, token: String = secret, headers: HTTPFields = csrf) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/session", method: .post, headers: headers, body: ByteBuffer(string: #"{"token":"\#(token)"}"#))
    }

    @Test("a good token logs in: the answer names the account and sets an HttpOnly, SameSite=Strict cookie; Secure behind HTTPS")
    func loginSetsCookie() async throws {
        let audit = InMemoryAuditLog()
        try await withApp(audit: audit) { client in
            let response = try await login(client)
            #expect(response.status == .ok)
            let body = Self.json(response.body)
            #expect(body["name"] as? String == "Sở KH&CN Hà Nội")
            #expect(body["role"] as? String == "province")
            #expect(body["scope"] as? String == "01")
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.hasPrefix("kh02_session=kh02s_"), "the cookie holds a session of its own")
            #expect(!cookie.contains(Self.secret), "the cookie is not the token")
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=43200"] { #expect(cookie.contains(attribute), "\(attribute)") }
            #expect(!cookie.contains("Secure"))

            var forwarded = Self.csrf
            forwarded[.init("X-Forwarded-Proto")!] = "https"
            #expect(try await login(client, headers: forwarded).headers[.setCookie]?.contains("Secure") == true)
        }
        #expect(try await audit.contains(action: "session.create"))
    }

    @Test("a wrong token, a missing CSRF header or a malformed body log nobody in and set no cookie")
    func loginRefused() async throws {
        try await withApp { client in
            let wrong = try await login(client, token: "kh02_not_a_real_token")
            #expect(wrong.status == .unauthorized)
            #expect(Self.errorCode(wrong.body) == "invalid_token")
            #expect(wrong.headers[.setCookie] == nil)

            let noHeader = try await login(client, headers: [.contentType: "application/json"])
            #expect(noHeader.status == .forbidden)
            #expect(Self.errorCode(noHeader.body) == "csrf")

            let junk = try await client.execute(uri: "/api/v1/session", method: .post, headers: Self.csrf, body: ByteBuffer(string: "token=x"))
            #expect(junk.status == .badRequest)
            let odd = try await login(client, token: "a b; c=d")
            #expect(odd.status == .unauthorized)
        }
    }

    @Test("the cookie authenticates reads like a bearer token; GET /session says who; without it 401")
    func cookieAuthenticates() async throws {
        try await withApp { client in
            let cookie = try await sessionCookie(client)
            let me = try await client.execute(uri: "/api/v1/session", method: .get, headers: cookie)
            #expect(me.status == .ok)
            #expect(Self.json(me.body)["role"] as? String == "province")
            let bearer = try await client.execute(uri: "/api/v1/session", method: .get, headers: [.authorization: "Bearer \(Self.secret)"])
            #expect(Self.json(bearer.body)["scope"] as? String == "01")
            #expect(try await client.execute(uri: "/api/v1/session", method: .get).status == .unauthorized)
            // A stale cookie is ignored rather than refused, so the page can still log out and in again.
            let stale = try await client.execute(uri: "/api/v1/session", method: .get, headers: [.cookie: "kh02_session=kh02_revoked_or_unknown"])
            #expect(stale.status == .unauthorized)
            #expect(Self.errorCode(stale.body) == "unauthenticated")
            let reports = try await client.execute(uri: "/api/v1/reports", method: .get, headers: cookie)
            #expect(reports.status == .ok)
            // The token itself in the cookie is no session.
            let token = try await client.execute(uri: "/api/v1/session", method: .get, headers: [.cookie: "kh02_session=\(Self.secret)"])
            #expect(token.status == .unauthorized)
        }
    }

    @Test("logging out ends the session on the server: the old cookie no longer authenticates, the token still does")
    func logoutEndsSession() async throws {
        let audit = InMemoryAuditLog()
        try await withApp(audit: audit) { client in
            let cookie = try await sessionCookie(client)
            let other = try await sessionCookie(client)
            #expect(cookie != other, "every login opens a session of its own")
            #expect(try await client.execute(uri: "/api/v1/session", method: .get, headers: cookie).status == .ok)
            var logout = cookie
            logout[.init("X-KH02-CSRF")!] = "1"
            #expect(try await client.execute(uri: "/api/v1/session", method: .delete, headers: logout).status == .noContent)
            // A copy of the cookie kept after logout (another tab, a thief) is refused at once.
            #expect(try await client.execute(uri: "/api/v1/session", method: .get, headers: cookie).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/session", method: .get, headers: other).status == .ok, "other sessions go on")
            let bearer = try await client.execute(uri: "/api/v1/session", method: .get, headers: [.authorization: "Bearer \(Self.secret)"])
            #expect(bearer.status == .ok)
        }
        #expect(try await audit.contains(action: "session.end"))
    }

    @Test("a cookie-authenticated POST or DELETE without X-KH02-CSRF is refused with 403 csrf; with it, it goes through")
    func csrfHeaderRequired() async throws {
        try await withApp { client in
            let cookie = try await sessionCookie(client)
            var csvCookie = cookie
            csvCookie[.contentType] = "text/csv"
            let post = try await client.execute(
                uri: "/api/v1/reports/readiness?dry_run=true", method: .post, headers: csvCookie, body: ByteBuffer(string: "commune_code\n"))
            #expect(post.status == .forbidden)
            #expect(Self.errorCode(post.body) == "csrf")

            var withHeader = csvCookie
            withHeader[.init("X-KH02-CSRF")!] = "1"
            let allowed = try await client.execute(
                uri: "/api/v1/reports/readiness?dry_run=true", method: .post, headers: withHeader, body: ByteBuffer(string: "commune_code\n"))
            #expect(allowed.status != .forbidden)
            #expect(allowed.status != .unauthorized)

            // A bearer token is not a cookie: no header needed (scripts and curl are not browsers).
            let bearer = try await client.execute(
                uri: "/api/v1/reports/readiness?dry_run=true", method: .post,
                headers: [.authorization: "Bearer \(Self.secret)", .contentType: "text/csv"], body: ByteBuffer(string: "commune_code\n"))
            #expect(bearer.status != .forbidden)

            let logoutNoHeader = try await client.execute(uri: "/api/v1/session", method: .delete, headers: cookie)
            #expect(logoutNoHeader.status == .forbidden)
            var logoutHeaders = cookie
            logoutHeaders[.init("X-KH02-CSRF")!] = "1"
            let logout = try await client.execute(uri: "/api/v1/session", method: .delete, headers: logoutHeaders)
            #expect(logout.status == .noContent)
            let cleared = try #require(logout.headers[.setCookie])
            #expect(cleared.hasPrefix("kh02_session=;"))
            #expect(cleared.contains("Max-Age=0"))
        }
    }

    @Test("/info is open to everyone and says demo=true only once demo data was loaded")
    func info() async throws {
        let audit = InMemoryAuditLog()
        try await withApp(audit: audit) { client in
            let before = try await client.execute(uri: "/api/v1/info", method: .get)
            #expect(before.status == .ok)
            #expect(Self.json(before.body)["demo"] as? Bool == false)
            #expect(Self.json(before.body)["version"] as? String == InfoController.version)
            #expect(Self.json(before.body)["public_read"] as? Bool == false)
            try await audit.record(AuditEvent(actor: "kh02 demo", action: DemoLoader.auditAction))
            #expect(Self.json(try await client.execute(uri: "/api/v1/info", method: .get).body)["demo"] as? Bool == true)
        }
    }
}
