import Foundation

/// `Tests/Spreadsheets/xlsx_tool.py` run with Debian's python3 and openpyxl: the workbooks the .xlsx tests upload
/// and the reader that checks the workbooks we write.
public enum XLSXTool {
    /// Runs `xlsx_tool.py <arguments>` and returns what it printed; throws with its output when it fails.
    @discardableResult
    public static func run(_ arguments: [String]) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.path
        let script = RepositoryPaths.root.appendingPathComponent("Tests/Spreadsheets/xlsx_tool.py").path
        let process = try ServerProcess([script] + arguments, directory: directory, executable: "/usr/bin/python3")
        let status = try await process.waitForExit(timeout: .seconds(120))
        let output = process.output
        try? FileManager.default.removeItem(atPath: process.logPath)
        guard status == 0 else {
            throw ServerProcessError(message: "xlsx_tool.py \(arguments.first ?? "") failed (\(status)); is python3-openpyxl installed?\n\(output)")
        }
        return output
    }

    /// A fresh path for a workbook in the temporary directory.
    public static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kh02-\(UUID().uuidString.prefix(8))-\(name)").path
    }
}
