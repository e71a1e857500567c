import Foundation
import KH02Core
import KH02Spreadsheet
import KH02TestSupport
import Testing

/// The .xlsx upload templates, opened by openpyxl, filled in by it, and read back.
@Suite("Upload templates as .xlsx")
struct TemplateWorkbookTests {
    static func plan() throws -> PlanDefinition {
        try PlanDefinition.decode(json: Data(contentsOf: RepositoryPaths.root.appendingPathComponent("SQL/plans/default-plan.json")))
    }

    @Test("a province's readiness template: its communes filled in, a frozen bold header of Vietnamese labels, keys as prompts, yes/no lists; filled in by openpyxl it reads back as CSV the upload accepts")
    func readinessTemplate() async throws {
        let plan = try Self.plan()
        let units = try await UnitFixtures.store.directory().snapshot(at: Date(timeIntervalSince1970: 1_758_000_000))
        let data = try UploadWorkbookTemplate.xlsx(kind: .readiness, plan: plan, units: units, principal: .province(ProvinceCode(rawValue: "75")!))
        let path = XLSXTool.path("template.xlsx")
        let filled = XLSXTool.path("filled.xlsx")
        defer { for file in [path, filled] { try? FileManager.default.removeItem(atPath: file) } }
        try data.write(to: URL(fileURLWithPath: path))
        let seen = try JSONSerialization.jsonObject(with: Data(try await XLSXTool.run(["inspect", path]).utf8)) as! [String: Any]
        #expect(seen["sheets"] as? [String] == ["readiness"])
        #expect(seen["freeze"] as? String == "A2")
        #expect(seen["bold"] as? Bool == true)
        let header = try #require(seen["header"] as? [String])
        #expect(header == UploadTemplate.labels(kind: .readiness, plan: plan))
        #expect(header.prefix(4) == ["Mã xã", "Tên xã", "Thời điểm số liệu", "Ghi chú"])
        #expect(header.contains("Họp trực tuyến"))
        let rows = try #require(seen["rows"] as? [[String]])
        #expect(rows.map { Array($0.prefix(2)) } == [["25270", "Lộc Ninh"], ["25357", "Tân Khai"]])
        let prompts = try #require(seen["prompts"] as? [String: String])
        #expect(prompts["A1"] == "commune_code")
        #expect(prompts["E1"] == "online_meeting")
        let lists = try #require(seen["lists"] as? [String: String])
        #expect(lists["E2:E1000"] == "\"có,không\"")
        #expect(lists.count == 4, "one list per yes/no criterion: online_meeting, specialized_signature, network, portal_sync")

        let values = ["C2": "2025-09-20", "E2": "có", "F2": "95%", "G2": "có", "H2": "1", "I2": "không", "J2": "có"]
        try await XLSXTool.run(["fill", path, filled, String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self)])
        let workbook = try Workbook(data: try Data(contentsOf: URL(fileURLWithPath: filled)), limits: .standard(textBytes: 1 << 20))
        var text: [UInt8] = []
        try SheetCSV.convert(workbook, sheet: workbook.sheets[0].part, limit: 1 << 20) { text += $0 }
        let validator = UploadValidator(
            plan: plan, units: units, principal: .province(ProvinceCode(rawValue: "75")!),
            now: CivilDate(year: 2025, month: 9, day: 20)!.vietnamMidnight.addingTimeInterval(17 * 3600))
        let result = validator.validate(kind: .readiness, format: .csv, body: text)
        let upload = try result.get()
        #expect(upload.rowCount == 1)
        #expect(upload.skippedRows == 1, "the commune left empty is an unfilled template row")
        #expect(upload.summary(first: 10).first?.row == 2)
    }

    @Test("templates of every kind open in openpyxl with the header the upload accepts")
    func everyKind() async throws {
        let plan = try Self.plan()
        let units = try await UnitFixtures.store.directory().snapshot(at: Date(timeIntervalSince1970: 1_758_000_000))
        for kind in UploadKind.allCases {
            let path = XLSXTool.path("\(kind.rawValue).xlsx")
            defer { try? FileManager.default.removeItem(atPath: path) }
            try UploadWorkbookTemplate.xlsx(kind: kind, plan: plan, units: units, principal: .admin).write(to: URL(fileURLWithPath: path))
            let seen = try JSONSerialization.jsonObject(with: Data(try await XLSXTool.run(["inspect", path]).utf8)) as! [String: Any]
            #expect(seen["header"] as? [String] == UploadTemplate.labels(kind: kind, plan: plan))
            #expect(seen["sheets"] as? [String] == [kind.rawValue])
        }
    }
}
