import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02PostgresTestSupport
import KH02TestSupport
import PostgresNIO
import Testing

/// Without an Idempotency-Key, only a real retry is a replay: the same body as the token's latest upload of the
/// kind. A body that a later upload superseded is stored again.
@Suite("Upload retries without a key over PostgreSQL")
struct UploadRetryTests {
    typealias U = UploadAPITests

    static let x = U.readiness(["00004,2025-09-20,1,1,1,1,1,1,X"])
    static let y = U.readiness(["00004,2025-09-20,0,1,1,1,1,1,Y"])

    @Test("X, a correction Y, then X again: three uploads stored and X's values are current")
    func revertIsStored() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: U.now)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            try await app.test { http in
                var ids: [String] = []
                for body in [Self.x, Self.y, Self.x] {
                    let id = try await http.upload("readiness", body, token: token) { response in
                        #expect(response.status == .created)
                        #expect(response.headers[.init("Idempotent-Replay")!] == nil)
                        return try #require(try response.json["upload_id"] as? String)
                    }
                    ids.append(id)
                }
                #expect(Set(ids).count == 3)
                #expect(try await app.count("SELECT count(*) FROM uploads") == 3)
                let current = try await app.count(
                    "SELECT count(*) FROM readiness_current WHERE commune_code = '00004' AND upload_id = \(UUID(uuidString: ids[2])!)")
                #expect(current == 1, "the third upload (X again) is the commune's current report")
            }
        }
    }

    @Test("X then X at once: one upload stored, the second answer is the first replayed")
    func immediateRetryIsReplay() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: U.now)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            try await app.test { http in
                let first = try await http.upload("readiness", Self.x, token: token) {
                    #expect($0.status == .created)
                    return String(buffer: $0.body)
                }
                try await http.upload("readiness", Self.x, token: token) {
                    #expect($0.status == .ok)
                    #expect($0.headers[.init("Idempotent-Replay")!] == "true")
                    #expect(String(buffer: $0.body) == first)
                }
                // Another token sending the same bytes is not a retry of this one's upload.
                let other = try await app.token(.commune(CommuneCode(rawValue: "00004")!))
                try await http.upload("readiness", Self.x, token: other) { #expect($0.status == .created) }
                // Nor is the same body for another as_of parameter.
                let plain = U.readiness(["00004,1,1,1,1,1,1,X"], header: "commune_code,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync,note")
                try await http.upload("readiness", plain, token: token, query: "?as_of=2025-09-19") { #expect($0.status == .created) }
                try await http.upload("readiness", plain, token: token, query: "?as_of=2025-09-20") { #expect($0.status == .created) }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 4)
        }
    }
}
