/// The one map from a header (or JSON field) name to a spec's column, used by CSV and JSON reading alike: names are
/// trimmed and compared case-insensitively.
struct ColumnIndex {
    private let positions: [String: Int]

    init(_ columns: [UploadColumn]) {
        var positions: [String: Int] = [:]
        for (i, column) in columns.enumerated() { positions[column.name] = i }
        self.positions = positions
    }

    /// A header name as compared: trimmed, lower case.
    static func normalized(_ raw: String) -> String { CellParser.trim(raw).lowercased() }

    /// The position in the spec's columns of the column named `name` (already normalized), or nil.
    subscript(name: String) -> Int? { positions[name] }
}
