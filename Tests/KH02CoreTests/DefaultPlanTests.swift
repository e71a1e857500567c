import Foundation
import KH02Core
import Testing

@Suite("The shipped default plan")
struct DefaultPlanTests {
    @Test("decodes, and the validator accepts it with the eight central agencies")
    func validates() throws {
        let agencies = Set(["VPTW", "VPCP", "BCA", "BTC", "BKHCN", "BNV", "BTP", "BCY"].map { AgencyCode(rawValue: $0)! })
        let result = PlanValidator.validate(json: try Fixtures.defaultPlanData(), knownAgencies: agencies)
        #expect(result.issues == [])
        let plan = try #require(result.plan)
        #expect(plan.id == "kh02")
        #expect(plan.version == 1)
        #expect(plan.effectiveFrom == Fixtures.day("2025-06-19"))
        #expect(plan.timezone == "Asia/Ho_Chi_Minh")
    }

    @Test("has the plan's 8 task groups and 6 readiness criteria of DOMAIN.md, all required")
    func groupsAndCriteria() throws {
        let plan = try Fixtures.defaultPlan()
        #expect(plan.taskGroups.count == 8)
        #expect(
            plan.readinessCriteria.map(\.key.rawValue) == [
                "online_meeting", "computers", "specialized_signature", "digital_certificate", "network", "portal_sync",
            ])
        #expect(plan.readinessCriteria.allSatisfy { $0.required })
        #expect(plan.taskGroups.contains { $0.name.vi == "An toàn thông tin, an ninh mạng" })
    }

    @Test("ships only tasks with a public source, with the published deadlines")
    func tasksHaveSources() throws {
        let plan = try Fixtures.defaultPlan()
        #expect(plan.tasks.count == 3)
        #expect(plan.tasks.allSatisfy { $0.source.contains("/TB-VPCP") })
        let deadlines = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.code.rawValue, $0.deadline.iso) })
        #expect(deadlines["TB408-DVCTT-XA"] == "2025-08-14")
        #expect(deadlines["TB408-25DVC-TRUCTUYEN"] == "2025-09-30")
        #expect(plan.tasks.allSatisfy { $0.owner == .everyProvince })
        #expect(plan.phases.map(\.endsOn.iso) == ["2025-06-30", "2025-12-31"])
    }

    @Test("has the default rules: daily 16:00 round stale after 2 days, yellow at one unmet, 7 days, bands 100/70/50")
    func defaultRules() throws {
        let plan = try Fixtures.defaultPlan()
        #expect(plan.reporting.readiness.cutoff == TimeOfDay(hour: 16, minute: 0))
        #expect(plan.reporting.readiness.staleAfterDays == 2)
        #expect(plan.reporting.serviceStatistics.cadence == .monthly)
        #expect(plan.rules.communeReadiness.yellowMaxUnmet == 1)
        #expect(plan.rules.taskProgress.dueSoonDays == 7)
        #expect(plan.coverageBands.map(\.minPercent) == [100, 70, 50, 0])
        #expect(plan.coverageBands.map(\.minInclusive) == [true, false, false, true])
        let online = try #require(plan.serviceIndicators.first { $0.key == .onlineApplicationRate })
        #expect(online.target == 0.8)
    }

    @Test("survives an encode-decode round trip unchanged")
    func roundTrip() throws {
        let plan = try Fixtures.defaultPlan()
        let again = try PlanDefinition.decode(json: plan.encodedJSON())
        #expect(again == plan)
    }
}
