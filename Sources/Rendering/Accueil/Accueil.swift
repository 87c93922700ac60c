/// The home page (`accueil.mustache`): the totals, the conventions by département, the fields.
struct AccueilVue: PageVue {
    static let gabarit = "accueil"
    var accueil: Contenu

    struct Contenu: Vue {
        /// `--depuis`: « 18 changements depuis le … — voir ce qui a changé ».
        var evolutions: Optionnel<LienEvolutions>
        var totaux: TotauxVue
        var aucune: Bool
        var couverture: Optionnel<Couverture>
        var departements: Liste<Departement>
        var champs: Liste<Champ>
    }

    struct Departement: Vue {
        var libelle: String
        var url: String
        var nombre: String
        var phases: [GroupePhase]
    }

    /// The coverage of the population (FORMAT.md §4): each département's, and the whole site's.
    struct Couverture: Vue {
        var taux: String?
        /// « des départements du site », « du département »
        var perimetre: String
        var communes: String
        var population: String
        var lignes: [LigneCouverture]
        /// The whole site's row, when the site has more than one département.
        var total: Optionnel<LigneCouverture>

        struct LigneCouverture: Vue {
            var libelle: String
            var url: String
            var taux: String
            var communes: String
            var population: String
        }
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
            evolutions: Optionnel(lienEvolutions(frame)),
            totaux: totaux(Array(entries.indices), idPrefix: "Totaux"),
            aucune: entries.isEmpty,
            couverture: Optionnel(couvertureAccueil(frame)),
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

extension SiteMap {
    /// The home page's coverage: nil when no département of the site is in the referential.
    func couvertureAccueil(_ frame: PageFrame) -> AccueilVue.Couverture? {
        func ligne(_ libelle: String, _ url: String, _ c: ChiffresCouverture) -> AccueilVue.Couverture.LigneCouverture {
            .init(libelle: libelle, url: url, taux: c.taux.map { Format.pourcentage($0) } ?? "non connue",
                  communes: "\(Format.entier(c.communesCouvertes)) sur \(Format.entier(c.communes))",
                  population: "\(Format.entier(c.populationCouverte)) sur \(Format.entier(c.population))")
        }
        let lignes = departements.indices.compactMap { k in
            couvertures[k].map { ligne(departements[k].libelle, frame.url(departements[k].path) + "#Couverture", $0.chiffres) }
        }
        guard !lignes.isEmpty else { return nil }
        let site = couvertureSite
        return .init(taux: site.taux.map { Format.pourcentage($0) }, perimetre: lignes.count > 1 ? "des départements du site" : "du département",
                     communes: site.communesTexte, population: site.populationTexte, lignes: lignes,
                     total: Optionnel(lignes.count > 1 ? ligne("Ensemble du site", "", site) : nil))
    }
}
