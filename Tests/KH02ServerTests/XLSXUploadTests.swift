import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02HTTP
import KH02PostgresTestSupport
import KH02TestSupport
import NIOFoundationEssentialsCompat
import PostgresNIO
import Testing

/// Excel workbooks, Vietnamese headers and multipart bodies through the upload API into real PostgreSQL.
@Suite("Excel and multipart uploads over PostgreSQL")
struct XLSXUploadTests {
    static let now = UploadAPITests.now
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The CSV the sample workbook is equivalent to (`xlsx_tool.py sample`), with the keys as header.
    static let equivalentCSV = Array(
        #"""
        commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync,note
        4,2025-09-20,true,0.95,có,80%,1,1,đủ điều kiện

        00008,2025-09-20T16:00:00,không,1,false,100%,x,0,
        00025,20/09/2025,1,100%,1,1,1,1,"note, with comma ""quote"""

        """#.utf8)

    static func workbook(_ arguments: [String]) async throws -> [UInt8] {
        let path = XLSXTool.path("upload.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await XLSXTool.run([arguments[0], path] + arguments.dropFirst())
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The accepted rows of an answer, without the upload's own identity.
    static func rows(_ json: [String: Any]) throws -> String {
        let rows = try #require(json["rows"] as? [[String: Any]])
        return String(decoding: try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test("an .xlsx written by openpyxl gives the same accepted rows and warnings as the equivalent CSV, and is stored")
    func sameAsCSV() async throws {
        let xlsx = try await Self.workbook(["sample"])
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            try await app.test { http in
                let csvRows = try await http.upload("readiness", Self.equivalentCSV, token: token, query: "?dry_run=true") { response in
                    #expect(response.status == .ok)
                    let warnings = (try response.json["warnings"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
                    return (try Self.rows(response.json), warnings ?? [])
                }
                try await http.upload("readiness", xlsx, token: token, contentType: Self.xlsxType) { response in
                    #expect(response.status == .created)
                    let json = try response.json
                    #expect(json["rows_accepted"] as? Int == 3)
                    #expect(try Self.rows(json) == csvRows.0)
                    let warnings = json["warnings"] as? [[String: Any]]
                    #expect(warnings?.compactMap { $0["code"] as? String } == csvRows.1)
                    let restored = warnings?.first { $0["code"] as? String == "leading_zeros_restored" }
                    #expect(restored?["row"] as? Int == 2)
                    #expect(restored?["cell"] as? String == "A2")
                }
            }
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 3)
        }
    }

    @Test("problems in a workbook name the sheet's row and the column letter; nothing is stored")
    func problemsNameTheCell() async throws {
        let xlsx = try await Self.workbook([
            "table",
            #"[["Mã xã", "Thời điểm số liệu", "Họp trực tuyến", "computers", "specialized_signature", "digital_certificate", "network", "portal_sync"], [], ["00004", "2025-09-20", 1, 1, 1, 1, 1, "maybe"]]"#,
        ])
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            try await app.test { http in
                try await http.upload("readiness", xlsx, token: token, contentType: Self.xlsxType) { response in
                    #expect(response.status == .unprocessableContent)
                    let problems = try response.json["problems"] as? [[String: Any]]
                    let problem = try #require(problems?.first)
                    #expect(problem["row"] as? Int == 3)
                    #expect(problem["column"] as? String == "portal_sync")
                    #expect(problem["cell"] as? String == "H3")
                    #expect(problem["code"] as? String == "invalid_boolean")
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 0)
        }
    }

    @Test("a damaged zip, a zip bomb, an .xls and a password-protected file are refused with clear errors; nothing is stored")
    func refusals() async throws {
        let bomb = try await Self.workbook(["bomb"])
        let xls = try await Self.workbook(["compound", "0"])
        let locked = try await Self.workbook(["compound", "1"])
        let sample = try await Self.workbook(["sample"])
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            try await app.test { http in
                func expect(_ body: [UInt8], _ type: String, status: HTTPResponse.Status, code: String, says text: String) async throws {
                    try await http.upload("readiness", body, token: token, contentType: type) { response in
                        #expect(response.status == status)
                        let problems = try response.json["problems"] as? [[String: Any]]
                        let problem = problems?.first
                        #expect(problem?["code"] as? String == code)
                        #expect((problem?["message"] as? String)?.contains(text) == true, "\(problem ?? [:])")
                    }
                }
                try await expect(Array(sample.prefix(sample.count - 300)), Self.xlsxType, status: .unprocessableContent, code: "invalid_workbook", says: "hỏng")
                try await expect(bomb, Self.xlsxType, status: .contentTooLarge, code: "too_large", says: "giải nén")
                try await expect(xls, "application/vnd.ms-excel", status: .unsupportedMediaType, code: "excel_workbook", says: ".xlsx")
                try await expect(xls, "text/csv", status: .unsupportedMediaType, code: "excel_workbook", says: "97-2003")
                try await expect(locked, Self.xlsxType, status: .unsupportedMediaType, code: "excel_workbook", says: "mật khẩu")
                // A workbook sent as CSV is recognised by its bytes and read as a workbook.
                try await http.upload("readiness", sample, token: token, contentType: "text/csv", query: "?dry_run=true") {
                    #expect($0.status == .ok)
                }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 0)
        }
    }

    @Test("CSV headers may be Vietnamese labels, with or without diacritics, mixed with keys; an unknown one suggests the closest")
    func vietnameseHeaders() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.admin)
            let good = Array(
                """
                MÃ XÃ;Thời điểm số liệu;hop truc tuyen;Máy tính và thiết bị số;Chữ ký số chuyên dùng;digital_certificate;Mạng truyền số liệu chuyên dùng;Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia;Ghi chu
                00004;20/09/2025;có;100%;có;1;có;không;
                """.utf8)
            let typo = Array("Mã xa,as_of,Họp trực tuyen,Máy tinh,computers\n00004,2025-09-20,1,1,1\n".utf8)
            try await app.test { http in
                try await http.upload("readiness", good, token: token) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                }
                try await http.upload("readiness", typo, token: token) { response in
                    #expect(response.status == .unprocessableContent)
                    let listed = try response.json["problems"] as? [[String: Any]]
                    let problems = try #require(listed)
                    let unknown = problems.first { $0["code"] as? String == "unknown_column" }
                    #expect(unknown?["cell"] as? String == "D1")
                    #expect((unknown?["message"] as? String)?.contains("Có phải là \"Máy tính và thiết bị số\" (computers)?") == true, "\(unknown ?? [:])")
                }
            }
        }
    }

    /// A multipart/form-data body with one part.
    static func multipart(_ content: [UInt8], disposition: String, type: String?, boundary: String = "kh02-test-boundary") -> [UInt8] {
        var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored field\r\n"
        head += "--\(boundary)\r\nContent-Disposition: \(disposition)\r\n"
        if let type { head += "Content-Type: \(type)\r\n" }
        head += "\r\n"
        return Array(head.utf8) + content + Array("\r\n--\(boundary)--\r\n".utf8)
    }

    @Test("multipart/form-data with one file part: .xlsx or CSV, with a file name or only the name \"file\"; no file part is 400")
    func multipart() async throws {
        let xlsx = try await Self.workbook(["sample"])
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            let type = "multipart/form-data; boundary=kh02-test-boundary"
            try await app.test { http in
                let named = Self.multipart(xlsx, disposition: "form-data; name=\"upload\"; filename=\"bao-cao.xlsx\"", type: "application/octet-stream")
                try await http.upload("readiness", named, token: token, contentType: type, query: "?dry_run=true") { response in
                    #expect(response.status == .ok, "\(String(buffer: response.body))")
                    let accepted = try response.json["rows_accepted"] as? Int
                    #expect(accepted == 3)
                }
                let bare = Self.multipart(Array(UploadAPITests.good), disposition: "form-data; name=\"file\"", type: nil)
                try await http.upload("readiness", bare, token: token, contentType: type) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                    let accepted = try response.json["rows_accepted"] as? Int
                    #expect(accepted == 2)
                }
                let none = Array("--kh02-test-boundary\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--kh02-test-boundary--\r\n".utf8)
                try await http.upload("readiness", none, token: token, contentType: type) { response in
                    #expect(response.status == .badRequest)
                    let error = try response.json["error"] as? [String: Any]
                    #expect(error?["code"] as? String == "multipart_file")
                }
            }
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 2)
        }
    }

    @Test("GET /templates/readiness.xlsx is a workbook of the province's communes; filled in by openpyxl it uploads")
    func templateRoundTrip() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: Self.now)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            let template = XLSXTool.path("template.xlsx")
            let filled = XLSXTool.path("filled.xlsx")
            defer { for file in [template, filled] { try? FileManager.default.removeItem(atPath: file) } }
            try await app.test { http in
                try await http.execute(uri: "/api/v1/templates/readiness.xlsx", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == Self.xlsxType)
                    try Data(buffer: response.body).write(to: URL(fileURLWithPath: template))
                }
            }
            let seen = try JSONSerialization.jsonObject(with: Data(try await XLSXTool.run(["inspect", template]).utf8)) as! [String: Any]
            let rows = try #require(seen["rows"] as? [[String]])
            #expect(rows.count > 100, "every commune of Hà Nội")
            #expect(rows.first?.first == "00004")
            let values = ["C2": "2025-09-20", "E2": "có", "F2": "1", "G2": "có", "H2": "1", "I2": "có", "J2": "không"]
            try await XLSXTool.run(["fill", template, filled, String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self)])
            let body = [UInt8](try Data(contentsOf: URL(fileURLWithPath: filled)))
            try await app.test { http in
                try await http.upload("readiness", body, token: token, contentType: Self.xlsxType) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body).prefix(500))")
                    let json = try response.json
                    #expect(json["rows_accepted"] as? Int == 1)
                    #expect(json["rows_skipped"] as? Int == rows.count - 1)
                }
            }
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 1)
        }
    }
}
