import Foundation

/// The JSON form of an upload, read leniently so every problem can be listed: `{"as_of": "...", "rows": [{...}]}`
/// where each row maps column names to strings, numbers, booleans or null (null is an empty cell).
struct JSONUploadDocument: Decodable {
    /// A JSON scalar as cell text: strings as they are, numbers in plain notation, booleans "true"/"false",
    /// null as empty; nil for a nested object or array.
    struct Cell: Decodable {
        let text: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                text = ""
            } else if let flag = try? container.decode(Bool.self) {
                text = flag ? "true" : "false"
            } else if let string = try? container.decode(String.self) {
                text = string
            } else if let integer = try? container.decode(Int.self) {
                text = String(integer)
            } else if let number = try? container.decode(Double.self) {
                text = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
            } else {
                text = nil
            }
        }
    }

    /// One element of `rows`: its fields, or nil when it is not an object.
    struct Row: Decodable {
        let fields: [(name: String, cell: Cell)]?

        init(from decoder: any Decoder) throws {
            guard let container = try? decoder.container(keyedBy: AnyKey.self) else {
                fields = nil
                return
            }
            fields = try container.allKeys.map { ($0.stringValue, try container.decode(Cell.self, forKey: $0)) }
        }
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// The top-level object was not an object.
    let notAnObject: Bool
    let asOf: Cell?
    /// Nil when `rows` is absent; `rowsNotArray` when it is there but not an array.
    let rows: [Row]?
    let rowsNotArray: Bool
    let unknownKeys: [String]

    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: AnyKey.self) else {
            (notAnObject, asOf, rows, rowsNotArray, unknownKeys) = (true, nil, nil, false, [])
            return
        }
        notAnObject = false
        let asOfKey = AnyKey(stringValue: "as_of")
        let rowsKey = AnyKey(stringValue: "rows")
        asOf = container.contains(asOfKey) ? try container.decode(Cell.self, forKey: asOfKey) : nil
        if container.contains(rowsKey) {
            let decoded = try? container.decode([Row].self, forKey: rowsKey)
            rows = decoded
            rowsNotArray = decoded == nil
        } else {
            rows = nil
            rowsNotArray = false
        }
        unknownKeys = container.allKeys.map(\.stringValue).filter { $0 != "as_of" && $0 != "rows" }.sorted()
    }
}
