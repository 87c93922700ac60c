/// What the layout (`layout.mustache`, with `partials/entete`, `fil-ariane` and `pied`)
/// shows around every page: the lowest view of every page's context (`ContextePage`).
struct LayoutVue: Vue {
    var racine: String
    var titrePage: String
    var site: SiteVue
    var nav: [NavItem]
    var urlAccueil: String
    var urlStyle: String
    var urlAccessibilite: String
    var urlConventionsJson: String
    var urlIndicateursCsv: String
    var urlCouvertureCsv: String
    var urlControle: String?
    var revue: Bool
    /// Empty on the home page, which has no breadcrumb.
    var filAriane: Liste<FilItem>
    /// Printed pages carry the title and the reference date in their margin (CSS paged media).
    var styleImpression: String?

    struct SiteVue: Vue {
        var titre: String
        var caf: String
        /// « la Caf du Nord », after a verb or a preposition (« publié par la Caf du Nord »).
        var cafArticle: String
        /// « La Caf du Nord », at the start of a sentence.
        var cafSujet: String
        var dateReference: String
        var dateReferenceIso: String
    }

    struct NavItem: Vue {
        var libelle: String
        var url: String
        var courant: Bool
    }

    struct FilItem: Vue {
        var libelle: String
        var url: String?
    }
}
