/// A public-service indicator (Decision 766/QĐ-TTg index set) computed from monthly service statistics, with the
/// plan's target when one has a public source.
public struct ServiceIndicator: Hashable, Sendable, Codable {
    /// The indicators the engine knows how to compute; the key in JSON names the formula.
    public enum Formula: String, Hashable, Sendable, Codable, CaseIterable {
        /// Received online ÷ received (online + in person + post).
        case onlineApplicationRate = "online_application_rate"
        /// 1 − (in progress overdue + resolved late) ÷ (received + carried over).
        case onTimeRate = "on_time_rate"
        /// Paid online ÷ dossiers with a fee.
        case onlinePaymentRate = "online_payment_rate"
        /// Synced to the National Public Service Portal ÷ received.
        case portalSyncRate = "portal_sync_rate"
        /// Electronic results issued ÷ resolved (on time + late).
        case electronicResultRate = "electronic_result_rate"
    }

    public var key: Formula
    public var name: LocalizedText
    /// The target share in [0, 1] (e.g. 0.8), or nil when no public target exists; met when value ≥ target.
    public var target: Double?
    /// The day by which the target should be reached (informative).
    public var targetBy: CivilDate?
    /// The document the target comes from.
    public var source: String?

    public init(
        key: Formula, name: LocalizedText, target: Double? = nil, targetBy: CivilDate? = nil, source: String? = nil
    ) {
        self.key = key
        self.name = name
        self.target = target
        self.targetBy = targetBy
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case key
        case name
        case target
        case targetBy = "target_by"
        case source
    }
}
