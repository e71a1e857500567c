import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02PostgresTestSupport
import KH02TestSupport
import PostgresNIO
import Testing

/// A JSON `\u0000` escape once passed validation and failed inside COPY (500): it is now an upload problem.
@Suite("NUL characters over PostgreSQL")
struct NULUploadTests {
    @Test("a JSON note holding \\u0000 is answered 422 nul_character naming row and column; nothing is stored")
    func refused() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: UploadAPITests.now)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            let body = Array(
                #"{"as_of": "2025-09-20", "rows": [{"commune_code": "00004", "online_meeting": 1, "computers": 1, "specialized_signature": 1, "digital_certificate": 1, "network": 1, "portal_sync": 1, "note": "a\u0000b"}]}"#.utf8)
            try await app.test { http in
                try await http.upload("readiness", body, token: token, contentType: "application/json") { response in
                    #expect(response.status == .unprocessableContent)
                    let problem = try #require((try response.json["problems"] as? [[String: Any]])?.first)
                    #expect(problem["code"] as? String == "nul_character")
                    #expect(problem["row"] as? Int == 1 && problem["column"] as? String == "note")
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 0)
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 0)
        }
    }
}
