/// How many units have each colour.
public struct ColourCounts: Hashable, Sendable, Codable {
    public var green: Int
    public var yellow: Int
    public var red: Int
    public var noData: Int

    public init(green: Int = 0, yellow: Int = 0, red: Int = 0, noData: Int = 0) {
        self.green = green
        self.yellow = yellow
        self.red = red
        self.noData = noData
    }

    enum CodingKeys: String, CodingKey {
        case green
        case yellow
        case red
        case noData = "no_data"
    }

    public var total: Int { green + yellow + red + noData }

    /// The count of one colour.
    public subscript(colour: Colour) -> Int {
        get {
            switch colour {
            case .green: green
            case .yellow: yellow
            case .red: red
            case .noData: noData
            }
        }
        set {
            switch colour {
            case .green: green = newValue
            case .yellow: yellow = newValue
            case .red: red = newValue
            case .noData: noData = newValue
            }
        }
    }

    /// Counts of the given colours.
    public init(_ colours: some Sequence<Colour>) {
        self.init()
        for colour in colours { self[colour] += 1 }
    }
}
