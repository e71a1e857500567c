/// A task of the plan: what must be delivered, by whom, by when, and on which public source it rests.
///
/// `deadline` D means due by the end of Vietnam day D; the task is overdue from D+1 00:00 +07:00.
/// The task's schedule runs linearly from `startsOn` (or the plan's `effective_from`) to the deadline.
public struct PlanTask: Hashable, Sendable, Codable {
    public var code: TaskCode
    public var title: LocalizedText
    public var group: TaskGroupCode
    public var owner: TaskOwner
    /// First day of the task's schedule; nil means the plan's `effective_from`.
    public var startsOn: CivilDate?
    public var deadline: CivilDate
    /// The concrete, measurable product expected.
    public var product: LocalizedText
    /// The public document the task comes from, e.g. "Thông báo 408/TB-VPCP".
    public var source: String

    public init(
        code: TaskCode, title: LocalizedText, group: TaskGroupCode, owner: TaskOwner, startsOn: CivilDate? = nil,
        deadline: CivilDate, product: LocalizedText, source: String
    ) {
        self.code = code
        self.title = title
        self.group = group
        self.owner = owner
        self.startsOn = startsOn
        self.deadline = deadline
        self.product = product
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case code
        case title
        case group
        case owner
        case startsOn = "starts_on"
        case deadline
        case product
        case source
    }
}
