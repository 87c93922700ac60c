import Model

/// The findings report (`--revue`, `controle.mustache`): every finding, grouped by
/// convention, with links to the blocks at fault.
struct ControleVue: PageVue {
    static let gabarit = "controle"
    var controle: Contenu

    struct Contenu: Vue {
        var erreurs: String
        var avertissements: String
        var aucun: Bool
        var groupes: Liste<Groupe>
    }

    /// The findings of one convention, or of the other files.
    struct Groupe: Vue {
        var titre: String
        var url: String?
        var fichier: String?
        var captionId: String
        var bilan: String
        var items: [ConstatVue]
    }
}

extension SiteMap {
    func controleVue() -> (LayoutVue, ControleVue) {
        let frame = PageFrame(map: self, path: SitePath.controle)
        let layout = frame.layoutVue(titre: "Rapport de contrôle", filAriane: [("Accueil", frame.url(SitePath.accueil)), ("Rapport de contrôle", nil)])
        func bilan(_ fs: [Finding]) -> String {
            Format.pluriel(fs.count { $0.severity == .error }, "erreur") + ", " + Format.pluriel(fs.count { $0.severity == .warning }, "avertissement")
        }
        var groupes: [ControleVue.Groupe] = []
        var placed: Set<Finding> = []
        for (i, e) in entries.enumerated() {
            guard let fs = constatsParEntree[i], !fs.isEmpty else { continue }
            let placement = PlacementConstats(entry: e, constats: fs, anchors: anchors(of: i))
            placed.formUnion(fs)
            groupes.append(.init(
                titre: e.titre, url: frame.url(e.path), fichier: e.convention.file,
                captionId: "Constats-\(e.slug)", bilan: bilan(fs),
                items: fs.map { f in
                    let page = e.convention.annexes.firstIndex { $0.file == f.location.file }.map { e.annexPath($0) } ?? e.path
                    if page != e.path { return frame.constatVue(f, url: frame.url(page)) }
                    return frame.constatVue(f, url: placement.ancre(of: f).map { frame.url(page, ancre: $0) })
                }))
        }
        let others = constats.filter { !placed.contains($0) }
        if !others.isEmpty {
            groupes.append(.init(
                titre: "Autres fichiers", url: nil, fichier: nil, captionId: "Constats-autres", bilan: bilan(others),
                items: others.map { f in
                    frame.constatVue(f, url: pages.first(where: { $0.page.file == f.location.file }).map { frame.url($0.path) })
                }))
        }
        return (layout, ControleVue(controle: .init(
            erreurs: Format.pluriel(constats.count { $0.severity == .error }, "erreur"),
            avertissements: Format.pluriel(constats.count { $0.severity == .warning }, "avertissement"),
            aucun: constats.isEmpty,
            groupes: Liste(groupes))))
    }
}
