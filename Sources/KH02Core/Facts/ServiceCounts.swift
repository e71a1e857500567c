/// One unit's public-service dossier counts for one month (Decision 766/QĐ-TTg index set). All counts are ≥ 0 and
/// dossiers paid online never exceed dossiers with a fee; the initializer refuses anything else.
public struct ServiceCounts: Hashable, Sendable {
    public let receivedOnline: Int
    public let receivedInPerson: Int
    public let receivedByPost: Int
    /// Dossiers carried over from the previous month.
    public let carriedOver: Int
    /// Resolved early or on time.
    public let resolvedOnTime: Int
    public let resolvedLate: Int
    /// Still in progress, within the deadline.
    public let pendingWithinDeadline: Int
    /// Still in progress, past the deadline.
    public let pendingOverdue: Int
    /// Synced to the National Public Service Portal.
    public let syncedToPortal: Int
    /// Dossiers that carry a fee.
    public let withFee: Int
    public let paidOnline: Int
    /// Electronic results issued.
    public let electronicResults: Int

    /// Builds the counts; throws on a negative count or when `paidOnline > withFee`.
    public init(
        receivedOnline: Int, receivedInPerson: Int, receivedByPost: Int, carriedOver: Int = 0, resolvedOnTime: Int,
        resolvedLate: Int, pendingWithinDeadline: Int = 0, pendingOverdue: Int = 0, syncedToPortal: Int = 0,
        withFee: Int = 0, paidOnline: Int = 0, electronicResults: Int = 0
    ) throws(FactError) {
        let fields: [(String, Int)] = [
            ("received_online", receivedOnline), ("received_in_person", receivedInPerson),
            ("received_by_post", receivedByPost), ("carried_over", carriedOver), ("resolved_on_time", resolvedOnTime),
            ("resolved_late", resolvedLate), ("pending_within_deadline", pendingWithinDeadline),
            ("pending_overdue", pendingOverdue), ("synced_to_portal", syncedToPortal), ("with_fee", withFee),
            ("paid_online", paidOnline), ("electronic_results", electronicResults),
        ]
        for (name, value) in fields where value < 0 { throw .countNegative(name, value) }
        guard paidOnline <= withFee else { throw .paidOnlineExceedsWithFee }
        self.receivedOnline = receivedOnline
        self.receivedInPerson = receivedInPerson
        self.receivedByPost = receivedByPost
        self.carriedOver = carriedOver
        self.resolvedOnTime = resolvedOnTime
        self.resolvedLate = resolvedLate
        self.pendingWithinDeadline = pendingWithinDeadline
        self.pendingOverdue = pendingOverdue
        self.syncedToPortal = syncedToPortal
        self.withFee = withFee
        self.paidOnline = paidOnline
        self.electronicResults = electronicResults
    }

    /// All zero.
    public static let zero = ServiceCounts(
        unchecked: 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    private init(
        unchecked a: Int, _ b: Int, _ c: Int, _ d: Int, _ e: Int, _ f: Int, _ g: Int, _ h: Int, _ i: Int, _ j: Int,
        _ k: Int, _ l: Int
    ) {
        receivedOnline = a
        receivedInPerson = b
        receivedByPost = c
        carriedOver = d
        resolvedOnTime = e
        resolvedLate = f
        pendingWithinDeadline = g
        pendingOverdue = h
        syncedToPortal = i
        withFee = j
        paidOnline = k
        electronicResults = l
    }

    /// Dossiers received in the month by any channel.
    public var received: Int { receivedOnline + receivedInPerson + receivedByPost }

    /// Dossiers resolved in the month.
    public var resolved: Int { resolvedOnTime + resolvedLate }

    /// The field-by-field sum (for a province aggregated from its communes); still valid by construction.
    public static func + (lhs: ServiceCounts, rhs: ServiceCounts) -> ServiceCounts {
        ServiceCounts(
            unchecked: lhs.receivedOnline + rhs.receivedOnline, lhs.receivedInPerson + rhs.receivedInPerson,
            lhs.receivedByPost + rhs.receivedByPost, lhs.carriedOver + rhs.carriedOver,
            lhs.resolvedOnTime + rhs.resolvedOnTime, lhs.resolvedLate + rhs.resolvedLate,
            lhs.pendingWithinDeadline + rhs.pendingWithinDeadline, lhs.pendingOverdue + rhs.pendingOverdue,
            lhs.syncedToPortal + rhs.syncedToPortal, lhs.withFee + rhs.withFee, lhs.paidOnline + rhs.paidOnline,
            lhs.electronicResults + rhs.electronicResults)
    }

    /// The value of an indicator as a share in [0, 1] (the on-time rate may go below 0 with inconsistent counts
    /// and is clamped to 0), or nil when its denominator is zero.
    public func rate(_ formula: ServiceIndicator.Formula) -> Double? {
        func share(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }
        switch formula {
        case .onlineApplicationRate:
            return share(receivedOnline, received)
        case .onTimeRate:
            guard let late = share(pendingOverdue + resolvedLate, received + carriedOver) else { return nil }
            return max(0, 1 - late)
        case .onlinePaymentRate:
            return share(paidOnline, withFee)
        case .portalSyncRate:
            return share(syncedToPortal, received).map { min(1, $0) }
        case .electronicResultRate:
            return share(electronicResults, resolved).map { min(1, $0) }
        }
    }
}
