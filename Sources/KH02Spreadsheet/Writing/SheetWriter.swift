public import Foundation
import KH02Core
import ZIPFoundation

/// Writes a one-sheet .xlsx workbook: a bold, frozen header row, text cells (inline strings, so codes keep their
/// leading zeros), column widths, yes/no lists on chosen columns and a note on each header cell.
public struct SheetWriter {
    /// One column of the sheet.
    public struct Column: Sendable {
        public var header: String
        /// Shown when the header cell is selected (Excel's input message): the machine key.
        public var note: String?
        /// The values a drop-down list offers for the column's data cells, or empty.
        public var choices: [String]
        /// Width in characters.
        public var width: Int

        public init(header: String, note: String? = nil, choices: [String] = [], width: Int = 16) {
            self.header = header
            self.note = note
            self.choices = choices
            self.width = width
        }
    }

    public var sheetName: String
    public var columns: [Column]
    /// The data rows below the header, one text per column.
    public var rows: [[String]]

    public init(sheetName: String, columns: [Column], rows: [[String]]) {
        self.sheetName = sheetName
        self.columns = columns
        self.rows = rows
    }

    /// The workbook's bytes.
    public func xlsx() throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts() {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        guard let data = archive.data else { throw SpreadsheetError(.malformed, detail: "archive not written") }
        return data
    }

    private static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    private static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"

    func parts() -> [(String, String)] {
        [
            ("[Content_Types].xml", Self.header + """
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                </Types>
                """),
            ("_rels/.rels", Self.header + """
                <Relationships xmlns="\(Self.packageRelationships)">\
                <Relationship Id="rId1" Type="\(Self.relationships)/officeDocument" Target="xl/workbook.xml"/>\
                </Relationships>
                """),
            ("xl/workbook.xml", Self.header + """
                <workbook xmlns="\(Self.main)" xmlns:r="\(Self.relationships)">\
                <sheets><sheet name="\(Self.escape(sheetName))" sheetId="1" r:id="rId1"/></sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", Self.header + """
                <Relationships xmlns="\(Self.packageRelationships)">\
                <Relationship Id="rId1" Type="\(Self.relationships)/worksheet" Target="worksheets/sheet1.xml"/>\
                <Relationship Id="rId2" Type="\(Self.relationships)/styles" Target="styles.xml"/>\
                </Relationships>
                """),
            // Styles: 0 default; 1 the header (bold, grey fill, wrapped); 2 text ("@") for data cells.
            ("xl/styles.xml", Self.header + """
                <styleSheet xmlns="\(Self.main)">\
                <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
                <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
                <fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>\
                <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
                <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
                <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
                <xf numFmtId="49" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">\
                <alignment wrapText="1" vertical="top"/></xf>\
                <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
                <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
                </styleSheet>
                """),
            ("xl/worksheets/sheet1.xml", sheet()),
        ]
    }

    func sheet() -> String {
        let last = ColumnLetters.of(max(0, columns.count - 1))
        let lastRow = rows.count + 1
        var xml = Self.header + "<worksheet xmlns=\"\(Self.main)\" xmlns:r=\"\(Self.relationships)\">"
        xml += "<dimension ref=\"A1:\(last)\(lastRow)\"/>"
        xml += "<sheetViews><sheetView workbookViewId=\"0\">"
        xml += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        xml += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/><cols>"
        for (i, column) in columns.enumerated() {
            xml += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(column.width)\" style=\"2\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>"
        xml += Self.row(1, columns.map(\.header), style: 1)
        for (offset, row) in rows.enumerated() { xml += Self.row(offset + 2, row, style: 2) }
        xml += "</sheetData>"
        var validations: [String] = []
        for (i, column) in columns.enumerated() {
            let letter = ColumnLetters.of(i)
            if let note = column.note {
                validations.append(
                    "<dataValidation allowBlank=\"1\" showInputMessage=\"1\" promptTitle=\"\(Self.escape(String(column.header.prefix(32))))\" "
                        + "prompt=\"\(Self.escape(note))\" sqref=\"\(letter)1\"/>")
            }
            if !column.choices.isEmpty && lastRow >= 2 {
                let list = Self.escape("\"" + column.choices.joined(separator: ",") + "\"")
                validations.append(
                    "<dataValidation type=\"list\" allowBlank=\"1\" showErrorMessage=\"1\" sqref=\"\(letter)2:\(letter)\(max(lastRow, 1000))\">"
                        + "<formula1>\(list)</formula1></dataValidation>")
            }
        }
        if !validations.isEmpty {
            xml += "<dataValidations count=\"\(validations.count)\">" + validations.joined() + "</dataValidations>"
        }
        xml += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/></worksheet>"
        return xml
    }

    static func row(_ number: Int, _ texts: [String], style: Int) -> String {
        var xml = "<row r=\"\(number)\">"
        for (i, text) in texts.enumerated() where !text.isEmpty {
            xml += "<c r=\"\(ColumnLetters.of(i))\(number)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">"
            xml += escape(text) + "</t></is></c>"
        }
        return xml + "</row>"
    }

    /// Text safe in XML content and attribute values; characters XML 1.0 cannot hold are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out += "&#\(scalar.value);"
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
