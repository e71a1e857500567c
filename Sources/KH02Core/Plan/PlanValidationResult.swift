/// The outcome of validating a plan document: the decoded plan when it has no issues, and every issue found.
public struct PlanValidationResult: Hashable, Sendable {
    /// The plan, present only when `issues` is empty.
    public var plan: PlanDefinition?
    public var issues: [PlanIssue]

    public init(plan: PlanDefinition?, issues: [PlanIssue]) {
        self.plan = issues.isEmpty ? plan : nil
        self.issues = issues
    }

    public var isValid: Bool { issues.isEmpty && plan != nil }
}
