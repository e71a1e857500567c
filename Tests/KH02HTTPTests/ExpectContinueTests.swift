import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02TestSupport
import Testing

@testable import KH02HTTP

#if canImport(Glibc)
import Glibc
#endif

@Suite("Expect: 100-continue")
struct ExpectContinueTests {
    static let token = "kh02_expect_continue_test_0123"

    /// A 2 MB CSV whose header is not a template's: the server reads it all (it spools every body first) and
    /// rejects it at the first line, so the time measured is the exchange, not validation.
    static let body: Data = {
        var text = "not,a,template\n"
        let line = String(repeating: "x", count: 1_000) + "\n"
        while text.utf8.count < 2 * 1024 * 1024 { text += line }
        return Data(text.utf8)
    }()

    @Test("a 2 MB upload sent with Expect: 100-continue gets 100 Continue at once and its answer in well under a second")
    func continueAtOnce() async throws {
        let accounts = InMemoryAccountStore()
        await accounts.add(secret: Self.token, name: "Trung ương", principal: .central)
        let dependencies = APIDependencies(
            units: UnitFixtures.store, plans: InMemoryPlanStore(), accounts: accounts, reports: InMemoryReportStore(),
            audit: InMemoryAuditLog(), probe: FixedReadinessProbe(ready: true), webDirectory: nil, now: { Date() })
        let app = Application(
            router: buildRouter(dependencies, logger: TestLogger.quiet),
            server: .http1(configuration: .init(additionalChannelHandlers: [ExpectContinueHandler()])),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let exchange = try RawHTTPExchange(port: port)
            let started = ContinuousClock.now
            try exchange.send(Data("""
                POST /api/v1/reports/readiness HTTP/1.1\r
                Host: 127.0.0.1\r
                Authorization: Bearer \(Self.token)\r
                Content-Type: text/csv\r
                Content-Length: \(Self.body.count)\r
                Expect: 100-continue\r
                \r

                """.utf8))
            let interim = try exchange.readHead(timeout: .milliseconds(800))
            let continued = ContinuousClock.now - started
            #expect(interim.hasPrefix("HTTP/1.1 100 Continue"), "\(interim)")
            try exchange.send(Self.body)
            let final = try exchange.readHead(timeout: .seconds(30))
            let elapsed = ContinuousClock.now - started
            #expect(final.hasPrefix("HTTP/1.1 4") || final.hasPrefix("HTTP/1.1 2"), "\(final)")
            // The wait curl would make is the one before 100 Continue; the whole exchange takes about 10 ms alone and
            // over 5 s while every other suite runs beside it on two cores, so it only has to end.
            #expect(continued < .milliseconds(800), "100 Continue came after \(continued)")
            #expect(elapsed < .seconds(30), "the upload took \(elapsed)")
            print("Expect: 100-continue: interim answer after \(continued), 2 MB upload answered after \(elapsed)")
        }
    }

    @Test("only `Expect: 100-continue` asks for the interim answer")
    func recognisesTheHeader() {
        var request = HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/")
        #expect(!ExpectContinueHandler.expectsContinue(request))
        request.headerFields[.expect] = "100-Continue"
        #expect(ExpectContinueHandler.expectsContinue(request))
        request.headerFields[.expect] = "something-else"
        #expect(!ExpectContinueHandler.expectsContinue(request))
    }
}

/// One HTTP/1.1 exchange over a plain blocking socket, so a test can see interim answers that HTTP clients hide.
final class RawHTTPExchange {
    private let socket: Int32

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(socket) }

    func send(_ data: Data) throws {
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let sent = Glibc.send(socket, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { throw POSIXError(.EPIPE) }
                offset += sent
            }
        }
    }

    /// Reads up to the end of the next response head (`\r\n\r\n`), byte by byte so nothing after it is consumed.
    func readHead(timeout: Duration) throws -> String {
        let deadline = ContinuousClock.now + timeout
        var bytes: [UInt8] = []
        while !bytes.suffix(4).elementsEqual([13, 10, 13, 10]) {
            let left = deadline - ContinuousClock.now
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let milliseconds = max(0, Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
            guard left > .zero, poll(&descriptor, 1, milliseconds) == 1 else { return "timeout after \(timeout): " + String(decoding: bytes, as: UTF8.self) }
            var byte: UInt8 = 0
            guard recv(socket, &byte, 1, 0) == 1 else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
