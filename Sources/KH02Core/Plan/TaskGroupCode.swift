/// The code of a task group, e.g. "information_security": snake_case, at most 48 bytes.
public struct TaskGroupCode: PlanKey {
    public static let kindName = "task group code"
    public let rawValue: String

    public init?(rawValue: String) {
        guard isSnakeCase(rawValue, maxLength: 48) else { return nil }
        self.rawValue = rawValue
    }
}
