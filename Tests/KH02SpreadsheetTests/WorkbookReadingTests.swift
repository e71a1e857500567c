import Foundation
import KH02Core
import KH02Spreadsheet
import KH02TestSupport
import Testing

/// Workbooks written by openpyxl read into the CSV an upload validates.
@Suite("Reading .xlsx workbooks")
struct WorkbookReadingTests {
    static let limits = SpreadsheetLimits.standard(textBytes: 1 << 20)

    /// The sheet of the workbook at `path` as CSV text.
    static func csv(_ path: String, limits: SpreadsheetLimits = limits) throws -> String {
        let workbook = try Workbook(data: try Data(contentsOf: URL(fileURLWithPath: path)), limits: limits)
        var text: [UInt8] = []
        try SheetCSV.convert(workbook, sheet: workbook.sheet(preferring: ["readiness"]).part, limit: limits.maximumTextBytes) {
            text += $0
        }
        return String(decoding: text, as: UTF8.self)
    }

    @Test("shared and rich-text strings, numbers, booleans, date serials, a date-time, percentages, a cached formula value; rows keep their numbers and columns their letters")
    func everyKindOfCell() async throws {
        let path = XLSXTool.path("sample.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await XLSXTool.run(["sample", path])
        let expected = [
            "Mã xã,as_of,Họp trực tuyến,computers,Chu ky so chuyen dung,DIGITAL_CERTIFICATE,Mạng truyền số liệu chuyên dùng,portal_sync,Ghi chú",
            "4,2025-09-20,true,0.95,có,80%,1,1,đủ điều kiện",
            "",
            "00008,2025-09-20T16:00:00,không,1,false,100%,x,0,",
            "00025,20/09/2025,1,100%,1,1,1,1,\"note, with comma \"\"quote\"\"\"",
        ].map { $0 + "\n" }.joined()
        #expect(try Self.csv(path) == expected)
    }

    @Test("a line break inside a cell stays in its field without moving later rows off their line; a row wider than the header keeps its extra cells")
    func lineBreaksAndWidth() async throws {
        let path = XLSXTool.path("table.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await XLSXTool.run(["table", path, #"[["a","b"],["one\ntwo","x"],["y",null,"extra"]]"#])
        #expect(try Self.csv(path) == "a,b\n\"one\rtwo\",x\ny,,extra\n")
        let parsed = try CSVParser().parse(try Self.csv(path))
        #expect(parsed.map(\.line) == [1, 2, 3])
    }

    @Test("a zip bomb is refused on its declared size before anything is inflated; a damaged zip, an .xls and a password-protected file get their own errors")
    func refusals() async throws {
        let bomb = XLSXTool.path("bomb.xlsx")
        let xls = XLSXTool.path("old.xls")
        let encrypted = XLSXTool.path("locked.xlsx")
        defer { for path in [bomb, xls, encrypted] { try? FileManager.default.removeItem(atPath: path) } }
        try await XLSXTool.run(["bomb", bomb])
        try await XLSXTool.run(["compound", xls, "0"])
        try await XLSXTool.run(["compound", encrypted, "1"])
        func kind(_ data: Data) -> SpreadsheetError.Kind? {
            do {
                _ = try Workbook(data: data, limits: Self.limits)
                return nil
            } catch let error as SpreadsheetError {
                return error.kind
            } catch {
                return nil
            }
        }
        #expect(kind(try Data(contentsOf: URL(fileURLWithPath: bomb))) == .tooLarge)
        #expect(kind(try Data(contentsOf: URL(fileURLWithPath: xls))) == .legacyExcel)
        #expect(kind(try Data(contentsOf: URL(fileURLWithPath: encrypted))) == .encrypted)
        var damaged = try Data(contentsOf: URL(fileURLWithPath: bomb))
        damaged.removeLast(200)
        #expect(kind(damaged) == .notAWorkbook)
        #expect(kind(Data("PK\u{3}\u{4} not really".utf8)) == .notAWorkbook)
        #expect(SpreadsheetError(.encrypted).message.vi.contains("mật khẩu"))
    }

    @Test("the sheet's actual size counts too: a sheet over the limit is refused while it inflates")
    func sheetLimit() async throws {
        let path = XLSXTool.path("sample.xlsx")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await XLSXTool.run(["sample", path])
        let small = SpreadsheetLimits(maximumSheetBytes: 1_000, maximumPartBytes: 1 << 20, maximumTextBytes: 1 << 20)
        #expect(throws: SpreadsheetError.self) { try Self.csv(path, limits: small) }
    }
}
