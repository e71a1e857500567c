import Foundation
import Hummingbird
import KH02Core

/// `POST /session` body: the token to log in with.
struct LoginDTO: Decodable, Sendable {
    var token: String
}

/// Who the session (or bearer token) belongs to.
struct SessionDTO: ResponseCodable, Sendable {
    var name: String
    var role: String
    /// The province, commune or agency code of a scoped token; nil for admin and central.
    var scope: String?
    /// True when the caller may read the national picture.
    var nation: Bool

    init(_ account: Account) {
        name = account.name
        role = account.principal.role.rawValue
        scope = account.principal.unit?.rawValue
        nation = account.principal.canReadNation
    }
}

/// `GET /info`: what every page needs before logging in.
struct InfoDTO: ResponseCodable, Sendable {
    /// True when the data was loaded by `kh02 demo` / `serve --demo` (label it "Dữ liệu minh họa").
    var demo: Bool
    var version: String
    /// The plan in effect now, nil when none is.
    var plan: PlanRefDTO?
    /// True when score reads need no token (`KH02_PUBLIC_READ=1`).
    var publicRead: Bool
}
