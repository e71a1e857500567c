import Foundation
import Hummingbird
import KH02Core

/// The dashboard's login: `POST /session` checks a token and opens a session whose secret goes in an HttpOnly
/// cookie, `GET /session` says who is logged in, `DELETE /session` ends the session on the server and clears the
/// cookie.
struct SessionController: Sendable {
    let cache: TokenCache
    let audit: any AuditLog
    var accounts: any AccountStore { cache.accounts }

    public func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.post("session", use: create)
        group.get("session", use: show)
        group.delete("session", use: delete)
    }

    /// Logs in. The anti-CSRF header is required here too, so another site cannot log a browser in as someone else.
    @Sendable func create(_ request: Request, context: APIRequestContext) async throws -> Response {
        guard SessionCookie.hasCSRFHeader(request) else { throw APIError.csrf }
        guard let login = try? await request.decode(as: LoginDTO.self, context: context) else { throw APIError.badLoginBody }
        let token = login.token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard SessionCookie.isPlausibleToken(token), let account = try await accounts.account(forSecret: token) else {
            throw APIError.invalidToken
        }
        let session = try await accounts.openSession(for: account, lifetime: TimeInterval(SessionCookie.maxAge))
        try await audit.record(
            AuditEvent(accountID: account.id, actor: account.actorDescription, action: "session.create", remoteAddress: context.peer))
        var response = try SessionDTO(account).response(from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        response.setCookie(SessionCookie.set(session, secure: SessionCookie.isSecure(request)))
        return response
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> SessionDTO {
        SessionDTO(try context.requireAccount())
    }

    /// Logs out: the session ends on the server (on this instance at once, on others within the cache's lifetime)
    /// and the browser forgets the cookie. The token itself stays valid (revoke it with `kh02 token revoke`).
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> Response {
        if let secret = request.cookies[SessionCookie.name]?.value, SessionCookie.isPlausibleToken(secret) {
            if try await accounts.endSession(secret), let account = context.account {
                try await audit.record(
                    AuditEvent(accountID: account.id, actor: account.actorDescription, action: "session.end", remoteAddress: context.peer))
            }
            cache.forget(.session(secret))
        }
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.cleared(secure: SessionCookie.isSecure(request)))
        return response
    }
}
