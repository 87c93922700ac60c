/// The accessibility statement (`accessibilite.mustache`).
struct AccessibiliteVue: PageVue {
    static let gabarit = "accessibilite"
    var accessibilite: Contenu

    struct Contenu: Vue {
        /// The day the statement was made: the site's reference date.
        var date: String
    }
}

extension SiteMap {
    func accessibiliteVue() -> (LayoutVue, AccessibiliteVue) {
        let frame = PageFrame(map: self, path: SitePath.accessibilite)
        let layout = frame.layoutVue(titre: "Déclaration d'accessibilité", filAriane: [("Accueil", frame.url(SitePath.accueil)), ("Accessibilité", nil)])
        return (layout, AccessibiliteVue(accessibilite: .init(date: Format.date(date))))
    }
}
