/// One province whose coverage band differs between two scorecards (nil: no band, or absent).
public struct BandChange: Hashable, Sendable {
    public let province: ProvinceCode
    public let before: String?
    public let after: String?

    public init(province: ProvinceCode, before: String?, after: String?) {
        self.province = province
        self.before = before
        self.after = after
    }
}
