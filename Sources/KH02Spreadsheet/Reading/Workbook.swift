public import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// An .xlsx workbook opened for reading: its sheets, shared strings and number formats, read once the zip's
/// declared sizes are within `SpreadsheetLimits`. A sheet's rows are then read one at a time (`rows(of:_:)`).
public struct Workbook {
    /// The sheets, in workbook order: name and part path.
    public let sheets: [(name: String, part: String)]
    let archive: Archive
    let limits: SpreadsheetLimits
    let sharedStrings: [String]
    let formats: CellFormats

    /// Opens the workbook in `data`; throws `SpreadsheetError`.
    public init(data: Data, limits: SpreadsheetLimits) throws {
        if let kind = Workbook.recognise(data.prefix(8)), kind != .zip {
            throw SpreadsheetError(Workbook.isEncrypted(data) ? .encrypted : .legacyExcel)
        }
        do {
            self.archive = try Archive(data: data, accessMode: .read, pathEncoding: nil)
        } catch {
            throw SpreadsheetError(.notAWorkbook)
        }
        self.limits = limits
        // Every entry's declared size is checked before anything is inflated.
        for entry in archive where entry.uncompressedSize > UInt64(max(limits.maximumSheetBytes, limits.maximumPartBytes)) {
            throw SpreadsheetError(.tooLarge, part: entry.path, detail: "\(entry.uncompressedSize) bytes")
        }
        let relations = try Workbook.relations(archive, limits: limits)
        var sheets: [(String, String)] = []
        var date1904 = false
        let events = XMLEvents()
        events.onStart = { name, attributes in
            switch name {
            case "workbookPr": date1904 = ["1", "true"].contains(attributes["date1904"] ?? "")
            case "sheet":
                let id = attributes.first { XMLEvents.local($0.key) == "id" }?.value
                if let name = attributes["name"], let id, let target = relations[id] { sheets.append((name, target)) }
            default: break
            }
        }
        try events.run(XMLParser(data: try Workbook.part("xl/workbook.xml", of: archive, limit: limits.maximumPartBytes)), part: "xl/workbook.xml")
        guard !sheets.isEmpty else { throw SpreadsheetError(.malformed, part: "xl/workbook.xml", detail: "no sheet") }
        self.sheets = sheets
        sharedStrings = try Workbook.sharedStrings(archive, limits: limits)
        formats = try CellFormats(styles: archive["xl/styles.xml"] == nil ? nil : try Workbook.part("xl/styles.xml", of: archive, limit: limits.maximumPartBytes), date1904: date1904)
    }

    /// What the first bytes of a file say it is: a zip archive (.xlsx), an OLE2 compound file (.xls, or an
    /// encrypted .xlsx), or neither (nil).
    public enum Container: Sendable { case zip, compound }

    public static func recognise(_ prefix: some Collection<UInt8>) -> Container? {
        let bytes = Array(prefix.prefix(8))
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zip }
        if bytes == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] { return .compound }
        return nil
    }

    /// True when a compound file holds an encrypted OOXML package (its directory names `EncryptedPackage`).
    static func isEncrypted(_ data: Data) -> Bool {
        let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return data.withUnsafeBytes { Array($0).firstRange(of: name) != nil }
    }

    /// The sheet named `preferred` (compared case-insensitively), else the first.
    public func sheet(preferring preferred: [String]) -> (name: String, part: String) {
        let wanted = Set(preferred.map { $0.lowercased() })
        return sheets.first { wanted.contains($0.name.lowercased()) } ?? sheets[0]
    }

    /// Calls `body` with each row of the sheet at `part` that has a cell, in order: its 1-based number and its
    /// cells' texts by 0-based column (nil where the row has no value). The sheet's XML is inflated to a temporary
    /// file (within the limits) and parsed from there a piece at a time.
    public func rows(of part: String, _ body: (SheetRow) throws -> Void) throws {
        guard let entry = archive[part] else { throw SpreadsheetError(.malformed, part: part, detail: "missing") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kh02-sheet-\(UUID().uuidString).xml").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw SpreadsheetError(.malformed, part: part, detail: "no temporary file")
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            defer { try? handle.close() }
            try Workbook.inflate(entry, of: archive, part: part, limit: limits.maximumSheetBytes) { try handle.write(contentsOf: $0) }
        }
        guard let stream = InputStream(fileAtPath: path) else { throw SpreadsheetError(.malformed, part: part, detail: "unreadable") }
        var reader = SheetReader(sharedStrings: sharedStrings, formats: formats, part: part)
        try withoutActuallyEscaping(body) { body in
            let events = XMLEvents()
            events.onStart = { try reader.start($0, $1) }
            events.onText = { reader.text($0) }
            events.onEnd = { name in
                if let row = try reader.end(name) { try body(row) }
            }
            try events.run(XMLParser(stream: stream), part: part)
        }
    }

    // MARK: Parts

    /// Inflates `entry` a chunk at a time, refusing more bytes than it declared or than `limit`.
    static func inflate(_ entry: Entry, of archive: Archive, part: String, limit: Int, _ consume: (Data) throws -> Void) throws {
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw SpreadsheetError(.tooLarge, part: part, detail: "\(entry.uncompressedSize) bytes")
        }
        let allowed = Int(entry.uncompressedSize)
        var seen = 0
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                seen += chunk.count
                guard seen <= allowed else { throw SpreadsheetError(.tooLarge, part: part, detail: "more bytes than declared") }
                try consume(chunk)
            }
        } catch let error as SpreadsheetError {
            throw error
        } catch {
            throw SpreadsheetError(.notAWorkbook, part: part)
        }
    }

    static func part(_ path: String, of archive: Archive, limit: Int) throws -> Data {
        guard let entry = archive[path] else { throw SpreadsheetError(.malformed, part: path, detail: "missing") }
        var data = Data()
        try inflate(entry, of: archive, part: path, limit: limit) { data.append($0) }
        return data
    }

    /// The workbook's relationships: id → part path.
    static func relations(_ archive: Archive, limits: SpreadsheetLimits) throws -> [String: String] {
        let path = "xl/_rels/workbook.xml.rels"
        var relations: [String: String] = [:]
        let events = XMLEvents()
        events.onStart = { name, attributes in
            guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
            relations[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        try events.run(XMLParser(data: try part(path, of: archive, limit: limits.maximumPartBytes)), part: path)
        return relations
    }

    /// The shared strings table (rich text runs joined, phonetic runs left out); empty when there is none.
    static func sharedStrings(_ archive: Archive, limits: SpreadsheetLimits) throws -> [String] {
        let path = "xl/sharedStrings.xml"
        guard archive[path] != nil else { return [] }
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        let events = XMLEvents()
        events.onStart = { name, _ in
            switch name {
            case "si": current = ""
            case "t": inText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        }
        events.onText = { if inText { current += $0 } }
        events.onEnd = { name in
            switch name {
            case "si": strings.append(current)
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }
        try events.run(XMLParser(data: try part(path, of: archive, limit: limits.maximumPartBytes)), part: path)
        return strings
    }
}

/// One row of a sheet: its 1-based number and its cells' texts by 0-based column.
public struct SheetRow: Sendable {
    public var number: Int
    public var cells: [Int: String]
}
