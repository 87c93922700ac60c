import Foundation
import Model

/// The kinds of change of FORMAT.md §5, stable ids like rule ids; declared in the order the
/// contract lists them, which is the order changes are sorted in within a convention.
public enum TypeChangement: String, Sendable, Hashable, CaseIterable {
    case conventionAjoutee = "convention-ajoutee", conventionRetiree = "convention-retiree"
    case phaseModifiee = "phase-modifiee", conventionSignee = "convention-signee"
    case indicateurAjoute = "indicateur-ajoute", indicateurRetire = "indicateur-retire"
    case resultatAjoute = "resultat-ajoute", resultatModifie = "resultat-modifie"
    case cibleModifiee = "cible-modifiee", referenceModifiee = "reference-modifiee", etatModifie = "etat-modifie"
    case actionAjoutee = "action-ajoutee", actionRetiree = "action-retiree"
    case actionEtatModifie = "action-etat-modifie", echeanceModifiee = "echeance-modifiee", budgetModifie = "budget-modifie"
    case moyensModifies = "moyens-modifies"
    case constatApparu = "constat-apparu", constatDisparu = "constat-disparu"

    /// A figure or a date changed after the board saw it (FORMAT.md §5): the board's question.
    public var attention: Bool {
        self == .resultatModifie || self == .cibleModifiee || self == .referenceModifiee || self == .echeanceModifiee
    }

    var rang: Int { Self.allCases.firstIndex(of: self)! }
}

/// A value before or after a change, as the open data wrote it.
public enum ValeurChangee: Sendable, Equatable {
    /// A number as written (JSON's grammar).
    case nombre(String)
    /// A date (ISO), a phase, an état.
    case texte(String)
    /// An indicator's reference.
    case point(annee: Int, valeur: String)
}

/// One change between two builds.
public struct Changement: Sendable, Equatable {
    public var convention: String
    public var type: TypeChangement
    public var indicateur: String?
    public var action: String?
    public var annee: Int?
    /// For `moyens-modifies`: `prestations_legales` or `action_sociale`.
    public var poste: String?
    /// For `constat-apparu` and `constat-disparu`: the finding's rule id and severity
    /// (`error`, `warning`); its message is `libelle`.
    public var regle: String?
    public var gravite: String?
    public var avant: ValeurChangee?
    public var apres: ValeurChangee?
    /// What the message names: the convention's title, the indicator's or the action's label
    /// (the new one, or the old one of what was removed); the indicator's unit.
    public var libelle: String?
    public var unite: String?

    public var attention: Bool { type.attention }

    public init(convention: String, type: TypeChangement, indicateur: String? = nil, action: String? = nil,
                annee: Int? = nil, poste: String? = nil, regle: String? = nil, gravite: String? = nil,
                avant: ValeurChangee? = nil, apres: ValeurChangee? = nil, libelle: String? = nil, unite: String? = nil) {
        self.convention = convention
        self.type = type
        self.indicateur = indicateur
        self.action = action
        self.annee = annee
        self.poste = poste
        self.regle = regle
        self.gravite = gravite
        self.avant = avant
        self.apres = apres
        self.libelle = libelle
        self.unite = unite
    }

    /// FORMAT.md §5: by convention id, then kind, then item, then year.
    static func avant(_ a: Changement, _ b: Changement) -> Bool {
        if a.convention != b.convention { return a.convention < b.convention }
        if a.type != b.type { return a.type.rang < b.type.rang }
        let ia = a.indicateur ?? a.action ?? a.poste ?? a.regle ?? "", ib = b.indicateur ?? b.action ?? b.poste ?? b.regle ?? ""
        if ia != ib { return ia < ib }
        if a.annee != b.annee { return (a.annee ?? Int.min) < (b.annee ?? Int.min) }
        // Two findings of one rule: by message.
        return (a.regle == nil ? "" : a.libelle ?? "") < (b.regle == nil ? "" : b.libelle ?? "")
    }
}

/// What changed between a previous build (ANCIEN) and the project now: what `ctg diff`
/// prints and, later, what `--depuis` shows.
public struct Comparaison: Sendable, Equatable {
    /// `date_reference` of the previous build and of the project now, ISO.
    public var depuis: String?
    public var dateReference: String?
    public var changements: [Changement]
    /// Version of the previous file: 1 holds less, and the comparison says what it left out.
    public var versionAncienne: Int
    /// Each convention's title, for the head of its group: the new one, else the old one.
    public var titres: [String: String] = [:]
    /// Whether each build was a review build (`--revue`): findings are compared only when
    /// both are.
    public var revueAncienne = false
    public var revueNouvelle = false

    /// Two `conventions.json` compared. Items are matched by id; an id derived from its
    /// position (`a1-o2-i1`) is matched by position, so an item inserted before it reads as
    /// changes of the ones after.
    public static func comparer(_ ancien: Instantane, _ nouveau: Instantane) -> Comparaison {
        var out: [Changement] = []
        let anciennes = Dictionary(ancien.conventions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let nouvelles = Set(nouveau.conventions.map(\.id))
        for c in nouveau.conventions {
            guard let a = anciennes[c.id] else {
                out.append(Changement(convention: c.id, type: .conventionAjoutee, apres: c.phase.map(ValeurChangee.texte), libelle: c.titre))
                continue
            }
            comparer(a, c, &out)
        }
        for a in ancien.conventions where !nouvelles.contains(a.id) {
            out.append(Changement(convention: a.id, type: .conventionRetiree, avant: a.phase.map(ValeurChangee.texte), libelle: a.titre))
        }
        // Ids unique per side: a duplicated id (a foreign file) is compared once.
        var vus = Set<String>()
        out = out.filter { c in
            guard c.type == .conventionAjoutee || c.type == .conventionRetiree else { return true }
            return vus.insert(c.type.rawValue + "\u{0}" + c.convention).inserted
        }
        out.sort(by: Changement.avant)
        var titres: [String: String] = [:]
        for c in ancien.conventions { titres[c.id] = c.titre }
        for c in nouveau.conventions { titres[c.id] = c.titre ?? titres[c.id] }
        return Comparaison(depuis: ancien.dateReference, dateReference: nouveau.dateReference, changements: out,
                           versionAncienne: ancien.version, titres: titres, revueAncienne: ancien.revue, revueNouvelle: nouveau.revue)
    }

    /// Two numbers as written are the same value (`2.70` and `2.7`).
    static func egaux(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if a == b { return true }
        guard let x = Nombre(a), let y = Nombre(b) else { return false }
        return x.decimal == y.decimal
    }

    private static func comparer(_ a: Instantane.ConventionVue, _ c: Instantane.ConventionVue, _ out: inout [Changement]) {
        let id = c.id
        if a.phase != c.phase {
            out.append(Changement(convention: id, type: .phaseModifiee, avant: a.phase.map(ValeurChangee.texte),
                                  apres: c.phase.map(ValeurChangee.texte), libelle: c.titre))
        }
        if a.signature == nil, let s = c.signature {
            out.append(Changement(convention: id, type: .conventionSignee, apres: .texte(s), libelle: c.titre))
        }
        comparerIndicateurs(a, c, &out)
        if let aa = a.actions, let ca = c.actions { comparerActions(id, aa, ca, &out) }
        if let am = a.moyens, let cm = c.moyens { comparerMoyens(id, am, cm, &out) }
        if let af = a.constats, let cf = c.constats { comparerConstats(id, af, cf, &out) }
    }

    /// Findings matched by rule, severity and message, as many times as each is found: a
    /// finding whose message changed (« 5 ans » for « 3 ans ») went away and another appeared.
    private static func comparerConstats(_ id: String, _ anciens: [Instantane.ConstatVue], _ nouveaux: [Instantane.ConstatVue],
                                         _ out: inout [Changement]) {
        func compte(_ l: [Instantane.ConstatVue]) -> [String: (Instantane.ConstatVue, Int)] {
            var n: [String: (Instantane.ConstatVue, Int)] = [:]
            for f in l { n[f.regle + "\u{0}" + f.gravite + "\u{0}" + f.message, default: (f, 0)].1 += 1 }
            return n
        }
        let a = compte(anciens), n = compte(nouveaux)
        for (cle, (f, k)) in n where k > a[cle]?.1 ?? 0 {
            for _ in 0..<(k - (a[cle]?.1 ?? 0)) {
                out.append(Changement(convention: id, type: .constatApparu, regle: f.regle, gravite: f.gravite, libelle: f.message))
            }
        }
        for (cle, (f, k)) in a where k > n[cle]?.1 ?? 0 {
            for _ in 0..<(k - (n[cle]?.1 ?? 0)) {
                out.append(Changement(convention: id, type: .constatDisparu, regle: f.regle, gravite: f.gravite, libelle: f.message))
            }
        }
    }

    private static func comparerIndicateurs(_ a: Instantane.ConventionVue, _ c: Instantane.ConventionVue, _ out: inout [Changement]) {
        let id = c.id
        let anciens = Dictionary(a.indicateurs.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let nouveaux = Set(c.indicateurs.map(\.id))
        var faits = Set<String>()
        for n in c.indicateurs where faits.insert(n.id).inserted {
            func change(_ t: TypeChangement, annee: Int? = nil, avant: ValeurChangee? = nil, apres: ValeurChangee? = nil) {
                out.append(Changement(convention: id, type: t, indicateur: n.id, annee: annee, avant: avant, apres: apres,
                                      libelle: n.libelle, unite: n.unite))
            }
            guard let o = anciens[n.id] else { change(.indicateurAjoute); continue }
            // A value withheld by the secret statistique, on either side, is not compared.
            if !o.referenceSecrete, !n.referenceSecrete,
               o.reference?.annee != n.reference?.annee || !egaux(o.reference?.valeur, n.reference?.valeur) {
                change(.referenceModifiee, avant: o.reference.map { .point(annee: $0.annee, valeur: $0.valeur) },
                       apres: n.reference.map { .point(annee: $0.annee, valeur: $0.valeur) })
            }
            let nc = n.cibles ?? [], nr = n.resultats ?? []
            if let oc = o.cibles {
                for (y, av, ap) in parAnnee(oc, nc) where !egaux(av, ap) {
                    change(.cibleModifiee, annee: y, avant: av.map(ValeurChangee.nombre), apres: ap.map(ValeurChangee.nombre))
                }
            } else if let f = o.cibleFinale, n.cibles != nil {
                // Version 1: only the final target is known.
                let ap = nc.last { $0.annee == f.annee }?.valeur
                if !egaux(f.valeur, ap) { change(.cibleModifiee, annee: f.annee, avant: .nombre(f.valeur), apres: ap.map(ValeurChangee.nombre)) }
            }
            if let resultats = o.resultats {
                for (y, av, ap) in parAnnee(resultats, nr) where !egaux(av, ap)
                    && !o.resultatsSecrets.contains(y) && !n.resultatsSecrets.contains(y) {
                    change(av == nil ? .resultatAjoute : .resultatModifie, annee: y,
                           avant: av.map(ValeurChangee.nombre), apres: ap.map(ValeurChangee.nombre))
                }
            } else if let d = o.dernierResultat, n.resultats != nil {
                // Version 1: only the last result is known, so no result reads as new.
                let ap = nr.last { $0.annee == d.annee }?.valeur
                if !egaux(d.valeur, ap) { change(.resultatModifie, annee: d.annee, avant: .nombre(d.valeur), apres: ap.map(ValeurChangee.nombre)) }
            }
            if o.etat != n.etat {
                change(.etatModifie, avant: o.etat.map(ValeurChangee.texte), apres: n.etat.map(ValeurChangee.texte))
            }
        }
        var retires = Set<String>()
        for o in a.indicateurs where !nouveaux.contains(o.id) && retires.insert(o.id).inserted {
            out.append(Changement(convention: id, type: .indicateurRetire, indicateur: o.id, libelle: o.libelle, unite: o.unite))
        }
    }

    private static func comparerActions(_ id: String, _ anciennes: [Instantane.ActionVue], _ nouvelles: [Instantane.ActionVue],
                                        _ out: inout [Changement]) {
        let parId = Dictionary(anciennes.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let ids = Set(nouvelles.map(\.id))
        var faits = Set<String>()
        for n in nouvelles where faits.insert(n.id).inserted {
            func change(_ t: TypeChangement, avant: ValeurChangee? = nil, apres: ValeurChangee? = nil) {
                out.append(Changement(convention: id, type: t, action: n.id, avant: avant, apres: apres, libelle: n.libelle))
            }
            guard let o = parId[n.id] else { change(.actionAjoutee); continue }
            if o.etat != n.etat { change(.actionEtatModifie, avant: o.etat.map(ValeurChangee.texte), apres: n.etat.map(ValeurChangee.texte)) }
            if o.echeance != n.echeance {
                change(.echeanceModifiee, avant: o.echeance.map(ValeurChangee.texte), apres: n.echeance.map(ValeurChangee.texte))
            }
            if !egaux(o.budget, n.budget) {
                change(.budgetModifie, avant: o.budget.map(ValeurChangee.nombre), apres: n.budget.map(ValeurChangee.nombre))
            }
        }
        var retirees = Set<String>()
        for o in anciennes where !ids.contains(o.id) && retirees.insert(o.id).inserted {
            out.append(Changement(convention: id, type: .actionRetiree, action: o.id, libelle: o.libelle))
        }
    }

    private static func comparerMoyens(_ id: String, _ anciens: [Instantane.MoyensVue], _ nouveaux: [Instantane.MoyensVue],
                                       _ out: inout [Changement]) {
        let annees = Set(anciens.map(\.annee)).union(nouveaux.map(\.annee)).sorted()
        for y in annees {
            let o = anciens.last { $0.annee == y }, n = nouveaux.last { $0.annee == y }
            for (poste, av, ap) in [("prestations_legales", o?.prestationsLegales, n?.prestationsLegales),
                                    ("action_sociale", o?.actionSociale, n?.actionSociale)] where !egaux(av, ap) {
                out.append(Changement(convention: id, type: .moyensModifies, annee: y, poste: poste,
                                      avant: av.map(ValeurChangee.nombre), apres: ap.map(ValeurChangee.nombre)))
            }
        }
    }

    /// The years of two series, with each one's value (nil: none that year), by year.
    private static func parAnnee(_ a: [Instantane.PointVue], _ b: [Instantane.PointVue]) -> [(Int, String?, String?)] {
        let annees = Set(a.map(\.annee)).union(b.map(\.annee)).sorted()
        return annees.map { y in (y, a.last { $0.annee == y }?.valeur, b.last { $0.annee == y }?.valeur) }
    }
}
