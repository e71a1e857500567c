public import Foundation
public import KH02Core

/// Upload templates as .xlsx: the same columns and pre-filled rows as `UploadTemplate.csv`, with the Vietnamese
/// labels in the frozen header row (the machine key shows when a header cell is selected) and a yes/no list on
/// the yes/no columns. A filled-in copy uploads like the CSV template.
public enum UploadWorkbookTemplate {
    /// The words the yes/no lists offer.
    public static let yesNo = ["có", "không"]

    public static func xlsx(kind: UploadKind, plan: PlanDefinition, units: UnitSnapshot, principal: Principal) throws -> Data {
        let keys = UploadTemplate.columns(kind: kind, plan: plan)
        let labels = UploadTemplate.labels(kind: kind, plan: plan)
        let yesNoColumns = UploadTemplate.yesNoColumns(kind: kind, plan: plan)
        let columns = zip(keys, labels).map { key, label in
            SheetWriter.Column(
                header: label, note: key, choices: yesNoColumns.contains(key) ? yesNo : [],
                width: key.hasSuffix("_name") || key == "task_title" || key == "note" ? 32 : max(14, min(28, label.count + 2)))
        }
        let rows = UploadTemplate.rows(kind: kind, plan: plan, units: units, principal: principal)
        return try SheetWriter(sheetName: kind.rawValue, columns: columns, rows: rows).xlsx()
    }
}
