import Foundation
public import Hummingbird
public import KH02Core

/// `GET /audit[?limit=100&before=ISO]`: the audit log, newest first, for administrators.
public struct AuditController: Sendable {
    let audit: any AuditLog

    public init(audit: any AuditLog) {
        self.audit = audit
    }

    struct EntryDTO: Codable, Sendable {
        var id: Int64
        var at: Date
        var actor: String
        var action: String
        var target: String?
        var detail: [String: String]
        var remoteAddress: String?
    }

    struct PageDTO: ResponseCodable, Sendable {
        var count: Int
        var items: [EntryDTO]
    }

    public func addRoutes(to group: RouterGroup<APIRequestContext>) {
        group.get("audit", use: list)
    }

    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> PageDTO {
        guard try context.requireAccount().principal.role == .admin else {
            throw APIError.forbidden(vi: "Chỉ quản trị viên xem được nhật ký.", en: "Only administrators may read the audit log.")
        }
        let limit = Int(request.uri.queryParameters.get("limit") ?? "") ?? 100
        var before: Date?
        if let raw = request.uri.queryParameters.get("before") {
            guard let instant = try? Date(raw, strategy: .iso8601) else { throw APIError.badParameter("before", raw, expected: "an ISO 8601 time") }
            before = instant
        }
        let entries = try await audit.entries(limit: limit, before: before).map {
            EntryDTO(
                id: $0.id, at: $0.at, actor: $0.event.actor, action: $0.event.action, target: $0.event.target, detail: $0.event.detail,
                remoteAddress: $0.event.remoteAddress)
        }
        return PageDTO(count: entries.count, items: entries)
    }
}
