import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02App
import KH02HTTP
import KH02PostgresTestSupport
import KH02Storage
import KH02TestSupport
import NIOFoundationEssentialsCompat
import PostgresNIO

/// The API over real PostgreSQL stores on a test database, with a fixed clock.
struct PostgresApp {
    let client: PostgresClient
    let dependencies: APIDependencies

    init(
        client: PostgresClient, now: Date, uploadLimits: UploadLimits = .standard, concurrency: ConcurrencyLimits = .standard,
        leaseTimeout: Duration = LeasingClient.defaultLeaseTimeout
    ) throws {
        self.client = client
        let logger = TestLogger.quiet
        dependencies = APIDependencies(
            units: PostgresUnitStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
            plans: PostgresPlanStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
            accounts: PostgresAccountStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
            reports: PostgresReportStore(client: client, logger: logger, leaseTimeout: leaseTimeout),
            audit: PostgresAuditLog(client: client, logger: logger, leaseTimeout: leaseTimeout),
            probe: PostgresReadinessProbe(
                client: client, runner: try DatabaseSchema(sqlDirectory: TestDatabase.sqlDirectory).runner, logger: logger,
                leaseTimeout: leaseTimeout),
            webDirectory: nil, uploadLimits: uploadLimits, concurrency: concurrency, now: { now })
    }

    /// A new token's secret for `principal`.
    func token(_ principal: Principal, name: String = "test") async throws -> String {
        try await dependencies.monitor.stores.accounts.issue(name: name, principal: principal, createdBy: "test").secret
    }

    func test(_ body: @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: buildRouter(dependencies, logger: TestLogger.quiet)).test(.router, body)
    }

    /// One integer from a query (counts of stored rows).
    func count(_ query: PostgresQuery) async throws -> Int {
        var result = -1
        for try await value in try await client.query(query, logger: TestLogger.quiet).decode(Int.self) { result = value }
        return result
    }
}

extension TestClientProtocol {
    /// POSTs `body` to `/api/v1/reports/<kind>` with a bearer token.
    @discardableResult
    func upload<Result: Sendable>(
        _ kind: String, _ body: [UInt8], token: String?, contentType: String = "text/csv", query: String = "",
        headers extra: HTTPFields = [:], _ check: @escaping @Sendable (TestResponse) async throws -> Result
    ) async throws -> Result {
        var headers = extra
        headers[.contentType] = contentType
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await execute(
            uri: "/api/v1/reports/\(kind)\(query)", method: .post, headers: headers, body: ByteBuffer(bytes: body), testCallback: check)
    }
}

extension TestResponse {
    /// The body as a JSON object.
    var json: [String: Any] {
        get throws {
            guard let object = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
                throw NotJSONObject(text: String(buffer: body))
            }
            return object
        }
    }
}

/// A response body that was expected to be a JSON object.
struct NotJSONObject: Error, CustomStringConvertible {
    var text: String
    var description: String { "not a JSON object: \(text.prefix(300))" }
}
