import Foundation
import KH02Core
import NIOCore

/// Builds rows of PostgreSQL's COPY text format into a byte buffer: tab-separated, `\N` for NULL, backslash,
/// tab, newline and carriage return escaped.
struct CopyTextRow {
    private(set) var buffer: ByteBuffer
    private var first = true

    init(into buffer: ByteBuffer) {
        self.buffer = buffer
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

    /// `YYYY-MM-DD HH:MM:SS.mmm+00`, computed without a formatter (this runs once per row).
    mutating func timestamp(_ instant: Date) {
        separator()
        let millis = Int((instant.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = millis >= 0 ? millis / 1000 : (millis - 999) / 1000
        let day = CivilDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let secondOfDay = seconds - day.daysSinceEpoch * 86_400
        buffer.writeString(
            day.iso + " " + pad2(secondOfDay / 3600) + ":" + pad2(secondOfDay / 60 % 60) + ":" + pad2(secondOfDay % 60) + "."
                + String(millis - seconds * 1000 + 1000).dropFirst() + "+00")
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
