/// The cells of one row, looked up by the position of a column in its kind's column list: nil when the file
/// has no such column, the (untrimmed) text otherwise. CSV rows share one position map, so no copy per row.
struct RowCells {
    let fields: [String]
    /// Per spec column, the index into `fields`, or -1 when absent.
    let positions: [Int]

    subscript(column: Int) -> String? {
        let position = positions[column]
        return position >= 0 && position < fields.count ? fields[position] : nil
    }
}
