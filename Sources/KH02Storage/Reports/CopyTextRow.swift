import Foundation
import KH02Core
import NIOCore

/// Builds rows of PostgreSQL's COPY text format into a byte buffer: tab-separated, `\N` for NULL, backslash,
/// tab, newline and carriage return escaped.
struct CopyTextRow {
    private(set) var buffer: ByteBuffer
    private var first = true
    private var timestamps: [Date: String] = [:]

    init(into buffer: ByteBuffer) {
        self.buffer = buffer
    }

    /// Starts a new chunk, keeping what was learnt about timestamps.
    mutating func startChunk() {
        buffer = ByteBuffer()
    }

    private mutating func separator() {
        if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
        first = false
    }

    mutating func text(_ value: String?) {
        separator()
        guard let value else {
            buffer.writeStaticString("\\N")
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }

    /// Digits only: no escaping needed.
    mutating func integer(_ value: Int) {
        separator()
        buffer.writeString(String(value))
    }

    mutating func number(_ value: Double) {
        separator()
        buffer.writeString(String(value))
    }

    /// `YYYY-MM-DD HH:MM:SS.mmm+00`, computed without a formatter and remembered for the last instant written
    /// (rows of an upload share their receipt time and a few as-of times).
    mutating func timestamp(_ instant: Date) {
        separator()
        if let cached = timestamps[instant] {
            buffer.writeString(cached)
            return
        }
        let millis = Int((instant.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let day = CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = seconds - day.daysSinceEpoch * 86_400
        let text = day.iso + " " + pad2(secondOfDay / 3600) + ":" + pad2(secondOfDay / 60 % 60) + ":" + pad2(secondOfDay % 60) + "."
            + String(millis - seconds * 1000 + 1000).dropFirst() + "+00"
        if timestamps.count > 64 { timestamps.removeAll(keepingCapacity: true) }
        timestamps[instant] = text
        buffer.writeString(text)
    }

    mutating func date(_ day: CivilDate?) {
        text(day?.iso)
    }

    /// Ends the row.
    mutating func end() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        first = true
    }

    private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
