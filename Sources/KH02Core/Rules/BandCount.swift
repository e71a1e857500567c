/// How many provinces fall in one coverage band.
public struct BandCount: Hashable, Sendable {
    public let key: String
    public let name: LocalizedText
    public let provinces: Int

    public init(key: String, name: LocalizedText, provinces: Int) {
        self.key = key
        self.name = name
        self.provinces = provinces
    }
}
