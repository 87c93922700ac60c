import Model
import Reports

/// One indicator of a dashboard: its values, formatted once, and the HTML of its block.
///
/// The block is the built-in `partials/indicateur` written in Swift: a dashboard has dozens
/// of indicators and each Mustache tag costs about a microsecond, so while a project keeps
/// the built-in `partials/indicateur` and `partials/constats`, the axe receives the whole list
/// already written (`indicateurs.html`). A project that replaces either gets `indicateurs.items`
/// rendered through its own partial, with every raw value. Both ways give the same bytes
/// (test « Swift blocks match the templates »): change one, change the other.
struct IndicateurVue {
    let ancre: String
    let libelle: String
    let unite: String?
    let sens: String?
    let source: String?
    let objectif: String?
    let etat: EtatIndicateur
    let taux: String?
    /// Year by year: every year that has a reference, a target or a result; values formatted.
    let annees: [(annee: Int, reference: String?, cible: String?, resultat: String?)]
    let reference: Point?
    let cibles: [Point]
    let resultats: [Point]
    /// The values above, formatted once (`1 234,5`, `42 %`): table, chart text and the row of
    /// the objectifs-résultats table all use them.
    let referenceTexte: String?
    let ciblesTexte: [String]
    let resultatsTexte: [String]
    /// Index in `resultats` of the last result not after the reference date's year.
    let dernier: Int?
    let constats: [Finding]

    /// `known`: its rate and state from the convention's summary (`ConventionResume.parIndicateur`).
    init(_ ind: Indicateur, ancre: String, objectif: String?, date: Day, constats: [Finding], known: IndicateurEtat? = nil) {
        let r = Reports.resume(ind, date: date, known: known)
        let unite = ind.unite?.value
        self.ancre = ancre
        libelle = ind.libelle?.value ?? ind.id.value
        self.unite = unite
        sens = ind.sens?.value == .baisse ? "à la baisse (une valeur plus basse est un progrès)" : nil
        source = ind.source?.value
        self.objectif = objectif
        etat = r.etat
        taux = r.taux.map(Format.pourcentage)
        reference = r.reference
        let cibles = ind.cibles?.value ?? []
        let resultats = ind.resultats?.value ?? []
        self.cibles = cibles
        self.resultats = resultats
        let referenceTexte = r.reference.map { DashboardBuilder.valeur($0.valeur, unite: unite) }
        let ciblesTexte = cibles.map { DashboardBuilder.valeur($0.valeur, unite: unite) }
        let resultatsTexte = resultats.map { DashboardBuilder.valeur($0.valeur, unite: unite) }
        self.referenceTexte = referenceTexte
        self.ciblesTexte = ciblesTexte
        self.resultatsTexte = resultatsTexte
        dernier = resultats.lastIndex { $0.annee <= date.year }
        self.constats = constats
        // Every year that has a reference, a target or a result; the last value of a year
        // wins when a year is written twice.
        var years = cibles.map(\.annee) + resultats.map(\.annee)
        if let ref = r.reference { years.append(ref.annee) }
        years.sort()
        var annees: [(annee: Int, reference: String?, cible: String?, resultat: String?)] = []
        annees.reserveCapacity(years.count)
        for y in years where annees.last?.annee != y {
            annees.append((y,
                           r.reference?.annee == y ? referenceTexte : nil,
                           cibles.lastIndex { $0.annee == y }.map { ciblesTexte[$0] },
                           resultats.lastIndex { $0.annee == y }.map { resultatsTexte[$0] }))
        }
        self.annees = annees
    }

    /// Its row in the objectifs-résultats table of the dashboard.
    var ligne: ObjectifsTable.Ligne {
        ObjectifsTable.Ligne(libelle: libelle, unite: unite, urlBase: "#", ancre: ancre,
                             reference: reference.map { (referenceTexte!, $0.annee) },
                             cible: cibles.last.map { (ciblesTexte[ciblesTexte.count - 1], $0.annee) },
                             dernier: dernier.map { (resultatsTexte[$0], resultats[$0].annee) },
                             taux: taux, etat: etat)
    }

    var hasGraphique: Bool { reference != nil || !cibles.isEmpty || !resultats.isEmpty }
    var captionId: String { "Annees-" + ancre }

    /// State, rate and the facts of the indicator (`entete`).
    func entete(_ e: inout HTMLBuffer) {
        e.raw("<p class=\"indicateur-etat\">")
        e.html(Fragment.etats[etat]!)
        if let taux { e.raw(" · taux de réalisation : <strong>"); e.html(taux); e.raw("</strong>") }
        e.raw("</p>\n<dl class=\"indicateur-meta\">\n")
        // One call per fact: an array of the four pairs was made for each indicator.
        func fait(_ label: StaticString, _ value: String?) {
            guard let value else { return }
            e.raw("<dt>"); e.raw(label); e.raw("</dt><dd>"); e.text(value); e.raw("</dd>\n")
        }
        fait("Objectif", objectif)
        fait("Unité", unite)
        fait("Sens", sens)
        fait("Source", source)
        e.raw("</dl>")
    }

    /// The chart of targets and results, with its text alternative (`graphique`).
    func graphique(_ h: inout HTMLBuffer) {
        // Title and description written straight into the page, escaped as they go.
        func phrase(_ h: inout HTMLBuffer, _ ps: [Point], _ textes: [String]) {
            for k in ps.indices {
                if k > 0 { h.raw(", ") }
                h.text(textes[k])
                h.raw(" en ")
                h.int(ps[k].annee)
            }
        }
        Charts.indicateur(&h, id: "Graphique-" + ancre, unite: unite ?? "", reference: reference,
                          cibles: cibles, resultats: resultats,
                          titre: { h in
                              h.text(libelle)
                              if let unite {
                                  if unite == "%" { h.raw(" (en %)") } else { h.raw(" (en "); h.text(unite); h.raw(")") }
                              }
                              h.raw(" : cibles et résultats")
                          },
                          description: { h in
                              if let ref = reference, let t = referenceTexte {
                                  h.raw("Référence : "); h.text(t); h.raw(" en "); h.int(ref.annee); h.raw(". ")
                              }
                              if !cibles.isEmpty { h.raw("Cibles : "); phrase(&h, cibles, ciblesTexte); h.raw(". ") }
                              if resultats.isEmpty { h.raw("Aucun résultat.") } else { h.raw("Résultats : "); phrase(&h, resultats, resultatsTexte); h.raw(".") }
                          })
    }

    /// The values year by year (`tableauAnnees`); nothing when there is none.
    func tableauAnnees(_ h: inout HTMLBuffer) {
        guard !annees.isEmpty else { return }
        h.raw("<table class=\"tableau tableau-annees\">\n<caption id=\"")
        h.html(captionId)
        h.raw("\"><span class=\"legende-tableau\">")
        h.text(libelle)
        h.raw(" : valeurs par année</span></caption>\n<thead><tr><th scope=\"col\">Année</th><th scope=\"col\" class=\"num\">Référence</th><th scope=\"col\" class=\"num\">Cible</th><th scope=\"col\" class=\"num\">Résultat</th></tr></thead>\n<tbody>\n")
        for a in annees {
            h.raw("<tr><th scope=\"row\">")
            h.int(a.annee)
            h.raw("</th>")
            cellule(&h, a.reference)
            cellule(&h, a.cible)
            cellule(&h, a.resultat)
            h.raw("</tr>\n")
        }
        h.raw("</tbody>\n</table>")
    }

    private func cellule(_ h: inout HTMLBuffer, _ v: String?) {
        if let v { h.raw("<td>"); h.text(v); h.raw("</td>") } else { h.html(Fragment.celluleVide) }
    }

    /// The block of the indicator, as the built-in `partials/indicateur` writes it.
    func section(_ h: inout HTMLBuffer, frame: PageFrame) {
        // No accessible name: indicator titles may repeat within a convention, and named
        // sections are landmarks whose names must be unique (RGAA 12.6, axe landmark-unique).
        h.raw("<section class=\"indicateur\">\n<h4 id=\"")
        h.html(ancre)
        h.raw("\">")
        h.text(libelle)
        h.raw("</h4>\n")
        entete(&h)
        h.raw("\n")
        if !constats.isEmpty { frame.constatsHTML(constats, &h) }
        h.raw("<div class=\"indicateur-donnees\">\n")
        if hasGraphique {
            h.raw("<figure class=\"figure-graphique\">\n")
            graphique(&h)
            h.raw("\n")
            h.html(Fragment.legendeGraphique)
            h.raw("\n</figure>\n")
        }
        tableauAnnees(&h)
        h.raw("\n</div>\n</section>\n")
    }

    /// The raw values, for a project's own `partials/indicateur`.
    func context(frame: PageFrame) -> Ctx {
        ctx([
            "ancre": ancre,
            "libelle": libelle,
            "entete": LazyHTML { var h = HTMLBuffer(capacity: 512); entete(&h); return h.out },
            "unite": unite,
            "sens": sens,
            "source": source,
            "objectif": objectif,
            "etat": Etiquette.etat(etat),
            "taux": taux,
            "graphique": hasGraphique ? LazyHTML { var h = HTMLBuffer(capacity: 2048); graphique(&h); return h.out } : nil,
            "captionId": captionId,
            "annees": annees.isEmpty ? nil : ["items": annees.map { a in
                ctx(["annee": String(a.annee), "reference": a.reference, "cible": a.cible, "resultat": a.resultat])
            }] as Ctx,
            "tableauAnnees": annees.isEmpty ? nil : LazyHTML { var h = HTMLBuffer(capacity: 2048); tableauAnnees(&h); return h.out },
            "constats": frame.constats(constats),
        ])
    }
}
