/// One column an upload kind knows: its name, whether the header must have it, and whether it carries reported
/// values (a row whose value columns are all empty is an unfilled template row and is skipped).
struct UploadColumn: Hashable, Sendable {
    enum Presence: Hashable, Sendable {
        /// The CSV header (or every JSON row) must have it.
        case required
        /// May be left out.
        case optional
        /// Accepted and ignored, like the name columns of the templates.
        case helper
    }

    let name: String
    let presence: Presence
    /// True when the column carries reported values (not a key, a time or a helper).
    let carriesValue: Bool

    init(_ name: String, _ presence: Presence, value: Bool = false) {
        self.name = name
        self.presence = presence
        self.carriesValue = value
    }
}
