import Foundation
import KH02Core
import Testing

@Suite("Upload documentation")
struct UploadDocsTests {
    @Test("docs/UPLOADS.md documents every problem code and every column of every kind")
    func everyCodeDocumented() throws {
        let url = UploadFixtures.repositoryRoot.appendingPathComponent("docs/UPLOADS.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        for code in UploadProblem.Code.allCases {
            #expect(text.contains("`\(code.rawValue)`"), "\(code.rawValue)")
        }
        for kind in UploadKind.allCases {
            for column in UploadTemplate.columns(kind: kind, plan: UploadFixtures.plan) {
                #expect(text.contains(column), "\(kind): \(column)")
            }
        }
    }

    @Test("problem codes are unique, and exactly five of them are warnings")
    func codesAreStable() {
        #expect(UploadProblem.Code.allCases.count == Set(UploadProblem.Code.allCases.map(\.rawValue)).count)
        #expect(UploadProblem.Code.allCases.filter(\.isWarning).map(\.rawValue).sorted() == [
            "criterion_unknown", "leading_zeros_restored", "note_truncated", "progress_set_to_100", "row_not_filled",
        ])
    }
}
