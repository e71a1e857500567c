public import Foundation
public import Hummingbird
public import KH02Core
import NIOCore

/// The request context of every API route: JSON in snake_case, ISO 8601 dates, the caller's account once
/// authenticated, and the peer address for the audit log.
public struct APIRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` when the request carries a valid token.
    public var account: Account?
    public let remoteAddress: SocketAddress?
    /// The client behind a trusted proxy (`ClientAddressMiddleware`); nil: the peer is the client.
    var forwardedClient: String?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress
    }

    public var responseEncoder: JSONEncoder { JSONConventions.encoder }
    public var requestDecoder: JSONDecoder { JSONConventions.decoder }

    /// The caller's address as text (the IP, no port), for the audit log: the client named by a trusted proxy,
    /// else the connection's peer.
    var peer: String? {
        forwardedClient ?? remoteAddress?.ipAddress
    }

    /// The account, or 401 when the request has no valid token.
    func requireAccount() throws -> Account {
        guard let account else { throw APIError.unauthenticated }
        return account
    }
}
