import ArgumentParser
import Foundation
import KH02Core

/// `kh02 bench score`: times full national rescores of a synthetic nation held in memory, at 1× and 10× the units,
/// against a raw loop over the same facts.
struct BenchScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Time full national rescores from in-memory facts / Đo thời gian chấm điểm toàn quốc.",
        discussion: """
            Builds a synthetic nation (3,321 communes × scale over 34 provinces × scale, at most 100, and 20 central
            agencies, 50 tasks per province and per agency, two daily readiness rounds, monthly service statistics),
            then times Scorer.score at the given scale and at 10× it. Build with -c release for meaningful figures.
            """)

    @Option(help: "Units multiplier of the first run; a second run uses 10× this.")
    var scale: Int = 1

    @Option(help: "Timed rescores per scale (after two warm-up runs).")
    var iterations: Int = 30

    @Option(help: "The plan whose groups, criteria and rules are used (its tasks are replaced by synthetic ones).")
    var plan: String = "SQL/plans/default-plan.json"

    @Option(help: "Seed of the synthetic data.")
    var seed: UInt64 = 2025

    func validate() throws {
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1") }
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1") }
    }

    func run() async throws {
        let base = try PlanDefinition.decode(json: Data(contentsOf: URL(fileURLWithPath: plan)))
        // 20 September 2025, 17:00 in Vietnam: after the daily 16:00 round, some deadlines passed, some near.
        let asOf = CivilDate(year: 2025, month: 9, day: 20)!.vietnamMidnight.addingTimeInterval(17 * 3_600)
        print("Scoring benchmark: \(iterations) rescores per scale after 2 warm-ups, as of 17:00 20/09/2025 (+07:00)")
        print("scale  units    facts    score median  p90       baseline median  score/baseline  µs per unit")
        var perUnit: [Double] = []
        var sink = 0
        for factor in [scale, scale * 10] {
            let directory = SyntheticNation.directory(scale: factor, agencies: 20, seed: seed)
            let agencies = directory.agencies.map(\.code)
            let benchPlan = SyntheticNation.plan(basedOn: base, agencies: agencies, tasksPerOwner: 50)
            let units = directory.snapshot(at: asOf)
            let facts = SyntheticNation.facts(plan: benchPlan, units: units, asOf: asOf, seed: seed, historyDays: 2)
            let scorer = Scorer(plan: benchPlan)
            let unitCount = units.communes.count + units.provinces.count + units.agencies.count

            let scoring = measure(iterations) {
                scorer.score(facts, directory: directory, asOf: asOf).nation.communesGreen
            }
            let baseline = measure(iterations) { rawLoop(facts) }
            sink &+= scoring.sink &+ baseline.sink
            let micro = scoring.median * 1_000 / Double(unitCount)
            perUnit.append(micro)
            print(
                [
                    pad("\(factor)×", 7), pad("\(unitCount)", 9), pad("\(facts.count)", 9),
                    pad(ms(scoring.median), 14), pad(ms(scoring.p90), 10), pad(ms(baseline.median), 17),
                    pad(String(format: "%.1f×", scoring.median / baseline.median), 16), String(format: "%.3f", micro),
                ].joined())
        }
        print(String(format: "Linearity: per-unit time at 10× ÷ at 1× = %.2f (1.00 is perfectly linear)", perUnit[1] / perUnit[0]))
        if sink == 42 { print("") }  // keeps the optimiser from dropping the timed work
    }

    /// The baseline: one plain pass over every fact, summing a field of each.
    private func rawLoop(_ facts: FactSet) -> Int {
        var total = 0
        for report in facts.readiness { total &+= report.values.count }
        for report in facts.taskStatuses { total &+= Int(report.progress.value) }
        for report in facts.serviceStatistics { total &+= report.counts.received }
        return total
    }

    /// Median and 90th percentile in milliseconds of `iterations` runs of `body`, after two warm-up runs.
    private func measure(_ iterations: Int, _ body: () -> Int) -> (median: Double, p90: Double, sink: Int) {
        var sink = body() &+ body()
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            var result = 0
            let elapsed = clock.measure { result = body() }
            sink &+= result
            samples.append(Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        samples.sort()
        let p90 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.9).rounded(.up)) - 1)]
        return (samples[samples.count / 2], p90, sink)
    }

    private func ms(_ value: Double) -> String { String(format: "%.3f ms", value) }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
