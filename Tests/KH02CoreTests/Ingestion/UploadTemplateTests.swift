import Foundation
import KH02Core
import Testing

@Suite("Upload templates")
struct UploadTemplateTests {
    typealias F = UploadFixtures

    func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test("a readiness template is UTF-8 with BOM and CRLF, the validator's header, one row per commune in scope")
    func readinessShape() {
        let bytes = UploadTemplate.csv(kind: .readiness, plan: F.plan, units: F.units, principal: .province(F.province("01")))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        let rows = lines(bytes)
        #expect(rows[0] == "commune_code,commune_name,as_of,note," + F.criteria.joined(separator: ","))
        #expect(rows.dropFirst().map { String($0.prefix(5)) } == ["00004", "00008", "00025"])
        #expect(rows[1].hasPrefix("00004,Phường Ba Đình,"))
    }

    @Test("the unfilled template is refused as having no rows; filled in, it validates")
    func readinessRoundTrip() throws {
        let bytes = UploadTemplate.csv(kind: .readiness, plan: F.plan, units: F.units, principal: .province(F.province("01")))
        let validator = F.validator(.province(F.province("01")))
        #expect(validator.validate(kind: .readiness, format: .csv, body: bytes).problems.map(\.code) == [.noRows])
        var rows = lines(bytes)
        for i in 1..<rows.count where i != 2 {
            var cells = rows[i].components(separatedBy: ",")
            cells[2] = "2025-08-19"
            for c in 4..<cells.count { cells[c] = "1" }
            rows[i] = cells.joined(separator: ",")
        }
        let filled = [0xEF, 0xBB, 0xBF] + Array((rows.joined(separator: "\r\n") + "\r\n").utf8)
        let upload = try #require(validator.validate(kind: .readiness, format: .csv, body: filled).accepted)
        #expect(upload.readinessRows.map(\.commune) == [F.commune("00004"), F.commune("00025")])
        #expect(upload.skippedRows == 1)
    }

    @Test("task and service templates list the owners of each task and every unit in scope, and round-trip")
    func tasksAndServices() throws {
        let principal = Principal.province(F.province("79"))
        let tasks = lines(UploadTemplate.csv(kind: .tasks, plan: F.plan, units: F.units, principal: principal))
        #expect(tasks[0] == "unit_code,unit_name,task_code,task_title,status,progress,completed_on,as_of,note")
        // Three province tasks for 79, the commune task for its two communes, no BCA task.
        #expect(tasks.count == 1 + 3 + 2)
        let services = lines(UploadTemplate.csv(kind: .services, plan: F.plan, units: F.units, principal: principal))
        #expect(services.dropFirst().map { String($0.prefix(5)) } == ["79,Th", "26734", "26737"])
        // Filling one task row makes a valid upload.
        var cells = try CSVParser().parse(tasks[1])[0].fields
        cells[4] = "in_progress"
        cells[5] = "40"
        cells[7] = "2025-08-19"
        let body = Array(([tasks[0], CSVInjectionGuard.line(cells)] + tasks.dropFirst(2)).joined(separator: "\r\n").utf8)
        let upload = try #require(F.validator(principal).validate(kind: .tasks, format: .csv, body: body).accepted)
        #expect(upload.taskRows.count == 1)
        #expect(upload.skippedRows == 4)
    }

    @Test("template cells are guarded against formula injection")
    func guarded() {
        var units = F.units.communes
        units[0].name = LocalizedText(vi: "=HYPERLINK(\"http://x\")", en: "x")
        let snapshot = UnitSnapshot(day: F.units.day, provinces: F.units.provinces, communes: units, agencies: F.units.agencies)
        let rows = lines(UploadTemplate.csv(kind: .readiness, plan: F.plan, units: snapshot, principal: .admin))
        #expect(rows[1].hasPrefix("00004,\"'=HYPERLINK(\"\"http://x\"\")\","))
    }
}
