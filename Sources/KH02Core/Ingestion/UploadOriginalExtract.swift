import Foundation

/// The part of an uploaded file that holds some of its rows, for a reader allowed to see only those: a CSV keeps
/// its header and the records starting on the kept lines, a JSON body its top-level `as_of` and the kept elements
/// of `rows`. Row numbers are those the validator gives (and the store keeps): a CSV record's first line, a JSON
/// row's index + 1. Pure; the file is one the validator accepted, so it decodes and parses.
///
/// Fed the stored file a part at a time, a CSV is cut record by record and never held whole (a partial reader of a
/// 100 MiB national file costs no more memory than its largest record and one part); a JSON body (at most 16 MiB)
/// is read whole at `finish`.
public struct UploadOriginalExtract: Sendable {
    let format: UploadFormat
    let rows: Set<Int>
    /// Bytes not yet read as records, and how far `boundaries` has scanned them.
    private var buffer: [UInt8] = []
    private var scanned = 0
    private var sawStart = false
    private var boundaries: CSVRecordBoundaries?
    private var delimiter: Unicode.Scalar = ","
    private var nextLine = 1
    private var sawHeader = false

    public init(format: UploadFormat, keeping rows: Set<Int>) {
        self.format = format
        self.rows = rows
    }

    /// The kept rows of `original` (the whole stored file), in the same format.
    public static func rows(of original: [UInt8], format: UploadFormat, keeping rows: Set<Int>) -> [UInt8] {
        var extract = UploadOriginalExtract(format: format, keeping: rows)
        return extract.feed(original[...]) + extract.finish()
    }

    /// Reads the next part of the file; returns what of the extract is ready.
    public mutating func feed(_ part: ArraySlice<UInt8>) -> [UInt8] {
        buffer += part
        return format == .csv ? readComplete(final: false) : []
    }

    /// The rest of the extract: the file has ended.
    public mutating func finish() -> [UInt8] {
        switch format {
        case .csv: return readComplete(final: true)
        case .json:
            defer { buffer = [] }
            return json(buffer)
        }
    }

    /// Emits the complete CSV records in the buffer (all of it when `final`) that are kept.
    private mutating func readComplete(final: Bool) -> [UInt8] {
        if !sawStart {
            guard final || buffer.count >= TextDecoding.utf8BOM.count else { return [] }
            if buffer.starts(with: TextDecoding.utf8BOM) { buffer.removeFirst(TextDecoding.utf8BOM.count) }
            sawStart = true
        }
        if boundaries == nil {
            // The delimiter is read from the header line, as the validator does.
            guard final || buffer.contains(UInt8(ascii: "\n")) else { return [] }
            delimiter = UploadValidator.delimiter(of: buffer)
            boundaries = CSVRecordBoundaries(delimiter: UInt8(ascii: delimiter))
        }
        var end = buffer.count
        if !final {
            end = boundaries!.scan(buffer, from: scanned) ?? 0
            scanned = buffer.count
            guard end > 0 else { return [] }
        }
        var reader = CSVParser(delimiter: delimiter).records(in: String(decoding: buffer[..<end], as: UTF8.self), firstLine: nextLine)
        var out = ""
        while let record = try? reader.next() {
            guard !sawHeader || rows.contains(record.line) else { continue }
            sawHeader = true
            out += record.fields.map(quoted).joined(separator: String(delimiter)) + "\r\n"
        }
        nextLine = reader.line
        buffer.removeFirst(end)
        scanned -= end
        return Array(out.utf8)
    }

    /// An RFC 4180 field: quoted, with quotes doubled, when it holds the delimiter, a quote or a line break.
    private func quoted(_ field: String) -> String {
        guard field.unicodeScalars.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private func json(_ original: [UInt8]) -> [UInt8] {
        guard var document = (try? JSONSerialization.jsonObject(with: Data(original))) as? [String: Any] else { return Array("{\"rows\":[]}".utf8) }
        let all = document["rows"] as? [Any] ?? []
        document["rows"] = all.indices.filter { rows.contains($0 + 1) }.map { all[$0] }
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return [UInt8](data)
    }
}
