import Foundation

/// The part of an uploaded file that holds some of its rows, for a reader allowed to see only those: a CSV keeps
/// its header and the records starting on the kept lines, a JSON body its top-level `as_of` and the kept elements
/// of `rows`. Row numbers are those the validator gives (and the store keeps): a CSV record's first line, a JSON
/// row's index + 1. Pure; the file is one the validator accepted, so it decodes and parses.
public enum UploadOriginalExtract {
    /// The kept rows of `original` (the whole stored file), in the same format.
    public static func rows(of original: [UInt8], format: UploadFormat, keeping rows: Set<Int>) -> [UInt8] {
        switch format {
        case .csv: csv(original, keeping: rows)
        case .json: json(original, keeping: rows)
        }
    }

    private static func csv(_ original: [UInt8], keeping rows: Set<Int>) -> [UInt8] {
        var bytes = original[...]
        if bytes.starts(with: TextDecoding.utf8BOM) { bytes = bytes.dropFirst(TextDecoding.utf8BOM.count) }
        let delimiter = UploadValidator.delimiter(of: bytes)
        var reader = CSVParser(delimiter: delimiter).records(in: String(decoding: bytes, as: UTF8.self), firstLine: 1)
        var out = ""
        var sawHeader = false
        while let record = try? reader.next() {
            guard !sawHeader || rows.contains(record.line) else { continue }
            sawHeader = true
            out += record.fields.map { quoted($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\r\n"
        }
        return Array(out.utf8)
    }

    /// An RFC 4180 field: quoted, with quotes doubled, when it holds the delimiter, a quote or a line break.
    private static func quoted(_ field: String, delimiter: Unicode.Scalar) -> String {
        guard field.unicodeScalars.contains(where: { $0 == delimiter || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func json(_ original: [UInt8], keeping rows: Set<Int>) -> [UInt8] {
        guard var document = (try? JSONSerialization.jsonObject(with: Data(original))) as? [String: Any] else { return Array("{\"rows\":[]}".utf8) }
        let all = document["rows"] as? [Any] ?? []
        document["rows"] = all.indices.filter { rows.contains($0 + 1) }.map { all[$0] }
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return [UInt8](data)
    }
}
