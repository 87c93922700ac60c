import Model
import Reports

/// One indicator of a dashboard (`partials/indicateur`): its state, its facts, its chart and
/// its values year by year, formatted once. The same on the dashboard and the dossier.
struct IndicateurVue: Vue {
    var ancre: String
    var libelle: String
    var etat: EtatVue
    var taux: String?
    var objectif: String?
    var unite: String?
    var sens: String?
    var source: String?
    var constats: Liste<ConstatVue>
    /// The chart of targets and results; nil without any value.
    var graphique: Graphique?
    /// What the chart draws, so that its legend names only that.
    var legende: Legende
    /// The chart's vertical scale in words (« L'axe vertical va de 850 à 1 000 places… »).
    var echelle: String?
    /// Said under the chart when withheld values (secret statistique) are left out of it.
    var noteSecret: String?
    var captionId: String
    /// Year by year: every year that has a reference, a target or a result.
    var annees: Liste<Annee>
    /// In the dossier: where its chart and its values year by year are (its section of the
    /// dashboard), shown instead of them (`resume(enLigne:)`).
    var detailEnLigne: LienAncre? = nil
    // No memo: the dashboard and the dossier write it differently, so neither page could
    // take the other's bytes, and keeping them was a copy of every block for nothing.

    struct Legende: Vue {
        var reference: Bool
        var cibles: Bool
        var resultats: Bool
    }

    struct Annee: Vue {
        var annee: Int
        var reference: String?
        var cible: String?
        var resultat: String?
    }

    /// `known`: its rate and state from the convention's summary; `publication`: how its
    /// withheld values read (secret statistique).
    init(_ ind: Indicateur, ancre: String, objectif: String?, date: Day, constats: Liste<ConstatVue>, known: IndicateurEtat?,
         publication: Publication) {
        let r = Reports.resume(ind, date: date, known: known)
        let unite = ind.unite?.value
        let effectif = SecretStatistique.compteDesPersonnes(ind)
        self.ancre = ancre
        libelle = ind.libelle?.value ?? ind.id.value
        etat = EtatVue.of(r.etat)
        taux = publication.taux(r.taux, reference: r.reference, dernier: r.dernierResultat, effectif: effectif)
        self.objectif = objectif
        self.unite = unite
        sens = ind.sens?.value == .baisse ? "à la baisse (une valeur plus basse est un progrès)" : nil
        source = ind.source?.value
        self.constats = constats
        captionId = "Annees-" + ancre
        let cibles = ind.cibles?.value ?? []
        let resultats = ind.resultats?.value ?? []
        // Targets are policy: always published. References and results that count a few
        // people read « < 5 » in the table and are not drawn.
        let referenceTexte = r.reference.map { publication.valeur($0, effectif: effectif, unite: unite) }
        let ciblesTexte = cibles.map { Format.valeur($0.valeur, unite: unite) }
        let resultatsTexte = resultats.map { publication.valeur($0, effectif: effectif, unite: unite) }
        // Every year that has a reference, a target or a result; the last value of a year
        // wins when a year is written twice.
        // Arrays sized once: each indicator of each page makes them, and growing a small
        // array from empty reallocates it at 1, 2 and 4 elements.
        var years: [Int] = []
        years.reserveCapacity(cibles.count + resultats.count + 1)
        for p in cibles { years.append(p.annee) }
        for p in resultats { years.append(p.annee) }
        if let ref = r.reference { years.append(ref.annee) }
        years.sort()
        var annees: [Annee] = []
        annees.reserveCapacity(years.count)
        for y in years where annees.last?.annee != y {
            annees.append(Annee(annee: y,
                                reference: r.reference?.annee == y ? referenceTexte : nil,
                                cible: cibles.lastIndex { $0.annee == y }.map { ciblesTexte[$0] },
                                resultat: resultats.lastIndex { $0.annee == y }.map { resultatsTexte[$0] }))
        }
        self.annees = Liste(annees)
        // What the chart draws: the published values only.
        let reference = publication.retient(r.reference, effectif) ? nil : r.reference
        var traces: [Point] = [], tracesTexte: [String] = []
        traces.reserveCapacity(resultats.count)
        tracesTexte.reserveCapacity(resultats.count)
        for k in resultats.indices where !publication.retient(resultats[k], effectif) {
            traces.append(resultats[k])
            tracesTexte.append(resultatsTexte[k])
        }
        noteSecret = reference == nil && r.reference != nil || traces.count < resultats.count ? publication.noteGraphique : nil
        legende = Legende(reference: reference != nil, cibles: !cibles.isEmpty, resultats: !traces.isEmpty)
        let cadre = CadreGraphique(reference: reference, cibles: cibles, resultats: traces)
        echelle = cadre?.echelle(unite: unite)
        graphique = cadre.map {
            Graphique(id: "Graphique-" + ancre, libelle: libelle, unite: unite, cadre: $0, reference: reference, referenceTexte: referenceTexte,
                      cibles: cibles, ciblesTexte: ciblesTexte, resultats: traces, resultatsTexte: tracesTexte)
        }
    }
}

extension IndicateurVue {
    /// The indicator as the dossier shows it: its state, its facts and its findings, the
    /// chart and the values year by year left to the dashboard (`detail`, its section there).
    /// The board reads every indicator's figures in the axe's objectifs-résultats table; the
    /// dossier is the briefing, the dashboard the reference. A dossier that repeated each chart
    /// was up to a third longer on paper, and its copies were 42 % of a large site's bytes.
    func resume(enLigne detail: LienAncre) -> IndicateurVue {
        var v = self
        v.graphique = nil
        v.echelle = nil
        v.noteSecret = nil
        v.annees = Liste()
        v.detailEnLigne = detail
        return v
    }
}

/// The chart of an indicator's targets and results, with its text alternative: an inline SVG
/// drawn by `Charts` when the page is written.
struct Graphique: Ecrit {
    let id: String
    let libelle: String
    let unite: String?
    let cadre: CadreGraphique
    let reference: Point?
    let referenceTexte: String?
    let cibles: [Point]
    let ciblesTexte: [String]
    let resultats: [Point]
    let resultatsTexte: [String]

    func ecrire(_ h: inout HTMLBuffer) {
        // Title and description written straight into the page, escaped as they go.
        func phrase(_ h: inout HTMLBuffer, _ ps: [Point], _ textes: [String]) {
            for k in ps.indices {
                if k > 0 { h.raw(", ") }
                h.text(textes[k])
                h.raw(" en ")
                h.int(ps[k].annee)
            }
        }
        Charts.indicateur(&h, id: id, unite: unite ?? "", cadre: cadre, reference: reference, cibles: cibles, resultats: resultats,
                          titre: { h in
                              h.text(libelle)
                              if let unite {
                                  if unite == "%" { h.raw(" (en %)") } else { h.raw(" (en "); h.text(unite); h.raw(")") }
                              }
                              h.raw("\u{00A0}: cibles et résultats")
                          },
                          description: { h in
                              if let ref = reference, let t = referenceTexte {
                                  h.raw("Référence\u{00A0}: "); h.text(t); h.raw(" en "); h.int(ref.annee); h.raw(". ")
                              }
                              if !cibles.isEmpty { h.raw("Cibles\u{00A0}: "); phrase(&h, cibles, ciblesTexte); h.raw(". ") }
                              if resultats.isEmpty { h.raw("Aucun résultat.") } else { h.raw("Résultats\u{00A0}: "); phrase(&h, resultats, resultatsTexte); h.raw(".") }
                          })
    }
}
