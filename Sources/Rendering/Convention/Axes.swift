import Foundation
import Model
import Reports

/// One axe of a dashboard (`partials/axe`): its objectifs-résultats table, its actions and
/// its indicators.
struct AxeVue: Vue {
    var ancre: String
    var numero: Int
    var titre: String
    /// Its field, linked to the field's page when there is one.
    var champ: ArticulationVue.Champ?
    var constats: Liste<ConstatVue>
    var tableau: ObjectifsTableVue
    var actions: ActionsVue?
    var constatsActions: Liste<ConstatVue>
    var indicateurs: Liste<IndicateurVue>
}

/// The actions of one axe (`partials/actions`), grouped by objectif.
struct ActionsVue: Vue {
    var captionId: String
    /// The axe's number (its caption says it).
    var numero: Int
    var groupes: [Groupe]
    /// The sum of its actions' budgets; nil when none has one.
    var budgetTotal: String?
    /// Its block, written once for the dashboard and its dossier.
    let memo: Memo = Memo()

    struct Groupe: Vue {
        var objectif: String
        var rowspan: String
        /// More than one row: the objectif's cell spans them.
        var fusionne: Bool
        var lignes: [Ligne]
    }

    /// One action; a group without action has one row, `sansAction`.
    struct Ligne: Vue {
        var premiere: Bool
        var sansAction: Bool
        var ancre: String
        var libelle: String
        var pilote: String?
        var partenaires: Liste<String>
        var echeance: String?
        var echeanceIso: String?
        /// Past its deadline at the reference date and neither done nor dropped.
        var depassee: Bool
        var etat: EtatVue?
        var budget: String?
        /// `--depuis`: the marks of its échéance, état and budget cells when they changed.
        var modifEcheance: MarqueVue? = nil
        var modifEtat: MarqueVue? = nil
        var modifBudget: MarqueVue? = nil
    }
}

/// The objectifs-résultats table of one axe (§ 2e partie 3, `partials/objectifs-resultats`):
/// one row per indicator, grouped by objectif. The dashboard's rows link to the indicators
/// on the page; a field page's link to the dashboard.
struct ObjectifsTableVue: Vue {
    var captionId: String
    /// Id of an element that names the table's scrolling region together with its caption,
    /// where captions repeat on one page (a field's page lists the axes of many conventions).
    var regionLabel: String?
    var caption: String
    var groupes: [Groupe]
    var vide: Bool
    /// On a dashboard, its block written once for the dashboard and its dossier; nil on a
    /// field's page, which is the only one to show it.
    let memo: Memo?

    struct Groupe: Vue {
        var objectif: Objectif
        var rowspan: String
        var fusionne: Bool
        var lignes: [Ligne]
    }

    struct Objectif: Vue {
        var libelle: String
        var ancre: String?
        var url: String?
    }

    /// One indicator; a group without indicator has one row, `sansIndicateur`.
    struct Ligne: Vue {
        var premiere: Bool
        var sansIndicateur: Bool
        var indicateur: Indicateur?
        var reference: ValeurAnnee?
        var cible: ValeurAnnee?
        var dernier: ValeurAnnee?
        var taux: String?
        var etat: EtatVue?
        /// `--depuis`: the marks of its reference, target, result and état cells when they changed.
        var modifReference: MarqueVue? = nil
        var modifCible: MarqueVue? = nil
        var modifDernier: MarqueVue? = nil
        var modifEtat: MarqueVue? = nil
    }

    struct Indicateur: Vue {
        var libelle: String
        var unite: String?
        var url: LienAncre
    }

    /// The table of axe `k` of `entry`, its rows linking to `base` (`#` on the dashboard, the
    /// dashboard's URL and `#` elsewhere) followed by each indicator's anchor; objectifs get
    /// their anchor on the dashboard (`onPage`), a link to it elsewhere; the cells that
    /// changed since ANCIEN carry the `marques` (`--depuis`, on dashboards and dossiers).
    init(axe: Axe, numero: Int, captionId: String, regionLabel: String? = nil, entry: ConventionEntry,
         anchors: DashboardBuilder.Anchors, base: String, onPage: Bool, date: Day, publication: Publication, marques: MarquesConvention? = nil) {
        let k = numero - 1
        let objectifs = axe.objectifs?.value ?? []
        var groupes: [Groupe] = []
        groupes.reserveCapacity(objectifs.count)
        for j in objectifs.indices {
            let oAncre = anchors.objectifs[k][j]
            let inds = objectifs[j].indicateurs?.value ?? []
            var lignes: [Ligne] = inds.indices.map { i in
                let ind = inds[i]
                let r = Reports.resume(ind, date: date, known: entry.resume.indicateur(axe: k, objectif: j, indicateur: i))
                let unite = ind.unite?.value
                let effectif = SecretStatistique.compteDesPersonnes(ind)
                func va(_ p: Point?) -> ValeurAnnee? { p.map { ValeurAnnee(valeur: publication.valeur($0, effectif: effectif, unite: unite), annee: $0.annee) } }
                var ligne = Ligne(premiere: i == 0, sansIndicateur: false,
                                  indicateur: Indicateur(libelle: ind.libelle?.value ?? ind.id.value, unite: unite, url: LienAncre(base: base, ancre: anchors.indicateurs[k][j][i])),
                                  reference: va(r.reference), cible: va(r.cibleFinale), dernier: va(r.dernierResultat),
                                  taux: publication.taux(r.taux, reference: r.reference, dernier: r.dernierResultat, effectif: effectif),
                                  etat: EtatVue.of(r.etat))
                if let marques {
                    let id = ind.id.value
                    ligne.modifReference = marques.reference(id)
                    ligne.modifCible = marques.cible(id, annee: r.cibleFinale?.annee)
                    ligne.modifDernier = marques.dernier(id, annee: r.dernierResultat?.annee)
                    ligne.modifEtat = marques.etat(id)
                }
                return ligne
            }
            if lignes.isEmpty { lignes = [Ligne(premiere: true, sansIndicateur: true)] }
            groupes.append(Groupe(
                objectif: Objectif(libelle: objectifs[j].libelle?.value ?? "Objectif \(j + 1)",
                                   ancre: onPage ? oAncre : nil, url: onPage ? nil : base + oAncre),
                rowspan: String(lignes.count), fusionne: lignes.count > 1, lignes: lignes))
        }
        self.captionId = captionId
        self.regionLabel = regionLabel
        caption = "Objectifs et résultats de l'axe \(numero)\u{00A0}: \(axe.titre?.value ?? "sans titre")"
        self.groupes = groupes
        vide = groupes.isEmpty
        memo = onPage ? Memo() : nil
    }
}

extension ObjectifsTableVue.Ligne {
    init(premiere: Bool, sansIndicateur: Bool) {
        self.init(premiere: premiere, sansIndicateur: sansIndicateur, indicateur: nil, reference: nil, cible: nil,
                  dernier: nil, taux: nil, etat: nil)
    }
}

/// A value in its unit, with its year.
struct ValeurAnnee: Vue {
    var valeur: String
    var annee: Int
}

/// A state's code, label, icon and badge (the word; the stylesheet draws the icon before it).
///
/// A class: the same few values are on every row of every page, and a copy of a class is one
/// retain where a copy of the struct was four.
final class EtatVue: Vue, Sendable {
    let code: String
    let libelle: String
    let icone: String
    let html: HTML

    static func of(_ e: EtatIndicateur) -> EtatVue { indicateurs[e.rang] }
    static func of(_ e: EtatAction) -> EtatVue { actions[EtatAction.allCases.firstIndex(of: e)!] }

    private init(code: String, libelle: String, icone: String) {
        self.code = code
        self.libelle = libelle
        self.icone = icone
        html = HTML("<span class=\"etat etat-\(code)\">\(escapeHTML(libelle))</span>")
    }

    /// Made once: the same few values are on every row of every page.
    private static let indicateurs: [EtatVue] = EtatIndicateur.allCases.map { e in
        let icone: String
        switch e {
        case .atteint: icone = "✔"
        case .enBonneVoie: icone = "↗"
        case .enRetard: icone = "↘"
        case .nonAtteint: icone = "✘"
        case .nonRenseigne: icone = "?"
        }
        return EtatVue(code: e.rawValue, libelle: e.libelle, icone: icone)
    }

    private static let actions: [EtatVue] = EtatAction.allCases.map { e in
        let icone: String
        switch e {
        case .prevue: icone = "○"
        case .enCours: icone = "◐"
        case .realisee: icone = "✔"
        case .abandonnee: icone = "✘"
        }
        return EtatVue(code: e.rawValue, libelle: e.libelle, icone: icone)
    }
}

extension DashboardBuilder {
    /// Axe `k` as its dashboard shows it, its indicators made once for both pages (`indicateurs`).
    func axe(_ k: Int, _ axe: Axe, anchors: Anchors, placement: PlacementConstats, indicateurs: [IndicateurVue], budget: Decimal?) -> AxeVue {
        let ancre = anchors.axes[k]
        let marques = map.marques(entry: index)
        let objectifs = axe.objectifs?.value ?? []
        var groupes: [ActionsVue.Groupe] = []
        for j in objectifs.indices {
            let acts = objectifs[j].actions?.value ?? []
            var lignes = acts.indices.map { x in action(acts[x], ancre: anchors.actions[k][j][x], premiere: x == 0, marques: marques) }
            if lignes.isEmpty {
                lignes = [ActionsVue.Ligne(premiere: true, sansAction: true, ancre: "", libelle: "", pilote: nil, partenaires: Liste(),
                                           echeance: nil, echeanceIso: nil, depassee: false, etat: nil, budget: nil)]
            }
            groupes.append(.init(objectif: objectifs[j].libelle?.value ?? "Objectif \(j + 1)", rowspan: String(lignes.count),
                                 fusionne: acts.count > 1, lignes: lignes))
        }
        return AxeVue(
            ancre: ancre,
            numero: k + 1,
            titre: axe.titre?.value ?? "Axe \(k + 1)",
            champ: axe.champ.map { ch in
                .init(libelle: map.project.site.libelleChamp(ch.value), url: map.champByCode[ch.value].map { frame.url(map.champs[$0].path) })
            },
            constats: frame.constatsVue(placement.at(.axe(k))),
            tableau: ObjectifsTableVue(axe: axe, numero: k + 1, captionId: "Tableau-" + ancre, entry: entry, anchors: anchors,
                                       base: "#", onPage: true, date: map.date, publication: map.publication, marques: marques),
            actions: groupes.isEmpty ? nil : ActionsVue(captionId: "Actions-" + ancre, numero: k + 1, groupes: groupes,
                                                        budgetTotal: budget.map(Format.euros)),
            constatsActions: frame.constatsVue(placement.at(.actions(k))),
            indicateurs: Liste(indicateurs))
    }

    /// One action of the actions table, its changed cells marked (`--depuis`).
    func action(_ a: Action, ancre: String, premiere: Bool, marques: MarquesConvention? = nil) -> ActionsVue.Ligne {
        var ligne = ActionsVue.Ligne(
            premiere: premiere,
            sansAction: false,
            ancre: ancre,
            libelle: a.libelle?.value ?? a.id.value,
            pilote: a.pilote?.value,
            partenaires: Liste((a.partenaires?.value ?? []).map(\.value)),
            echeance: a.echeance.map { Format.date($0.value) },
            echeanceIso: a.echeance?.value.iso,
            depassee: Reports.echeanceDepassee(a, date: map.date),
            etat: a.etat.map { EtatVue.of($0.value) },
            budget: a.budget.map { Format.euros($0.value) })
        if let marques {
            let id = a.id.value
            ligne.modifEcheance = marques.action(id, .echeanceModifiee, affiche: a.echeance != nil)
            ligne.modifEtat = marques.action(id, .actionEtatModifie, affiche: a.etat != nil)
            ligne.modifBudget = marques.action(id, .budgetModifie, affiche: a.budget != nil)
        }
        return ligne
    }
}
