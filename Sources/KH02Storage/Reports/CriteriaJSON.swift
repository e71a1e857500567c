import Foundation
import KH02Core

/// Readiness values as stored in `readiness_reports.criteria`: `true`/`false` for yes/no criteria,
/// `{"ratio": 0.8}` and `{"count": 12}` for the others, so the kind survives the round trip.
enum CriteriaJSON {
    static func encode(_ values: [CriterionKey: CriterionValue]) -> String {
        let members = values.sorted { $0.key < $1.key }.map { key, value -> String in
            let encoded: String =
                switch value.storage {
                case .boolean(let flag): flag ? "true" : "false"
                case .ratio(let share): "{\"ratio\":\(share)}"
                case .count(let count): "{\"count\":\(count)}"
                }
            // Criterion keys are validated snake_case identifiers: no escaping needed.
            return "\"\(key.rawValue)\":\(encoded)"
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Decodes the `criteria` texts of many rows, each distinct text once: a round's rows repeat a few
    /// combinations (most communes meet the same criteria day after day). Bounded like `Interner`.
    struct Reader {
        private var decoded: [String: [CriterionKey: CriterionValue]] = [:]
        private let capacity: Int

        init(capacity: Int = 65_536) {
            self.capacity = capacity
        }

        mutating func values(_ text: String) throws -> [CriterionKey: CriterionValue] {
            if let values = decoded[text] { return values }
            let values = try CriteriaJSON.decode(text)
            if decoded.count < capacity { decoded[text] = values }
            return values
        }
    }

    /// The values of a stored `criteria` text: the compact form quickly, anything else through a JSON parser.
    static func decode(_ text: String) throws -> [CriterionKey: CriterionValue] {
        if let values = decodeCompact(text) { return values }
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw StoredDataError("criteria is not a JSON object: \(text.prefix(80))")
        }
        var values: [CriterionKey: CriterionValue] = [:]
        for (name, raw) in object {
            guard let key = CriterionKey(rawValue: name) else { throw StoredDataError("bad criterion key \(name)") }
            // Objects carry ratios and counts; the only scalars written are true and false.
            if let box = raw as? [String: Any], let share = (box["ratio"] as? NSNumber)?.doubleValue {
                values[key] = try .ratio(share)
            } else if let box = raw as? [String: Any], let count = (box["count"] as? NSNumber)?.intValue {
                values[key] = try .count(count)
            } else if let flag = raw as? Bool {
                values[key] = .boolean(flag)
            } else {
                throw StoredDataError("bad value of criterion \(name)")
            }
        }
        return values
    }

    /// Reads the flat form `encode` writes and `jsonb` gives back (`{"key": true, "other": {"ratio": 0.8}}`, spaces
    /// optional) without a general JSON parser, which would dominate a full rescore from the database; nil for
    /// anything else.
    static func decodeCompact(_ text: String) -> [CriterionKey: CriterionValue]? {
        var bytes = text.utf8[...]
        /// Consumes `literal` (after any spaces) when the text continues with it.
        func take(_ literal: StaticString) -> Bool {
            while bytes.first == UInt8(ascii: " ") { bytes = bytes.dropFirst() }
            let expected = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
            guard bytes.starts(with: expected) else { return false }
            bytes = bytes.dropFirst(expected.count)
            return true
        }
        /// The text up to `terminator` (consumed, not returned), without surrounding spaces.
        func token(until terminator: UInt8) -> Substring? {
            guard let end = bytes.firstIndex(of: terminator) else { return nil }
            defer { bytes = bytes[bytes.index(after: end)...] }
            var text = bytes[..<end]
            while text.first == UInt8(ascii: " ") { text = text.dropFirst() }
            while text.last == UInt8(ascii: " ") { text = text.dropLast() }
            return Substring(text)
        }
        guard take("{") else { return nil }
        var values: [CriterionKey: CriterionValue] = [:]
        if take("}") { return bytes.isEmpty ? values : nil }
        repeat {
            guard take("\""), let name = token(until: UInt8(ascii: "\"")), take(":"),
                let key = CriterionKey(rawValue: String(name))
            else { return nil }
            if take("true") {
                values[key] = .boolean(true)
            } else if take("false") {
                values[key] = .boolean(false)
            } else if take("{"), let kind = token(until: UInt8(ascii: ":")), let number = token(until: UInt8(ascii: "}")) {
                switch kind {
                case "\"ratio\"":
                    guard let share = Double(number), let value = try? CriterionValue.ratio(share) else { return nil }
                    values[key] = value
                case "\"count\"":
                    guard let count = Int(number), let value = try? CriterionValue.count(count) else { return nil }
                    values[key] = value
                default:
                    return nil
                }
            } else {
                return nil
            }
        } while take(",")
        return take("}") && bytes.isEmpty ? values : nil
    }
}
