/// The key of a commune readiness criterion, e.g. "specialized_signature": snake_case, at most 48 bytes.
public struct CriterionKey: PlanKey {
    public static let kindName = "criterion key"
    public let rawValue: String

    public init?(rawValue: String) {
        guard isSnakeCase(rawValue, maxLength: 48) else { return nil }
        self.rawValue = rawValue
    }
}
