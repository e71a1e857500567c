extension UploadTemplate {
    /// The Vietnamese labels of `kind`'s columns, in the order of `columns(kind:plan:)` (a template's header row
    /// for people; uploads accept a label or the key).
    public static func labels(kind: UploadKind, plan: PlanDefinition) -> [String] {
        columns(kind: kind, plan: plan).map { UploadHeaderNames.label(of: $0, plan: plan) }
    }

    /// The machine keys of `kind`'s columns whose values are yes/no words (the readiness criteria of boolean kind).
    public static func yesNoColumns(kind: UploadKind, plan: PlanDefinition) -> Set<String> {
        guard kind == .readiness else { return [] }
        return Set(plan.readinessCriteria.filter { $0.kind == .boolean }.map(\.key.rawValue))
    }
}
