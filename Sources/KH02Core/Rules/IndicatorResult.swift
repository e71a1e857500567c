/// One service indicator's value for a unit and month, against the plan's target.
public struct IndicatorResult: Hashable, Sendable {
    public let key: ServiceIndicator.Formula
    /// The share in [0, 1], nil when its denominator is zero (never NaN).
    public let value: Double?
    public let target: Double?
    /// value ≥ target; nil when either is missing.
    public let meetsTarget: Bool?

    public init(key: ServiceIndicator.Formula, value: Double?, target: Double?) {
        self.key = key
        self.value = value
        self.target = target
        if let value, let target {
            self.meetsTarget = value >= target
        } else {
            self.meetsTarget = nil
        }
    }
}
