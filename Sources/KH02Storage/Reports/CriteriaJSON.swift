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

    static func decode(_ text: String) throws -> [CriterionKey: CriterionValue] {
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
}
