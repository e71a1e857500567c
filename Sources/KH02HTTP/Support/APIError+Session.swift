import KH02App
import Foundation
import HTTPTypes

extension APIError {
    /// A cookie-authenticated change without the anti-CSRF header.
    static let csrf = APIError(
        .csrf,
        vi: "Yêu cầu thay đổi dữ liệu bằng phiên đăng nhập phải có tiêu đề X-KH02-CSRF: 1.",
        en: "A change made with a session cookie needs the header X-KH02-CSRF: 1.")

    /// A login with a token the store does not know (or that was revoked).
    static let invalidToken = APIError(
        .invalidToken,
        vi: "Mã truy cập không đúng hoặc đã bị thu hồi.", en: "The token is wrong or has been revoked.")

    /// A login body that is not `{"token": "…"}`.
    static let badLoginBody = APIError(
        .badRequest,
        vi: "Gửi JSON {\"token\": \"kh02_…\"}.", en: "Send JSON {\"token\": \"kh02_…\"}.")
}
