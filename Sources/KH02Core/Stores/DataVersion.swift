public import Foundation

/// How far the inputs of the scores have changed: counters that grow with every stored upload, imported plan
/// version and reference-unit load. Equal versions mean equal inputs, so scores computed for one instant can be
/// reused while the version stays the same.
public struct DataVersion: Hashable, Sendable {
    /// Grows with every stored upload (reports).
    public var reports: Int64
    /// Grows with every imported plan version.
    public var plans: Int64
    /// Grows with every change of the reference units.
    public var units: Int64
    /// When the latest upload was stored, nil when none was.
    public var lastUploadAt: Date?

    public init(reports: Int64, plans: Int64, units: Int64, lastUploadAt: Date?) {
        self.reports = reports
        self.plans = plans
        self.units = units
        self.lastUploadAt = lastUploadAt
    }
}
