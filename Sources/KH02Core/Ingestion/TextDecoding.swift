/// Turns an upload's bytes into text: UTF-8 with or without a BOM is accepted; anything else is diagnosed
/// (UTF-16, a legacy code page such as Windows-1258/1252, an Excel workbook, binary data) with how to fix it.
public enum TextDecoding {
    /// The decoded text without its BOM, or the one problem that prevents decoding.
    public static func decode(_ bytes: [UInt8]) -> Result<String, UploadProblem> {
        if bytes.isEmpty { return .failure(.emptyFile()) }
        // ZIP (xlsx) and OLE2 (xls) signatures, before the zero-byte test that binary headers would also pass.
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) {
            return .failure(.excelWorkbook())
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || looksLikeUTF16(bytes) {
            return .failure(.utf16Encoding())
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes[3...] : bytes[...]
        if body.contains(0) { return .failure(.binaryContent()) }
        if let invalid = firstInvalidUTF8(body) {
            let line = 1 + body[body.startIndex..<invalid].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .failure(.legacyEncoding(line: line))
        }
        let text = String(decoding: body, as: UTF8.self)
        if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            return .failure(.emptyFile())
        }
        return .success(text)
    }

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
