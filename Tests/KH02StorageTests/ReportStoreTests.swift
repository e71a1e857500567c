import Foundation
import KH02Core
import KH02PostgresTestSupport
import KH02Storage
import KH02TestSupport
import PostgresNIO
import Testing

/// `PostgresReportStore` on its own (no HTTP, no application layer): an upload stored whole or not at all, replays
/// by key, and the facts the rules engine reads back at an instant.
@Suite("Report store in PostgreSQL")
struct ReportStoreTests {
    /// 10/01/2026 16:30 in Vietnam: after the day's round.
    static let now = CivilDate(year: 2026, month: 1, day: 10)!.vietnamMidnight.addingTimeInterval(16.5 * 3600)

    /// The store, a province account, and a validator for that account over the migrated plan and reference units.
    struct Fixture {
        let store: PostgresReportStore
        let account: Account
        let validator: UploadValidator

        init(_ client: PostgresClient, province: String = "01") async throws {
            store = PostgresReportStore(client: client, logger: TestLogger.quiet)
            let accounts = PostgresAccountStore(client: client, logger: TestLogger.quiet)
            account = try await accounts.issue(
                name: "province \(province)", principal: .province(ProvinceCode(rawValue: province)!), createdBy: "test"
            ).account
            let plan = try #require(PlanCatalog(try await PostgresPlanStore(client: client, logger: TestLogger.quiet).definitions()).effective(at: now))
            let units = try await PostgresUnitStore(client: client, logger: TestLogger.quiet).directory().snapshot(at: now)
            validator = UploadValidator(plan: plan, units: units, principal: account.principal, now: now)
        }

        /// One readiness row per commune of `communes`, as of `day`, every criterion met (`met`) or none.
        func upload(_ communes: [String], day: String, met: Bool = true) throws -> (ValidatedUpload, [UInt8]) {
            let value = met ? "yes,1,yes,1,yes,yes" : "no,0,no,0,no,no"
            let csv = "commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync\n"
                + communes.map { "\($0),\(day),\(value)\n" }.joined()
            let bytes = Array(csv.utf8)
            return (try validator.validate(kind: .readiness, format: .csv, body: bytes, defaultAsOf: nil).get(), bytes)
        }

        /// Stores `upload` under `key`; the writer appends every row and the original, then commits.
        func store(_ upload: (ValidatedUpload, [UInt8]), key: String, account: Account? = nil) async throws -> UploadStoreOutcome {
            let id = UUID()
            let metadata = UploadMetadata(
                id: id, account: account ?? self.account, remoteAddress: "127.0.0.1", receivedAt: now, idempotencyKey: key,
                contentSHA256: "sha-\(key)", plan: (validator.plan.id, validator.plan.version), answer: Data("{\"key\":\"\(key)\"}".utf8))
            return try await store.store(upload: id, kind: .readiness, receivedAt: now) { sink in
                try await sink.append(upload.0.rows)
                try await sink.appendOriginal(upload.1[...])
                return .commit(metadata, upload.0)
            }
        }
    }

    @Test("a committed upload is listed with its original, answers by key, and its rows are facts")
    func store() async throws {
        try await TestDatabase.withDatabase { client in
            let fixture = try await Fixture(client)
            let upload = try fixture.upload(["00004", "00008"], day: "2026-01-10")
            #expect(try await fixture.store(upload, key: "a") == .stored)
            let listed = try await fixture.store.uploads(touching: nil, limit: 10)
            #expect(listed.count == 1 && listed.first?.rowCount == 2)
            let id = try #require(listed.first?.id)
            #expect(try await fixture.store.originalPart(of: id, part: 0) == upload.1)
            #expect(try await fixture.store.answer(account: fixture.account.id, idempotencyKey: "a")?.answer == Data("{\"key\":\"a\"}".utf8))
            let facts = try await fixture.store.facts(asOf: Self.now)
            #expect(Set(facts.readiness.map(\.commune.rawValue)) == ["00004", "00008"])
        }
    }

    @Test("a writer that fails after appending, or discards, leaves nothing: no record, no rows, no original")
    func rollBack() async throws {
        struct Failure: Error {}
        try await TestDatabase.withDatabase { client in
            let fixture = try await Fixture(client)
            let upload = try fixture.upload(["00004"], day: "2026-01-10")
            await #expect(throws: Failure.self) {
                try await fixture.store.store(upload: UUID(), kind: .readiness, receivedAt: Self.now) { sink in
                    try await sink.append(upload.0.rows)
                    try await sink.appendOriginal(upload.1[...])
                    throw Failure()
                }
            }
            let discarded = try await fixture.store.store(upload: UUID(), kind: .readiness, receivedAt: Self.now) { sink in
                try await sink.append(upload.0.rows)
                return .discard
            }
            #expect(discarded == .discarded)
            #expect(try await fixture.store.uploads(touching: nil, limit: 10).isEmpty)
            #expect(try await fixture.store.facts(asOf: Self.now).count == 0)
            let rows = try await client.query("SELECT (SELECT count(*) FROM readiness_reports) + (SELECT count(*) FROM uploads)", logger: TestLogger.quiet)
            for try await count in rows.decode(Int.self) { #expect(count == 0) }
        }
    }

    @Test("the same account and key again is a duplicate answering the first upload; another account may use the key")
    func idempotencyKeys() async throws {
        try await TestDatabase.withDatabase { client in
            let fixture = try await Fixture(client)
            let other = try await Fixture(client, province: "79")
            #expect(try await fixture.store(try fixture.upload(["00004"], day: "2026-01-10"), key: "k") == .stored)
            let again = try await fixture.store(try fixture.upload(["00008"], day: "2026-01-10"), key: "k")
            #expect(again == .duplicate(StoredAnswer(answer: Data("{\"key\":\"k\"}".utf8), contentSHA256: "sha-k")))
            #expect(try await other.store(try other.upload(["25747"], day: "2026-01-10"), key: "k") == .stored)
            #expect(try await fixture.store.uploads(touching: nil, limit: 10).count == 2)
            #expect(try await fixture.store.facts(asOf: Self.now).readiness.map(\.commune.rawValue).sorted() == ["00004", "25747"])
        }
    }

    @Test("facts at an instant: each commune's latest report at or before it, nothing before the first")
    func factsAtAnInstant() async throws {
        try await TestDatabase.withDatabase { client in
            let fixture = try await Fixture(client)
            #expect(try await fixture.store(try fixture.upload(["00004"], day: "2026-01-08", met: false), key: "d8") == .stored)
            #expect(try await fixture.store(try fixture.upload(["00004"], day: "2026-01-09"), key: "d9") == .stored)
            func facts(_ day: Int, hour: Double = 17) async throws -> [ReadinessReport] {
                try await fixture.store.facts(asOf: CivilDate(year: 2026, month: 1, day: day)!.vietnamMidnight.addingTimeInterval(hour * 3600)).readiness
            }
            #expect(try await facts(7).isEmpty)
            let eighth = try await facts(8)
            #expect(eighth.count == 1 && eighth.first?.asOf == CivilDate(year: 2026, month: 1, day: 8)!.vietnamMidnight.addingTimeInterval(16 * 3600))
            #expect(eighth.first?.values[CriterionKey(rawValue: "online_meeting")!]?.storage == .boolean(false))
            let tenth = try await facts(10)
            #expect(tenth.count == 1 && tenth.first?.values[CriterionKey(rawValue: "online_meeting")!]?.storage == .boolean(true))
        }
    }
}
