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

/// Uploads through the HTTP API into real PostgreSQL: every answer, and what was (not) stored.
@Suite("Report uploads over PostgreSQL")
struct UploadAPITests {
    /// 20/09/2025 17:00 in Vietnam: the 16:00 round of that day is in, the plan is in force.
    static let now = CivilDate(year: 2025, month: 9, day: 20)!.vietnamMidnight.addingTimeInterval(17 * 3600)
    static let header = "commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync,note"

    /// A readiness CSV for Hà Nội communes (00004 Ba Đình, 00008 Ngọc Hà, 00025 Giảng Võ).
    static func readiness(_ rows: [String], header: String = header) -> [UInt8] {
        Array(([header] + rows).joined(separator: "\r\n").utf8)
    }

    static let good = readiness(["00004,2025-09-20,1,1,1,1,1,1,đủ điều kiện", "00008,2025-09-20,có,0.8,1,1,1,0,"])

    @Test("an accepted file answers 201 with a per-row summary; its rows, original bytes and audit entry are stored")
    func accepted() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!), name: "Sở KH&CN Hà Nội")
            try await app.test { http in
                let uploadID = try await http.upload("readiness", Self.good, token: token) { response in
                    #expect(response.status == .created)
                    let body = try response.json
                    #expect(body["rows_accepted"] as? Int == 2)
                    #expect(body["units_touched"] as? Int == 2)
                    #expect((body["rows"] as? [[String: Any]])?.map { $0["unit"] as? String } == ["00004", "00008"])
                    return try #require(body["upload_id"] as? String)
                }
                try await http.execute(uri: "/api/v1/reports/\(uploadID)/original", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    #expect(Array(buffer: $0.body) == Self.good, "the original file is kept byte for byte")
                }
                try await http.execute(uri: "/api/v1/reports?unit=01", method: .get, headers: [.authorization: "Bearer \(token)"]) {
                    let items = try $0.json["items"] as? [[String: Any]]
                    #expect(items?.first?["id"] as? String == uploadID)
                }
            }
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 2)
            #expect(try await app.count("SELECT count(*) FROM readiness_current") == 2)
            #expect(try await app.count("SELECT count(*) FROM audit_log WHERE action = 'upload.readiness' AND actor LIKE 'Sở KH&CN Hà Nội%'") == 1)
        }
    }

    @Test("a retry of the same file returns the first answer and stores nothing new; a reused key with another file is refused")
    func idempotent() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            try await app.test { http in
                let first = try await http.upload("readiness", Self.good, token: token, headers: [.init("Idempotency-Key")!: "round-2025-09-20"]) {
                    #expect($0.status == .created)
                    return String(buffer: $0.body)
                }
                try await http.upload("readiness", Self.good, token: token, headers: [.init("Idempotency-Key")!: "round-2025-09-20"]) {
                    #expect($0.status == .ok)
                    #expect($0.headers[.init("Idempotent-Replay")!] == "true")
                    #expect(String(buffer: $0.body) == first)
                }
                // Without a key, the content hash makes a byte-identical retry a replay too.
                try await http.upload("readiness", Self.good, token: token) { #expect($0.status == .created) }
                try await http.upload("readiness", Self.good, token: token) { #expect($0.status == .ok) }
                let other = Self.readiness(["00004,2025-09-19,1,1,1,1,1,1,"])
                try await http.upload("readiness", other, token: token, headers: [.init("Idempotency-Key")!: "round-2025-09-20"]) {
                    #expect($0.status == .unprocessableContent)
                    let error = try $0.json["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "idempotency_key_reused")
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 2)
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 4)
        }
    }

    @Test("a file whose last row is bad is refused whole, naming row and column in both languages; nothing is stored")
    func allOrNothing() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            let body = Self.readiness(["00004,2025-09-20,1,1,1,1,1,1,", "00008,2025-09-20,1,1,1,1,1,1,", "00025,2025-09-20,1,1,1,1,1,maybe,"])
            try await app.test { http in
                try await http.upload("readiness", body, token: token) { response in
                    #expect(response.status == .unprocessableContent)
                    let json = try response.json
                    #expect(json["stored"] as? Bool == false)
                    let problem = try #require((json["problems"] as? [[String: Any]])?.first)
                    #expect(problem["row"] as? Int == 4)
                    #expect(problem["column"] as? String == "portal_sync")
                    #expect(problem["code"] as? String == "invalid_boolean")
                    #expect((problem["message"] as? String)?.isEmpty == false)
                    #expect((problem["message_en"] as? String)?.isEmpty == false)
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 0)
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 0)
        }
    }

    @Test("scope: another province's commune is 403 naming it; a central token may not upload; no or revoked token is 401")
    func scope() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let hanoi = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            let central = try await app.token(.central)
            let revoked = try await app.dependencies.monitor.stores.accounts.issue(name: "old", principal: .admin, createdBy: "test")
            _ = try await app.dependencies.monitor.stores.accounts.revoke(id: revoked.account.id, by: "test")
            let body = Self.readiness(["00004,2025-09-20,1,1,1,1,1,1,", "25270,2025-09-20,1,1,1,1,1,1,"])
            try await app.test { http in
                try await http.upload("readiness", body, token: hanoi) { response in
                    #expect(response.status == .forbidden)
                    let units = try response.json["out_of_scope_units"] as? [String]
                    #expect(units == ["25270"])
                }
                try await http.upload("readiness", Self.good, token: central) { #expect($0.status == .forbidden) }
                try await http.upload("readiness", Self.good, token: nil) { #expect($0.status == .unauthorized) }
                try await http.upload("readiness", Self.good, token: revoked.secret) { #expect($0.status == .unauthorized) }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 0)
        }
    }

    @Test("encodings: UTF-8 with BOM is fine; Windows-1258 and UTF-16 are refused with how to fix it")
    func encodings() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            // "Ghi chú: đạt" in Windows-1258: 0xFA is ú, 0xF0 is đ, 0xE1 is á (bytes that are not UTF-8).
            let legacy = Array("\(Self.header)\r\n00004,2025-09-20,1,1,1,1,1,1,Ghi ch".utf8) + [0xFA, 0x20, 0xF0, 0x61, 0x0D, 0x0A]
            let utf16: [UInt8] = [0xFF, 0xFE] + "\(Self.header)\r\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            try await app.test { http in
                try await http.upload("readiness", [0xEF, 0xBB, 0xBF] + Self.good, token: token) { #expect($0.status == .created) }
                try await http.upload("readiness", legacy, token: token) { response in
                    #expect(response.status == .unsupportedMediaType)
                    let problem = (try response.json["problems"] as? [[String: Any]])?.first
                    #expect(problem?["code"] as? String == "legacy_encoding")
                    #expect((problem?["message"] as? String)?.contains("UTF-8") == true)
                }
                try await http.upload("readiness", utf16, token: token) {
                    #expect($0.status == .unsupportedMediaType)
                    let problems = try $0.json["problems"] as? [[String: Any]]
                    #expect(problems?.first?["code"] as? String == "utf16_encoding")
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 1)
        }
    }

    @Test("limits and formats: an oversized body (lower for JSON and dry runs) is 413, an unknown content type 415, an empty file 422")
    func limits() async throws {
        try await TestDatabase.withDatabase { client in
            var limits = UploadLimits.standard
            limits.maximumBytes = 200
            limits.maximumWholeBytes = 100
            let app = try PostgresApp(client: client, now: Self.now, uploadLimits: limits)
            let token = try await app.token(.admin)
            let big = Self.readiness((0..<20).map { _ in "00004,2025-09-20,1,1,1,1,1,1," })
            let json = Array(#"{"as_of": "2025-09-20", "rows": [{"commune_code": "00004", "online_meeting": 1, "computers": 1, "specialized_signature": 1, "digital_certificate": 1, "network": 1, "portal_sync": 1}]}"#.utf8)
            #expect(json.count > 100 && json.count < 200)
            try await app.test { http in
                try await http.upload("readiness", big, token: token) { response in
                    #expect(response.status == .contentTooLarge)
                    let error = try response.json["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "body_too_large")
                }
                // JSON is decoded whole, so its limit is lower: the answer says to send CSV.
                try await http.upload("readiness", json, token: token, contentType: "application/json") { response in
                    #expect(response.status == .contentTooLarge)
                    let error = try response.json["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "body_too_large")
                    #expect((error?["message"] as? String)?.contains("gửi dạng CSV") == true)
                }
                // So is a dry run's, whose preview holds every row.
                try await http.upload("readiness", Self.readiness((0..<4).map { _ in "00004,2025-09-20,1,1,1,1,1,1," }), token: token, query: "?dry_run=true") {
                    #expect($0.status == .contentTooLarge)
                }
                try await http.upload("readiness", Self.good, token: token, contentType: "application/vnd.ms-excel") {
                    #expect($0.status == .unsupportedMediaType)
                }
                try await http.upload("readiness", [], token: token) { response in
                    #expect(response.status == .unprocessableContent)
                    let problems = try response.json["problems"] as? [[String: Any]]
                    #expect(problems?.first?["code"] as? String == "empty_file")
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 0)
        }
    }

    @Test("future as_of, unknown codes and duplicate rows are each refused with their own code")
    func validationRules() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            let cases: [([String], String)] = [
                (["00004,2025-09-22,1,1,1,1,1,1,"], "as_of_in_future"),
                (["99999,2025-09-20,1,1,1,1,1,1,"], "unknown_unit"),
                (["00004,2025-09-20,1,1,1,1,1,1,", "00004,2025-09-20,1,1,1,1,1,1,"], "duplicate_row"),
            ]
            try await app.test { http in
                for (rows, code) in cases {
                    try await http.upload("readiness", Self.readiness(rows), token: token) { response in
                        #expect(response.status == .unprocessableContent, "\(code)")
                        let problems = try response.json["problems"] as? [[String: Any]]
                        #expect(problems?.contains { $0["code"] as? String == code } == true, "\(code)")
                    }
                }
                try await http.upload("readiness", Self.readiness(["00004,2025-09-20,1,1,1,1,1,1,"], header: Self.header + ",colour"), token: token) {
                    let problems = try $0.json["problems"] as? [[String: Any]]
                    #expect(problems?.first?["code"] as? String == "unknown_criterion", "a criterion-like column not in the plan")
                }
                try await http.upload("readiness", Self.readiness(["00004,2025-09-20,1,1,1,1,1,1,"], header: Self.header + ",Màu sắc"), token: token) {
                    let problems = try $0.json["problems"] as? [[String: Any]]
                    #expect(problems?.first?["code"] as? String == "unknown_column")
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 0)
        }
    }

    @Test("a dry run previews the colour changes and stores nothing")
    func dryRun() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            try await app.test { http in
                try await http.upload("readiness", Self.good, token: token, query: "?dry_run=true") { response in
                    #expect(response.status == .ok)
                    let body = try response.json
                    #expect(body["stored"] as? Bool == false)
                    let changes = try #require(body["colour_changes"] as? [[String: Any]])
                    #expect(changes.contains { $0["unit"] as? String == "00004" && $0["before"] as? String == "no_data" && $0["after"] as? String == "green" })
                    #expect(changes.contains { $0["unit"] as? String == "00008" && $0["after"] as? String == "red" })
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 0)
        }
    }

    @Test("JSON and CSV of the same rows store the same facts")
    func jsonEqualsCSV() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            let json = """
                {"as_of": "2025-09-20", "rows": [
                  {"commune_code": "00004", "online_meeting": true, "computers": 1, "specialized_signature": true, "digital_certificate": 1, "network": true, "portal_sync": true, "note": "đủ điều kiện"},
                  {"commune_code": "00008", "online_meeting": "có", "computers": 0.8, "specialized_signature": true, "digital_certificate": 1, "network": true, "portal_sync": false}
                ]}
                """
            try await app.test { http in
                try await http.upload("readiness", Array(json.utf8), token: token, contentType: "application/json") { #expect($0.status == .created) }
                try await http.upload("readiness", Self.good, token: token) { #expect($0.status == .created) }
            }
            #expect(try await app.count("SELECT count(DISTINCT (commune_code, as_of, criteria::text)) FROM readiness_reports") == 2)
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 4)
        }
    }

    @Test("a template is UTF-8 with a BOM, has the validator's header and one row per commune of the province")
    func template() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let central = try await app.token(.central)
            try await app.test { http in
                try await http.execute(uri: "/api/v1/templates/readiness.csv?province=01", method: .get, headers: [.authorization: "Bearer \(central)"]) { response in
                    #expect(response.status == .ok)
                    let bytes = Array(buffer: response.body)
                    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
                    let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
                    #expect(lines.first?.hasPrefix("commune_code,") == true)
                    #expect(lines.count == 1 + 126, "Hà Nội has 126 communes")
                    #expect(lines.contains { $0.hasPrefix("00004,Ba Đình") })
                }
            }
        }
    }

    @Test("reports are append-only: stored rows cannot be changed even with SQL")
    func appendOnly() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            try await app.test { http in try await http.upload("readiness", Self.good, token: token) { #expect($0.status == .created) } }
            await #expect(throws: (any Error).self) { try await client.query("UPDATE readiness_reports SET note = 'x'", logger: TestLogger.quiet) }
            await #expect(throws: (any Error).self) { try await client.query("DELETE FROM uploads", logger: TestLogger.quiet) }
        }
    }

    @Test("an older report arriving later does not replace the current one, and facts travel back in time")
    func timeTravel() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            try await app.test { http in
                try await http.upload("readiness", Self.readiness(["00004,2025-09-20,1,1,1,1,1,1,"]), token: token) { #expect($0.status == .created) }
                try await http.upload("readiness", Self.readiness(["00004,2025-09-18,0,1,1,1,1,1,"]), token: token) { #expect($0.status == .created) }
            }
            let reports = app.dependencies.monitor.stores.reports
            let now = try #require(try await reports.facts(asOf: Self.now).readiness.first)
            #expect(now.values[CriterionKey(rawValue: "online_meeting")!] == .boolean(true))
            let before = CivilDate(year: 2025, month: 9, day: 19)!.vietnamMidnight
            let earlier = try #require(try await reports.facts(asOf: before).readiness.first)
            #expect(earlier.values[CriterionKey(rawValue: "online_meeting")!] == .boolean(false))
            #expect(try await reports.facts(asOf: CivilDate(year: 2025, month: 9, day: 1)!.vietnamMidnight).readiness.isEmpty)
        }
    }

    @Test("facts at a moment: each commune's latest report, whether from the last two days or long before")
    func factsInsideAndOutsideTheRecentWindow() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            try await app.test { http in
                let rows = ["00004,2025-09-10,0,1,1,1,1,1,", "00008,2025-09-19,0,0,1,1,1,1,", "00008,2025-09-20,1,0,1,1,1,1,"]
                try await http.upload("readiness", Self.readiness(rows), token: token) { #expect($0.status == .created) }
            }
            let reports = app.dependencies.monitor.stores.reports
            func latest(at instant: Date) async throws -> [String: String] {
                let facts = try await reports.facts(asOf: instant).readiness
                #expect(Set(facts.map(\.commune)).count == facts.count, "one fact per commune")
                return Dictionary(uniqueKeysWithValues: facts.map { ($0.commune.rawValue, CivilDate(vietnamDayOf: $0.asOf).iso) })
            }
            // 00004's only report is ten days old: found by the probe for communes without a recent report.
            #expect(try await latest(at: Self.now) == ["00004": "2025-09-10", "00008": "2025-09-20"])
            #expect(try await latest(at: CivilDate(year: 2025, month: 9, day: 19)!.vietnamMidnight.addingTimeInterval(17 * 3600))
                == ["00004": "2025-09-10", "00008": "2025-09-19"])
            #expect(try await latest(at: CivilDate(year: 2025, month: 9, day: 15)!.vietnamMidnight) == ["00004": "2025-09-10"])
        }
    }

    @Test("34 provinces uploading at once: all stored, none lost, no deadlock")
    func concurrentProvinces() async throws {
        try await TestDatabase.withDatabase { client in
            // Queued uploads may wait as long as the burst takes (on a loaded machine, more than the default 30 s):
            // this test is about none being lost, the gate's refusals have tests of their own.
            var concurrency = ConcurrencyLimits.standard
            concurrency.wait = .seconds(600)
            let app = try PostgresApp(client: client, now: Self.now, concurrency: concurrency)
            let directory = try await app.dependencies.monitor.stores.units.directory().snapshot(at: Self.now)
            var uploads: [(String, [UInt8])] = []
            for province in directory.provinces {
                let token = try await app.token(.province(province.code))
                let rows = directory.communes(in: province.code).map { "\($0.code.rawValue),2025-09-20,1,1,1,1,1,0," }
                uploads.append((token, Self.readiness(rows)))
            }
            let batch = uploads
            try await app.test { http in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (token, body) in batch {
                        group.addTask { try await http.upload("readiness", body, token: token) { #expect($0.status == .created) } }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 34)
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == directory.communes.count)
            #expect(try await app.count("SELECT count(*) FROM readiness_current") == directory.communes.count)
        }
    }
}
