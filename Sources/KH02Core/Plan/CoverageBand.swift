/// A band of province coverage (share of its communes that are green), e.g. "> 70%".
///
/// Bands are listed best first; a province falls in the first band whose lower bound it reaches:
/// percent ≥ `minPercent` when `minInclusive`, percent > `minPercent` otherwise. The last band must be
/// "≥ 0" so every province falls somewhere.
public struct CoverageBand: Hashable, Sendable, Codable {
    public var key: String
    public var name: LocalizedText
    public var minPercent: Double
    public var minInclusive: Bool

    public init(key: String, name: LocalizedText, minPercent: Double, minInclusive: Bool) {
        self.key = key
        self.name = name
        self.minPercent = minPercent
        self.minInclusive = minInclusive
    }

    enum CodingKeys: String, CodingKey {
        case key
        case name
        case minPercent = "min_percent"
        case minInclusive = "min_inclusive"
    }

    /// True when `green` of `total` communes (total > 0) reach this band's lower bound, computed without rounding.
    public func admits(green: Int, total: Int) -> Bool {
        let scaled = Double(green) * 100
        let bound = minPercent * Double(total)
        return minInclusive ? scaled >= bound : scaled > bound
    }
}
