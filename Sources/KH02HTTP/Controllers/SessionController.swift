import Foundation
import Hummingbird
import KH02Core

/// The dashboard's login: `POST /session` turns a token into an HttpOnly cookie, `GET /session` says who is
/// logged in, `DELETE /session` logs out. See `SessionCookie` for why the cookie holds the token.
public struct SessionController: Sendable {
    let accounts: any AccountStore
    let audit: any AuditLog

    public init(accounts: any AccountStore, audit: any AuditLog) {
        self.accounts = accounts
        self.audit = audit
    }

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
        try await audit.record(
            AuditEvent(accountID: account.id, actor: "\(account.name) (\(account.principal))", action: "session.create", remoteAddress: context.peer))
        var response = try SessionDTO(account).response(from: request, context: context)
        response.headers[.cacheControl] = "no-store"
        response.setCookie(SessionCookie.set(token, secure: SessionCookie.isSecure(request)))
        return response
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> SessionDTO {
        SessionDTO(try context.requireAccount())
    }

    /// Logs out: the browser forgets the cookie. The token itself stays valid (revoke it with `kh02 token revoke`).
    @Sendable func delete(_ request: Request, context: APIRequestContext) async throws -> Response {
        var response = Response(status: .noContent)
        response.setCookie(SessionCookie.cleared(secure: SessionCookie.isSecure(request)))
        return response
    }
}
