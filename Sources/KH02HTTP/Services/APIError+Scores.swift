import Foundation
import HTTPTypes
import KH02Core

extension APIError {
    static func noPlanAt(_ instant: Date) -> APIError {
        let day = CivilDate(vietnamDayOf: instant)
        return APIError(
            .unprocessableContent, code: "no_plan_in_effect",
            vi: "Chưa có kế hoạch nào có hiệu lực vào ngày \(day.vietnamese).", en: "No plan was in effect on \(day.iso).")
    }

    static func asOfInFuture(_ text: String) -> APIError {
        APIError(
            .badRequest, code: "as_of_in_future",
            vi: "Thời điểm as_of=\"\(text)\" ở tương lai; điểm số chỉ tính đến hiện tại.",
            en: "as_of=\"\(text)\" is in the future; scores are computed up to now.")
    }

    static func criterionNotFound(_ key: String) -> APIError {
        APIError(
            .notFound, code: "criterion_not_found",
            vi: "Kế hoạch đang áp dụng không có điều kiện \"\(key)\".", en: "The plan in effect has no criterion \"\(key)\".")
    }

    static func outsideScope(_ unit: String) -> APIError {
        .forbidden(
            vi: "Mã truy cập này chỉ xem chi tiết đơn vị của mình, không xem được \(unit).",
            en: "This token sees its own unit in detail; \(unit) is outside it.")
    }
}
