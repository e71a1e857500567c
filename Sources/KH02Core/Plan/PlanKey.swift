/// A typed key or code used inside a plan definition (task codes, criterion keys, group codes).
public protocol PlanKey: ValidatedString {}

/// True when `text` is 1 to `maxLength` bytes of lower-case ASCII letters, digits and underscores, starting with a
/// letter ("snake_case").
func isSnakeCase(_ text: String, maxLength: Int) -> Bool {
    let bytes = text.utf8
    guard let first = bytes.first, (1...maxLength).contains(bytes.count),
        first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z")
    else { return false }
    return bytes.allSatisfy {
        ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
            || $0 == UInt8(ascii: "_")
    }
}
