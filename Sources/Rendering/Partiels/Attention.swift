import Model
import Reports

/// « Points d'attention » (`partials/attention`): what needs attention first, each point
/// linked to its place, « rien à signaler » said plainly. At the top of every dashboard and
/// dossier, and of each département's page for its conventions in force.
struct AttentionVue: Vue {
    var titre: String
    /// Nothing to point at: what was looked for.
    var rien: String?
    var indicateurs: Liste<Indicateur>
    var actions: Liste<Action>
    /// `--revue`: the convention's findings, counted; linked to their list.
    var constats: String?

    struct Indicateur: Vue {
        /// On a département's page: the convention it belongs to.
        var conventionTitre: String?
        var libelle: String
        var url: String
        var etat: EtatVue
        var taux: String?
    }

    struct Action: Vue {
        var conventionTitre: String?
        var libelle: String
        var url: String
        var echeance: String
        var echeanceIso: String
        var etat: EtatVue?
    }
}

extension SiteMap {
    /// The points of attention of the entries `indices`, seen from `frame`; `surLaPage`:
    /// their blocks are on this page (a dashboard, a dossier), linked by anchor alone.
    func attention(_ indices: [Int], frame: PageFrame, titre: String, surLaPage: Bool, constats: String? = nil) -> AttentionVue {
        var indicateurs: [AttentionVue.Indicateur] = [], actions: [AttentionVue.Action] = []
        for i in indices {
            let e = entries[i]
            let points = Reports.pointsAttention(e.convention, resume: e.resume, date: date)
            guard !points.isEmpty else { continue }
            let anchors = self.anchors(of: i)
            let nom = surLaPage ? nil : e.titre
            func url(_ ancre: String) -> String { surLaPage ? "#" + ancre : frame.url(e.path, ancre: ancre) }
            let axes = e.convention.axes?.value ?? []
            for p in points.indicateurs {
                let ind = axes[p.axe].objectifs!.value[p.objectif].indicateurs!.value[p.indicateur]
                indicateurs.append(.init(conventionTitre: nom, libelle: ind.libelle?.value ?? ind.id.value,
                                         url: url(anchors.indicateurs[p.axe][p.objectif][p.indicateur]),
                                         etat: EtatVue.of(p.etat), taux: publication.taux(p.taux, de: ind, date: date)))
            }
            for p in points.actions {
                let a = axes[p.axe].objectifs!.value[p.objectif].actions!.value[p.action]
                guard let d = a.echeance?.value else { continue }
                actions.append(.init(conventionTitre: nom, libelle: a.libelle?.value ?? a.id.value,
                                     url: url(anchors.actions[p.axe][p.objectif][p.action]),
                                     echeance: Format.date(d), echeanceIso: d.iso, etat: a.etat.map { EtatVue.of($0.value) }))
            }
        }
        var rien: String? = nil
        if indicateurs.isEmpty && actions.isEmpty && constats == nil {
            rien = "aucun indicateur en retard ou non atteint, aucune action à échéance dépassée"
                + (options.revue && surLaPage ? ", aucun constat du contrôle" : "")
        }
        return AttentionVue(titre: titre, rien: rien, indicateurs: Liste(indicateurs), actions: Liste(actions), constats: constats)
    }
}
