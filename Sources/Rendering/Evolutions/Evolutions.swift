import Foundation
import Model
import Reports

/// What changed since a previous build (`ctg diff`, FORMAT.md §5), in French for a person
/// and in JSON for scripts: one message a change, the same in both.
public enum Evolutions {
    /// The sentence of one change, in French, without its convention (it heads its group).
    public static func message(_ c: Changement) -> String {
        let quoi = c.libelle ?? c.indicateur ?? c.action ?? c.convention
        let sujet = quoi + "\u{00A0}: "
        func v(_ x: ValeurChangee?) -> String { valeur(x, unite: c.unite) }
        func e(_ x: ValeurChangee?) -> String { etiquette(x, c.type) }
        switch c.type {
        case .conventionAjoutee:
            return "nouvelle convention sur le site" + (c.apres.map { ", \(e($0))" } ?? "")
        case .conventionRetiree: return "convention retirée du site"
        case .phaseModifiee: return "la phase passe de « \(e(c.avant)) » à « \(e(c.apres)) »".insecables
        case .conventionSignee: return "convention signée le \(date(c.apres))"
        case .indicateurAjoute: return sujet + "nouvel indicateur"
        case .indicateurRetire: return sujet + "indicateur retiré"
        case .resultatAjoute: return sujet + "nouveau résultat \(c.annee ?? 0), \(v(c.apres))"
        case .resultatModifie:
            guard c.apres != nil else { return sujet + "le résultat \(c.annee ?? 0) (\(v(c.avant))) est retiré" }
            return sujet + "le résultat \(c.annee ?? 0) passe de \(v(c.avant)) à \(v(c.apres))"
        case .cibleModifiee:
            guard c.avant != nil else { return sujet + "nouvelle cible \(c.annee ?? 0), \(v(c.apres))" }
            guard c.apres != nil else { return sujet + "la cible \(c.annee ?? 0) (\(v(c.avant))) est retirée" }
            return sujet + "la cible \(c.annee ?? 0) passe de \(v(c.avant)) à \(v(c.apres))"
        case .referenceModifiee: return sujet + "la référence passe de \(v(c.avant)) à \(v(c.apres))"
        case .etatModifie: return (sujet + "l'état passe de « \(e(c.avant)) » à « \(e(c.apres)) »").insecables
        case .actionAjoutee: return sujet + "nouvelle action"
        case .actionRetiree: return sujet + "action retirée"
        case .actionEtatModifie: return (sujet + "l'action passe de « \(e(c.avant)) » à « \(e(c.apres)) »").insecables
        case .echeanceModifiee:
            guard c.avant != nil else { return sujet + "échéance fixée au \(date(c.apres))" }
            guard c.apres != nil else { return sujet + "l'échéance du \(date(c.avant)) est retirée" }
            return sujet + "l'échéance passe du \(date(c.avant)) au \(date(c.apres))"
        case .budgetModifie:
            guard c.avant != nil else { return sujet + "budget inscrit, \(euros(c.apres))" }
            guard c.apres != nil else { return sujet + "le budget de \(euros(c.avant)) est retiré" }
            return sujet + "le budget passe de \(euros(c.avant)) à \(euros(c.apres))"
        case .moyensModifies:
            let poste = c.poste == "action_sociale" ? "action sociale" : "prestations légales"
            return "moyens \(c.annee ?? 0), \(poste)\u{00A0}: de \(euros(c.avant)) à \(euros(c.apres))"
        case .constatApparu, .constatDisparu:
            let erreur = c.gravite == Severity.error.rawValue
            let quoi = c.type == .constatApparu ? (erreur ? "nouvelle erreur" : "nouvel avertissement")
                                                : (erreur ? "erreur levée" : "avertissement levé")
            return "\(quoi) [\(c.regle ?? "?")]\u{00A0}: \(c.libelle ?? "")"
        }
    }

    /// `ctg diff`'s text: a summary line, then the changes grouped by convention, one line
    /// each, « ! » before those the board should look at; « aucun changement » when none.
    public static func texte(_ cmp: Comparaison) -> String {
        let depuis = cmp.depuis.flatMap { Day(iso: $0) }.map { "depuis le \(Format.date($0))" } ?? "depuis le site précédent"
        let au = cmp.dateReference.flatMap { Day(iso: $0) }.map { " (date de référence\u{00A0}: \(Format.date($0)))" } ?? ""
        var out = ""
        let n = cmp.changements.count
        if n == 0 {
            out += "aucun changement \(depuis)\(au)\n"
        } else {
            let a = cmp.changements.count(where: \.attention)
            out += "\(n) changement\(n > 1 ? "s" : "") \(depuis)\(au)"
            out += a == 0 ? "\n" : ", dont \(a) à examiner par le conseil (marqué\(a > 1 ? "s" : "") «\u{00A0}!\u{00A0}»)\n"
        }
        var courante: String? = nil
        for c in cmp.changements {
            if c.convention != courante {
                courante = c.convention
                let titre = cmp.titres[c.convention]
                out += "\n\(c.convention)" + (titre.map { " — \($0)" } ?? "") + "\n"
            }
            out += (c.attention ? "  ! " : "  - ") + message(c) + "\n"
        }
        for r in remarques(cmp) { out += "\n" + r + "\n" }
        return out
    }

    /// What the comparison could not see or may mislead on, in French: once each.
    public static func remarques(_ cmp: Comparaison) -> [String] {
        var out: [String] = []
        if cmp.versionAncienne < 2 {
            out.append("Le site précédent a un conventions.json de version \(cmp.versionAncienne)\u{00A0}: il ne donne ni les cibles ni les résultats de chaque année, ni les actions une à une. Seuls sont comparés les conventions, leur phase, leur signature et leurs moyens, et de chaque indicateur la référence, la cible finale, le dernier résultat et l'état\u{202F}; un nouveau résultat ou un changement d'action n'y paraît pas.")
        }
        if cmp.revueAncienne && !cmp.revueNouvelle {
            out.append("Le site précédent a été produit avec --revue, celui-ci sans\u{00A0}: les constats ne sont pas comparés, et les projets que le site précédent montrait paraissent retirés.")
        } else if !cmp.revueAncienne && cmp.revueNouvelle {
            out.append("Le site précédent a été produit sans --revue\u{00A0}: ses constats ne sont pas connus, ils ne sont pas comparés.")
        }
        if cmp.changements.contains(where: { positionnel($0.indicateur) || positionnel($0.action) }) {
            out.append("Les indicateurs et actions sans « id » (a1-o2-i1, a1-o2-x3) sont appariés par leur position\u{00A0}: un élément inséré avant eux les fait paraître changés. Donnez un « id » à ce que vous suivez.".insecables)
        }
        return out
    }

    /// An id derived from the position alone (FORMAT.md §3).
    static func positionnel(_ id: String?) -> Bool {
        guard let id else { return false }
        return id.range(of: #"^a[0-9]+-o[0-9]+-[ix][0-9]+$"#, options: .regularExpression) != nil
    }

    /// `ctg diff --format json` (FORMAT.md §5): one object, a change a line.
    public static func json(_ cmp: Comparaison) -> String {
        var w = JSONWriter(capacity: 256 + 256 * cmp.changements.count)
        w.raw("{\"version\":1,\"depuis\":")
        w.string(cmp.depuis)
        w.raw(",\"date_reference\":")
        w.string(cmp.dateReference)
        w.raw(",\"changements\":[")
        for (k, c) in cmp.changements.enumerated() {
            w.raw(k == 0 ? "\n" : ",\n")
            w.open()
            w.key("convention"); w.string(c.convention)
            w.key("type"); w.string(c.type.rawValue)
            if let i = c.indicateur { w.key("indicateur"); w.string(i) }
            if let a = c.action { w.key("action"); w.string(a) }
            if let y = c.annee { w.key("annee"); w.int(y) }
            if let p = c.poste { w.key("poste"); w.string(p) }
            if let r = c.regle { w.key("regle"); w.string(r) }
            if let g = c.gravite { w.key("gravite"); w.string(g) }
            if !c.type.estAjoutOuRetrait {
                w.key("avant"); json(c.avant, &w)
                w.key("apres"); json(c.apres, &w)
            }
            w.key("attention"); w.bool(c.attention)
            w.key("message"); w.string(message(c))
            w.close()
        }
        w.raw(cmp.changements.isEmpty ? "]}\n" : "\n]}\n")
        return w.out
    }

    /// What a table cell showed before change `c` (the marks of `--depuis`), as the pages
    /// write it; nil when it showed nothing.
    static func ancienneValeur(_ c: Changement) -> String? {
        guard let v = c.avant else { return nil }
        switch c.type {
        case .echeanceModifiee: return date(v)
        case .budgetModifie: return euros(v)
        case .etatModifie, .actionEtatModifie: return etiquette(v, c.type)
        default: return valeur(v, unite: c.unite)
        }
    }

    private static func json(_ v: ValeurChangee?, _ w: inout JSONWriter) {
        switch v {
        case nil: w.null()
        case let .nombre(n)?: w.number(OpenData.isJSONNumber(n) ? n : "null")
        case let .texte(t)?: w.string(t)
        case let .point(annee, valeur)?:
            w.open()
            w.key("annee"); w.int(annee)
            w.key("valeur"); w.number(OpenData.isJSONNumber(valeur) ? valeur : "null")
            w.close()
        }
    }

    private static func nombre(_ s: String, unite: String?) -> String {
        guard let n = Nombre(s) else { return s }
        return Format.valeur(n, unite: unite)
    }

    private static func valeur(_ v: ValeurChangee?, unite: String?) -> String {
        switch v {
        case nil: return "aucune"
        case let .nombre(n)?: return nombre(n, unite: unite)
        case let .texte(t)?: return t
        case let .point(annee, valeur)?: return "\(nombre(valeur, unite: unite)) en \(annee)"
        }
    }

    private static func euros(_ v: ValeurChangee?) -> String {
        guard case let .nombre(s)? = v else { return "aucun montant" }
        guard let n = Nombre(s) else { return s }
        return Format.euros(n)
    }

    private static func date(_ v: ValeurChangee?) -> String {
        guard case let .texte(s)? = v else { return "?" }
        return Day(iso: s).map(Format.date) ?? s
    }

    /// A phase or an état as the pages name it, in lower case; an unknown value as written.
    private static func etiquette(_ v: ValeurChangee?, _ t: TypeChangement) -> String {
        guard case let .texte(s)? = v else { return "aucun" }
        let libelle: String?
        switch t {
        case .phaseModifiee, .conventionAjoutee, .conventionRetiree: libelle = Phase(rawValue: s)?.libelle
        case .etatModifie: libelle = EtatIndicateur(rawValue: s)?.libelle
        case .actionEtatModifie: libelle = EtatAction(rawValue: s)?.libelle
        default: libelle = nil
        }
        return libelle?.lowercased() ?? s
    }
}

extension TypeChangement {
    /// An item added or removed: no value before or after.
    var estAjoutOuRetrait: Bool {
        self == .conventionAjoutee || self == .conventionRetiree || self == .indicateurAjoute || self == .indicateurRetire
            || self == .actionAjoutee || self == .actionRetiree || self == .constatApparu || self == .constatDisparu
    }
}

private extension String {
    /// « x » with no-break spaces inside the quotes, so that no line starts with « » ».
    var insecables: String {
        replacingOccurrences(of: "« ", with: "«\u{00A0}").replacingOccurrences(of: " »", with: "\u{00A0}»")
    }
}
