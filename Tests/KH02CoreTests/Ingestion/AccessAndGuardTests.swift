import Foundation
import KH02Core
import PropertyBased
import Testing

@Suite("Principals and the CSV injection guard")
struct AccessAndGuardTests {
    typealias F = UploadFixtures

    @Test("each role's upload and read scope")
    func scopes() {
        let hanoi = Principal.province(F.province("01"))
        let baDinh = Principal.commune(F.commune("00004"))
        let bca = Principal.agency(AgencyCode(rawValue: "BCA")!)
        let units = F.units
        let c4 = AnyUnitCode.commune(F.commune("00004"))
        let c26734 = AnyUnitCode.commune(F.commune("26734"))
        let p01 = AnyUnitCode.province(F.province("01"))
        let agency = AnyUnitCode.agency(AgencyCode(rawValue: "BCA")!)
        #expect(Principal.admin.canUpload(for: c26734, in: units))
        #expect(!Principal.central.canUpload(for: c4, in: units) && Principal.central.canRead(c26734, in: units))
        #expect(hanoi.canUpload(for: p01, in: units) && hanoi.canUpload(for: c4, in: units))
        #expect(!hanoi.canUpload(for: c26734, in: units) && !hanoi.canUpload(for: agency, in: units))
        #expect(hanoi.canRead(c4, in: units) && !hanoi.canRead(c26734, in: units))
        #expect(baDinh.canUpload(for: c4, in: units) && !baDinh.canUpload(for: p01, in: units))
        #expect(bca.canUpload(for: agency, in: units) && !bca.canUpload(for: p01, in: units))
        #expect(Principal.central.canReadNation && !hanoi.canReadNation)
    }

    @Test("a principal's unit must fit its role")
    func construction() {
        #expect(Principal(role: .province, unit: .province(F.province("01"))) == .province(F.province("01")))
        #expect(Principal(role: .province, unit: .commune(F.commune("00004"))) == nil)
        #expect(Principal(role: .admin, unit: .province(F.province("01"))) == nil)
        #expect(Principal(role: .commune, unit: nil) == nil)
        #expect(Principal(role: .central, unit: nil) == .central)
    }

    @Test("formula-looking cells get an apostrophe; others are unchanged; quoting follows RFC 4180")
    func guardExamples() {
        #expect(CSVInjectionGuard.neutralise("=SUM(A1:A2)") == "'=SUM(A1:A2)")
        #expect(CSVInjectionGuard.neutralise("+84 24") == "'+84 24")
        #expect(CSVInjectionGuard.neutralise("-1") == "'-1")
        #expect(CSVInjectionGuard.neutralise("@cmd") == "'@cmd")
        #expect(CSVInjectionGuard.neutralise("\tx") == "'\tx")
        #expect(CSVInjectionGuard.neutralise("\r\nx") == "'\r\nx")
        #expect(CSVInjectionGuard.neutralise("Ba Đình") == "Ba Đình")
        #expect(CSVInjectionGuard.neutralise("") == "")
        #expect(CSVInjectionGuard.field("a,\"b\"") == "\"a,\"\"b\"\"\"")
        #expect(CSVInjectionGuard.line(["00004", "=1+1", "x"]) == "00004,'=1+1,x")
    }

    @Test("no guarded cell ever starts with a formula character, and unguarded text is kept")
    func guardProperty() async {
        let prefix = Gen.oneOf(Gen.always(""), Gen.always("="), Gen.always("+"), Gen.always("-"), Gen.always("@"),
                               Gen.always("\t"), Gen.always("\r"), Gen.always("\r\n"), Gen.always("=\u{301}"))
        let body = Gen.oneOf(Gen.letterOrNumber.string(of: 0...8), Gen.always("Xã Phố Bảng, \"Hà\"\nGiang"))
        await propertyCheck(input: prefix, body) { (head: String, tail: String) in
            let cell = head + tail
            let guarded = CSVInjectionGuard.neutralise(cell)
            let first = guarded.unicodeScalars.first
            #expect(!(["=", "+", "-", "@", "\t", "\r"] as [Unicode.Scalar]).contains { $0 == first })
            #expect(guarded == cell || guarded == "'" + cell)
            // The quoted field reads back to the guarded cell.
            let parsed = try? CSVParser().parse(CSVInjectionGuard.field(cell) + "\n")
            #expect(parsed?.first?.fields == [guarded] || guarded.isEmpty)
        }
    }
}
