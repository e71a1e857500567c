public import Foundation
public import KH02Core

/// Scores at any instant, cached so that hot reads are dictionary lookups; used by the read API and by anything
/// else that needs the nation scored (the upload preview, scheduled work).
///
/// Every use first asks for the `DataVersion` (one cheap query, at most once a second). The unit directory and plan
/// catalog are cached per plan and unit counters (and refreshed at least every ten minutes); a scorecard per
/// (instant rounded down to the minute, data version). A new upload changes the version, so nothing stale is used.
public struct Scoring: Sendable {
    let units: any UnitStore
    let plans: any PlanStore
    let reports: any ReportStore
    public let now: @Sendable () -> Date
    private let inputs = KeyedCache<InputsKey, Inputs>(capacity: 2)
    private let scorecards = KeyedCache<ScorecardKey, ScoredInstant>(capacity: 16)
    private let versions = KeyedCache<VersionKey, DataVersion>(capacity: 4)
    private let generation = Generation()

    public init(units: any UnitStore, plans: any PlanStore, reports: any ReportStore, now: @escaping @Sendable () -> Date) {
        self.units = units
        self.plans = plans
        self.reports = reports
        self.now = now
    }

    /// The unit directory and plan catalog.
    public struct Inputs: Sendable {
        public let directory: UnitDirectory
        public let catalog: PlanCatalog
    }

    private struct InputsKey: Hashable, Sendable {
        let plans: Int64
        let units: Int64
        /// Ten-minute buckets: a backstop for stores without change counters.
        let bucket: Int64
    }

    private struct ScorecardKey: Hashable, Sendable {
        let minute: Int64
        let version: DataVersion
    }

    /// The current version of the scores' inputs, asked of the database at most once a second (per
    /// `invalidate()` generation): hot reads then cost no query at all. An upload through this instance
    /// invalidates at once; one through another instance is seen within a second.
    public func version() async throws -> DataVersion {
        // Wall-clock seconds on purpose: an operational refresh interval, not the domain's (injectable) clock.
        let key = VersionKey(second: Int64(Date().timeIntervalSince1970), generation: generation.value)
        return try await versions.value(for: key) { [reports] in try await reports.dataVersion() }
    }

    /// Forgets the cached data version, so the next use sees a change made through this instance.
    public func invalidate() { generation.advance() }

    private struct VersionKey: Hashable, Sendable {
        let second: Int64
        let generation: Int
    }

    /// The unit directory and plan catalog for `version`.
    public func inputs(_ version: DataVersion) async throws -> Inputs {
        let key = InputsKey(plans: version.plans, units: version.units, bucket: Int64(now().timeIntervalSince1970 / 600))
        return try await inputs.value(for: key) { [units, plans] in
            async let directory = units.directory()
            async let definitions = plans.definitions()
            return Inputs(directory: try await directory, catalog: PlanCatalog(try await definitions))
        }
    }

    /// The scorecard at `instant` (already rounded to the minute) for `version`; throws `AppError.noPlanAt` when no
    /// plan was in effect then.
    public func scored(at instant: Date, version: DataVersion) async throws -> ScoredInstant {
        let key = ScorecardKey(minute: Self.minute(instant), version: version)
        return try await scorecards.value(for: key) { try await compute(at: instant, version: version) }
    }

    /// Scores `instant` without caching the scorecard (for many instants at once, e.g. a history, which would
    /// otherwise push the hot scorecards out).
    public func compute(at instant: Date, version: DataVersion) async throws -> ScoredInstant {
        async let pending = reports.facts(asOf: instant)
        let inputs = try await inputs(version)
        guard let plan = inputs.catalog.effective(at: instant) else { throw AppError.noPlanAt(instant) }
        let units = inputs.directory.snapshot(at: instant)
        let facts = try await pending
        let card = Scorer(plan: plan).score(facts, units: units, asOf: instant)
        return ScoredInstant(card: card, plan: plan, units: units, facts: facts, version: version)
    }

    /// Whole minutes since 1970: scores are computed per minute.
    public static func minute(_ instant: Date) -> Int64 { Int64((instant.timeIntervalSince1970 / 60).rounded(.down)) }

    /// `instant` rounded down to its minute.
    public static func roundedToMinute(_ instant: Date) -> Date { Date(timeIntervalSince1970: Double(minute(instant)) * 60) }
}
