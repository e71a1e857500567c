import Hummingbird
public import NIOCore
public import NIOHTTPTypes

/// Answers `Expect: 100-continue` with an interim `100 Continue` as soon as the request head arrives.
///
/// Hummingbird 2 never sends the interim answer, and curl sends the header with every body over 1 MB, then waits a
/// second for it before sending the body. kh02 reads every body it accepts (and answers refusals such as 401 or 413
/// with a final status, which ends the wait as well), so continuing at once is always right. Sits after
/// Hummingbird's HTTP/1 codec, where request parts are `HTTPRequestPart`; NIO's pipeline handler lets an
/// informational head through ahead of the real response.
public final class ExpectContinueHandler: ChannelInboundHandler, RemovableChannelHandler {
    public typealias InboundIn = HTTPRequestPart
    public typealias InboundOut = HTTPRequestPart
    public typealias OutboundOut = HTTPResponsePart

    public init() {}

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let request) = unwrapInboundIn(data), Self.expectsContinue(request) {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(data)
    }

    /// True for `Expect: 100-continue` (case-insensitive, as RFC 9110 says).
    static func expectsContinue(_ request: HTTPRequest) -> Bool {
        request.headerFields[values: .expect].contains { $0.lowercased() == "100-continue" }
    }
}
