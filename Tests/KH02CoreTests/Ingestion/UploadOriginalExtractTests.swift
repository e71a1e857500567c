import Foundation
import KH02Core
import Testing

/// The rows of an original file that a partial reader gets, numbered as the validator numbers them.
@Suite("Original files cut down to some rows")
struct UploadOriginalExtractTests {
    typealias F = UploadFixtures

    @Test("CSV: the header and the records starting on the kept lines, whatever the BOM, delimiter, blank lines or quoted line breaks")
    func csv() throws {
        let text = "\u{FEFF}commune_code;as_of;note\r\n00004;2025-08-19;\"hai\r\ndòng\"\r\n\r\n00008;2025-08-19;\"có \"\"ngoặc\"\"; chấm phẩy\"\r\n00025;2025-08-19;x\r\n"
        // The validator's numbering: 00004 on line 2, 00008 on line 5 (after the quoted break and a blank line), 00025 on 6.
        let extract = UploadOriginalExtract.rows(of: Array(text.utf8), format: .csv, keeping: [5])
        #expect(String(decoding: extract, as: UTF8.self) == "commune_code;as_of;note\r\n00008;2025-08-19;\"có \"\"ngoặc\"\"; chấm phẩy\"\r\n")
        let first = UploadOriginalExtract.rows(of: Array(text.utf8), format: .csv, keeping: [2])
        #expect(String(decoding: first, as: UTF8.self) == "commune_code;as_of;note\r\n00004;2025-08-19;\"hai\r\ndòng\"\r\n")
    }

    @Test("CSV fed in parts, split anywhere (inside a BOM, a character or a quoted line break), gives the extract of the whole")
    func anySplit() {
        let text = "\u{FEFF}commune_code;as_of;note\r\n00004;2025-08-19;\"hai\r\ndòng\"\r\n\r\n00008;2025-08-19;\"có \"\"ngoặc\"\"\"\r\n00025;2025-08-19;x"
        let bytes = Array(text.utf8)
        for keep: Set<Int> in [[2], [5, 6], []] {
            let whole = UploadOriginalExtract.rows(of: bytes, format: .csv, keeping: keep)
            for cut in 0...bytes.count {
                var extract = UploadOriginalExtract(format: .csv, keeping: keep)
                let parts = extract.feed(bytes[..<cut]) + extract.feed(bytes[cut...]) + extract.finish()
                #expect(parts == whole, "cut at \(cut), keeping \(keep)")
            }
        }
    }

    @Test("CSV: the kept lines are the row numbers the validator gives")
    func sameNumbersAsValidator() throws {
        let body = F.csv(F.readinessHeader, "", "00004,2025-08-19,1,1,1,1,1,1,a", "00008,2025-08-19,1,1,1,1,1,1,b")
        let rows = try #require(F.validator().validate(kind: .readiness, format: .csv, body: body).accepted).summary(first: 10)
        let row = try #require(rows.first { $0.unit.rawValue == "00008" }?.row)
        let extract = String(decoding: UploadOriginalExtract.rows(of: body, format: .csv, keeping: [row]), as: UTF8.self)
        #expect(extract == F.readinessHeader + "\r\n00008,2025-08-19,1,1,1,1,1,1,b\r\n")
    }

    @Test("JSON: the as_of and the kept elements of rows")
    func json() throws {
        let body = Array(#"{"as_of": "2025-08-19", "rows": [{"commune_code": "00004"}, {"commune_code": "00008", "computers": 0.95}]}"#.utf8)
        let extract = UploadOriginalExtract.rows(of: body, format: .json, keeping: [2])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(extract)) as? [String: Any])
        #expect(document["as_of"] as? String == "2025-08-19")
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["commune_code"] as? String == "00008" && rows[0]["computers"] as? Double == 0.95)
    }
}
