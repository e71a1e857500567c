import Foundation
import KH02Core
import Testing

@Suite("Upload encodings and formats")
struct EncodingAndFormatTests {
    typealias F = UploadFixtures
    let header = UploadFixtures.readinessHeader
    let line = "00004,2025-08-19,1,1,1,1,1,1,Phường Ba Đình đủ điều kiện"

    func codes(_ bytes: [UInt8], format: UploadFormat = .csv) -> [UploadProblem.Code] {
        F.validator().validate(kind: .readiness, format: format, body: bytes).problems.map(\.code)
    }

    @Test("UTF-8 with a BOM and CRLF line ends is accepted like plain UTF-8")
    func utf8WithBOM() throws {
        let plain = F.validator().validate(kind: .readiness, format: .csv, body: Array((header + "\n" + line).utf8))
        let bom = F.validator().validate(
            kind: .readiness, format: .csv, body: [0xEF, 0xBB, 0xBF] + Array((header + "\r\n" + line + "\r\n").utf8))
        let a = try #require(plain.accepted)
        let b = try #require(bom.accepted)
        #expect(a.rows == b.rows)
        #expect(b.readinessRows.first?.note == "Phường Ba Đình đủ điều kiện")
    }

    @Test("Windows-1258 bytes are diagnosed as a legacy code page on the line they appear, with how to fix it")
    func windows1258() throws {
        // "Phường" in Windows-1258: P h ư (0xFD) ơ (0xF5) ̀ (0xCC) n g.
        let bytes = Array((header + "\n").utf8) + Array("00004,2025-08-19,1,1,1,1,1,1,Ph".utf8) + [0xFD, 0xF5, 0xCC]
            + Array("ng".utf8)
        let problems = F.validator().validate(kind: .readiness, format: .csv, body: bytes).problems
        #expect(problems.map(\.code) == [.legacyEncoding])
        #expect(problems.first?.row == 2)
        #expect(problems.first?.message.vi.contains("Windows-1258") == true)
        #expect(problems.first?.message.vi.contains("Lưu lại tệp dưới dạng CSV UTF-8 trong Excel: File > Save As > CSV UTF-8") == true)
        // Windows-1252 ("Café" with 0xE9) gets the same diagnosis.
        #expect(codes(Array("commune_code\nCaf".utf8) + [0xE9]) == [.legacyEncoding])
    }

    @Test("UTF-16 with a BOM, and without one, is diagnosed")
    func utf16() {
        let text = header + "\r\n" + line
        let le: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(codes([0xFF, 0xFE] + le) == [.utf16Encoding])
        #expect(codes([0xFE, 0xFF] + be) == [.utf16Encoding])
        #expect(codes(le) == [.utf16Encoding])
        #expect(codes(be, format: .json) == [.utf16Encoding])
    }

    @Test("an Excel workbook and binary data are told apart from text")
    func workbookAndBinary() {
        #expect(codes([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]) == [.excelWorkbook])
        #expect(codes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) == [.excelWorkbook])
        #expect(codes(Array("commune_code\n00004".utf8) + [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) == [.binaryContent])
    }

    @Test("an empty body, a lone BOM or only blank lines is an empty file")
    func empty() {
        #expect(codes([]) == [.emptyFile])
        #expect(codes([0xEF, 0xBB, 0xBF]) == [.emptyFile])
        #expect(codes(Array(" \r\n\n".utf8)) == [.emptyFile])
        #expect(codes([], format: .json) == [.emptyFile])
    }

    @Test("a body over the size limit is refused before it is read")
    func tooLarge() {
        let limits = UploadLimits(maximumBytes: 10, maximumProblems: 10, maximumWarnings: 10, maximumNoteLength: 10)
        let problems = F.validator(limits: limits).validate(kind: .readiness, format: .csv, body: Array(header.utf8)).problems
        #expect(problems.map(\.code) == [.tooLarge])
        #expect(UploadLimits.standard.maximumBytes == 100 * 1024 * 1024)
    }

    @Test("JSON: invalid syntax, wrong shapes and unknown fields are each reported")
    func badJSON() {
        #expect(codes(Array("{\"rows\": [".utf8), format: .json) == [.invalidJSON])
        #expect(codes(Array("[1, 2]".utf8), format: .json) == [.jsonStructure])
        #expect(codes(Array("{\"rows\": 5}".utf8), format: .json) == [.jsonStructure])
        #expect(codes(Array("{\"as_of\": \"2025-08-19\"}".utf8), format: .json) == [.missingColumn])
        #expect(codes(Array("{\"rows\": [], \"extra\": 1}".utf8), format: .json) == [.unknownColumn])
        #expect(codes(Array("{\"rows\": []}".utf8), format: .json) == [.noRows])
        let row = #"{"commune_code": "00004", "as_of": "2025-08-19", "online_meeting": [1], "computers": 1, "#
            + #""specialized_signature": 1, "digital_certificate": 1, "network": 1, "portal_sync": 1, "wifi": 1}"#
        let problems = F.validator().validate(kind: .readiness, format: .json, body: Array("{\"rows\": [\(row), 7]}".utf8))
            .problems
        #expect(problems.map(\.code) == [.jsonStructure, .unknownCriterion, .jsonStructure])
        #expect(problems.map(\.row) == [1, 1, 2])
    }

    @Test("JSON rows missing a required field are refused per row")
    func jsonMissingField() {
        let body = #"{"as_of": "2025-08-19", "rows": [{"commune_code": "00004", "online_meeting": true}]}"#
        let problems = F.validator().validate(kind: .readiness, format: .json, body: Array(body.utf8)).problems
        #expect(problems.map(\.code) == Array(repeating: .missingColumn, count: 5))
        #expect(problems.allSatisfy { $0.row == 1 })
    }

    @Test("the same data as CSV and as JSON gives the same rows")
    func csvEqualsJSON() throws {
        let csv = F.csv(
            header, "00004,2025-08-19,1,0.95,có,100%,x,true,Ghi chú", "26734,2025-08-19T09:00,0,0,không,0.5,,false,")
        let json = """
            {"rows": [
              {"commune_code": "00004", "as_of": "2025-08-19", "online_meeting": true, "computers": 0.95,
               "specialized_signature": "có", "digital_certificate": 1, "network": "x", "portal_sync": 1, "note": "Ghi chú"},
              {"commune_code": "26734", "as_of": "2025-08-19T09:00+07:00", "online_meeting": 0, "computers": 0,
               "specialized_signature": false, "digital_certificate": "50%", "network": null, "portal_sync": "false"}
            ]}
            """
        let a = try #require(F.validator().validate(kind: .readiness, format: .csv, body: csv).accepted)
        let b = try #require(F.validator().validate(kind: .readiness, format: .json, body: Array(json.utf8)).accepted)
        #expect(IngestionEquality.readiness(a.readinessRows) == IngestionEquality.readiness(b.readinessRows))
        #expect(a.warnings.map(\.code) == b.warnings.map(\.code))
        #expect(b.format == .json)
    }

    @Test("a JSON body's top-level as_of applies to rows without their own")
    func jsonTopLevelAsOf() throws {
        let body = #"""
            {"as_of": "2025-08-18", "rows": [{"commune_code": "00004", "online_meeting": 1, "computers": 1,
              "specialized_signature": 1, "digital_certificate": 1, "network": 1, "portal_sync": 1}]}
            """#
        let rows = try #require(
            F.validator().validate(
                kind: .readiness, format: .json, body: Array(body.utf8), defaultAsOf: "2025-08-19").accepted)
            .readinessRows
        #expect(rows.first?.asOf == F.vn("2025-08-18 16:00"))
    }

    @Test("formats are recognised from Content-Type")
    func contentType() {
        #expect(UploadFormat(contentType: "text/csv; charset=utf-8") == .csv)
        #expect(UploadFormat(contentType: "Application/JSON") == .json)
        #expect(UploadFormat(contentType: "application/vnd.ms-excel") == nil)
    }
}
