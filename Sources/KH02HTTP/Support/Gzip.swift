import CompressNIO
import Foundation
import Hummingbird

/// gzip for large answers: compressed once when an answer is cached, sent to clients that accept it.
enum Gzip {
    /// Answers smaller than this go out as they are: compressing them saves less than it costs.
    static let minimumSize = 1_024

    /// The gzip form of `buffer`, or nil when it is too small to be worth it (or compression fails).
    static func compressed(_ buffer: ByteBuffer) -> ByteBuffer? {
        guard buffer.readableBytes >= minimumSize else { return nil }
        var input = buffer
        return try? input.compress(with: .gzip())
    }

    /// Whether the request's `Accept-Encoding` accepts gzip (and does not refuse it with `q=0`).
    static func isAccepted(by request: Request) -> Bool {
        guard let header = request.headers[.acceptEncoding] else { return false }
        return header.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = parts.first, coding == "gzip" || coding == "*" else { return false }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
    }
}
