/// Turns an upload's bytes into text: UTF-8 with or without a BOM is accepted; anything else is diagnosed
/// (UTF-16, a legacy code page such as Windows-1258/1252, an Excel workbook, binary data) with how to fix it.
public enum TextDecoding {
    /// The UTF-8 byte order mark.
    static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The decoded text without its BOM, or the one problem that prevents decoding.
    public static func decode(_ bytes: [UInt8]) -> Result<String, UploadProblem> {
        if bytes.isEmpty { return .failure(.emptyFile()) }
        if case .failure(let problem) = recognise(bytes) { return .failure(problem) }
        let body = bytes.starts(with: utf8BOM) ? bytes[3...] : bytes[...]
        if let problem = problem(in: body, lineBreaksBefore: 0) { return .failure(problem) }
        if body.allSatisfy(isBlank) { return .failure(.emptyFile()) }
        return .success(String(decoding: body, as: UTF8.self))
    }

    /// What the first bytes of a body (a kilobyte is enough) show it to be when it is not UTF-8 text: an Excel
    /// workbook or UTF-16.
    static func recognise(_ start: [UInt8]) -> Result<Void, UploadProblem> {
        // ZIP (xlsx) and OLE2 (xls) signatures, before the zero-byte test that binary headers would also pass.
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) || start.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return .failure(.excelWorkbook())
        }
        if start.starts(with: [0xFF, 0xFE]) || start.starts(with: [0xFE, 0xFF]) || looksLikeUTF16(start) {
            return .failure(.utf16Encoding())
        }
        return .success(())
    }

    /// The problem with a piece of a body (after its BOM) when it holds a zero byte or breaks UTF-8; a broken
    /// line is numbered counting the `lineBreaksBefore` line feeds that came before the piece.
    static func problem(in piece: ArraySlice<UInt8>, lineBreaksBefore: Int) -> UploadProblem? {
        if piece.contains(0) { return .binaryContent() }
        guard let invalid = firstInvalidUTF8(piece) else { return nil }
        let line = 1 + lineBreaksBefore + piece[piece.startIndex..<invalid].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        return .legacyEncoding(line: line)
    }

    /// Space, tab, line feed or carriage return.
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// UTF-16 without a BOM: ASCII text in UTF-16 has a zero byte in every other position.
    static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(1024)
        guard sample.count >= 4 else { return false }
        var evenZeros = 0
        var oddZeros = 0
        for (i, byte) in sample.enumerated() where byte == 0 {
            if i % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = sample.count / 2
        return max(evenZeros, oddZeros) * 10 >= half * 4 && min(evenZeros, oddZeros) * 10 < half
    }

    /// The index of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF), or nil.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard end - i >= length else { return i }
            let second = bytes[i + 1]
            guard second >= low, second <= high else { return i }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return nil
    }
}
