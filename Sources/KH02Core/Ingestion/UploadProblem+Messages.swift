import Foundation

// The constructors of every problem and warning, so each message is written once, in Vietnamese and English.
extension UploadProblem {
    /// How to get a UTF-8 CSV out of Excel, appended to every encoding problem.
    static let saveAsUTF8 = LocalizedText(
        vi: "Lưu lại tệp dưới dạng CSV UTF-8 trong Excel: File > Save As > CSV UTF-8 (Comma delimited) (*.csv).",
        en: "Save the file as UTF-8 CSV in Excel: File > Save As > CSV UTF-8 (Comma delimited) (*.csv).")

    private static func file(_ code: Code, _ vi: String, _ en: String) -> UploadProblem {
        UploadProblem(row: nil, column: nil, value: nil, code: code, message: LocalizedText(vi: vi, en: en))
    }

    private static func cell(
        _ code: Code, _ row: Int?, _ column: String?, _ value: String?, _ vi: String, _ en: String
    ) -> UploadProblem {
        UploadProblem(row: row, column: column, value: value, code: code, message: LocalizedText(vi: vi, en: en))
    }

    static func emptyFile() -> UploadProblem {
        file(.emptyFile, "Tệp tải lên không có nội dung.", "The uploaded file is empty.")
    }

    static func tooLarge(bytes: Int, limit: Int) -> UploadProblem {
        let mb = { (n: Int) in String(format: "%.1f", Double(n) / 1_048_576) }
        return file(
            .tooLarge, "Tệp quá lớn (\(mb(bytes)) MB); giới hạn là \(mb(limit)) MB. Hãy chia thành nhiều tệp nhỏ hơn.",
            "The file is too large (\(mb(bytes)) MB); the limit is \(mb(limit)) MB. Split it into smaller files.")
    }

    static func utf16Encoding() -> UploadProblem {
        file(
            .utf16Encoding,
            "Tệp được mã hoá UTF-16 (Excel gọi là \"Unicode Text\"), không phải UTF-8. " + saveAsUTF8.vi,
            "The file is encoded as UTF-16 (Excel's \"Unicode Text\"), not UTF-8. " + saveAsUTF8.en)
    }

    static func legacyEncoding(line: Int) -> UploadProblem {
        UploadProblem(
            row: line, column: nil, value: nil, code: .legacyEncoding,
            message: LocalizedText(
                vi: "Tệp không phải UTF-8: từ dòng \(line) có ký tự của bảng mã cũ, nhiều khả năng là Windows-1258 "
                    + "(tiếng Việt) hoặc Windows-1252, nên chữ có dấu sẽ bị lỗi. " + saveAsUTF8.vi,
                en: "The file is not UTF-8: from line \(line) it has bytes of a legacy code page, most likely "
                    + "Windows-1258 (Vietnamese) or Windows-1252, so accented letters would be garbled. " + saveAsUTF8.en))
    }

    static func excelWorkbook() -> UploadProblem {
        file(
            .excelWorkbook,
            "Tệp là bảng tính Excel (.xlsx/.xls), không phải CSV. " + saveAsUTF8.vi,
            "The file is an Excel workbook (.xlsx/.xls), not CSV. " + saveAsUTF8.en)
    }

    static func binaryContent() -> UploadProblem {
        file(
            .binaryContent, "Tệp chứa dữ liệu nhị phân (byte 0), không phải văn bản CSV hay JSON.",
            "The file contains binary data (zero bytes), not CSV or JSON text.")
    }

    static func csvSyntax(line: Int, reason: CSVParser.SyntaxError.Reason) -> UploadProblem {
        switch reason {
        case .unterminatedQuote:
            UploadProblem(
                row: line, column: nil, value: nil, code: .csvSyntax,
                message: LocalizedText(
                    vi: "Dấu ngoặc kép mở ở dòng \(line) không được đóng.",
                    en: "The double quote opened on line \(line) is never closed."))
        case .textAfterClosingQuote:
            UploadProblem(
                row: line, column: nil, value: nil, code: .csvSyntax,
                message: LocalizedText(
                    vi: "Dòng \(line) có ký tự ngay sau dấu ngoặc kép đóng; trong CSV, dấu ngoặc kép bên trong ô phải viết đôi (\"\").",
                    en: "Line \(line) has text right after a closing double quote; inside a CSV cell a quote is written twice (\"\")."))
        }
    }

    static func invalidJSON() -> UploadProblem {
        file(.invalidJSON, "Nội dung không phải JSON hợp lệ.", "The body is not valid JSON.")
    }

    static func jsonStructure(row: Int?, column: String?, vi: String, en: String) -> UploadProblem {
        cell(.jsonStructure, row, column, nil, vi, en)
    }

    static func noRows() -> UploadProblem {
        file(.noRows, "Tệp không có dòng dữ liệu nào cần ghi nhận.", "The file has no data rows to record.")
    }

    static func unknownColumn(row: Int?, column: String, known: [String]) -> UploadProblem {
        cell(
            .unknownColumn, row, column, column,
            "Cột \"\(column)\" không thuộc mẫu tệp. Các cột hợp lệ: \(known.joined(separator: ", ")).",
            "Column \"\(column)\" is not part of this upload. Valid columns: \(known.joined(separator: ", ")).")
    }

    static func unknownCriterion(row: Int?, column: String, criteria: [String], plan: PlanDefinition) -> UploadProblem {
        cell(
            .unknownCriterion, row, column, column,
            "\"\(column)\" không phải tiêu chí của kế hoạch \(plan.id) phiên bản \(plan.version). "
                + "Các tiêu chí: \(criteria.joined(separator: ", ")).",
            "\"\(column)\" is not a criterion of plan \(plan.id) version \(plan.version). "
                + "Its criteria: \(criteria.joined(separator: ", ")).")
    }

    static func duplicateColumn(row: Int?, column: String) -> UploadProblem {
        cell(
            .duplicateColumn, row, column, column, "Cột \"\(column)\" xuất hiện nhiều lần.",
            "Column \"\(column)\" appears more than once.")
    }

    static func missingColumn(row: Int?, column: String) -> UploadProblem {
        cell(
            .missingColumn, row, column, nil, "Thiếu cột bắt buộc \"\(column)\".",
            "The required column \"\(column)\" is missing.")
    }

    static func asOfMissing() -> UploadProblem {
        UploadProblem(
            row: nil, column: "as_of", value: nil, code: .asOfMissing,
            message: LocalizedText(
                vi: "Chưa có thời điểm báo cáo: thêm cột \"as_of\" hoặc chọn thời điểm chung cho cả tệp.",
                en: "No as-of time: add an \"as_of\" column or give one as-of time for the whole upload."))
    }

    static func wrongFieldCount(row: Int, expected: Int, found: Int) -> UploadProblem {
        cell(
            .wrongFieldCount, row, nil, nil, "Dòng có \(found) ô, nhưng dòng tiêu đề có \(expected) cột.",
            "The row has \(found) cells but the header has \(expected) columns.")
    }

    /// A text value holding U+0000, which PostgreSQL text cannot store (a JSON `\u0000` escape, say).
    static func nulCharacter(row: Int, column: String) -> UploadProblem {
        cell(
            .nulCharacter, row, column, nil, "Ô \"\(column)\" chứa ký tự NUL (mã 0), không được phép trong văn bản.",
            "The \"\(column)\" cell holds a NUL character (code 0), which text may not contain.")
    }

    static func missingValue(row: Int, column: String) -> UploadProblem {
        cell(
            .missingValue, row, column, nil, "Ô \"\(column)\" không được để trống.",
            "The \"\(column)\" cell must not be empty.")
    }

    static func invalidUnitCode(row: Int, column: String, value: String, kinds: [UnitKind]) -> UploadProblem {
        let vi = kinds.map(UploadText.kindVI).joined(separator: " hoặc ")
        let en = kinds.map(UploadText.kindEN).joined(separator: " or ")
        return cell(
            .invalidUnitCode, row, column, value,
            "\"\(value)\" không phải mã \(vi) hợp lệ (tỉnh: 2 chữ số, xã: 5 chữ số, cơ quan: chữ in hoa). "
                + "Nếu Excel đã xoá số 0 ở đầu, hãy định dạng cột là Text.",
            "\"\(value)\" is not a valid \(en) code (province: 2 digits, commune: 5 digits, agency: capital letters). "
                + "If Excel removed leading zeros, format the column as Text.")
    }

    static func unitKindNotAllowed(row: Int, column: String, value: String, kind: UnitKind, allowed: [UnitKind]) -> UploadProblem {
        cell(
            .unitKindNotAllowed, row, column, value,
            "\"\(value)\" là mã \(UploadText.kindVI(kind)); loại báo cáo này chỉ nhận mã "
                + allowed.map(UploadText.kindVI).joined(separator: " hoặc ") + ".",
            "\"\(value)\" is a \(UploadText.kindEN(kind)) code; this kind of upload takes only "
                + allowed.map(UploadText.kindEN).joined(separator: " or ") + " codes.")
    }

    static func unknownUnit(row: Int, column: String, value: String, day: CivilDate) -> UploadProblem {
        cell(
            .unknownUnit, row, column, value,
            "Không có đơn vị mã \"\(value)\" có hiệu lực ngày \(day.vietnamese).",
            "No unit with code \"\(value)\" is valid on \(day.vietnamese).")
    }

    static func outOfScope(row: Int, column: String, value: String, principal: Principal) -> UploadProblem {
        let scopeVI: String
        let scopeEN: String
        switch principal.role {
        case .central:
            scopeVI = "tài khoản Trung ương chỉ được xem, không được gửi báo cáo"
            scopeEN = "a central account reads only and cannot upload"
        case .province:
            scopeVI = "tài khoản chỉ được gửi báo cáo cho tỉnh \(principal.unit?.rawValue ?? "") và các xã của tỉnh"
            scopeEN = "the account may upload only for province \(principal.unit?.rawValue ?? "") and its communes"
        default:
            scopeVI = "tài khoản chỉ được gửi báo cáo cho đơn vị \(principal.unit?.rawValue ?? "")"
            scopeEN = "the account may upload only for unit \(principal.unit?.rawValue ?? "")"
        }
        return cell(
            .outOfScope, row, column, value, "Không có quyền gửi báo cáo cho đơn vị \"\(value)\": \(scopeVI).",
            "Not allowed to upload for unit \"\(value)\": \(scopeEN).")
    }

    static func unknownTask(row: Int, column: String, value: String, plan: PlanDefinition) -> UploadProblem {
        cell(
            .unknownTask, row, column, value,
            "Nhiệm vụ \"\(value)\" không có trong kế hoạch \(plan.id) phiên bản \(plan.version).",
            "Task \"\(value)\" is not in plan \(plan.id) version \(plan.version).")
    }

    static func taskNotForUnit(row: Int, column: String, value: String, owner: TaskOwner) -> UploadProblem {
        let vi: String
        let en: String
        switch owner {
        case .agency(let code):
            vi = "chỉ cơ quan \(code) báo cáo"
            en = "only agency \(code) reports it"
        case .everyProvince:
            vi = "do từng tỉnh báo cáo"
            en = "each province reports it"
        case .everyCommune:
            vi = "do từng xã báo cáo"
            en = "each commune reports it"
        }
        return cell(
            .taskNotForUnit, row, column, value, "Đơn vị \"\(value)\" không báo cáo nhiệm vụ này: \(vi).",
            "Unit \"\(value)\" does not report this task: \(en).")
    }

    static func invalidBoolean(row: Int, column: String, value: String) -> UploadProblem {
        cell(
            .invalidBoolean, row, column, value,
            "\"\(value)\" không phải giá trị có/không. Dùng 1, có, x, true hoặc 0, không, false; để trống nếu chưa rõ.",
            "\"\(value)\" is not a yes/no value. Use 1, có, x, true or 0, không, false; leave empty when unknown.")
    }

    static func invalidNumber(row: Int, column: String, value: String, integer: Bool) -> UploadProblem {
        integer
            ? cell(
                .invalidNumber, row, column, value, "\"\(value)\" không phải số nguyên không âm.",
                "\"\(value)\" is not a whole number.")
            : cell(
                .invalidNumber, row, column, value, "\"\(value)\" không phải số (ví dụ 0.95 hoặc 95%).",
                "\"\(value)\" is not a number (e.g. 0.95 or 95%).")
    }

    static func outOfRange(row: Int, column: String, value: String, vi: String, en: String) -> UploadProblem {
        cell(.outOfRange, row, column, value, "Giá trị \"\(value)\" ngoài khoảng cho phép: \(vi).",
             "The value \"\(value)\" is out of range: \(en).")
    }

    static func invalidDate(row: Int?, column: String, value: String, vi: String, en: String) -> UploadProblem {
        cell(.invalidDate, row, column, value, "\"\(value)\" không đúng định dạng: \(vi).",
             "\"\(value)\" is not in the expected format: \(en).")
    }

    static func invalidStatus(row: Int, column: String, value: String) -> UploadProblem {
        cell(
            .invalidStatus, row, column, value,
            "Trạng thái \"\(value)\" không hợp lệ. Dùng not_started (chưa bắt đầu), in_progress (đang thực hiện) "
                + "hoặc done (hoàn thành).",
            "Status \"\(value)\" is invalid. Use not_started, in_progress or done.")
    }

    static func asOfInFuture(row: Int?, column: String, value: String, instant: Date, now: Date) -> UploadProblem {
        let at = UploadText.timestamp(instant)
        let current = UploadText.timestamp(now)
        return cell(
            .asOfInFuture, row, column, value,
            "Thời điểm báo cáo \(at.vi) ở tương lai (bây giờ là \(current.vi)).",
            "The as-of time \(at.en) is in the future (it is now \(current.en)).")
    }

    static func asOfBeforePlan(row: Int?, column: String, value: String, plan: PlanDefinition) -> UploadProblem {
        cell(
            .asOfBeforePlan, row, column, value,
            "Thời điểm báo cáo trước ngày kế hoạch có hiệu lực (\(plan.effectiveFrom.vietnamese)).",
            "The as-of time is before the plan takes effect (\(plan.effectiveFrom.vietnamese)).")
    }

    static func periodInFuture(row: Int, column: String, value: String, month: ReportMonth) -> UploadProblem {
        cell(
            .periodInFuture, row, column, value, "Kỳ báo cáo tháng \(UploadText.month(month)) chưa bắt đầu.",
            "The period \(month) has not started yet.")
    }

    static func periodBeforePlan(row: Int, column: String, value: String, plan: PlanDefinition) -> UploadProblem {
        cell(
            .periodBeforePlan, row, column, value,
            "Kỳ báo cáo trước tháng kế hoạch có hiệu lực (\(plan.effectiveFrom.vietnamese)).",
            "The period is before the month the plan takes effect (\(plan.effectiveFrom.vietnamese)).")
    }

    static func completedOnMissing(row: Int, column: String) -> UploadProblem {
        cell(
            .completedOnMissing, row, column, nil, "Nhiệm vụ đã hoàn thành (done) phải có ngày hoàn thành.",
            "A done task needs its completion date.")
    }

    static func completedOnNotAllowed(row: Int, column: String, value: String) -> UploadProblem {
        cell(
            .completedOnNotAllowed, row, column, value,
            "Chỉ nhiệm vụ đã hoàn thành (done) mới có ngày hoàn thành.", "Only a done task has a completion date.")
    }

    static func completedOnInFuture(row: Int, column: String, value: String) -> UploadProblem {
        cell(
            .completedOnInFuture, row, column, value, "Ngày hoàn thành ở tương lai.",
            "The completion date is in the future.")
    }

    static func completedOnAfterAsOf(row: Int, column: String, value: String) -> UploadProblem {
        cell(
            .completedOnAfterAsOf, row, column, value, "Ngày hoàn thành sau thời điểm báo cáo.",
            "The completion date is after the report's as-of time.")
    }

    static func countsInconsistent(row: Int, column: String, value: String, vi: String, en: String) -> UploadProblem {
        cell(.countsInconsistent, row, column, value, "Số liệu không khớp: \(vi).", "The counts disagree: \(en).")
    }

    /// Row `row` repeats the key of row `firstRow` (`column` and `value` name the key).
    public static func duplicateRow(row: Int, column: String?, value: String, firstRow: Int) -> UploadProblem {
        cell(
            .duplicateRow, row, column, value, "Trùng với dòng \(firstRow) (cùng đơn vị và thời điểm).",
            "Duplicates row \(firstRow) (same unit and time).")
    }

    /// Row `row` (the upload's first for `commune` on `day`, its as-of day in Vietnam) would bring the commune's
    /// readiness reports of that day, stored ones and this upload's together, to `count`, over the plan's `limit`.
    public static func tooManyReportsPerDay(row: Int, commune: String, day: CivilDate, count: Int, limit: Int) -> UploadProblem {
        cell(
            .tooManyReportsPerDay, row, "as_of", "\(commune) \(day)",
            "Xã \(commune) sẽ có \(count) báo cáo ngày \(day.vietnamese) (kể cả tệp này); kế hoạch cho phép tối đa \(limit) báo cáo mỗi ngày.",
            "Commune \(commune) would have \(count) reports on \(day.vietnamese) (this file included); the plan allows at most \(limit) a day.")
    }

    static func criterionUnknown(row: Int, column: String, value: String) -> UploadProblem {
        cell(
            .criterionUnknown, row, column, value.isEmpty ? nil : value,
            "Tiêu chí \"\(column)\" để trống hoặc chưa rõ: ghi nhận là chưa có số liệu (không tính là đạt).",
            "Criterion \"\(column)\" is empty or unknown: recorded as no data (never counted as met).")
    }

    static func noteTruncated(row: Int, column: String, length: Int, limit: Int) -> UploadProblem {
        cell(
            .noteTruncated, row, column, nil, "Ghi chú dài \(length) ký tự, chỉ giữ \(limit) ký tự đầu.",
            "The note is \(length) characters long; only the first \(limit) are kept.")
    }

    static func leadingZerosRestored(row: Int, column: String, value: String, code: String) -> UploadProblem {
        cell(
            .leadingZerosRestored, row, column, value,
            "Mã \"\(value)\" thiếu số 0 ở đầu (thường do Excel), đã hiểu là \"\(code)\".",
            "Code \"\(value)\" lost its leading zeros (usually Excel); read as \"\(code)\".")
    }

    static func rowNotFilled(row: Int) -> UploadProblem {
        cell(
            .rowNotFilled, row, nil, nil, "Dòng chưa điền số liệu nên được bỏ qua.",
            "The row has no values filled in and is skipped.")
    }

    static func progressSetTo100(row: Int, column: String, value: String) -> UploadProblem {
        cell(
            .progressSetTo100, row, column, value, "Nhiệm vụ đã hoàn thành: tiến độ được ghi là 100%.",
            "The task is done: progress is recorded as 100%.")
    }
}
