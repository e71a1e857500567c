public import Foundation
public import Hummingbird
public import KH02Core
import KH02App
import KH02Spreadsheet

/// `GET /templates/{kind}.csv[?province=01]` or `{kind}.xlsx`: a ready-to-fill CSV (UTF-8 with BOM, CRLF) or Excel
/// workbook (`UploadWorkbookTemplate`) with the caller's units,
/// or with one province's for central and admin accounts.
public struct TemplatesController: Sendable {
    let units: any UnitStore
    let plans: any PlanStore
    let now: @Sendable () -> Date

    public init(units: any UnitStore, plans: any PlanStore, now: @escaping @Sendable () -> Date) {
        self.units = units
        self.plans = plans
        self.now = now
    }

    public func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("templates/:file", use: template)
    }

    @Sendable func template(_ request: Request, context: APIRequestContext) async throws -> Response {
        let account = try context.requireAccount()
        let file = try context.parameters.require("file")
        let workbook = file.hasSuffix(".xlsx")
        guard file.hasSuffix(".csv") || workbook, let kind = UploadKind(rawValue: String(file.dropLast(workbook ? 5 : 4))) else {
            throw APIError.notFound
        }
        let instant = now()
        guard let plan = PlanCatalog(try await plans.definitions()).effective(at: instant) else {
            throw APIError(AppError.noPlan)
        }
        var principal = account.principal
        if let raw = request.uri.queryParameters.get("province") {
            guard let code = ProvinceCode(rawValue: raw) else { throw APIError.malformedProvinceCode(raw) }
            if principal.canReadNation {
                principal = .province(code)
            } else if principal.unit != .province(code) {
                throw APIError.forbidden(vi: "Chỉ lấy được mẫu của đơn vị mình.", en: "Templates are for your own unit only.")
            }
        }
        let snapshot = try await units.directory().snapshot(at: instant)
        let name = "kh02-\(kind.rawValue)-\(principal.unit?.rawValue ?? "all")-\(CivilDate(vietnamDayOf: instant).iso).\(workbook ? "xlsx" : "csv")"
        let bytes =
            workbook
            ? [UInt8](try UploadWorkbookTemplate.xlsx(kind: kind, plan: plan, units: snapshot, principal: principal))
            : UploadTemplate.csv(kind: kind, plan: plan, units: snapshot, principal: principal)
        let type = workbook ? UploadMedia.xlsxType : "text/csv; charset=utf-8"
        return Response(
            status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
