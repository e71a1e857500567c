import Foundation
import KH02Core
import Testing

@Suite("Uploads read in pieces")
struct UploadStreamTests {
    typealias F = UploadFixtures
    let header = UploadFixtures.readinessHeader

    /// The result of streaming `body` in pieces of `size` bytes, with the rows handed out along the way.
    func streamed(
        _ body: [UInt8], size: Int, kind: UploadKind = .readiness, duplicates: UploadStream.DuplicateCheck = .here
    ) -> (result: Result<ValidatedUpload, UploadRejection>, handedOut: Int) {
        var stream = UploadStream(F.validator(), kind: kind, format: .csv, duplicates: duplicates, sampleSize: 2)
        var handedOut = 0
        var start = 0
        while start < body.count {
            let end = min(body.count, start + size)
            stream.feed(body[start..<end])
            handedOut += stream.takeRows()?.count ?? 0
            start = end
        }
        stream.finish()
        handedOut += stream.takeRows()?.count ?? 0
        return (stream.result(), handedOut)
    }

    /// Bodies whose records cross piece boundaries in every way: quoted notes with line breaks, doubled quotes,
    /// CRLF and lone CR line ends, a BOM, semicolons, blank lines, and files with problems anywhere.
    var bodies: [[UInt8]] {
        func csv(_ lines: [String]) -> [UInt8] { Array(lines.joined(separator: "\n").utf8) }
        let rows = [
            "00004,2025-08-19,1,1,1,1,1,1,\"Ghi chú\nhai dòng, có \"\"ngoặc\"\"\"",
            "00008,2025-08-19,có,0.95,không,1,1,1,Phường Ngọc Hà",
            "",
            "00025,2025-08-19,1,1,1,1,1,1,\"\"",
        ]
        return [
            csv([header] + rows),
            [0xEF, 0xBB, 0xBF] + Array(([header] + rows).joined(separator: "\r\n").utf8) + Array("\r\n".utf8),
            Array(([header] + rows.filter { !$0.contains("\n") }).joined(separator: "\r").utf8),
            csv([header.replacingOccurrences(of: ",", with: ";"), "00004;2025-08-19;1;1;1;1;1;1;x", "00008;2025-08-19;1;1;1;1;1;1;y"]),
            csv([header] + rows + ["00004,2025-08-19,1,1,1,1,1,1,lặp lại", "99999,2025-08-19,1,1,1,1,1,1,", "00026,hôm qua,1,1,1,1,1,1,"]),
            csv([header, "00004,2025-08-19,1,1,1,1,1,1,\"mở\"x", "00008,2025-08-19,1,1,1,1,1,1,"]),
            csv([header, "00004,2025-08-19,1,1,1,1,1,1,\"không đóng", "00008,2025-08-19,1,1,1,1,1,1,"]),
            csv([header + ",thừa", "00004,2025-08-19,1,1,1,1,1,1,,"]),
            csv([header] + rows) + Array("\n00026,2025-08-19,1,1,1,1,1,1,Ph".utf8) + [0xFD, 0xF5, 0xCC],
            Array("\n\n  \r\n".utf8),
        ]
    }

    @Test("any split of a body into pieces gives the same rows and problems as reading it whole")
    func piecesMatchWhole() {
        for body in bodies {
            let whole = F.validator().validate(kind: .readiness, format: .csv, body: body)
            for size in [1, 2, 3, 7, 64, body.count] {
                let (result, handedOut) = streamed(body, size: size)
                #expect(result.problems == whole.problems, "piece size \(size)")
                if case .success(let all) = whole, case .success(let upload) = result {
                    #expect(upload.rowCount == all.rows.count)
                    #expect(handedOut == all.rows.count)
                    #expect(upload.rows == UploadRows.readiness(Array(all.readinessRows.prefix(2))))
                    #expect(upload.units == all.units)
                    #expect(upload.warnings == all.warnings)
                }
            }
        }
    }

    @Test("past its bound of keys, a stream leaves duplicates to the store, hands out every valid row, and the store's findings reject")
    func duplicatesLeftToTheStore() throws {
        let body = F.csv(header, "00004,2025-08-19,1,1,1,1,1,1,", "00004,2025-08-19,0,1,1,1,1,1,", "00008,2025-08-19,1,1,1,1,1,1,")
        let whole = F.validator().validate(kind: .readiness, format: .csv, body: body)
        #expect(whole.problems.map(\.code) == [.duplicateRow])
        for bound in [0, 1, 2, 3] {
            var limits = UploadLimits.standard
            limits.duplicateKeysInMemory = bound
            var stream = UploadStream(F.validator(limits: limits), kind: .readiness, format: .csv, duplicates: .boundedHere, sampleSize: 10)
            stream.feed(body[...])
            stream.finish()
            #expect(stream.takeRows()?.count == 3, "every valid row goes to the store")
            // Two distinct keys: a bound of two or more keeps them all and finds the duplicate itself.
            #expect(stream.duplicatesLeftToStore == (bound < 2), "bound \(bound)")
            if stream.duplicatesLeftToStore {
                #expect(try stream.result().get().rowCount == 3)
                stream.recordStoreProblems(whole.problems, total: 5)
                if case .failure(let rejection) = stream.result() { #expect(rejection.totalProblems == 5) }
            }
            #expect(stream.result().problems == whole.problems, "bound \(bound)")
        }
    }

    @Test("a body over the limit (lower for JSON) is refused as soon as the limit is passed, whatever the pieces")
    func tooLargeWhileStreaming() {
        var limits = UploadLimits.standard
        limits.maximumBytes = 100
        var stream = UploadStream(F.validator(limits: limits), kind: .readiness, format: .csv, duplicates: .boundedHere, sampleSize: 0)
        for _ in 0..<3 { stream.feed(Array(repeating: UInt8(ascii: "a"), count: 40)[...]) }
        #expect(stream.hasProblems)
        stream.finish()
        #expect(stream.result().problems.map(\.code) == [.tooLarge])
        // JSON, decoded whole, has its own lower limit.
        limits.maximumWholeBytes = 50
        var json = UploadStream(F.validator(limits: limits), kind: .readiness, format: .json, duplicates: .here, sampleSize: 0)
        json.feed(Array(repeating: UInt8(ascii: " "), count: 60)[...])
        json.finish()
        #expect(json.result().problems.map(\.code) == [.tooLarge])
    }

    @Test("a quote never closed does not make the stream hold the rest of a large body")
    func unterminatedQuoteInALargeBody() {
        var body = F.csv(header, "00004,2025-08-19,1,1,1,1,1,1,\"mở mãi")
        // Vietnamese text throughout, so a cut at an arbitrary byte would split a character.
        let filler = Array("\n00008,2025-08-19,1,1,1,1,1,1,Phường Ngọc Hà đủ điều kiện".utf8)
        while body.count < 9 << 20 { body += filler }
        for size in [256 << 10, (256 << 10) + 1, (256 << 10) + 2] {
            let (result, _) = streamed(body, size: size)
            #expect(result.problems.map(\.code) == [.csvSyntax], "piece size \(size)")
            #expect(result.problems.first?.row == 2)
        }
    }
}
