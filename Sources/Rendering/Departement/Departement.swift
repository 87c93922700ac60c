/// The page of a département (`departement.mustache`): its totals, then its conventions by phase.
struct DepartementVue: PageVue {
    static let gabarit = "departement"
    var departement: Contenu

    struct Contenu: Vue {
        var libelle: String
        /// The points of attention of its conventions in force.
        var attention: AttentionVue
        var totaux: TotauxVue
        /// The population covered by local conventions in force, with its map and table.
        var couverture: Optionnel<CouvertureVue>
        var phases: [GroupePhase]
    }
}

extension SiteMap {
    func departementVue(_ k: Int) -> (LayoutVue, DepartementVue) {
        let d = departements[k]
        let frame = PageFrame(map: self, path: d.path)
        let layout = frame.layoutVue(titre: d.libelle, filAriane: [("Accueil", frame.url(SitePath.accueil)), (d.libelle, nil)])
        return (layout, DepartementVue(departement: .init(
            libelle: d.libelle,
            attention: attention(d.conventions.filter { entries[$0].resume.phase == .enCours }, frame: frame,
                                 titre: "Points d'attention des conventions en cours au \(Format.date(date))", surLaPage: false),
            totaux: totaux(d.conventions, idPrefix: "Totaux"),
            couverture: Optionnel(couvertures[k].map { couvertureVue($0, frame: frame) }),
            phases: parPhase(d.conventions, frame: frame, idPrefix: "Conventions", lieu: d.libelle))))
    }
}
