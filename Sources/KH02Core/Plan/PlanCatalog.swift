public import Foundation

/// The known versions of plans, and the pure choice of the version effective at an instant.
public struct PlanCatalog: Hashable, Sendable {
    public var plans: [PlanDefinition]

    public init(_ plans: [PlanDefinition]) {
        self.plans = plans
    }

    /// The version of plan `id` (any id when nil) effective at `instant`: the latest `effectiveFrom` at or before
    /// the Vietnam day of `instant`; on a tie, the highest version. Nil when none is effective yet.
    public func effective(at instant: Date, id: String? = nil) -> PlanDefinition? {
        PlanCatalog.effective(in: plans, at: instant, id: id)
    }

    /// The same choice over any list of plans.
    public static func effective(in plans: [PlanDefinition], at instant: Date, id: String? = nil) -> PlanDefinition? {
        let day = CivilDate(vietnamDayOf: instant)
        var best: PlanDefinition?
        for plan in plans where plan.effectiveFrom <= day && (id == nil || plan.id == id) {
            guard let current = best else {
                best = plan
                continue
            }
            if (plan.effectiveFrom, plan.version, plan.id) > (current.effectiveFrom, current.version, current.id) {
                best = plan
            }
        }
        return best
    }
}
