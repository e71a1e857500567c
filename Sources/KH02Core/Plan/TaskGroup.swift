/// One of the plan's task groups (e.g. "hạ tầng số", digital infrastructure).
public struct TaskGroup: Hashable, Sendable, Codable {
    public var code: TaskGroupCode
    public var name: LocalizedText

    public init(code: TaskGroupCode, name: LocalizedText) {
        self.code = code
        self.name = name
    }
}
