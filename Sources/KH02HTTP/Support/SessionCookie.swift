import Foundation
import Hummingbird

/// The dashboard's session: the secret of a server-side session (opened by logging in with a token, see
/// `SessionController`) in an `HttpOnly; SameSite=Strict` cookie, plus the custom header unsafe cookie-authenticated
/// requests must carry.
///
/// The cookie is not the token: a copied cookie is no bearer token, logging out ends the session on the server, it
/// expires after `maxAge`, and revoking the token (`kh02 token revoke`) ends it too, within the 5 s the
/// `TokenCache` remembers it. Page scripts cannot read it (`HttpOnly`); other sites cannot make the browser send it
/// (`SameSite=Strict`) nor add `X-KH02-CSRF` to a form post.
public enum SessionCookie {
    /// The cookie's name.
    public static let name = "kh02_session"
    /// The header a cookie-authenticated POST, PUT, PATCH or DELETE must carry (value `1`).
    public static let csrfHeader = "X-KH02-CSRF"
    /// How long a browser keeps the session: 12 hours, a working day.
    static let maxAge = 12 * 3600

    /// `Set-Cookie` value that stores `token` (only called with a token the store accepted).
    static func set(_ token: String, secure: Bool) -> Cookie {
        Cookie(name: name, value: token, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// `Set-Cookie` value that makes the browser forget the session.
    static func cleared(secure: Bool) -> Cookie {
        Cookie(name: name, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// True when the client reached us over HTTPS (directly, or through a proxy that says so).
    static func isSecure(_ request: Request) -> Bool {
        request.uri.scheme?.rawValue == "https" || request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https"
    }

    /// True for methods a cross-site form could use to change something.
    static func isUnsafe(_ method: HTTPRequest.Method) -> Bool {
        [.post, .put, .patch, .delete].contains(method)
    }

    /// True when the request carries the anti-CSRF header.
    static func hasCSRFHeader(_ request: Request) -> Bool {
        request.headers[.init(csrfHeader)!] == "1"
    }

    /// A token is a short run of URL-safe characters; anything else is not looked up.
    static func isPlausibleToken(_ text: String) -> Bool {
        (8...200).contains(text.utf8.count)
            && text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) }
    }
}
