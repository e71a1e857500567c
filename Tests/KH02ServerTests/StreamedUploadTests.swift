import Foundation
import KH02App
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02HTTP
import KH02PostgresTestSupport
import KH02TestSupport
import PostgresNIO
import Testing

/// Uploads that are copied into PostgreSQL while they are read: duplicates found by the store, bodies of many
/// pieces, originals kept in parts.
@Suite("Streamed uploads over PostgreSQL")
struct StreamedUploadTests {
    static let now = UploadAPITests.now

    /// Duplicate rows of each kind, mixed with another problem, so both kinds of findings must be listed.
    static let bodies: [(UploadKind, String)] = [
        (
            .readiness,
            """
            commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync
            00004,2025-09-20,1,1,1,1,1,1
            00008,2025-09-20,1,1,1,1,1,1
            00004,2025-09-20,0,1,1,1,1,1
            00004,2025-09-19,1,1,1,1,1,1
            00025,2025-09-20,2,1,1,1,1,1
            00008,2025-09-20,1,1,1,1,1,0
            00004,2025-09-20,1,1,1,1,1,1
            """
        ),
        (
            .tasks,
            """
            unit_code,task_code,status,progress,completed_on,as_of
            08,TB408-DVCTT-XA,in_progress,60,,2025-09-19
            01,TB408-DVCTT-XA,done,,2025-08-10,2025-09-19
            08,TB408-DVCTT-XA,in_progress,70,,2025-09-19
            08,TB408-DVCTT-XA,in_progress,70,,2025-09-20
            08,TB408-DVCTT-XA,finished,70,,2025-09-20
            """
        ),
        (
            .services,
            """
            unit_code,period,received,received_online,resolved,resolved_on_time,overdue,results_online
            08,2025-08,100,40,90,80,2,50
            01,2025-08,100,90,95,95,0,90
            08,2025-08,100,41,90,80,2,50
            08,2025-07,100,40,90,80,2,50
            01,2025-13,100,90,95,95,0,90
            """
        ),
    ]

    @Test("duplicate rows found by PostgreSQL are the validator's own findings, listed after the other problems, for every kind")
    func duplicatesFoundByTheStore() async throws {
        try await TestDatabase.withDatabase { client in
            // No key kept in memory: every duplicate is left to the store's query.
            var limits = UploadLimits.standard
            limits.duplicateKeysInMemory = 0
            let app = try PostgresApp(client: client, now: Self.now, uploadLimits: limits)
            let token = try await app.token(.admin)
            let plan = try #require(PlanCatalog(try await app.dependencies.monitor.stores.plans.definitions()).effective(at: Self.now))
            let units = try await app.dependencies.monitor.stores.units.directory().snapshot(at: Self.now)
            let validator = UploadValidator(plan: plan, units: units, principal: .admin, now: Self.now)
            for (kind, text) in Self.bodies {
                let body = Array(text.utf8)
                guard case .failure(let expected) = validator.validate(kind: kind, format: .csv, body: body) else {
                    Issue.record("\(kind) was expected to be refused")
                    continue
                }
                let duplicates = expected.problems.filter { $0.code == .duplicateRow }.count
                #expect(duplicates >= 1 && duplicates < expected.problems.count, "\(kind): duplicates and another problem")
                #expect(expected.problems.last?.code == .duplicateRow)
                try await app.test { http in
                    try await http.upload(kind.rawValue, body, token: token) { response in
                        #expect(response.status == .unprocessableContent)
                        let problems = try #require(try response.json["problems"] as? [[String: Any]])
                        let found = problems.map { [$0["code"] as? String, ($0["row"] as? Int).map(String.init), $0["column"] as? String, $0["value"] as? String] }
                        let wanted = expected.problems.map { [$0.code.rawValue, $0.row.map(String.init), $0.column, $0.value] }
                        #expect(found == wanted, "\(kind)")
                        #expect(try response.json["total_problems"] as? Int == expected.totalProblems)
                    }
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 0)
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 0)
            #expect(try await app.count("SELECT count(*) FROM task_reports") == 0)
            #expect(try await app.count("SELECT count(*) FROM service_reports") == 0)
        }
    }

    @Test("a body of several megabytes is stored whole, its original kept in parts and given back byte for byte")
    func largeBodyInParts() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            let communes = try await app.dependencies.monitor.stores.units.communes(of: ProvinceCode(rawValue: "01")!, on: CivilDate(vietnamDayOf: Self.now))
            var rows: [String] = []
            // Long notes with quoted line breaks make records that cross the pieces the body is read in.
            let note = "\"Ghi chú dài, có dấu phẩy\n" + String(repeating: "và tiếng Việt có dấu ", count: 40) + "\""
            var day = CivilDate(year: 2025, month: 9, day: 20)!
            while rows.count < 3 * 1024 * 1024 / 900 {
                rows += communes.map { "\($0.code.rawValue),\(day.iso),1,0.9,1,1,1,0,\(note)" }
                day = day.adding(days: -1)
            }
            let body = UploadAPITests.readiness(rows)
            let rowCount = rows.count
            #expect(body.count > 3 * 1024 * 1024)
            try await app.test { http in
                let id = try await http.upload("readiness", body, token: token) { response in
                    #expect(response.status == .created)
                    #expect(try response.json["rows_accepted"] as? Int == rowCount)
                    #expect(try (response.json["rows"] as? [Any])?.count == 1_000, "the answer lists the first thousand rows")
                    return try #require(try response.json["upload_id"] as? String)
                }
                try await http.execute(uri: "/api/v1/reports/\(id)/original", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    #expect(Array(buffer: $0.body) == body, "the original comes back byte for byte")
                }
            }
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == rowCount)
            #expect(try await app.count("SELECT count(*) FROM upload_originals") == (body.count + (1 << 20) - 1) >> 20)
            #expect(try await app.count("SELECT count(*) FROM readiness_current") == communes.count)
        }
    }
}
