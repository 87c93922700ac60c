import Foundation
import Model
import Reports
import Rules
@testable import Site
import Testing

/// Values out of range (RULES.md, `type-invalide`, v2: "a number out of range (a year outside
/// 1900–2200, a value too large to compute with)"): each is one finding at the value, and
/// neither `ctg check` nor `ctg build --revue` traps on it (issue 24: SIGILL, exit 132).
@Suite("Check: limits")
struct CheckLimitsTests {
    /// A crashing input of issue 24, the edit that makes it and the one finding it must give.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let old: String
        let new: String
        /// The text the finding points at (its first occurrence after the edit).
        let at: String
        let message: String
        var testDescription: String { name }
    }

    static let nombre = " : ce nombre est trop grand ou trop précis pour être calculé exactement (au plus 15 chiffres significatifs, moins d'un million de milliards, 15 décimales au plus)\u{202F}; vérifiez la valeur"
        .replacingOccurrences(of: " : ce", with: "\u{00A0}: ce")

    static let cases: [Case] = [
        Case(name: "a period ending 9999-12-31", old: "  fin: 2017-12-31", new: "  fin: 9999-12-31", at: "9999-12-31",
             message: "« fin » vaut 9999-12-31\u{00A0}: cette année est hors de la plage admise (de 1900 à 2200)\u{202F}; vérifiez-la"),
        Case(name: "a period starting in 9996", old: "  debut: 2014-01-01", new: "  debut: 9996-01-01", at: "9996-01-01",
             message: "« debut » vaut 9996-01-01\u{00A0}: cette année est hors de la plage admise (de 1900 à 2200)\u{202F}; vérifiez-la"),
        Case(name: "a reference value of 10^19", old: "reference: { annee: 2013, valeur: 850 }",
             new: "reference: { annee: 2013, valeur: 10000000000000000000 }", at: "10000000000000000000",
             message: "« valeur » vaut 10000000000000000000" + nombre),
        Case(name: "a 30-digit target", old: "cibles: { 2015: 900, 2017: 980 }",
             new: "cibles: { 2015: 900, 2017: 123456789012345678901234567890 }", at: "123456789012345678901234567890",
             message: "« cibles 2017 » vaut 123456789012345678901234567890" + nombre),
        Case(name: "a result with 46 zeros after the point", old: "resultats: { 2014: 860, 2015: 905 }",
             new: "resultats: { 2014: 860, 2015: 0.\(String(repeating: "0", count: 46))1 }", at: "0.000",
             message: "« resultats 2015 » vaut 0.\(String(repeating: "0", count: 46))1" + nombre),
        Case(name: "a reference of 0.000…01 (46 zeros)", old: "reference: { annee: 2013, valeur: 850 }",
             new: "reference: { annee: 2013, valeur: 0.\(String(repeating: "0", count: 46))1 }", at: "0.000",
             message: "« valeur » vaut 0.\(String(repeating: "0", count: 46))1" + nombre),
        Case(name: "a reference year of 3000", old: "reference: { annee: 2013, valeur: 850 }",
             new: "reference: { annee: 3000, valeur: 850 }", at: "3000",
             message: "« annee » vaut 3000\u{00A0}: cette année est hors de la plage admise (de 1900 à 2200)\u{202F}; vérifiez-la"),
        Case(name: "a target year of 1850", old: "cibles: { 2015: 900, 2017: 980 }",
             new: "cibles: { 1850: 900, 2017: 980 }", at: "1850",
             message: "dans « cibles », l'année vaut 1850\u{00A0}: cette année est hors de la plage admise (de 1900 à 2200)\u{202F}; vérifiez-la"),
        Case(name: "an amount of 10^15 euros", old: "prestations_legales: 245000000", new: "prestations_legales: 1e15", at: "1e15",
             message: "« prestations_legales » vaut 1e15" + nombre),
    ]

    @Test("a value out of range is one type-invalide at the value; check and build --revue end normally", arguments: cases)
    func outOfRange(_ c: Case) async throws {
        let files = RulesFixture.with(F.roubaix) { $0.replacing1(c.old, c.new) }
        let text = try #require(files[F.roubaix])
        let place = try #require(position(of: c.at, in: text))
        let findings = try await RulesFixture.check(files)
        #expect(findings == [Finding(.typeInvalide, at: SourceLocation(file: F.roubaix, line: place.line, column: place.column),
                                     c.message, convention: "roubaix-2014")])
        // The build reads the same files: with --revue it renders every page, and returns.
        let root = try RulesFixture.write(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let built = try await Builder.build(BuildOptions(root: root, revue: true))
        #expect(built.written)
        #expect(built.checked.errors == 1)
    }

    @Test("the largest values that are read build without a trap, a taux past Int saturates")
    func largestValues() async throws {
        let files = RulesFixture.with(F.roubaix) {
            $0.replacing1("reference: { annee: 2013, valeur: 850 }", "reference: { annee: 2013, valeur: 0 }")
                .replacing1("cibles: { 2015: 900, 2017: 980 }", "cibles: { 2015: 0.000000000000001, 2017: 0.000000000000001 }")
                .replacing1("resultats: { 2014: 860, 2015: 905 }", "resultats: { 2014: 999999999999999, 2015: -999999999999999 }")
                .replacing1("reference: { annee: 2013, valeur: 640 }", "reference: { annee: 2013, valeur: 99999999999999.9 }")
                .replacing1("cibles: { 2017: 900 }", "cibles: { 2016: 100000000000000, 2017: 99999999999999.8 }")
        }
        #expect(try await RulesFixture.check(files).isEmpty)
        let root = try RulesFixture.write(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let built = try await Builder.build(BuildOptions(root: root))
        #expect(built.written)
        let taux = Reports.taux(reference: try #require(Nombre("0")), cible: try #require(Nombre("0.000000000000001")),
                                resultat: try #require(Nombre("-999999999999999")), sens: .hausse)
        #expect(taux == -Int.max)
        #expect(Reports.roundHalfAwayFromZero(Decimal(string: "1e30")!) == Int.max)
    }

    @Test("what ctg computes with: 15 significant digits, below 10^15, 15 decimals at most")
    func computable() throws {
        let yes = ["0", "-0", "850", "2.7", "999999999999999", "-999999999999999", "0.000000000000001", "0.123456789012345",
                   "1e6", "1.5e-3", "12000000000000.50", "245000000"]
        let no = ["1000000000000000", "1e15", "10000000000000000000", "0.0000000000000001", "1234567890123456",
                  "123456789012345678901234567890", "0." + String(repeating: "0", count: 46) + "1", "1e-16", "99999999999999.99"]
        for s in yes { #expect(try #require(Nombre(s)).isComputable, "\(s)") }
        for s in no { #expect(Nombre(s)?.isComputable != true, "\(s)") }
    }

    @Test("day arithmetic is total: past 9999-12-31 and before 0001-01-01, no trap")
    func dayArithmetic() throws {
        let last = try #require(Day(iso: "9999-12-31"))
        #expect(last.next.iso == "10000-01-01")
        #expect(last.next.previous == last)
        #expect(try #require(Day(iso: "9996-02-29")).adding(years: 4).iso == "10000-02-29")
        #expect(try #require(Day(iso: "9999-02-28")).adding(years: 5).iso == "10004-02-28")
        #expect(try #require(Day(iso: "2014-01-01")).adding(years: 4).previous.iso == "2017-12-31")
        let first = try #require(Day(iso: "0001-01-01"))
        #expect(first.previous.iso == "0000-12-31")
        #expect(first.previous.next == first)
        #expect(last.next.ordinal == last.ordinal + 1)
        #expect(last.adding(years: Int.max).year == Int.max)
    }
}
