import Foundation

/// A realistic demo nation, generated from a fixed seed, as the CSV files each province would upload: weeks of
/// daily readiness rounds for its communes, the status of its plan tasks, and monthly service statistics.
///
/// Provinces get different profiles: most improve steadily, some lead, a few lag badly (red communes, overdue
/// tasks). Once a commune meets a criterion it keeps meeting it, as real readiness does. Everything it makes is
/// demo data and is labelled so by the loader; nothing here is computed from real reports.
public struct DemoNation: Sendable {
    public let plan: PlanDefinition
    public let units: UnitSnapshot
    /// The last daily round included (a day whose 16:00 cut-off has passed).
    public let lastRound: CivilDate
    public let days: Int
    public let seed: UInt64

    public init(plan: PlanDefinition, units: UnitSnapshot, lastRound: CivilDate, days: Int = 28, seed: UInt64 = 20_250_701) {
        self.plan = plan
        self.units = units
        self.lastRound = lastRound
        self.days = days
        self.seed = seed
    }

    /// The three uploads of one province.
    public struct ProvinceFiles: Sendable {
        public var province: Province
        public var readinessCSV: String
        public var tasksCSV: String
        public var servicesCSV: String
    }

    /// How far along a province is: `start` is the share of criteria met 28 days ago, `pace` how fast the rest come.
    struct Profile {
        var start: Double
        var pace: Double
        var tasksOnTime: Bool
        var tasksDone: Bool
        var onlineRate: Double
    }

    public func files() -> [ProvinceFiles] {
        units.provinces.map { province in
            var random = SplitMix64(seed: seed ^ UInt64(province.code.rawValue.hashValueStable))
            let profile = profile(for: province, random: &random)
            return ProvinceFiles(
                province: province,
                readinessCSV: readiness(province, profile: profile, random: &random),
                tasksCSV: tasks(province, profile: profile),
                servicesCSV: services(province, profile: profile, random: &random))
        }
    }

    private func profile(for province: Province, random: inout SplitMix64) -> Profile {
        let roll = random.unit()
        switch roll {
        case ..<0.12:  // lagging badly
            return Profile(start: 0.35, pace: 0.006, tasksOnTime: false, tasksDone: false, onlineRate: 0.35 + 0.15 * random.unit())
        case ..<0.45:  // slow
            return Profile(start: 0.6, pace: 0.012, tasksOnTime: false, tasksDone: true, onlineRate: 0.55 + 0.2 * random.unit())
        case ..<0.8:  // steady
            return Profile(start: 0.75, pace: 0.02, tasksOnTime: random.unit() < 0.7, tasksDone: true, onlineRate: 0.7 + 0.15 * random.unit())
        default:  // leading
            return Profile(start: 0.9, pace: 0.04, tasksOnTime: true, tasksDone: true, onlineRate: 0.85 + 0.12 * random.unit())
        }
    }

    /// One row per commune and day, written day by day (as the daily rounds would have arrived, so a day's rows
    /// sit together in storage); the values are drawn commune by commune.
    private func readiness(_ province: Province, profile: Profile, random: inout SplitMix64) -> String {
        let criteria = plan.readinessCriteria
        var rowsByCommune: [[String]] = []
        for commune in units.communes(in: province.code) {
            // The day (0 = first round) each criterion becomes met, or never within the window.
            let metFrom = criteria.map { _ -> Int in
                let metAtStart = random.unit() < profile.start
                if metAtStart { return 0 }
                let daysNeeded = Int(-log(max(1e-9, random.unit())) / profile.pace)
                return daysNeeded < days ? daysNeeded : Int.max
            }
            rowsByCommune.append(
                (0..<days).map { offset in
                    let day = lastRound.adding(days: offset - days + 1)
                    var cells = [commune.code.rawValue, day.iso]
                    for (index, criterion) in criteria.enumerated() {
                        let met = offset >= metFrom[index]
                        cells.append(value(criterion, met: met, random: &random))
                    }
                    cells.append("")
                    return cells.joined(separator: ",")
                })
        }
        var lines = ["commune_code," + "as_of," + criteria.map(\.key.rawValue).joined(separator: ",") + ",note"]
        for offset in 0..<days {
            lines.append(contentsOf: rowsByCommune.map { $0[offset] })
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private func value(_ criterion: ReadinessCriterion, met: Bool, random: inout SplitMix64) -> String {
        switch criterion.kind {
        case .boolean: return met ? "1" : "0"
        case .ratio:
            let threshold = criterion.threshold ?? 1
            let share = met ? threshold + (1 - threshold) * random.unit() : threshold * (0.5 + 0.45 * random.unit())
            return String(format: "%.2f", min(1, met ? max(share, threshold) : min(share, threshold - 0.01)))
        case .count:
            let threshold = Int((criterion.threshold ?? 1).rounded(.up))
            return String(met ? threshold + Int(random.next() % 3) : max(0, threshold - 1 - Int(random.next() % 2)))
        }
    }

    private func tasks(_ province: Province, profile: Profile) -> String {
        var lines = ["unit_code,task_code,status,progress,completed_on,as_of,note"]
        for task in plan.tasks where task.owner == .everyProvince {
            let status: String
            let progress: String
            var completed = ""
            if profile.tasksDone {
                status = "done"
                progress = "100"
                completed = (profile.tasksOnTime ? task.deadline.adding(days: -3) : task.deadline.adding(days: 12)).iso
            } else {
                status = "in_progress"
                progress = "60"
            }
            lines.append([province.code.rawValue, task.code.rawValue, status, progress, completed, lastRound.iso, ""].joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The province's own totals for the last three complete months.
    private func services(_ province: Province, profile: Profile, random: inout SplitMix64) -> String {
        var lines = ["unit_code,period,received,received_online,resolved,resolved_on_time,overdue,results_online,with_fee,paid_online"]
        let current = ReportMonth(containing: lastRound)
        for back in 1...3 {
            let total = current.year * 12 + current.month - 1 - back
            let period = String(format: "%04d-%02d", total / 12, total % 12 + 1)
            let received = 4_000 + Int(random.next() % 40_000)
            let online = Int(Double(received) * min(0.99, profile.onlineRate + 0.02 * Double(3 - back)))
            let resolved = Int(Double(received) * (0.85 + 0.1 * random.unit()))
            let onTime = Int(Double(resolved) * (0.9 + 0.09 * random.unit()))
            let overdue = Int(Double(received - resolved) * 0.2 * random.unit())
            let results = Int(Double(resolved) * (0.5 + 0.4 * random.unit()))
            let withFee = received / 3
            let paid = Int(Double(withFee) * (0.3 + 0.6 * random.unit()))
            lines.append(
                [province.code.rawValue, period, "\(received)", "\(online)", "\(resolved)", "\(onTime)", "\(overdue)", "\(results)", "\(withFee)", "\(paid)"]
                    .joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}

extension SplitMix64 {
    /// A uniform double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

extension String {
    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}
