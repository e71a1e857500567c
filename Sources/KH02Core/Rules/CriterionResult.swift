/// One readiness criterion of one commune: met, unmet or unknown, with the value, threshold and report.
public struct CriterionResult: Hashable, Sendable {
    /// Whether the criterion is met. Unknown (no value, or a value of the wrong kind, or no usable report)
    /// counts as unmet for the colour but is shown apart.
    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case met
        case unmet
        case unknown
    }

    public let key: CriterionKey
    public let required: Bool
    public let state: State
    public let value: CriterionValue?
    public let threshold: Double?
    /// The report the value came from, nil when none.
    public let reportId: String?

    public init(
        key: CriterionKey, required: Bool, state: State, value: CriterionValue?, threshold: Double?, reportId: String?
    ) {
        self.key = key
        self.required = required
        self.state = state
        self.value = value
        self.threshold = threshold
        self.reportId = reportId
    }
}
