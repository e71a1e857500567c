import Foundation
import HTTPTypes
import KH02Core
import KH02App

extension APIError {
    static func asOfInFuture(_ text: String) -> APIError {
        APIError(
            .asOfInFuture,
            vi: "Thời điểm as_of=\"\(text)\" ở tương lai; điểm số chỉ tính đến hiện tại.",
            en: "as_of=\"\(text)\" is in the future; scores are computed up to now.")
    }

    static func criterionNotFound(_ key: String) -> APIError {
        APIError(
            .criterionNotFound,
            vi: "Kế hoạch đang áp dụng không có điều kiện \"\(key)\".", en: "The plan in effect has no criterion \"\(key)\".")
    }

    static func outsideScope(_ unit: String) -> APIError {
        .forbidden(
            vi: "Mã truy cập này chỉ xem chi tiết đơn vị của mình, không xem được \(unit).",
            en: "This token sees its own unit in detail; \(unit) is outside it.")
    }
}
