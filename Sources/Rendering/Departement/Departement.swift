/// The page of a département (`departement.mustache`): its totals, then its conventions by phase.
struct DepartementVue: PageVue {
    static let gabarit = "departement"
    var departement: Contenu

    struct Contenu: Vue {
        var libelle: String
        var totaux: TotauxVue
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
            totaux: totaux(d.conventions, idPrefix: "Totaux"),
            phases: parPhase(d.conventions, frame: frame, idPrefix: "Conventions", lieu: d.libelle))))
    }
}
