extension PlanTask {
    /// The progress (percent) a linear schedule expects by the end of Vietnam day `day`: the task runs from
    /// `startsOn` (or `planStart`) to `deadline` inclusive, n days; by the end of day k of n, k × 100 ÷ n.
    /// 0 before the start, 100 from the deadline on.
    public func expectedProgress(on day: CivilDate, planStart: CivilDate) -> Double {
        let start = min(startsOn ?? planStart, deadline)
        let length = start.days(until: deadline) + 1
        let elapsed = min(max(start.days(until: day) + 1, 0), length)
        return Double(elapsed) * 100 / Double(length)
    }
}
