import Foundation

/// What every row check needs: the plan, the units, who uploads, the current time and the upload-wide as-of,
/// with lookup tables built once per upload.
struct UploadContext {
    let plan: PlanDefinition
    let units: UnitSnapshot
    let principal: Principal
    let now: Date
    /// The Vietnam day of `now`.
    let today: CivilDate
    let limits: UploadLimits
    /// The as-of for rows that leave theirs empty (from the JSON body or the caller), already checked.
    var defaultAsOf: Date?
    /// True when the rows cannot fall back on any as-of (no column and no default): already reported once.
    var asOfUnavailable = false
    let provinces: Set<ProvinceCode>
    let agencies: Set<AgencyCode>
    let tasks: [TaskCode: PlanTask]

    /// Instants up to this far ahead of `now` are not "in the future" (clock skew of the sender).
    static let futureTolerance: TimeInterval = 300

    init(plan: PlanDefinition, units: UnitSnapshot, principal: Principal, now: Date, limits: UploadLimits) {
        self.plan = plan
        self.units = units
        self.principal = principal
        self.now = now
        self.today = CivilDate(vietnamDayOf: now)
        self.limits = limits
        self.provinces = Set(units.provinces.map(\.code))
        self.agencies = Set(units.agencies.map(\.code))
        self.tasks = Dictionary(plan.tasks.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The unit named by `text` when it is well formed, of an allowed kind, valid in `units` and in the
    /// principal's scope; otherwise records the first thing wrong and returns nil.
    func unit(
        _ text: String, row: Int, column: String, allowed: [UnitKind], diagnostics: inout UploadDiagnostics
    ) -> AnyUnitCode? {
        guard !text.isEmpty else {
            diagnostics.fail(.missingValue(row: row, column: column))
            return nil
        }
        guard let code = AnyUnitCode(text) else {
            diagnostics.fail(.invalidUnitCode(row: row, column: column, value: text, kinds: allowed))
            return nil
        }
        guard allowed.contains(code.kind) else {
            diagnostics.fail(.unitKindNotAllowed(row: row, column: column, value: text, kind: code.kind, allowed: allowed))
            return nil
        }
        let known: Bool
        switch code {
        case .province(let p): known = provinces.contains(p)
        case .commune(let c): known = units.index(of: c) != nil
        case .agency(let a): known = agencies.contains(a)
        }
        guard known else {
            diagnostics.fail(.unknownUnit(row: row, column: column, value: text, day: units.day))
            return nil
        }
        guard principal.canUpload(for: code, in: units) else {
            diagnostics.fail(.outOfScope(row: row, column: column, value: text, principal: principal))
            return nil
        }
        return code
    }

    /// Resolves an as-of text: a bare day means the round's cut-off that day (or `now`, when that cut-off is
    /// still ahead today). Records invalid, future and before-plan values against `row` (nil for upload-wide).
    func instant(
        _ text: String, row: Int?, column: String, round: ReportingRound, diagnostics: inout UploadDiagnostics
    ) -> Date? {
        guard let parsed = TimeParser.asOf(text) else {
            diagnostics.fail(
                .invalidDate(
                    row: row, column: column, value: text,
                    vi: "dùng YYYY-MM-DD, DD/MM/YYYY hoặc YYYY-MM-DDTHH:MM[:SS][+07:00]",
                    en: "use YYYY-MM-DD, DD/MM/YYYY or YYYY-MM-DDTHH:MM[:SS][+07:00]"))
            return nil
        }
        let instant: Date
        switch parsed {
        case .instant(let exact):
            instant = exact
        case .day(let day):
            let cutoff = day.vietnamMidnight.addingTimeInterval(TimeInterval(round.cutoff.secondsSinceMidnight))
            instant = day == today && cutoff > now ? now : cutoff
        }
        return checked(instant, text: text, row: row, column: column, diagnostics: &diagnostics)
    }

    /// `instant` when it is neither in the future nor before the plan takes effect; records the problem otherwise.
    func checked(
        _ instant: Date, text: String, row: Int?, column: String, diagnostics: inout UploadDiagnostics
    ) -> Date? {
        if instant.timeIntervalSince(now) > UploadContext.futureTolerance {
            diagnostics.fail(.asOfInFuture(row: row, column: column, value: text, instant: instant, now: now))
            return nil
        }
        if instant < plan.effectiveInstant {
            diagnostics.fail(.asOfBeforePlan(row: row, column: column, value: text, plan: plan))
            return nil
        }
        return instant
    }

    /// The row's as-of: its own cell when filled, else the upload-wide default; nil (with a problem) otherwise.
    func asOf(
        _ cell: String?, row: Int, round: ReportingRound, diagnostics: inout UploadDiagnostics
    ) -> Date? {
        let text = cell.map(CellParser.trim) ?? ""
        if !text.isEmpty { return instant(text, row: row, column: "as_of", round: round, diagnostics: &diagnostics) }
        if let defaultAsOf { return defaultAsOf }
        if !asOfUnavailable { diagnostics.fail(.missingValue(row: row, column: "as_of")) }
        return nil
    }

    /// The note, cut to the limit with a warning; nil when empty.
    func note(_ cell: String?, row: Int, diagnostics: inout UploadDiagnostics) -> String? {
        guard let cell else { return nil }
        let text = CellParser.trim(cell)
        if text.isEmpty { return nil }
        guard text.utf8.count > limits.maximumNoteLength else { return text }
        let length = text.count
        guard length > limits.maximumNoteLength else { return text }
        diagnostics.warn(.noteTruncated(row: row, column: "note", length: length, limit: limits.maximumNoteLength))
        return String(text.prefix(limits.maximumNoteLength))
    }
}
