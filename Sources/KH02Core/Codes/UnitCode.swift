/// A code of an administrative unit or central agency: text, never an integer, so leading zeros survive.
/// Each concrete code type validates its own shape.
public protocol UnitCode: ValidatedString {}

/// True when `text` is exactly `count` ASCII digits.
@inlinable
func isDigits(_ text: String, count: Int) -> Bool {
    text.utf8.count == count && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
}
