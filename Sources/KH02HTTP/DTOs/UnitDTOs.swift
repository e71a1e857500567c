import Hummingbird
import KH02Core

/// A province as the API shows it.
struct ProvinceDTO: Codable, Sendable {
    var code: String
    var name: String
    var nameEn: String
    var type: String
    var fullName: String
    var fullNameEn: String
    var validFrom: String
    var validUntil: String?
    var communeCount: Int?

    init(_ province: Province, communeCount: Int? = nil) {
        code = province.code.rawValue
        name = province.name.vi
        nameEn = province.name.en
        type = province.kind.rawValue
        fullName = province.fullName.vi
        fullNameEn = province.fullName.en
        validFrom = province.validity.from.iso
        validUntil = province.validity.until?.iso
        self.communeCount = communeCount
    }
}

/// A commune (xã, phường, đặc khu) as the API shows it.
struct CommuneDTO: Codable, Sendable {
    var code: String
    var provinceCode: String
    var name: String
    var nameEn: String
    var type: String
    var fullName: String
    var fullNameEn: String
    var validFrom: String
    var validUntil: String?

    init(_ commune: Commune) {
        code = commune.code.rawValue
        provinceCode = commune.provinceCode.rawValue
        name = commune.name.vi
        nameEn = commune.name.en
        type = commune.kind.rawValue
        fullName = commune.fullName.vi
        fullNameEn = commune.fullName.en
        validFrom = commune.validity.from.iso
        validUntil = commune.validity.until?.iso
    }
}

/// A list answer: the day it describes, the count, the items.
struct ListDTO<Item: Codable & Sendable>: ResponseCodable, Sendable {
    var asOf: String
    var count: Int
    var items: [Item]

    init(asOf: CivilDate, items: [Item]) {
        self.asOf = asOf.iso
        self.count = items.count
        self.items = items
    }
}

/// One commune with its province and every recorded version (type changes after 1 July 2025).
struct CommuneDetailDTO: ResponseCodable, Sendable {
    var asOf: String
    var commune: CommuneDTO
    var province: ProvinceDTO
    var versions: [CommuneDTO]
}

/// The provinces' communes answer: the province itself plus the list.
struct ProvinceCommunesDTO: ResponseCodable, Sendable {
    var asOf: String
    var province: ProvinceDTO
    var count: Int
    var items: [CommuneDTO]
}
