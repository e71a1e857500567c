/// A reported value of one readiness criterion: a yes/no, a share in [0, 1], or a non-negative count.
public struct CriterionValue: Hashable, Sendable, CustomStringConvertible {
    /// The stored value; built only through the validating constructors.
    public enum Storage: Hashable, Sendable {
        case boolean(Bool)
        case ratio(Double)
        case count(Int)
    }

    public let storage: Storage

    private init(storage: Storage) {
        self.storage = storage
    }

    /// A yes/no value.
    public static func boolean(_ value: Bool) -> CriterionValue { CriterionValue(storage: .boolean(value)) }

    /// A share in [0, 1]; throws otherwise (and for NaN).
    public static func ratio(_ value: Double) throws(FactError) -> CriterionValue {
        guard value >= 0, value <= 1 else { throw .ratioOutOfRange(value) }
        return CriterionValue(storage: .ratio(value))
    }

    /// A count ≥ 0; throws otherwise.
    public static func count(_ value: Int) throws(FactError) -> CriterionValue {
        guard value >= 0 else { throw .countNegative("value", value) }
        return CriterionValue(storage: .count(value))
    }

    /// The criterion kind this value can be compared against.
    public var kind: ReadinessCriterion.Kind {
        switch storage {
        case .boolean: .boolean
        case .ratio: .ratio
        case .count: .count
        }
    }

    /// The value as a number (true = 1, false = 0), for reasons and aggregates.
    public var numeric: Double {
        switch storage {
        case .boolean(let b): b ? 1 : 0
        case .ratio(let r): r
        case .count(let c): Double(c)
        }
    }

    public var description: String {
        switch storage {
        case .boolean(let b): b ? "true" : "false"
        case .ratio(let r): "\(r)"
        case .count(let c): "\(c)"
        }
    }
}
