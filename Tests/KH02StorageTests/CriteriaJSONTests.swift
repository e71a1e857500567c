import KH02Core
import Testing

@testable import KH02Storage

@Suite("Stored readiness values (readiness_reports.criteria)")
struct CriteriaJSONTests {
    static let values: [CriterionKey: CriterionValue] = [
        CriterionKey(rawValue: "online_meeting")!: .boolean(true),
        CriterionKey(rawValue: "network")!: .boolean(false),
        CriterionKey(rawValue: "computers")!: try! .ratio(0.85),
        CriterionKey(rawValue: "digital_certificate")!: try! .count(12),
    ]

    @Test("what encode writes, the compact reader reads back")
    func roundTrip() throws {
        let text = CriteriaJSON.encode(Self.values)
        #expect(text == #"{"computers":{"ratio":0.85},"digital_certificate":{"count":12},"network":false,"online_meeting":true}"#)
        #expect(CriteriaJSON.decodeCompact(text) == Self.values)
        #expect(try CriteriaJSON.decode(text) == Self.values)
        #expect(CriteriaJSON.decodeCompact("{}") == [:])
    }

    @Test("jsonb's spelling (a space after colons and commas, its own key order) is read by the same reader")
    func jsonbSpelling() throws {
        let jsonb = #"{"network": false, "computers": {"ratio": 0.85}, "online_meeting": true, "digital_certificate": {"count": 12}}"#
        #expect(CriteriaJSON.decodeCompact(jsonb) == Self.values)
        #expect(try CriteriaJSON.decode(jsonb) == Self.values)
    }

    @Test("other spellings of the same JSON go through the general parser with the same result")
    func otherSpellings() throws {
        let lines = "{\n\t\"computers\": {\"ratio\": 0.85},\n\t\"digital_certificate\": {\"count\": 12},\n\t\"network\": false,\n\t\"online_meeting\": true\n}"
        #expect(CriteriaJSON.decodeCompact(lines) == nil)
        #expect(try CriteriaJSON.decode(lines) == Self.values)
    }

    @Test("malformed or out-of-range values are refused, not guessed", arguments: [
        #"{"computers":{"ratio":1.5}}"#, #"{"network":"yes"}"#, #"{"network":true"#, #"["network"]"#, #"{"Bad Key":true}"#,
        #"{"network":true}x"#, #"{"computers":{"share":0.5}}"#,
    ])
    func refused(_ text: String) {
        #expect(CriteriaJSON.decodeCompact(text) == nil)
        #expect(throws: (any Error).self) { try CriteriaJSON.decode(text) }
    }
}

@Suite("Reading many rows' criteria (CriteriaJSON.Reader)")
struct CriteriaReaderTests {
    @Test("a repeated text gives the same values as the first time; a bad one is refused every time")
    func repeated() throws {
        var reader = CriteriaJSON.Reader(capacity: 1)
        let first = #"{"network": false, "computers": {"ratio": 0.85}}"#
        let second = #"{"network": true}"#
        for _ in 0..<2 {
            #expect(try reader.values(first) == (try CriteriaJSON.decode(first)))
            // Past its capacity the reader still decodes, it only stops remembering.
            #expect(try reader.values(second) == [CriterionKey(rawValue: "network")!: .boolean(true)])
            #expect(throws: (any Error).self) { try reader.values(#"{"network":"yes"}"#) }
        }
    }
}
