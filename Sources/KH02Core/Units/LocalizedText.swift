/// A text in Vietnamese (the primary language) and English.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }
}
