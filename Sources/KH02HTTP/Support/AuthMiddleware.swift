import Foundation
import Hummingbird
import KH02Core

/// Reads `Authorization: Bearer <token>` and puts the token's account on the context. A request without a token
/// goes on unauthenticated (routes that need one answer 401); a token that is unknown or revoked is refused here.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext
    let accounts: any AccountStore

    public init(accounts: any AccountStore) {
        self.accounts = accounts
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthenticated }
        guard let account = try await accounts.account(forSecret: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw APIError.unauthenticated
        }
        var context = context
        context.account = account
        context.logger[metadataKey: "account"] = "\(account.principal)"
        return try await next(request, context)
    }
}
