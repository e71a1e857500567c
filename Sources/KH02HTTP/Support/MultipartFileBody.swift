import Foundation
import MultipartKit
import NIOCore

/// The file part of a `multipart/form-data` body, as the bytes of the body arrive: the first part with a file
/// name, or else the part named `file`; other parts (form fields) are skipped. Throws `PartProblem` when there is no
/// such part, more than one, or the body ends inside it.
struct MultipartFileBody<Base: AsyncSequence>: AsyncSequence where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer
    typealias AsyncIterator = Iterator

    struct PartProblem: Error {
        var vi: String
        var en: String
    }

    let base: Base
    let state: State

    init(_ base: Base, boundary: String) {
        self.base = base
        state = State(boundary: boundary)
    }

    /// The file part's headers, once its bytes have started.
    var filename: String? { state.filename }
    var partType: String? { state.partType }

    func makeAsyncIterator() -> Iterator { Iterator(base: base.makeAsyncIterator(), state: state) }

    struct Iterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let state: State

        mutating func next() async throws -> ByteBuffer? {
            while true {
                if !state.output.isEmpty { return state.output.removeFirst() }
                if state.ended { return nil }
                guard let chunk = try await base.next() else {
                    try state.end()
                    continue
                }
                do { try state.parser.execute(chunk) } catch {
                    throw PartProblem(vi: "Nội dung multipart/form-data không hợp lệ.", en: "The multipart/form-data body is malformed.")
                }
                if let failure = state.failure { throw failure }
            }
        }
    }

    /// The parser and what it has found so far.
    final class State {
        let parser: MultipartParser
        var output: [ByteBuffer] = []
        var ended = false
        var failure: PartProblem?
        var filename: String?
        var partType: String?
        private var headers: [(String, String)] = []
        private var current: Role?
        private var fileParts = 0
        private var fileComplete = false

        private enum Role { case file, skipped }

        init(boundary: String) {
            parser = MultipartParser(boundary: boundary)
            parser.onHeader = { [unowned self] name, value in headers.append((name.lowercased(), value)) }
            parser.onBody = { [unowned self] buffer in
                if current == nil { current = decide() }
                if current == .file { output.append(buffer) }
            }
            parser.onPartComplete = { [unowned self] in
                if current == nil { current = decide() }
                if current == .file { fileComplete = true }
                (current, headers) = (nil, [])
            }
        }

        /// Whether the part whose headers have just been read is the file.
        private func decide() -> Role {
            let disposition = headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            let name = Self.parameter("name", in: disposition)
            let file = Self.parameter("filename", in: disposition)
            guard file != nil || name == "file" else { return .skipped }
            fileParts += 1
            if fileParts > 1 {
                failure = PartProblem(vi: "Chỉ gửi một tệp trong mỗi lần tải lên.", en: "Send one file per upload.")
                return .skipped
            }
            filename = file
            partType = headers.first { $0.0 == "content-type" }?.1
            return .file
        }

        func end() throws {
            ended = true
            guard fileParts == 1 else {
                throw PartProblem(
                    vi: "Không thấy tệp trong nội dung multipart/form-data (một phần có filename hoặc tên \"file\").",
                    en: "No file in the multipart/form-data body (a part with a filename or named \"file\").")
            }
            guard fileComplete else { throw PartProblem(vi: "Nội dung multipart/form-data bị cắt cụt.", en: "The multipart/form-data body ended early.") }
        }

        /// A parameter of a `Content-Disposition` value (`name="file"`, `filename="a.xlsx"`).
        static func parameter(_ key: String, in header: String) -> String? {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
                var value = pair[1].trimmingCharacters(in: .whitespaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value
            }
            return nil
        }
    }
}
