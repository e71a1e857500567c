import Foundation
import KH02Core
import PropertyBased
import Testing

@Suite("CSV parser")
struct CSVParserTests {
    let parser = CSVParser()

    @Test("plain rows, CRLF and LF, BOM dropped, blank lines skipped, line numbers kept")
    func basics() throws {
        let records = try parser.parse("\u{FEFF}code,name\r\n00004,Ba Đình\r\n\r\n00008,Ngọc Hà\n")
        #expect(records.map(\.fields) == [["code", "name"], ["00004", "Ba Đình"], ["00008", "Ngọc Hà"]])
        #expect(records.map(\.line) == [1, 2, 4])
    }

    @Test("quoted fields keep commas, doubled quotes and line breaks")
    func quoted() throws {
        let records = try parser.parse("a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,,\"\"")
        #expect(records[0].fields == ["a", "b, c", "say \"hi\"", "two\nlines"])
        #expect(records[1].fields == ["next", "", ""])
        #expect(records[1].line == 3)
    }

    @Test("an unterminated quote and text after a closing quote are errors with the line")
    func errors() {
        #expect(throws: CSVParser.SyntaxError(line: 2, reason: .unterminatedQuote)) { try parser.parse("a,b\nc,\"open\n") }
        #expect(throws: CSVParser.SyntaxError(line: 1, reason: .textAfterClosingQuote)) { try parser.parse("\"x\"y,z") }
    }

    @Test("a semicolon delimiter, as Excel writes in some locales")
    func semicolons() throws {
        #expect(try CSVParser(delimiter: ";").parse("a;b,c\n").map(\.fields) == [["a", "b,c"]])
    }

    @Test("any table written with RFC 4180 quoting reads back the same")
    func roundTrip() async {
        let cell = Gen.oneOf(Gen.letterOrNumber.string(of: 0...6), Gen.always("Xã Phố Bảng, \"Hà\"\nGiang"), Gen.always(""))
        let row = cell.array(of: 1...5)
        await propertyCheck(input: row.array(of: 1...6)) { (table: [[String]]) in
            let width = table[0].count
            let rows = table.map { Array(($0 + Array(repeating: "x", count: width)).prefix(width)) }
            let text = rows.map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }
                .joined(separator: "\r\n")
            let parsed = (try? CSVParser().parse(text))?.map(\.fields)
            // A row whose only cell is empty is a blank line and skipped.
            #expect(parsed == rows.filter { !($0.count == 1 && $0[0].isEmpty) })
        }
    }
}
