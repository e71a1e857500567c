import Hummingbird

/// Puts the client's address on the context when the connection comes from a trusted proxy (see `TrustedProxies`).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !proxies.addresses.isEmpty else { return try await next(request, context) }
        var context = context
        let peer = context.remoteAddress?.ipAddress
        let client = proxies.client(peer: peer, forwardedFor: request.headers[values: .init("X-Forwarded-For")!].joined(separator: ","))
        if client != peer { context.forwardedClient = client }
        return try await next(request, context)
    }
}
