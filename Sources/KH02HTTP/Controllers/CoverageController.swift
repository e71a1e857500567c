import Foundation
import Hummingbird
import KH02Core
import KH02App

/// `GET /coverage` (the national picture: JSON, cached as bytes per minute and data version) and
/// `GET /coverage.csv` (its province table for Excel). Every reader may see both.
struct CoverageController: Sendable {
    let reads: ScoreReads

    func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("coverage", use: coverage)
        group.get("coverage.csv", use: csv)
    }

    @Sendable func coverage(_ request: Request, context: APIRequestContext) async throws -> Response {
        let read = try await reads.begin(request, context: context)
        return try await reads.respond(request, read: read, route: "coverage") { [reads] in
            try ScoreReads.json(CoverageDTO(try await reads.scoring.scored(at: read.instant, version: read.version)))
        }
    }

    @Sendable func csv(_ request: Request, context: APIRequestContext) async throws -> Response {
        let read = try await reads.begin(request, context: context)
        let day = CivilDate(vietnamDayOf: read.instant)
        return try await reads.respond(
            request, read: read, route: "coverage.csv", contentType: CSVExport.contentType, filename: "kh02-bao-phu-\(day.iso).csv"
        ) { [reads] in
            let scored = try await reads.scoring.scored(at: read.instant, version: read.version)
            var csv = CSVExport(header: [
                "Mã tỉnh", "Tỉnh, thành phố", "Màu tiến độ nhiệm vụ", "Số xã đạt (xanh)", "Tổng số xã", "Tỷ lệ xã đạt (%)",
                "Nhóm tỷ lệ", "Số xã chưa có dữ liệu", "Điều kiện chưa đạt nhiều nhất", "Thời điểm số liệu",
            ])
            for row in CoverageDTO(scored).provinces {
                csv.append([
                    row.code, row.name, CSVExport.colour(Colour(rawValue: row.taskColour) ?? .noData), String(row.communesGreen),
                    String(row.communesTotal), CSVExport.number(row.greenPercent), row.bandName ?? "", String(row.communesNoData),
                    row.mostUnmet.map { "\($0.name) (\($0.communes))" }.joined(separator: "; "), CSVExport.vietnameseTime(scored.asOf),
                ])
            }
            return csv.data
        }
    }
}
