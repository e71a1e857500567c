/// Why a report fact was refused: a stable machine code and a message in Vietnamese and English.
public struct FactError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: String, Hashable, Sendable {
        case progressOutOfRange = "fact.progress_out_of_range"
        case ratioOutOfRange = "fact.ratio_out_of_range"
        case countNegative = "fact.count_negative"
        case completionMissing = "fact.completion_missing"
        case completionNotAllowed = "fact.completion_not_allowed"
        case completionAfterReport = "fact.completion_after_report"
        case paidOnlineExceedsWithFee = "fact.paid_online_exceeds_with_fee"
        case unitKindNotAllowed = "fact.unit_kind_not_allowed"
        case reportIdEmpty = "fact.report_id_empty"
        case monthInvalid = "fact.month_invalid"
    }

    private let kind: Kind
    /// The field the problem is in, e.g. "progress".
    public let field: String
    public let message: LocalizedText

    private init(_ kind: Kind, field: String, message: LocalizedText) {
        self.kind = kind
        self.field = field
        self.message = message
    }

    /// The stable machine code, e.g. "fact.progress_out_of_range".
    public var code: String { kind.rawValue }

    public var description: String { "\(code) (\(field)): \(message.en)" }

    static func progressOutOfRange(_ value: Double) -> FactError {
        FactError(
            .progressOutOfRange, field: "progress",
            message: LocalizedText(
                vi: "Tiến độ \(value) nằm ngoài khoảng 0–100.", en: "Progress \(value) is outside 0–100."))
    }

    static func ratioOutOfRange(_ value: Double) -> FactError {
        FactError(
            .ratioOutOfRange, field: "value",
            message: LocalizedText(vi: "Tỷ lệ \(value) nằm ngoài khoảng 0–1.", en: "Ratio \(value) is outside 0–1."))
    }

    static func countNegative(_ field: String, _ value: Int) -> FactError {
        FactError(
            .countNegative, field: field,
            message: LocalizedText(vi: "Số lượng \(value) không được âm.", en: "The count \(value) must not be negative."))
    }

    static let completionMissing = FactError(
        .completionMissing, field: "completed_on",
        message: LocalizedText(
            vi: "Nhiệm vụ đã hoàn thành phải có ngày hoàn thành.", en: "A done task needs its completion date."))

    static let completionNotAllowed = FactError(
        .completionNotAllowed, field: "completed_on",
        message: LocalizedText(
            vi: "Chỉ nhiệm vụ đã hoàn thành mới có ngày hoàn thành.", en: "Only a done task has a completion date."))

    static let completionAfterReport = FactError(
        .completionAfterReport, field: "completed_on",
        message: LocalizedText(
            vi: "Ngày hoàn thành sau thời điểm báo cáo.", en: "The completion date is after the report's as-of time."))

    static let paidOnlineExceedsWithFee = FactError(
        .paidOnlineExceedsWithFee, field: "paid_online",
        message: LocalizedText(
            vi: "Số hồ sơ thanh toán trực tuyến vượt số hồ sơ có phí.",
            en: "Dossiers paid online exceed dossiers with a fee."))

    static func unitKindNotAllowed(_ kind: UnitKind) -> FactError {
        FactError(
            .unitKindNotAllowed, field: "unit",
            message: LocalizedText(
                vi: "Loại đơn vị \"\(kind.rawValue)\" không được gửi loại báo cáo này.",
                en: "A unit of kind \"\(kind.rawValue)\" cannot send this kind of report."))
    }

    static let reportIdEmpty = FactError(
        .reportIdEmpty, field: "report_id",
        message: LocalizedText(vi: "Mã báo cáo không được để trống.", en: "The report id must not be empty."))

    static let monthInvalid = FactError(
        .monthInvalid, field: "month",
        message: LocalizedText(vi: "Tháng báo cáo không hợp lệ.", en: "The report month is invalid."))
}
