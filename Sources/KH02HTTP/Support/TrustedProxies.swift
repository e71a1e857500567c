import Foundation
import NIOCore

/// The reverse proxies (e.g. nginx on the same host) whose `X-Forwarded-For` header is believed, so the audit log
/// names the real client rather than the proxy. A header from any other peer is ignored: a client cannot pick the
/// address the audit log records by sending one. Set with `KH02_TRUSTED_PROXIES` (exact addresses, comma separated).
public struct TrustedProxies: Sendable, Equatable {
    /// Trusted addresses in the canonical text form of `SocketAddress.ipAddress`.
    let addresses: Set<String>

    /// Nobody is trusted: the peer address is the client.
    public static let none = TrustedProxies(addresses: [])

    init(addresses: Set<String>) {
        self.addresses = addresses
    }

    /// Parses a comma-separated list of IPv4 or IPv6 addresses; throws naming the first entry that is not one.
    public init(list: String) throws(InvalidAddress) {
        var addresses: Set<String> = []
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let canonical = Self.canonical(entry) else { throw InvalidAddress(text: entry) }
            addresses.insert(canonical)
        }
        self.addresses = addresses
    }

    /// An entry of the list that is not an IP address.
    public struct InvalidAddress: Error, CustomStringConvertible {
        public var text: String
        public var description: String { "'\(text)' is not an IPv4 or IPv6 address" }
    }

    static func canonical(_ text: String) -> String? {
        (try? SocketAddress(ipAddress: text, port: 0))?.ipAddress
    }

    /// The client's address: the peer, unless the peer is a trusted proxy; then, walking `X-Forwarded-For` from
    /// its end (each proxy appends the address it received from), the first address that is not itself a trusted
    /// proxy. An entry that is no address stops the walk at the last address known to be real.
    func client(peer: String?, forwardedFor: String?) -> String? {
        guard let peer, addresses.contains(peer), let forwardedFor else { return peer }
        var client = peer
        for entry in forwardedFor.split(separator: ",").reversed() {
            guard let address = Self.canonical(entry.trimmingCharacters(in: .whitespaces)) else { break }
            client = address
            if !addresses.contains(address) { break }
        }
        return client
    }
}
