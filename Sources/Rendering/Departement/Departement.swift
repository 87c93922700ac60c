import Reports
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
        /// The services funded by the bonus territoire of its conventions in force.
        var bonus: Optionnel<BonusVue>
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
            bonus: Optionnel(bonusVue(d.conventions, frame: frame)),
            phases: parPhase(d.conventions, frame: frame, idPrefix: "Conventions", lieu: d.libelle))))
    }
}

extension SiteMap {
    /// The bonus territoire of the conventions in force among `conventions` (entry indices):
    /// what the Caf pays today on the département's territory; nil when none has one.
    func bonusVue(_ conventions: [Int], frame: PageFrame) -> BonusVue? {
        let enCours = conventions.filter { entries[$0].resume.phase == .enCours }
        let lignes = enCours.flatMap { i in
            BonusVue.lignes(entries[i].convention, lien: Lien(libelle: entries[i].titre, url: frame.url(entries[i].path)))
        }
        guard !lignes.isEmpty else { return nil }
        let totaux = BonusVue.somme(enCours.map { Reports.totauxBonus(entries[$0].convention) })
        return BonusVue(captionId: "Tableau-bonus", legende: "Équipements financés par le bonus territoire des conventions en cours au \(Format.date(date))",
                        avecConvention: true, lignes: lignes, totaux: BonusVue.totaux(totaux), constats: Liste(), vide: false)
    }
}
