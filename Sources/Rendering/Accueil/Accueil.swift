/// The home page (`accueil.mustache`): the totals, the conventions by département, the fields.
struct AccueilVue: PageVue {
    static let gabarit = "accueil"
    var accueil: Contenu

    struct Contenu: Vue {
        var totaux: TotauxVue
        var aucune: Bool
        var departements: Liste<Departement>
        var champs: Liste<Champ>
    }

    struct Departement: Vue {
        var libelle: String
        var url: String
        var nombre: String
        var phases: [GroupePhase]
    }

    struct Champ: Vue {
        var libelle: String
        var url: String
        var axes: String
        var conventions: String
    }
}

extension SiteMap {
    func accueilVue() -> (LayoutVue, AccueilVue) {
        let frame = PageFrame(map: self, path: SitePath.accueil)
        let layout = frame.layoutVue(titre: "Accueil", filAriane: [])
        return (layout, AccueilVue(accueil: .init(
            totaux: totaux(Array(entries.indices), idPrefix: "Totaux"),
            aucune: entries.isEmpty,
            departements: Liste(departements.enumerated().map { k, d in
                .init(libelle: d.libelle, url: frame.url(d.path), nombre: Format.pluriel(d.conventions.count, "convention"),
                      phases: parPhase(d.conventions, frame: frame, idPrefix: "Dep\(k)", lieu: d.libelle))
            }),
            champs: Liste(champs.map { ch in
                .init(libelle: ch.libelle, url: frame.url(ch.path), axes: Format.pluriel(ch.axes.count, "axe"),
                      conventions: Format.pluriel(Set(ch.axes.map(\.entry)).union(ch.sansAxe).count, "convention"))
            }))))
    }
}
