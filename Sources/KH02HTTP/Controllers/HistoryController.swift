import Foundation
import Hummingbird
import KH02Core
import KH02App

/// `GET /history?unit=…&from=YYYY-MM-DD&to=YYYY-MM-DD`: colour and key figures per day, scored at each day's 16:00
/// (or now for today). `unit` is a province or commune code, or absent for the nation. At most 93 days; by default
/// the 30 days up to `to` (today).
///
/// Each day is scored once per data version for every unit (`AnswerCache.historyDay`), so ranges and units share
/// the work; days not yet in memory are scored by at most `ConcurrencyLimits.histories` requests at once (503
/// `history_busy` beyond that), stopping between days when the request's task is cancelled. Hummingbird 2.28 does
/// not cancel a handler when its client disconnects, so a history that has started runs to its end.
struct HistoryController: Sendable {
    let reads: ScoreReads
    /// Histories computing days at once on this instance.
    let gate: AdmissionGate<Int>

    static let maximumDays = 93

    init(reads: ScoreReads, concurrency: ConcurrencyLimits = .standard) {
        self.reads = reads
        self.gate = AdmissionGate(total: concurrency.histories, wait: concurrency.wait)
    }

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("history", use: history)
    }

    @Sendable func history(_ request: Request, context: APIRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        var requested: AnyUnitCode?
        if let raw = query.get("unit"), raw != "nation" {
            guard let code = AnyUnitCode(raw), code.kind != .agency else {
                throw APIError.badParameter("unit", raw, expected: "a province or commune code, or nation")
            }
            requested = code
        }
        let unit = requested
        let read = try await reads.begin(request, context: context)
        let today = CivilDate(vietnamDayOf: reads.scoring.now())
        let to = try Self.day(query.get("to"), name: "to") ?? today
        let from = try Self.day(query.get("from"), name: "from") ?? to.adding(days: -29)
        guard from <= to, from.days(until: to) < Self.maximumDays else {
            throw APIError.badParameter("from", from.iso, expected: "a day on or before to, at most \(Self.maximumDays) days before it")
        }
        let latest = try await reads.scoring.scored(at: read.instant, version: read.version)
        if let unit {
            guard latest.name(of: unit) != nil else { throw APIError.unitNotFound(unit.kind, unit.rawValue) }
            try reads.requireDetail(read, unit: unit, scored: latest)
        }
        let days = try await historyDays(from: from, to: to, version: read.version)
        let entries = days.map { $0.figures(of: unit) }
        let variant = "\(unit?.rawValue ?? "nation")|\(from.iso)|\(to.iso)"
        return try await reads.respond(request, read: read, route: "history", variant: variant) {
            try ScoreReads.json(
                HistoryDTO(
                    unit: unit?.rawValue ?? "nation", unitKind: unit?.kind.rawValue ?? "nation", from: from.iso, to: to.iso,
                    data: DataFreshnessDTO(latest), days: entries))
        }
    }

    /// The days from `from` to `to` that have begun and had a plan in effect: from memory, or scored under the gate.
    private func historyDays(from: CivilDate, to: CivilDate, version: DataVersion) async throws -> [HistoryDay] {
        let now = reads.scoring.now()
        var instants: [(CivilDate, Date)] = []
        for offset in 0...from.days(until: to) {
            let day = from.adding(days: offset)
            let instant = Scoring.roundedToMinute(min(day.vietnamMidnight.addingTimeInterval(16 * 3600), now))
            guard instant >= day.vietnamMidnight else { break }
            instants.append((day, instant))
        }
        func score() async throws -> [HistoryDay] {
            var days: [HistoryDay] = []
            for (day, instant) in instants {
                try Task.checkCancellation()
                if let scored = try await reads.answers.historyDay(day, at: instant, version: version, scoring: reads.scoring) { days.append(scored) }
            }
            return days
        }
        if instants.allSatisfy({ reads.answers.hasHistoryDay(at: $0.1, version: version) }) { return try await score() }
        do {
            return try await gate.run(key: nil) { try await score() }
        } catch is AdmissionGate<Int>.Refusal {
            throw APIError.historyBusy(retryAfter: 2)
        }
    }

    static func day(_ text: String?, name: String) throws -> CivilDate? {
        guard let text, !text.isEmpty else { return nil }
        guard let day = CivilDate(iso: text) else { throw APIError.badParameter(name, text, expected: "YYYY-MM-DD") }
        return day
    }
}
