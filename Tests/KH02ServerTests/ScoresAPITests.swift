import CompressNIO
import Foundation
import Hummingbird
import HummingbirdTesting
import KH02Core
import KH02HTTP
import KH02PostgresTestSupport
import KH02Storage
import KH02TestSupport
import NIOFoundationEssentialsCompat
import Testing

@Suite("Score read API over PostgreSQL")
struct ScoresAPITests {
    @Test("coverage: national counts, bands, criteria, overdue tasks and one row per province, with plan and freshness")
    func coverage() async throws {
        try await ScoresFixture.withApp { f, http in
            let body = try await getJSON(http, "/api/v1/coverage", token: f.central)
            let communes = try #require(body["communes"] as? [String: Any])
            #expect(communes["green"] as? Int == 1)
            #expect(communes["yellow"] as? Int == 1)
            #expect(communes["red"] as? Int == 1)
            #expect(communes["total"] as? Int == 3_321)
            #expect(communes["no_data"] as? Int == 3_318)
            let plan = try #require(body["plan"] as? [String: Any])
            #expect(plan["id"] as? String == "kh02" && plan["version"] as? Int == 1)
            let data = try #require(body["data"] as? [String: Any])
            #expect(data["version"] as? Int == 3, "three uploads stored")
            #expect(data["latest_report_as_of"] as? String == "2025-09-19T09:00:00Z")
            #expect(body["as_of"] as? String == "2025-09-20T10:00:00Z")
            let provinces = try #require(body["provinces"] as? [[String: Any]])
            #expect(provinces.count == 34)
            let p08 = try #require(provinces.first { $0["code"] as? String == "08" })
            #expect(p08["task_colour"] as? String == "red")
            #expect(p08["communes_green"] as? Int == 1)
            let unmet = try #require(p08["most_unmet"] as? [[String: Any]])
            #expect(unmet.first?["key"] as? String == "specialized_signature")
            #expect(unmet.first?["communes"] as? Int == 2)
            let bands = try #require(body["provinces_per_band"] as? [[String: Any]])
            #expect(bands.compactMap { $0["provinces"] as? Int }.reduce(0, +) == 34)
            let criteria = try #require(body["criteria"] as? [[String: Any]])
            let signature = try #require(criteria.first { $0["key"] as? String == "specialized_signature" })
            #expect(signature["met"] as? Int == 1 && signature["unmet"] as? Int == 2)
            #expect(signature["name"] as? String == "Chữ ký số chuyên dùng" || (signature["name"] as? String)?.isEmpty == false)
            let tasks = try #require(body["tasks"] as? [String: Any])
            #expect((tasks["overdue"] as? Int ?? 0) >= 1)
            let byColour = try #require(body["provinces_by_task_colour"] as? [String: Any])
            #expect([byColour["green"], byColour["yellow"], byColour["red"], byColour["no_data"]].compactMap { $0 as? Int }.reduce(0, +) == 34)
        }
    }

    @Test("coverage answers carry an ETag; If-None-Match gets 304; a new upload changes the answer")
    func etag() async throws {
        try await ScoresFixture.withApp { f, http in
            let auth: HTTPFields = [.authorization: "Bearer \(f.central)"]
            let first = try await http.execute(uri: "/api/v1/coverage", method: .get, headers: auth)
            let etag = try #require(first.headers[.eTag])
            var conditional = auth
            conditional[.ifNoneMatch] = etag
            let second = try await http.execute(uri: "/api/v1/coverage", method: .get, headers: conditional)
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
            let past = try await http.execute(uri: "/api/v1/coverage?as_of=2025-09-01", method: .get, headers: conditional)
            #expect(past.status == .ok, "another instant is another answer")
            let body = try #require(try JSONSerialization.jsonObject(with: Data(buffer: past.body)) as? [String: Any])
            #expect((body["communes"] as? [String: Any])?["green"] as? Int == 0, "the reports of 19/09 do not count on 01/09")

            // A new upload changes the data version: the cached answer and its ETag are replaced at once.
            let csv = "commune_code,as_of,online_meeting,computers,specialized_signature,digital_certificate,network,portal_sync\n"
                + "\(f.communes[1].rawValue),2025-09-20T12:00:00+07:00,1,1,1,1,1,1\n"
            let upload = try await http.execute(
                uri: "/api/v1/reports/readiness", method: .post, headers: [.authorization: "Bearer \(f.admin)", .contentType: "text/csv"],
                body: ByteBuffer(string: csv))
            #expect(upload.status == .created)
            let fresh = try await http.execute(uri: "/api/v1/coverage", method: .get, headers: conditional)
            #expect(fresh.status == .ok)
            #expect(fresh.headers[.eTag] != etag)
            let updated = try #require(try JSONSerialization.jsonObject(with: Data(buffer: fresh.body)) as? [String: Any])
            #expect((updated["communes"] as? [String: Any])?["green"] as? Int == 2)
            #expect((updated["data"] as? [String: Any])?["version"] as? Int == 4)
        }
    }

    @Test("large answers go out gzip-encoded to clients that accept it, with their own ETag; the others get plain JSON")
    func gzip() async throws {
        try await ScoresFixture.withApp { f, http in
            let auth: HTTPFields = [.authorization: "Bearer \(f.central)"]
            let plain = try await http.execute(uri: "/api/v1/coverage", method: .get, headers: auth)
            #expect(plain.headers[.contentEncoding] == nil)
            var accepting = auth
            accepting[.acceptEncoding] = "br;q=1.0, gzip;q=0.8, *;q=0.1"
            let compressed = try await http.execute(uri: "/api/v1/coverage", method: .get, headers: accepting)
            #expect(compressed.status == .ok)
            #expect(compressed.headers[.contentEncoding] == "gzip")
            #expect(compressed.headers[.vary]?.contains("Accept-Encoding") == true)
            #expect(compressed.body.readableBytes * 3 < plain.body.readableBytes, "JSON compresses at least threefold")
            var body = compressed.body
            let inflated = try body.decompress(with: .gzip())
            #expect(inflated == plain.body, "the same bytes once inflated")
            let gzipETag = try #require(compressed.headers[.eTag])
            #expect(gzipETag != plain.headers[.eTag])
            accepting[.ifNoneMatch] = gzipETag
            #expect(try await http.execute(uri: "/api/v1/coverage", method: .get, headers: accepting).status == .notModified)

            var refusing = auth
            refusing[.acceptEncoding] = "gzip;q=0, identity"
            #expect(try await http.execute(uri: "/api/v1/coverage", method: .get, headers: refusing).headers[.contentEncoding] == nil)
        }
    }

    @Test("province detail: colours with reasons, communes with unmet criteria, services, tasks; CSV of its communes")
    func province() async throws {
        try await ScoresFixture.withApp { f, http in
            let body = try await getJSON(http, "/api/v1/provinces/08", token: f.province08)
            #expect(body["task_colour"] as? String == "red")
            let reasons = try #require(body["task_reasons"] as? [[String: Any]])
            #expect(reasons.first?["rule"] as? String == "tasks.red.overdue")
            #expect((reasons.first?["message"] as? String)?.isEmpty == false)
            let communes = try #require(body["communes"] as? [[String: Any]])
            let yellow = try #require(communes.first { $0["code"] as? String == f.communes[1].rawValue })
            #expect(yellow["colour"] as? String == "yellow")
            #expect(yellow["unmet"] as? [String] == ["specialized_signature"])
            #expect(yellow["last_report_as_of"] as? String == "2025-09-19T09:00:00Z")
            let coverage = try #require(body["coverage"] as? [String: Any])
            #expect(coverage["green"] as? Int == 1 && coverage["total"] as? Int == communes.count)
            let services = try #require(body["services"] as? [String: Any])
            #expect(services["month"] as? String == "2025-08")
            let indicators = try #require(services["indicators"] as? [[String: Any]])
            #expect(indicators.first { $0["key"] as? String == "online_application_rate" }?["value"] as? Double == 0.4)
            let tasks = try #require(body["tasks"] as? [[String: Any]])
            #expect(tasks.first { $0["task"] as? String == "TB408-DVCTT-XA" }?["condition"] as? String == "overdue")

            let csv = try await http.execute(uri: "/api/v1/provinces/08.csv", method: .get, headers: [.authorization: "Bearer \(f.province08)"])
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let bytes = Array(Data(buffer: csv.body))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("Mã xã,\"Tên xã, phường, đặc khu\",Màu,"))
            #expect(text.contains("\r\n\(f.communes[1].rawValue),"))
            #expect(text.components(separatedBy: "\r\n").count == communes.count + 2)

            _ = try await getJSON(http, "/api/v1/provinces/8", token: f.central, status: .badRequest)
            _ = try await getJSON(http, "/api/v1/provinces/99", token: f.central, status: .notFound)
        }
    }

    @Test("commune detail: each criterion with value, source report and time; its report history")
    func commune() async throws {
        try await ScoresFixture.withApp { f, http in
            let code = f.communes[2].rawValue
            let body = try await getJSON(http, "/api/v1/communes/\(code)", token: f.province08)
            #expect(body["colour"] as? String == "red")
            #expect(body["unmet_required"] as? Int == 2)
            let criteria = try #require(body["criteria"] as? [[String: Any]])
            #expect(criteria.count == 6)
            let network = try #require(criteria.first { $0["key"] as? String == "network" })
            #expect(network["state"] as? String == "unmet")
            #expect(network["value"] as? Bool == false)
            #expect(network["report_as_of"] as? String == "2025-09-19T09:00:00Z")
            #expect((network["report_id"] as? String)?.hasSuffix(":4") == true, "row 4 of the readiness upload")
            #expect(network["received_at"] as? String == "2025-09-20T10:00:00Z")
            let computers = try #require(criteria.first { $0["key"] as? String == "computers" })
            #expect(computers["value"] as? Double == 1 && computers["state"] as? String == "met")
            let history = try #require(body["history"] as? [[String: Any]])
            #expect(history.count == 1)
            #expect(history.first?["colour"] as? String == "red")
            _ = try await getJSON(http, "/api/v1/communes/1234", token: f.central, status: .badRequest)
        }
    }

    @Test("overdue tasks: filters by owner, group and province; the CSV for Excel")
    func overdue() async throws {
        try await ScoresFixture.withApp { f, http in
            let body = try await getJSON(http, "/api/v1/tasks/overdue?owner=08", token: f.commune)
            let items = try #require(body["items"] as? [[String: Any]])
            let item = try #require(items.first { $0["task"] as? String == "TB408-DVCTT-XA" })
            #expect(item["days_overdue"] as? Int == 37)
            #expect(item["progress"] as? Double == 60)
            #expect(item["deadline"] as? String == "2025-08-14")
            #expect(item["owner_name"] as? String == "Tuyên Quang" || (item["owner_name"] as? String)?.isEmpty == false)
            #expect(items.allSatisfy { $0["owner"] as? String == "08" })
            let all = try await getJSON(http, "/api/v1/tasks/overdue", token: f.central)
            let everyone = try #require(all["items"] as? [[String: Any]])
            #expect(!everyone.contains { $0["owner"] as? String == "01" && $0["task"] as? String == "TB408-DVCTT-XA" }, "01 reported it done")
            let group = try #require(item["group"] as? String)
            let byGroup = try await getJSON(http, "/api/v1/tasks/overdue?group=\(group)&province=08", token: f.central)
            #expect(byGroup["count"] as? Int == items.filter { $0["group"] as? String == group }.count)
            _ = try await getJSON(http, "/api/v1/tasks/overdue?owner=x", token: f.central, status: .badRequest)

            let csv = try await http.execute(uri: "/api/v1/tasks/overdue.csv?owner=08", method: .get, headers: [.authorization: "Bearer \(f.central)"])
            let text = String(decoding: Array(Data(buffer: csv.body)).dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("Mã nhiệm vụ,Nhiệm vụ,Nhóm nhiệm vụ,"))
            #expect(text.contains("TB408-DVCTT-XA,"))
            #expect(text.contains(",14/08/2025,37,60,"))
        }
    }

    @Test("criteria/{key}: the provinces and communes not meeting a criterion")
    func criterion() async throws {
        try await ScoresFixture.withApp { f, http in
            let body = try await getJSON(http, "/api/v1/criteria/specialized_signature?state=unmet", token: f.central)
            let communes = try #require(body["communes"] as? [[String: Any]])
            #expect(Set(communes.compactMap { $0["code"] as? String }) == [f.communes[1].rawValue, f.communes[2].rawValue])
            let provinces = try #require(body["provinces"] as? [[String: Any]])
            #expect(provinces.count == 34, "every province has communes without the signature or without data")
            #expect((body["criterion"] as? [String: Any])?["kind"] as? String == "boolean")
            let scoped = try await getJSON(http, "/api/v1/criteria/specialized_signature", token: f.province01)
            #expect((scoped["communes"] as? [[String: Any]])?.allSatisfy { $0["province"] as? String == "01" } == true)
            _ = try await getJSON(http, "/api/v1/criteria/no_such_thing", token: f.central, status: .notFound)
        }
    }

    @Test("services: indicators per province, lowest online rate first, also for a given month")
    func services() async throws {
        try await ScoresFixture.withApp { f, http in
            let body = try await getJSON(http, "/api/v1/services", token: f.central)
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count == 34)
            #expect(items.prefix(2).compactMap { $0["code"] as? String } == ["08", "01"])
            let month = try await getJSON(http, "/api/v1/services?month=2025-08&order=desc", token: f.central)
            let ranked = try #require(month["items"] as? [[String: Any]])
            #expect(ranked.prefix(2).compactMap { $0["code"] as? String } == ["01", "08"])
            let empty = try await getJSON(http, "/api/v1/services?month=2025-07", token: f.central)
            #expect((empty["items"] as? [[String: Any]])?.allSatisfy { ($0["services"] as? [String: Any])?["freshness"] as? String == "never" } == true)
            _ = try await getJSON(http, "/api/v1/services?sort=speed", token: f.central, status: .badRequest)
        }
    }

    @Test("history: colour and key figures per day for the nation, a province and a commune")
    func history() async throws {
        try await ScoresFixture.withApp { f, http in
            let nation = try await getJSON(http, "/api/v1/history?from=2025-09-18&to=2025-09-20", token: f.central)
            let days = try #require(nation["days"] as? [[String: Any]])
            #expect(days.compactMap { $0["day"] as? String } == ["2025-09-18", "2025-09-19", "2025-09-20"])
            #expect(days.compactMap { $0["communes_green"] as? Int } == [0, 1, 1])
            let commune = try await getJSON(http, "/api/v1/history?unit=\(f.communes[1].rawValue)&from=2025-09-18&to=2025-09-20", token: f.province08)
            #expect((commune["days"] as? [[String: Any]])?.compactMap { $0["colour"] as? String } == ["no_data", "yellow", "yellow"])
            let province = try await getJSON(http, "/api/v1/history?unit=08&from=2025-09-19&to=2025-09-19", token: f.province08)
            #expect((province["days"] as? [[String: Any]])?.first?["colour"] as? String == "red")
            _ = try await getJSON(http, "/api/v1/history?unit=01", token: f.province08, status: .forbidden)
            _ = try await getJSON(http, "/api/v1/history?from=2025-01-01&to=2025-09-20", token: f.central, status: .badRequest)
        }
    }

    @Test("what-if: a candidate plan without the signature requirement turns the yellow commune green")
    func whatIf() async throws {
        try await ScoresFixture.withApp { f, http in
            let shipped = try Data(contentsOf: URL(fileURLWithPath: TestDatabase.sqlDirectory + "/plans/default-plan.json"))
            var plan = try #require(try JSONSerialization.jsonObject(with: shipped) as? [String: Any])
            plan["version"] = 2
            var criteria = try #require(plan["readiness_criteria"] as? [[String: Any]])
            for i in criteria.indices where criteria[i]["key"] as? String == "specialized_signature" { criteria[i]["required"] = false }
            plan["readiness_criteria"] = criteria
            let body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: plan))
            let response = try await http.execute(
                uri: "/api/v1/whatif", method: .post, headers: [.authorization: "Bearer \(f.central)", .contentType: "application/json"], body: body)
            #expect(response.status == .ok)
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let changes = try #require(answer["changes"] as? [[String: Any]])
            let yellow = try #require(changes.first { $0["unit"] as? String == f.communes[1].rawValue })
            #expect(yellow["before"] as? String == "yellow" && yellow["after"] as? String == "green")
            #expect(changes.first { $0["unit"] as? String == f.communes[2].rawValue }?["after"] as? String == "yellow")
            #expect((answer["candidate"] as? [String: Any])?["version"] as? Int == 2)
            let refused = try await http.execute(
                uri: "/api/v1/whatif", method: .post, headers: [.authorization: "Bearer \(f.province08)"], body: body)
            #expect(refused.status == .forbidden)
            let invalid = try await http.execute(
                uri: "/api/v1/whatif", method: .post, headers: [.authorization: "Bearer \(f.central)"], body: ByteBuffer(string: "{}"))
            #expect(invalid.status == .unprocessableContent)
        }
    }

    @Test("maps: 34 province features and a province's communes with colour properties")
    func maps() async throws {
        try await ScoresFixture.withApp { f, http in
            let provinces = try await getJSON(http, "/api/v1/map/provinces.geojson", token: f.commune)
            #expect(provinces["type"] as? String == "FeatureCollection")
            let features = try #require(provinces["features"] as? [[String: Any]])
            #expect(features.count == 34)
            let p08 = try #require(features.first { $0["id"] as? String == "08" })
            #expect((p08["properties"] as? [String: Any])?["task_colour"] as? String == "red")
            #expect((p08["geometry"] as? [String: Any])?["type"] as? String == "MultiPolygon")
            let province = try await getJSON(http, "/api/v1/provinces/08", token: f.central)
            let count = (province["communes"] as? [[String: Any]])?.count
            let communes = try await getJSON(http, "/api/v1/map/provinces/08/communes.geojson", token: f.province08)
            let communeFeatures = try #require(communes["features"] as? [[String: Any]])
            #expect(communeFeatures.count == count)
            let green = try #require(communeFeatures.first { $0["id"] as? String == f.communes[0].rawValue })
            #expect((green["properties"] as? [String: Any])?["colour"] as? String == "green")
            #expect(communeFeatures.filter { $0["geometry"] is [String: Any] }.count == count)
            _ = try await getJSON(http, "/api/v1/map/provinces/01/communes.geojson", token: f.province08, status: .forbidden)
        }
    }

    @Test("coverage.csv: UTF-8 with BOM, CRLF, Vietnamese header, one row per province")
    func coverageCSV() async throws {
        try await ScoresFixture.withApp { f, http in
            let response = try await http.execute(uri: "/api/v1/coverage.csv", method: .get, headers: [.authorization: "Bearer \(f.central)"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition]?.contains("kh02-bao-phu-2025-09-20.csv") == true)
            let bytes = Array(Data(buffer: response.body))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            let lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
            #expect(lines.first?.hasPrefix("Mã tỉnh,\"Tỉnh, thành phố\",Màu tiến độ nhiệm vụ,Số xã đạt (xanh),Tổng số xã") == true)
            #expect(lines.count == 36, "header, 34 provinces, and the empty string after the last CRLF")
            #expect(lines.contains { $0.hasPrefix("08,") && $0.contains(",đỏ,1,") })
        }
    }

    @Test("reads need a token; scoped tokens see their own area in detail and the national summary")
    func access() async throws {
        try await ScoresFixture.withApp { f, http in
            _ = try await getJSON(http, "/api/v1/coverage", token: nil, status: .unauthorized)
            _ = try await getJSON(http, "/api/v1/provinces/08", token: nil, status: .unauthorized)
            _ = try await getJSON(http, "/api/v1/coverage", token: f.province08)
            _ = try await getJSON(http, "/api/v1/coverage", token: f.commune)
            _ = try await getJSON(http, "/api/v1/provinces/08", token: f.province08)
            let other = try await getJSON(http, "/api/v1/provinces/01", token: f.province08, status: .forbidden)
            #expect((other["error"] as? [String: Any])?["code"] as? String == "forbidden")
            _ = try await getJSON(http, "/api/v1/provinces/08", token: f.commune, status: .forbidden)
            _ = try await getJSON(http, "/api/v1/communes/\(f.communes[0].rawValue)", token: f.commune)
            _ = try await getJSON(http, "/api/v1/communes/\(f.communes[1].rawValue)", token: f.commune, status: .forbidden)
            _ = try await getJSON(http, "/api/v1/communes/\(f.communes[1].rawValue)", token: f.province08)
            _ = try await getJSON(http, "/api/v1/provinces/01", token: f.admin)
            _ = try await getJSON(http, "/api/v1/coverage?as_of=2030-01-01T00:00:00Z", token: f.central, status: .badRequest)
            _ = try await getJSON(http, "/api/v1/coverage?as_of=2025-06-01", token: f.central, status: .unprocessableContent)
        }
    }

    @Test("public read access: with the operator's switch on, reads need no token; what-if still does")
    func publicRead() async throws {
        try await ScoresFixture.withApp(publicRead: true) { f, http in
            let body = try await getJSON(http, "/api/v1/coverage", token: nil)
            #expect((body["communes"] as? [String: Any])?["green"] as? Int == 1)
            _ = try await getJSON(http, "/api/v1/provinces/01", token: nil)
            let whatIf = try await http.execute(uri: "/api/v1/whatif", method: .post, body: ByteBuffer(string: "{}"))
            #expect(whatIf.status == .unauthorized)
        }
    }
}
