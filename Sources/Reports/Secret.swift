import Foundation
import Model

/// The secret statistique (FORMAT.md §2 `secret_statistique`, §3 `nature`): an indicator that
/// counts people has its references and results from 1 to `seuil − 1` withheld from what is
/// published, as data.caf.fr blanks every value below 5; so is its taux, which would give the
/// value back. Its targets (policy) and its état stay public.
public struct SecretStatistique: Sendable, Hashable {
    /// 0: nothing withheld.
    public var seuil: Int

    public init(seuil: Int) {
        self.seuil = max(0, seuil)
    }

    /// Nothing withheld.
    public static let aucun = SecretStatistique(seuil: 0)

    /// The units that name people, singular (a final « s » and accents are ignored, and case):
    /// an indicator in one of them counts people unless its `nature` says otherwise.
    public static let unitesDePersonnes = ["famille", "enfant", "jeune", "personne", "allocataire", "foyer", "menage",
                                           "beneficiaire", "parent"]

    /// Whether the indicator's values are counts of people: its `nature`, else its unit.
    public static func compteDesPersonnes(_ i: Indicateur) -> Bool {
        if let n = i.nature?.value { return n == .effectif }
        guard let u = i.unite?.value else { return false }
        return uniteDePersonnes(u)
    }

    /// `unite` names people (`familles`, `Ménages`, `bénéficiaire`…), exactly: « familles
    /// accompagnées » or « places » do not. Byte by byte, without a String made: every
    /// indicator of every page asks.
    public static func uniteDePersonnes(_ unite: String) -> Bool {
        var u = unite
        return u.withUTF8 { b in
            // Most units (« places », « % », « heures ») are told apart by their length or
            // their first letter.
            guard b.count >= 5, b.count <= 16, "fFeEjJpPaAmMbB".utf8.contains(b[0]) else { return false }
            var cle = Cle()
            var k = 0
            while k < b.count {
                let c = b[k]
                if c >= 0x41 && c <= 0x5A { cle.ajouter(c + 0x20) }
                else if c < 0x80 { cle.ajouter(c) }
                // é è ê ë and É È Ê Ë (C3 A8–AB, C3 88–8B): e.
                else if c == 0xC3, k + 1 < b.count, (0xA8...0xAB).contains(b[k + 1]) || (0x88...0x8B).contains(b[k + 1]) { cle.ajouter(0x65); k += 1 }
                else { return false }
                k += 1
            }
            cle.sansS()
            return clesDePersonnes.contains(cle)
        }
    }

    /// A folded word of 16 bytes at most, in two integers: compared without an allocation.
    struct Cle: Hashable {
        var bas: UInt64 = 0, haut: UInt64 = 0, n = 0
        mutating func ajouter(_ c: UInt8) {
            guard n < 16 else { n += 1; return }
            if n < 8 { bas |= UInt64(c) << (8 * n) } else { haut |= UInt64(c) << (8 * (n - 8)) }
            n += 1
        }
        /// Drops a final « s ».
        mutating func sansS() {
            guard n >= 1, n <= 16 else { return }
            let k = n - 1
            let c = k < 8 ? (bas >> (8 * k)) & 0xFF : (haut >> (8 * (k - 8))) & 0xFF
            guard c == 0x73 else { return }
            if k < 8 { bas &= ~(0xFF << (8 * k)) } else { haut &= ~(0xFF << (8 * (k - 8))) }
            n = k
        }
    }

    private static let clesDePersonnes: Set<Cle> = Set(unitesDePersonnes.map { mot in
        var c = Cle()
        for b in mot.utf8 { c.ajouter(b) }
        return c
    })

    /// Whether `valeur`, a value of an indicator that counts people or not (`effectif`), is
    /// withheld: from 1 to `seuil − 1`. Zero is published (nobody to identify).
    public func retient(_ valeur: Nombre, effectif: Bool) -> Bool {
        guard effectif, seuil > 1 else { return false }
        // mantissa × 10^exponent compared in integers (Decimal's comparison is costly, and
        // every value of such an indicator on every page is asked).
        if let (m, e) = valeur.scaled, e >= -18, e <= 18 {
            guard m >= 1 else { return false }
            var p: Int64 = 1
            for _ in 0..<abs(e) { p *= 10 }
            if e >= 0 {
                let (v, o) = m.multipliedReportingOverflow(by: p)
                return !o && v < Int64(seuil)
            }
            // v = m / p: 1 ≤ v ⇔ p ≤ m; v < seuil ⇔ m < seuil × p.
            let (borne, o) = Int64(seuil).multipliedReportingOverflow(by: p)
            return m >= p && (o || m < borne)
        }
        return valeur.decimal >= 1 && valeur.decimal < Decimal(seuil)
    }

    /// What the public pages show in place of a withheld value: « < 5 ».
    public var texte: String { "<\u{00A0}\(seuil)" }
}
