import Foundation
public import Hummingbird
import KH02Core
import Logging

/// Reads `Authorization: Bearer <token>`, else the dashboard's `kh02_session` cookie (a session opened by logging in),
/// and puts the account on the context. A request without either goes on unauthenticated (routes that need one answer 401); a bearer
/// token that is unknown or revoked is refused here, while a stale cookie is ignored (so the dashboard can still
/// log out and in again). A cookie-authenticated POST, PUT, PATCH or DELETE must carry `X-KH02-CSRF: 1`, which a
/// cross-site form cannot send (403 `csrf`).
///
/// Look-ups go through a `TokenCache` (a few seconds), so a revocation reaches every instance within that time.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext
    let accounts: TokenCache

    init(cache: TokenCache) {
        self.accounts = cache
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let account: Account
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthenticated }
            guard let found = try await accounts.account(for: .token(String(parts[1]).trimmingCharacters(in: .whitespaces))) else {
                throw APIError.unauthenticated
            }
            account = found
        } else if let cookie = request.cookies[SessionCookie.name]?.value, SessionCookie.isPlausibleToken(cookie),
            let found = try await accounts.account(for: .session(cookie))
        {
            guard !SessionCookie.isUnsafe(request.method) || SessionCookie.hasCSRFHeader(request) else { throw APIError.csrf }
            account = found
        } else {
            return try await next(request, context)
        }
        var context = context
        context.account = account
        context.logger[metadataKey: "account"] = "\(account.principal)"
        return try await next(request, context)
    }
}
