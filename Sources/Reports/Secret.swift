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
    /// accompagnées » or « places » do not.
    public static func uniteDePersonnes(_ unite: String) -> Bool {
        // Most units (« places », « % », « heures ») are told apart by their first letter
        // without folding anything.
        guard let premier = unite.utf8.first, unite.utf8.count <= 16,
              "fFeEjJpPaAmMbB".utf8.contains(premier) else { return false }
        var mot = ""
        for c in unite.lowercased() {
            switch c {
            case "é", "è", "ê", "ë": mot.append("e")
            default: mot.append(c)
            }
        }
        if mot.hasSuffix("s") { mot.removeLast() }
        return unitesDePersonnes.contains(mot)
    }

    /// Whether `valeur`, a value of an indicator that counts people or not (`effectif`), is
    /// withheld: from 1 to `seuil − 1`. Zero is published (nobody to identify).
    public func retient(_ valeur: Nombre, effectif: Bool) -> Bool {
        guard effectif, seuil > 1 else { return false }
        return valeur >= Nombre(1) && valeur < Nombre(seuil)
    }

    /// What the public pages show in place of a withheld value: « < 5 ».
    public var texte: String { "<\u{00A0}\(seuil)" }
}
