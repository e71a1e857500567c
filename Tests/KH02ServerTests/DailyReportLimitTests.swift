import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02App
import KH02HTTP
import KH02PostgresTestSupport
import KH02TestSupport
import PostgresNIO
import Testing

/// The plan's cap on readiness reports per commune and Vietnam day, counted by the store over every upload.
@Suite("Readiness reports per day over PostgreSQL")
struct DailyReportLimitTests {
    typealias U = UploadAPITests

    /// Stores version 2 of the shipped plan, in force from the same day, allowing `cap` reports a day.
    static func capPlan(_ app: PostgresApp, cap: Int) async throws {
        let shipped = try Data(contentsOf: URL(fileURLWithPath: TestDatabase.sqlDirectory + "/plans/default-plan.json"))
        var document = try #require(try JSONSerialization.jsonObject(with: shipped) as? [String: Any])
        var reporting = try #require(document["reporting"] as? [String: Any])
        reporting["max_reports_per_day"] = cap
        document["version"] = 2
        document["reporting"] = reporting
        let data = try JSONSerialization.data(withJSONObject: document)
        let plan = try PlanDefinition.decode(json: data)
        _ = try await app.dependencies.monitor.stores.plans.importPlan(plan, document: data, importedBy: "test")
    }

    @Test("with a cap of 2, a third report for a commune and day is refused with too_many_reports_per_day; other communes are unaffected")
    func thirdReportRefused() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: U.now)
            try await Self.capPlan(app, cap: 2)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            try await app.test { http in
                for time in ["2025-09-20T08:00", "2025-09-20T12:00"] {
                    try await http.upload("readiness", U.readiness(["00004,\(time),1,1,1,1,1,1,"]), token: token) { #expect($0.status == .created) }
                }
                let third = U.readiness(["00008,2025-09-20T16:00,1,1,1,1,1,1,", "00004,2025-09-20T16:00,1,1,1,1,1,1,"])
                try await http.upload("readiness", third, token: token) { response in
                    #expect(response.status == .unprocessableContent)
                    let problems = try #require(try response.json["problems"] as? [[String: Any]])
                    #expect(problems.count == 1)
                    let problem = try #require(problems.first)
                    #expect(problem["code"] as? String == "too_many_reports_per_day")
                    #expect(problem["row"] as? Int == 3 && problem["column"] as? String == "as_of")
                    #expect((problem["message"] as? String)?.contains("20/09/2025") == true)
                    #expect((problem["message_en"] as? String)?.contains("at most 2") == true)
                }
                // Another commune that day, and the same commune the day before, are unaffected.
                try await http.upload("readiness", U.readiness(["00008,2025-09-20T16:00,1,1,1,1,1,1,"]), token: token) { #expect($0.status == .created) }
                try await http.upload("readiness", U.readiness(["00004,2025-09-19T23:30,1,1,1,1,1,1,"]), token: token) { #expect($0.status == .created) }
            }
            #expect(try await app.count("SELECT count(*) FROM uploads") == 4)
            #expect(try await app.count("SELECT count(*) FROM readiness_reports WHERE commune_code = '00004'") == 3)
        }
    }

    @Test("two uploads for one commune at once: the cap still holds")
    func concurrentUploads() async throws {
        try await TestDatabase.withDatabase { client in
            let app = try PostgresApp(client: client, now: U.now)
            try await Self.capPlan(app, cap: 1)
            let token = try await app.token(.province(ProvinceCode(rawValue: "01")!))
            try await app.test { http in
                let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for time in ["2025-09-20T08:00", "2025-09-20T09:00"] {
                        group.addTask {
                            try await http.upload("readiness", U.readiness(["00004,\(time),1,1,1,1,1,1,"]), token: token) { $0.status }
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(statuses.sorted { $0.code < $1.code } == [.created, .unprocessableContent])
            }
            #expect(try await app.count("SELECT count(*) FROM readiness_reports") == 1)
        }
    }
}
