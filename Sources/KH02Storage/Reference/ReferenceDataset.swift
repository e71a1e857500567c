import Crypto
import Foundation
public import KH02Core

/// The reference units as shipped in `SQL/reference/`: the 1 July 2025 lists, the later changes applied as
/// new versions, the central agencies, and the simplified boundaries.
public struct ReferenceDataset: Sendable {
    /// The day the two-tier local government started (Decision 19/2025/QĐ-TTg list).
    public static let reformDate = CivilDate(year: 2025, month: 7, day: 1)!
    static let baseBasis = "Quyết định 19/2025/QĐ-TTg"

    public var provinces: [(unit: Province, basis: String)]
    public var communes: [(unit: Commune, basis: String)]
    public var agencies: [Agency]
    public var provinceBoundaries: [(code: String, geometry: String)]
    public var communeBoundaries: [(code: String, geometry: String)]
    /// SHA-256 over every file read, so a load runs again only when the files change.
    public var checksum: String

    static let files = [
        "provinces-2025.csv", "communes-2025.csv", "changes-after-2025-07-01.csv", "agencies.csv",
        "provinces-2025.geojson", "communes-2025.geojson",
    ]

    /// Reads and checks every file of `directory`; a problem names the file and line.
    public static func load(from directory: String) throws(ReferenceDataError) -> ReferenceDataset {
        var hasher = SHA256()
        var texts: [String: String] = [:]
        for file in files {
            guard let data = FileManager.default.contents(atPath: directory + "/" + file),
                let text = String(data: data, encoding: .utf8)
            else { throw ReferenceDataError("\(directory)/\(file) is missing or not UTF-8") }
            hasher.update(data: data)
            texts[file] = text
        }
        let provinceRows = try table(texts["provinces-2025.csv"]!, file: "provinces-2025.csv")
        let communeRows = try table(texts["communes-2025.csv"]!, file: "communes-2025.csv")
        let changeRows = try table(texts["changes-after-2025-07-01.csv"]!, file: "changes-after-2025-07-01.csv")
        let agencyRows = try table(texts["agencies.csv"]!, file: "agencies.csv")

        var provinces: [(unit: Province, basis: String)] = []
        for row in provinceRows {
            guard let code = ProvinceCode(rawValue: row["code"]), let kind = Province.Kind(rawValue: row["type"]) else {
                throw ReferenceDataError("provinces-2025.csv line \(row.line): bad code or type")
            }
            provinces.append((
                Province(
                    code: code, name: LocalizedText(vi: row["name"], en: row["name_en"]),
                    fullName: LocalizedText(vi: row["full_name"], en: row["full_name_en"]), kind: kind,
                    validity: ValidityPeriod(from: reformDate)),
                baseBasis
            ))
        }
        let provinceCodes = Set(provinces.map(\.unit.code))
        var communes: [(unit: Commune, basis: String)] = []
        for row in communeRows {
            guard let code = CommuneCode(rawValue: row["code"]), let kind = Commune.Kind(rawValue: row["type"]),
                let province = ProvinceCode(rawValue: row["province_code"]), provinceCodes.contains(province)
            else { throw ReferenceDataError("communes-2025.csv line \(row.line): bad code, type or province") }
            communes.append((
                Commune(
                    code: code, provinceCode: province, name: LocalizedText(vi: row["name"], en: row["name_en"]),
                    fullName: LocalizedText(vi: row["full_name"], en: row["full_name_en"]), kind: kind,
                    validity: ValidityPeriod(from: reformDate)),
                baseBasis
            ))
        }
        for row in changeRows {
            try applyChange(row, provinces: &provinces, communes: &communes)
        }
        var agencies: [Agency] = []
        for row in agencyRows {
            guard let code = AgencyCode(rawValue: row["code"]), let from = CivilDate(iso: row["valid_from"]) else {
                throw ReferenceDataError("agencies.csv line \(row.line): bad code or valid_from")
            }
            agencies.append(Agency(code: code, name: LocalizedText(vi: row["name"], en: row["name_en"]), validity: ValidityPeriod(from: from)))
        }
        return ReferenceDataset(
            provinces: provinces, communes: communes, agencies: agencies,
            provinceBoundaries: try boundaries(texts["provinces-2025.geojson"]!, file: "provinces-2025.geojson"),
            communeBoundaries: try boundaries(texts["communes-2025.geojson"]!, file: "communes-2025.geojson"),
            checksum: Hex.lowercase(hasher.finalize()))
    }

    /// Closes the version in force on the change's effective day and opens a new one from that day.
    private static func applyChange(
        _ row: Table.Row, provinces: inout [(unit: Province, basis: String)], communes: inout [(unit: Commune, basis: String)]
    ) throws(ReferenceDataError) {
        guard row["field"] == "type", let effective = CivilDate(iso: row["effective"]) else {
            throw ReferenceDataError("changes-after-2025-07-01.csv line \(row.line): only 'type' changes with an ISO effective date are supported")
        }
        let fullName = row["later_full_name"]
        switch row["level"] {
        case "province":
            guard let index = provinces.lastIndex(where: { $0.unit.code.rawValue == row["code"] && $0.unit.validity.contains(effective) }),
                provinces[index].unit.kind.rawValue == row["value_2025_07_01"], let kind = Province.Kind(rawValue: row["value_later"])
            else { throw ReferenceDataError("changes-after-2025-07-01.csv line \(row.line): no matching province version") }
            var next = provinces[index].unit
            provinces[index].unit.validity.until = effective
            next.kind = kind
            next.validity = ValidityPeriod(from: effective)
            next.fullName.vi = fullName
            next.fullName.en = next.name.en + (kind == .municipality ? " City" : " Province")
            provinces.insert((next, row["basis"]), at: index + 1)
        case "commune":
            guard let index = communes.lastIndex(where: { $0.unit.code.rawValue == row["code"] && $0.unit.validity.contains(effective) }),
                communes[index].unit.kind.rawValue == row["value_2025_07_01"], let kind = Commune.Kind(rawValue: row["value_later"])
            else { throw ReferenceDataError("changes-after-2025-07-01.csv line \(row.line): no matching commune version") }
            var next = communes[index].unit
            communes[index].unit.validity.until = effective
            next.kind = kind
            next.validity = ValidityPeriod(from: effective)
            next.fullName.vi = fullName
            next.fullName.en = next.name.en + (kind == .ward ? " Ward" : "")
            communes.insert((next, row["basis"]), at: index + 1)
        default:
            throw ReferenceDataError("changes-after-2025-07-01.csv line \(row.line): unknown level '\(row["level"])'")
        }
    }

    /// A CSV file read as rows addressed by header name.
    struct Table {
        struct Row {
            let line: Int
            let values: [String: String]
            subscript(_ column: String) -> String { values[column] ?? "" }
        }
    }

    private static func table(_ text: String, file: String) throws(ReferenceDataError) -> [Table.Row] {
        let records: [CSVParser.Record]
        do {
            records = try CSVParser().parse(text)
        } catch {
            throw ReferenceDataError("\(file) line \(error.line): \(error.reason.rawValue)")
        }
        guard let header = records.first?.fields else { throw ReferenceDataError("\(file) is empty") }
        return try records.dropFirst().map { (record) throws(ReferenceDataError) -> Table.Row in
            guard record.fields.count == header.count else {
                throw ReferenceDataError("\(file) line \(record.line): \(record.fields.count) fields, header has \(header.count)")
            }
            return Table.Row(line: record.line, values: Dictionary(uniqueKeysWithValues: zip(header, record.fields)))
        }
    }

    /// Each feature's id and its geometry as the original JSON text (one feature per line in our files).
    private static func boundaries(_ text: String, file: String) throws(ReferenceDataError) -> [(code: String, geometry: String)] {
        var result: [(code: String, geometry: String)] = []
        for (index, line) in text.split(separator: "\n").enumerated() where line.hasPrefix("{\"type\":\"Feature\"") {
            guard let idStart = line.range(of: "\"id\":\""), let geometryStart = line.range(of: "\"geometry\":") else {
                throw ReferenceDataError("\(file) line \(index + 1): feature without id or geometry")
            }
            let code = line[idStart.upperBound...].prefix { $0 != "\"" }
            var geometry = line[geometryStart.upperBound...]
            while let last = geometry.last, last == "," || last == " " || last == "\r" { geometry = geometry.dropLast() }
            guard geometry.last == "}" else { throw ReferenceDataError("\(file) line \(index + 1): unexpected feature layout") }
            result.append((String(code), String(geometry.dropLast())))
        }
        return result
    }
}

/// A reference data file that cannot be loaded.
public struct ReferenceDataError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
