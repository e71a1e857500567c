public import Foundation
public import KH02Core

/// The application: its stores, settings and clock, built once by `kh02`, and the use cases over them. One per
/// process; the scores' caches it holds are shared by everything that scores.
public struct Monitor: Sendable {
    public let stores: Stores
    public let settings: Settings
    /// The current instant; a parameter so tests can fix it.
    public let now: @Sendable () -> Date
    /// Scores at an instant, with their caches.
    public let scoring: Scoring

    public init(stores: Stores, settings: Settings = Settings(), now: @escaping @Sendable () -> Date) {
        self.stores = stores
        self.settings = settings
        self.now = now
        self.scoring = Scoring(units: stores.units, plans: stores.plans, reports: stores.reports, now: now)
    }

    /// Uploading a report.
    public var ingestion: Ingestion {
        Ingestion(reports: stores.reports, scoring: scoring, limits: settings.uploadLimits, now: now)
    }

    /// Loading the demo nation into an empty database.
    public var demo: DemoLoader { DemoLoader(monitor: self) }

    /// Today in Vietnam.
    public var today: @Sendable () -> CivilDate {
        let now = self.now
        return { CivilDate(vietnamDayOf: now()) }
    }
}
