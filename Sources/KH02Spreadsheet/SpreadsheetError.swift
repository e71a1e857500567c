public import Foundation

/// Why a workbook cannot be read. Each case has a message in Vietnamese and English that ends with the fix.
public struct SpreadsheetError: Error, Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Not a zip archive, or a damaged one.
        case notAWorkbook
        /// An old binary Excel file (.xls).
        case legacyExcel
        /// A password-protected (encrypted) workbook.
        case encrypted
        /// A part of the workbook is larger than the limits allow (declared or actual size): a zip bomb or a
        /// file too large to read.
        case tooLarge
        /// The workbook has no sheet, or a part is missing or is not well-formed XML.
        case malformed
    }

    public let kind: Kind
    /// The part of the workbook concerned (`xl/worksheets/sheet1.xml`), or nil.
    public let part: String?
    /// What was wrong in a few words (for the message).
    public let detail: String?

    public init(_ kind: Kind, part: String? = nil, detail: String? = nil) {
        self.kind = kind
        self.part = part
        self.detail = detail
    }

    /// The message: what is wrong and how to fix it.
    public var message: (vi: String, en: String) {
        let fix = (
            vi: "Mở tệp trong Excel và lưu lại dưới dạng Excel Workbook (*.xlsx) hoặc CSV UTF-8 (File > Save As).",
            en: "Open the file in Excel and save it as Excel Workbook (*.xlsx) or CSV UTF-8 (File > Save As).")
        let at = part.map { " (\($0))" } ?? ""
        switch kind {
        case .notAWorkbook:
            return ("Tệp không phải bảng tính .xlsx đọc được: tệp zip bị hỏng\(at). " + fix.vi,
                    "The file is not a readable .xlsx workbook: the zip archive is damaged\(at). " + fix.en)
        case .legacyExcel:
            return ("Tệp Excel 97-2003 (.xls) không được hỗ trợ. " + fix.vi,
                    "Excel 97-2003 files (.xls) are not supported. " + fix.en)
        case .encrypted:
            return ("Tệp được đặt mật khẩu nên không đọc được. Gỡ mật khẩu (File > Info > Protect Workbook) rồi lưu lại dưới dạng .xlsx hoặc CSV UTF-8.",
                    "The file is password-protected and cannot be read. Remove the password (File > Info > Protect Workbook), then save it as .xlsx or CSV UTF-8.")
        case .tooLarge:
            return ("Một phần của bảng tính\(at) vượt quá giới hạn kích thước khi giải nén\(detail.map { " (\($0))" } ?? ""); hãy chia nhỏ tệp.",
                    "A part of the workbook\(at) is over the size limit once uncompressed\(detail.map { " (\($0))" } ?? ""); split the file.")
        case .malformed:
            return ("Bảng tính .xlsx không hợp lệ\(at)\(detail.map { ": \($0)" } ?? ""). " + fix.vi,
                    "The .xlsx workbook is not valid\(at)\(detail.map { ": \($0)" } ?? ""). " + fix.en)
        }
    }
}

extension SpreadsheetError {
    /// The error for a compound (OLE2) file: an encrypted workbook when its directory names `EncryptedPackage`,
    /// else an old binary .xls.
    public static func recognised(in data: Data) -> SpreadsheetError {
        SpreadsheetError(Workbook.isEncrypted(data) ? .encrypted : .legacyExcel)
    }
}
