/// A province's commune coverage: how many of its communes are green, the share, and the band it falls in.
/// No-data communes count as not green and are also counted apart.
public struct CommuneCoverage: Hashable, Sendable {
    public let colours: ColourCounts
    /// Green communes × 100 ÷ communes, nil when the province has no commune on the scored day.
    public let percent: Double?
    /// The key of the coverage band, nil when the province has no commune.
    public let band: String?

    public init(colours: ColourCounts, percent: Double?, band: String?) {
        self.colours = colours
        self.percent = percent
        self.band = band
    }

    public var green: Int { colours.green }
    public var total: Int { colours.total }
    public var noData: Int { colours.noData }
}
