import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02PostgresTestSupport
import KH02TestSupport
import Testing

/// Who reads which part of an upload: the uploader and nation readers the whole file; a unit's token that did not
/// send it only the rows about its own area (detail, answer and original), or 403 when the upload has none.
@Suite("Upload records by scope over PostgreSQL")
struct UploadScopeTests {
    typealias U = UploadAPITests

    /// Province 01's file about communes A (00004) and B (00008).
    static let provinceFile = U.readiness(["00004,2025-09-20,1,1,1,1,1,1,A", "00008,2025-09-20,0,1,1,1,1,1,B"])

    func get(_ http: any TestClientProtocol, _ uri: String, token: String) async throws -> TestResponse {
        try await http.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"])
    }

    @Test("commune A sees only A's rows (list, detail, original); another province's commune gets 403; the province sees all")
    func communeSeesOwnRows() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: U.now)
            let province = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            let communeA = try await app.token(.commune(CommuneCode(rawValue: "00004")!))
            let elsewhere = try await app.token(.commune(CommuneCode(rawValue: "25270")!))
            let neighbour = try await app.token(.commune(CommuneCode(rawValue: "00025")!))
            try await app.test { http in
                let id = try await http.upload("readiness", Self.provinceFile, token: province) {
                    try #require(try $0.json["upload_id"] as? String)
                }
                let listed = try await get(http, "/api/v1/reports", token: communeA)
                let item = try #require((try listed.json["items"] as? [[String: Any]])?.first)
                #expect(item["id"] as? String == id && item["partial"] as? Bool == true)

                let detail = try await get(http, "/api/v1/reports/\(id)", token: communeA)
                #expect(detail.status == .ok)
                let body = try detail.json
                #expect(body["partial"] as? Bool == true && body["visible_rows"] as? Int == 1)
                #expect(body["units"] as? [String] == ["00004"])
                let answer = try #require(body["answer"] as? [String: Any])
                #expect((answer["rows"] as? [[String: Any]])?.map { $0["unit"] as? String } == ["00004"])
                #expect(answer["rows_accepted"] as? Int == 1)
                #expect(!String(buffer: detail.body).contains("00008"), "nothing about commune B")

                let original = try await get(http, "/api/v1/reports/\(id)/original", token: communeA)
                #expect(original.status == .ok)
                #expect(String(buffer: original.body) == U.header + "\r\n00004,2025-09-20,1,1,1,1,1,1,A\r\n")
                #expect(original.headers[.contentDisposition]?.contains("-partial.csv") == true)

                for outsider in [elsewhere, neighbour] {
                    #expect(try await get(http, "/api/v1/reports/\(id)", token: outsider).status == .forbidden)
                    #expect(try await get(http, "/api/v1/reports/\(id)/original", token: outsider).status == .forbidden)
                }

                let whole = try await get(http, "/api/v1/reports/\(id)", token: province)
                #expect(try whole.json["partial"] as? Bool == false && whole.json["visible_rows"] as? Int == 2)
                // A's row reads the same in the cut-down answer as in the whole one, key for key.
                let wholeRows = try #require((try whole.json["answer"] as? [String: Any])?["rows"] as? [[String: Any]])
                let partRows = try #require(answer["rows"] as? [[String: Any]])
                #expect(NSDictionary(dictionary: partRows[0]).isEqual(to: wholeRows[0]))
                #expect((partRows[0]["accepted"] as? [String: String])?["online_meeting"] != nil)
                #expect(try await Array(buffer: get(http, "/api/v1/reports/\(id)/original", token: province).body) == Self.provinceFile)
                let provinceList = try await get(http, "/api/v1/reports", token: province)
                #expect((try provinceList.json["items"] as? [[String: Any]])?.first?["partial"] as? Bool == false)
            }
        }
    }

    @Test("a province reads an administrator's national file only as its own communes' rows; another province reader of 01 sees them whole")
    func provinceReadsNationalFile() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: U.now)
            let admin = try await app.token(.admin)
            let hanoi = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            let national = U.readiness(["00004,2025-09-20,1,1,1,1,1,1,", "25270,2025-09-20,1,1,1,1,1,1,", "00008,2025-09-20,1,1,1,1,1,1,"])
            try await app.test { http in
                let id = try await http.upload("readiness", national, token: admin) { try #require(try $0.json["upload_id"] as? String) }
                let detail = try await get(http, "/api/v1/reports/\(id)", token: hanoi)
                #expect(try detail.json["units"] as? [String] == ["00004", "00008"] && detail.json["visible_rows"] as? Int == 2)
                let original = String(buffer: try await get(http, "/api/v1/reports/\(id)/original", token: hanoi).body)
                #expect(original == U.header + "\r\n00004,2025-09-20,1,1,1,1,1,1,\r\n00008,2025-09-20,1,1,1,1,1,1,\r\n")
                let central = try await app.token(.central)
                #expect(try await get(http, "/api/v1/reports/\(id)", token: central).json["partial"] as? Bool == false)
            }
        }
    }

    @Test("a JSON file is cut down to the reader's rows, its as_of kept")
    func jsonOriginal() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: U.now)
            let province = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            let communeB = try await app.token(.commune(CommuneCode(rawValue: "00008")!))
            let row = { (code: String) in
                "{\"commune_code\": \"\(code)\", \"online_meeting\": 1, \"computers\": 1, \"specialized_signature\": 1, \"digital_certificate\": 1, \"network\": 1, \"portal_sync\": 1}"
            }
            let body = Array("{\"as_of\": \"2025-09-20\", \"rows\": [\(row("00004")), \(row("00008"))]}".utf8)
            try await app.test { http in
                let id = try await http.upload("readiness", body, token: province, contentType: "application/json") {
                    try #require(try $0.json["upload_id"] as? String)
                }
                let original = try await get(http, "/api/v1/reports/\(id)/original", token: communeB)
                let json = try original.json
                #expect(json["as_of"] as? String == "2025-09-20")
                #expect((json["rows"] as? [[String: Any]])?.map { $0["commune_code"] as? String } == ["00008"])
            }
        }
    }

    @Test("the original is an attachment that browsers must not sniff")
    func originalHeaders() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: U.now)
            let province = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            try await app.test { http in
                let id = try await http.upload("readiness", Self.provinceFile, token: province) { try #require(try $0.json["upload_id"] as? String) }
                let original = try await get(http, "/api/v1/reports/\(id)/original", token: province)
                #expect(original.headers[.contentDisposition] == "attachment; filename=\"upload-\(id).csv\"")
                #expect(original.headers[.xContentTypeOptions] == "nosniff")
                #expect(original.headers[.contentType] == "text/csv; charset=utf-8")
            }
        }
    }
}
