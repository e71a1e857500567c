public import Foundation
public import Hummingbird
public import KH02Core

/// An error a client may see: HTTP status, a stable machine `code`, and a message in Vietnamese and English.
/// Anything else thrown by a route becomes a generic 500 without internals.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: LocalizedText
    /// Seconds after which the client may try again (`Retry-After`), for answers about load.
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, code: String, vi: String, en: String, retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.message = LocalizedText(vi: vi, en: en)
        self.retryAfter = retryAfter
    }

    public var headers: HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = "\(retryAfter)" }
        return headers
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var messageEn: String
        }
        var error: Detail
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try APIJSON.encoder.encode(Body(error: .init(code: code, message: message.vi, messageEn: message.en)))
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension APIError {
    static func unitNotFound(_ kind: String, _ code: String) -> APIError {
        let vi = kind == "province" ? "tỉnh, thành phố" : "xã, phường, đặc khu"
        return APIError(.notFound, code: "\(kind)_not_found", vi: "Không tìm thấy \(vi) có mã \(code).", en: "No \(kind) has code \(code).")
    }

    static func malformedCode(_ kind: String, _ code: String, digits: Int) -> APIError {
        APIError(
            .badRequest, code: "malformed_\(kind)_code",
            vi: "Mã \"\(code)\" không hợp lệ: mã \(kind == "province" ? "tỉnh" : "xã") gồm đúng \(digits) chữ số (giữ số 0 ở đầu).",
            en: "\"\(code)\" is not a valid \(kind) code: it has exactly \(digits) digits (keep leading zeros).")
    }

    static func badParameter(_ name: String, _ value: String, expected: String) -> APIError {
        APIError(
            .badRequest, code: "bad_parameter",
            vi: "Tham số \(name)=\"\(value)\" không hợp lệ; cần \(expected).",
            en: "Parameter \(name)=\"\(value)\" is not valid; expected \(expected).")
    }

    static let notFound = APIError(.notFound, code: "not_found", vi: "Không có tài nguyên này.", en: "No such resource.")
}

extension APIError {
    static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated",
        vi: "Cần mã truy cập hợp lệ (Authorization: Bearer …).", en: "A valid token is required (Authorization: Bearer …).")

    static func forbidden(vi: String, en: String) -> APIError {
        APIError(.forbidden, code: "forbidden", vi: vi, en: en)
    }
}
