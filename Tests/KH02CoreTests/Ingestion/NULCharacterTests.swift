import Foundation
import KH02Core
import Testing

/// U+0000 cannot be stored in PostgreSQL text: every decoded text value holding one is refused with its row and
/// column, before anything reaches the store.
@Suite("NUL characters in uploads")
struct NULCharacterTests {
    typealias F = UploadFixtures

    func json(_ rows: String...) -> [UInt8] { Array("{\"as_of\": \"2025-08-19\", \"rows\": [\(rows.joined(separator: ","))]}".utf8) }

    static let goodRow = #"{"commune_code": "00004", "online_meeting": 1, "computers": 1, "specialized_signature": 1, "digital_certificate": 1, "network": 1, "portal_sync": 1"#

    @Test("a JSON note holding \\u0000 is refused as nul_character with its row and column, in both languages")
    func jsonNote() throws {
        let body = json(Self.goodRow + "}", Self.goodRow.replacingOccurrences(of: "00004", with: "00008") + #", "note": "a\u0000b"}"#)
        let problems = F.validator().validate(kind: .readiness, format: .json, body: body).problems
        #expect(problems.map(\.code) == [.nulCharacter])
        let problem = try #require(problems.first)
        #expect(problem.row == 2 && problem.column == "note")
        #expect(problem.message.vi.contains("NUL") && problem.message.en.contains("NUL"))
    }

    @Test("a NUL in any column is refused, each cell once, whatever the kind")
    func everyColumn() {
        let body = json(#"{"commune_code": "0000\u00004", "online_meeting": "c\u0000", "computers": 1, "specialized_signature": 1, "digital_certificate": 1, "network": 1, "portal_sync": 1}"#)
        let problems = F.validator().validate(kind: .readiness, format: .json, body: body).problems
        #expect(problems.map(\.code) == [.nulCharacter, .nulCharacter])
        #expect(Set(problems.compactMap(\.column)) == ["commune_code", "online_meeting"])
        let tasks = Array(#"{"rows": [{"unit_code": "01", "task_code": "T1", "status": "done\u0000", "as_of": "2025-08-19"}]}"#.utf8)
        #expect(F.validator().validate(kind: .tasks, format: .json, body: tasks).problems.contains { $0.code == .nulCharacter && $0.column == "status" })
    }

    @Test("in CSV a raw zero byte is refused as binary content, so no NUL reaches a cell there either")
    func csvZeroByte() {
        let body = F.csv(F.readinessHeader, "00004,2025-08-19,1,1,1,1,1,1,a") + [0] + Array("b".utf8)
        #expect(F.validator().validate(kind: .readiness, format: .csv, body: body).problems.map(\.code) == [.binaryContent])
    }

    @Test("a clean JSON file next to the refused one is accepted")
    func cleanAccepted() {
        #expect(F.validator().validate(kind: .readiness, format: .json, body: json(Self.goodRow + #", "note": "ok"}"#)).accepted != nil)
    }
}
