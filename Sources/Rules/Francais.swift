import Model

/// Wording shared by the messages: dates, plurals, lists, quotes — the French a Caf
/// staff member reads, written the same way everywhere.
enum Francais {
    static let mois = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                       "août", "septembre", "octobre", "novembre", "décembre"]

    /// « de » before a place name, elided or contracted as French writes it: « de Roubaix »,
    /// « d'Amiens », « du Havre » (Le Havre), « des Mureaux » (Les Mureaux), « de La Rochelle ».
    /// An initial h is left alone: whether it elides depends on the word.
    static func de(_ nom: String) -> String {
        if nom.hasPrefix("Le ") { return "du " + nom.dropFirst(3) }
        if nom.hasPrefix("Les ") { return "des " + nom.dropFirst(4) }
        guard let first = nom.unicodeScalars.first else { return "de " }
        let voyelles = "AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸaeiouyàâäéèêëîïôöùûüÿ"
        return voyelles.unicodeScalars.contains(first) ? "d'" + nom : "de " + nom
    }

    /// `1er janvier 2014`, `15 janvier 2014`.
    static func date(_ d: Day) -> String {
        "\(d.day == 1 ? "1er" : String(d.day)) \(mois[d.month - 1]) \(d.year)"
    }

    /// `1 erreur`, `2 erreurs`, `aucune erreur` (French: 0 and 1 take the singular).
    static func nombre(_ n: Int, _ singulier: String, _ pluriel: String? = nil, aucun: String? = nil) -> String {
        if n == 0, let aucun { return aucun }
        return "\(n) \(n > 1 ? (pluriel ?? singulier + "s") : singulier)"
    }

    /// `a`, `a et b`, `a, b et c`.
    static func liste(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " et " + (items.last ?? "")
        }
    }

    /// `« x »`.
    static func q(_ s: String) -> String { "« \(s) »" }

    /// `« a », « b », « c »`: the values of a list, for "valeurs possibles : …".
    static func valeurs(_ items: [String]) -> String { items.map(q).joined(separator: ", ") }

    /// A duration between two days, said roughly: `4 ans`, `3 ans et 6 mois`, `45 jours`.
    static func duree(du debut: Day, au fin: Day) -> String {
        let end = fin.next
        var months = (end.year - debut.year) * 12 + (end.month - debut.month)
        if end.day < debut.day { months -= 1 }
        if months < 1 { return nombre(max(0, end.ordinal - debut.ordinal), "jour") }
        let years = months / 12, rest = months % 12
        let parts = [years > 0 ? nombre(years, "an") : nil, rest > 0 ? "\(rest) mois" : nil].compactMap { $0 }
        return parts.joined(separator: " et ")
    }
}
