/// A task's reported progress in percent, always within 0…100 (the validating initializer refuses anything else).
public struct ProgressPercent: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: Double

    /// Builds the progress; throws when `value` is outside 0…100 or NaN.
    public init(_ value: Double) throws(FactError) {
        guard value >= 0, value <= 100 else { throw .progressOutOfRange(value) }
        self.value = value
    }

    private init(unchecked value: Double) {
        self.value = value
    }

    /// 0%.
    public static let zero = ProgressPercent(unchecked: 0)
    /// 100%.
    public static let complete = ProgressPercent(unchecked: 100)

    public static func < (lhs: ProgressPercent, rhs: ProgressPercent) -> Bool { lhs.value < rhs.value }

    public var description: String { "\(value)%" }
}
