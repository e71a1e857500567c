/// One problem found in a plan definition: where (a JSON path such as `$.tasks[3].deadline`), a stable machine
/// code, and a message in Vietnamese and English.
public struct PlanIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var code: String
    public var message: LocalizedText

    public init(path: String, code: String, message: LocalizedText) {
        self.path = path
        self.code = code
        self.message = message
    }

    public var description: String { "\(path): \(code): \(message.en)" }
}
