/// A plan task's code, e.g. "TB408-DVCTT-XA": 1 to 40 upper-case ASCII letters, digits, '-', '.' or '_',
/// starting with a letter or digit.
public struct TaskCode: PlanKey {
    public static let kindName = "task code"
    public let rawValue: String

    public init?(rawValue: String) {
        let bytes = rawValue.utf8
        guard let first = bytes.first, (1...40).contains(bytes.count), isUpperOrDigit(first),
            bytes.allSatisfy({
                isUpperOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_")
            })
        else { return nil }
        self.rawValue = rawValue
    }
}

private func isUpperOrDigit(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
}
