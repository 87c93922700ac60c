import Content
import Foundation
@testable import Model
import Reports
import Testing

/// An indicator from numbers, for the formulas of FORMAT.md §4.
private func indicateur(ref: (Int, String), cibles: [(Int, String)], resultats: [(Int, String)] = [], sens: Sens? = nil) -> Indicateur {
    let at = SourceLocation.start(of: "x.md")
    var i = Indicateur(id: Ident("i", at: at, explicit: false), location: at)
    var r = Reference(location: at)
    r.annee = Located(ref.0, at: at)
    r.valeur = Located(Nombre(ref.1)!, at: at)
    i.reference = r
    func points(_ xs: [(Int, String)]) -> [Point] {
        xs.map { Point(annee: $0.0, anneeLocation: at, valeur: Nombre($0.1)!, valeurLocation: at) }
    }
    i.cibles = Located(points(cibles), at: at)
    if !resultats.isEmpty { i.resultats = Located(points(resultats), at: at) }
    if let sens { i.sens = Located(sens, at: at) }
    return i
}

private let d2016 = Day(year: 2016, month: 6, day: 30)!

@Suite("Derived values")
struct ReportsTests {
    @Test("taux is computed in decimal on the values as written and rounded half away from zero")
    func tauxDecimal() {
        // R 2.7, C 3.5, V 2.8: 12.5 exactly, so 13 (binary floating point gives 12.499…).
        let r = Reports.resume(indicateur(ref: (2013, "2.7"), cibles: [(2017, "3.5")], resultats: [(2015, "2.8")]), date: d2016)
        #expect(r.taux == 13)
        #expect(Reports.roundHalfAwayFromZero(Decimal(string: "-12.5")!) == -13)
        #expect(Reports.roundHalfAwayFromZero(Decimal(string: "42.4999")!) == 42)
        #expect(Reports.taux(reference: 850, cible: 980, resultat: 905, sens: .hausse) == 42)
    }

    @Test("target equal to reference: 100 when reached in the right direction, else 0")
    func cibleEgaleReference() {
        #expect(Reports.taux(reference: 10, cible: 10, resultat: 10, sens: .hausse) == 100)
        #expect(Reports.taux(reference: 10, cible: 10, resultat: 9, sens: .hausse) == 0)
        #expect(Reports.taux(reference: 10, cible: 10, resultat: 9, sens: .baisse) == 100)
        #expect(Reports.taux(reference: 10, cible: 10, resultat: 11, sens: .baisse) == 0)
        // t = r: en bonne voie whatever the trajectory.
        let r = Reports.resume(indicateur(ref: (2014, "10"), cibles: [(2014, "10"), (2014, "10")], resultats: [(2014, "9")]), date: d2016)
        #expect(r.taux == 0)
        #expect(r.etat == .nonAtteint) // y >= t and taux < 100
    }

    @Test("baisse: progress is going down")
    func baisse() {
        let i = indicateur(ref: (2013, "40"), cibles: [(2017, "20")], resultats: [(2015, "30")], sens: .baisse)
        let r = Reports.resume(i, date: d2016)
        #expect(r.taux == 50)
        #expect(r.etat == .enBonneVoie) // 50 >= 100 × 2 / 4
        let worse = Reports.resume(indicateur(ref: (2013, "40"), cibles: [(2017, "20")], resultats: [(2015, "45")], sens: .baisse), date: d2016)
        #expect(worse.taux == -25)
        #expect(worse.etat == .enRetard)
    }

    @Test("no result: no taux, non-renseigne; results after the reference year are ignored")
    func sansResultat() {
        let r = Reports.resume(indicateur(ref: (2013, "1"), cibles: [(2017, "2")]), date: d2016)
        #expect(r.taux == nil && r.etat == .nonRenseigne)
        let future = Reports.resume(indicateur(ref: (2013, "1"), cibles: [(2017, "2")], resultats: [(2017, "2")]), date: d2016)
        #expect(future.taux == nil && future.etat == .nonRenseigne)
    }

    @Test("result in the target year below target: non-atteint; at target: atteint")
    func anneeCible() {
        let below = Reports.resume(indicateur(ref: (2013, "100"), cibles: [(2015, "200")], resultats: [(2015, "190")]), date: d2016)
        #expect(below.taux == 90 && below.etat == .nonAtteint)
        let reached = Reports.resume(indicateur(ref: (2013, "100"), cibles: [(2015, "200")], resultats: [(2014, "200")]), date: d2016)
        #expect(reached.taux == 100 && reached.etat == .atteint)
    }

    @Test("en-bonne-voie when taux equals the expected share exactly; en-retard just below")
    func trajectoire() {
        // r 2014, t 2018, y 2016: expected 50 %.
        let on = Reports.resume(indicateur(ref: (2014, "0"), cibles: [(2018, "100")], resultats: [(2016, "50")]), date: d2016)
        #expect(on.taux == 50 && on.etat == .enBonneVoie)
        let late = Reports.resume(indicateur(ref: (2014, "0"), cibles: [(2018, "100")], resultats: [(2016, "49")]), date: d2016)
        #expect(late.taux == 49 && late.etat == .enRetard)
        // The rounded taux is compared: 33.4 rounds to 33, expected 100/3 = 33.33…: en retard.
        let third = Reports.resume(indicateur(ref: (2013, "0"), cibles: [(2016, "1000")], resultats: [(2014, "334")]), date: d2016)
        #expect(third.taux == 33 && third.etat == .enRetard)
    }

    @Test("v2: the expected share follows the path through every target (FORMAT.md §4, worked example)")
    func cheminDesCibles() {
        // R 850 (2013), targets 900 (2015) and 980 (2017), result 905 (2015): taux 42,
        // E(2015) = 100 × 50 / 130 = 38.46…: en bonne voie (v1 compared 42 with 50: en retard).
        let exemple = Reports.resume(indicateur(ref: (2013, "850"), cibles: [(2015, "900"), (2017, "980")], resultats: [(2015, "905")]), date: d2016)
        #expect(exemple.taux == 42 && exemple.etat == .enBonneVoie)
        // Below the 2015 target on the path: taux 38 < 38.46: en retard.
        let dessous = Reports.resume(indicateur(ref: (2013, "850"), cibles: [(2015, "900"), (2017, "980")], resultats: [(2015, "900")]), date: d2016)
        #expect(dessous.taux == 38 && dessous.etat == .enRetard)
        // Between two targets: 2016 is halfway from 900 (2015) to 980 (2017), P = 940, E = 69.2…
        let entre = Reports.resume(indicateur(ref: (2013, "850"), cibles: [(2015, "900"), (2017, "980")], resultats: [(2016, "940")]), date: d2016)
        #expect(entre.taux == 69 && entre.etat == .enRetard)
        let entreBien = Reports.resume(indicateur(ref: (2013, "850"), cibles: [(2015, "900"), (2017, "980")], resultats: [(2016, "941")]), date: d2016)
        #expect(entreBien.taux == 70 && entreBien.etat == .enBonneVoie)
        // Targets at or before the reference year are left out; written out of order, they
        // are taken in year order.
        let avant = Reports.resume(indicateur(ref: (2013, "850"), cibles: [(2012, "2000"), (2013, "2000"), (2015, "900"), (2017, "980")], resultats: [(2015, "905")]), date: d2016)
        #expect(avant.etat == .enBonneVoie)
        // baisse: the path goes down the same way.
        let baisse = Reports.resume(indicateur(ref: (2013, "40"), cibles: [(2014, "38"), (2017, "20")], resultats: [(2014, "39")], sens: .baisse), date: d2016)
        #expect(baisse.taux == 5 && baisse.etat == .enRetard) // E(2014) = 100 × 2 / 20 = 10
        let baisseBien = Reports.resume(indicateur(ref: (2013, "40"), cibles: [(2014, "38"), (2017, "20")], resultats: [(2014, "38")], sens: .baisse), date: d2016)
        #expect(baisseBien.taux == 10 && baisseBien.etat == .enBonneVoie)
    }

    @Test("phases against the reference date, renewal taking precedence")
    func phases() {
        let at = SourceLocation.start(of: "x.md")
        var c = Convention(id: Ident("x", at: at, explicit: false), file: "x.md")
        #expect(Reports.phase(of: c, renouvelee: true, date: d2016) == .projet)
        c.signature = Located(Day(year: 2013, month: 12, day: 1)!, at: at)
        var p = Periode(location: at)
        p.debut = Located(Day(year: 2014, month: 1, day: 1)!, at: at)
        p.fin = Located(Day(year: 2017, month: 12, day: 31)!, at: at)
        c.periode = p
        #expect(Reports.phase(of: c, renouvelee: false, date: Day(year: 2013, month: 12, day: 31)!) == .aVenir)
        #expect(Reports.phase(of: c, renouvelee: false, date: Day(year: 2014, month: 1, day: 1)!) == .enCours)
        #expect(Reports.phase(of: c, renouvelee: false, date: Day(year: 2017, month: 12, day: 31)!) == .enCours)
        #expect(Reports.phase(of: c, renouvelee: false, date: Day(year: 2018, month: 1, day: 1)!) == .echue)
        var e = Evaluation(location: at)
        e.type = Located(.finale, at: at)
        c.evaluation = e
        #expect(Reports.phase(of: c, renouvelee: false, date: Day(year: 2018, month: 1, day: 1)!) == .evaluee)
        #expect(Reports.phase(of: c, renouvelee: true, date: Day(year: 2015, month: 1, day: 1)!) == .renouvelee)
    }

    @Test("the integer fast path of taux agrees with Decimal arithmetic")
    func tauxFastPathAgrees() {
        var rng = SplitMix(seed: 42)
        let samples = ["0", "1", "2.7", "3.5", "2.8", "850", "980", "905", "12.5", "-4", "0.05", "100", "99.99", "1000000", "42.5"]
        for _ in 0..<3000 {
            let a = Nombre(samples[Int(rng.next() % UInt64(samples.count))] )!
            let b = Nombre(String(format: "%.2f", Double(rng.next() % 100_000) / 100))!
            let c = Nombre(samples[Int(rng.next() % UInt64(samples.count))])!
            for sens in [Sens.hausse, .baisse] {
                #expect(Reports.taux(reference: a, cible: b, resultat: c, sens: sens)
                        == Reports.taux(reference: a.decimal, cible: b.decimal, resultat: c.decimal, sens: sens))
            }
        }
    }

    @Test("Day arithmetic: four years minus a day, leap days")
    func days() {
        let d = Day(year: 2014, month: 1, day: 1)!
        #expect(d.adding(years: 4).previous == Day(year: 2017, month: 12, day: 31))
        #expect(Day(year: 2016, month: 2, day: 29)!.adding(years: 1) == Day(year: 2017, month: 2, day: 28))
        #expect(Day(iso: "2015-02-29") == nil)
        #expect(Day(iso: "2016-02-29")?.next == Day(year: 2016, month: 3, day: 1))
        #expect(Day(iso: "2014-1-01") == nil)
    }
}

/// A small deterministic PRNG for property tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Model: numbers as written")
struct NombreScanTests {
    /// The two passes the one-pass scan replaced, kept here as the reference.
    static func referenceNumeric(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { u = u.dropFirst() }
        var digits = 0, dot = false, exp = false, expDigits = 0, i = u.startIndex
        while i != u.endIndex {
            let c = u[i]
            if c >= 48 && c <= 57 {
                if exp { expDigits += 1 } else { digits += 1 }
            } else if c == UInt8(ascii: ".") && !dot && !exp {
                dot = true
            } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && !exp && digits > 0 {
                exp = true
                let n = u.index(after: i)
                if n != u.endIndex, u[n] == UInt8(ascii: "-") || u[n] == UInt8(ascii: "+") { i = n }
            } else {
                return false
            }
            i = u.index(after: i)
        }
        return digits > 0 && (!exp || expDigits > 0)
    }

    static func referenceScaled(_ s: String) -> (Int64, Int)? {
        var mant: UInt64 = 0, digits = 0, exp = 0, neg = false, dot = false, first = true
        for b in s.utf8 {
            if first && (b == 45 || b == 43) { neg = b == 45; first = false; continue }
            first = false
            if b == 46 { dot = true; continue }
            guard b >= 48 && b <= 57 else { return nil }
            if digits == 0 && b == 48 { if dot { exp -= 1 }; continue }
            digits += 1
            guard digits <= 18 else { return nil }
            mant = mant * 10 + UInt64(b - 48)
            if dot { exp -= 1 }
        }
        return (neg ? -Int64(mant) : Int64(mant), digits == 0 ? 0 : exp)
    }

    @Test("one pass gives what the two passes gave (20,000 seeded texts and the usual forms)")
    func sameAsTwoPasses() {
        var rng = SplitMix64(seed: 2_013_205)
        let alphabet: [Character] = ["0", "0", "1", "5", "9", ".", ".", "-", "+", "e", "E", "x", " ", "é"]
        var cases = ["0", "850", "27.5", "-3.25", "+4", "1e6", "1E-3", "2.5e+2", "007", "0.000", ".5", "5.", "-", ".", "e5",
                     "1e", "1.2.3", "1234567890123456789", "123456789012345678", "0.0000000000000000001", "12_000", ""]
        for _ in 0..<20_000 { cases.append(String((0..<Int.random(in: 0...22, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })) }
        for c in cases {
            #expect(Nombre.isNumeric(c) == Self.referenceNumeric(c), "\(c)")
            if Self.referenceNumeric(c) {
                let (a, b) = (Nombre.fastScaled(c), Self.referenceScaled(c))
                #expect(a?.0 == b?.0 && a?.1 == b?.1, "\(c)")
            }
        }
    }
}

@Suite("Reports: each indicator's state kept in the convention's summary")
struct ParIndicateurTests {
    @Test("the summary holds every indicator of the plan, in order, with the rate and state of its own summary")
    func sameAsEachIndicator() async throws {
        var seen = 0
        for root in [RenderingFixture.projet, repositoryRoot()] {
            let project = try await ProjectLoader.load(root: root)
            let date = project.site.dateReference ?? Day(year: 2026, month: 6, day: 30)!
            for c in project.conventions {
                let r = Reports.resume(c, renouvelee: false, date: date)
                let plan = Array(c.indicateursDuPlan)
                #expect(r.parIndicateur.count == plan.count)
                #expect(r.indicateurs == plan.count)
                for (n, i) in plan.enumerated() {
                    let full = Reports.resume(i, date: date)
                    #expect(r.indicateur(n) == IndicateurEtat(taux: full.taux, etat: full.etat))
                    #expect(Reports.resume(i, date: date, known: r.indicateur(n)) == full)
                    seen += 1
                }
                #expect(r.indicateur(plan.count) == nil && r.indicateur(-1) == nil)
                #expect(r.etats.values.reduce(0, +) == plan.count)
            }
        }
        #expect(seen > 20)
    }
}
