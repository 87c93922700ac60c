/// A free page of `content/pages/` (`page.mustache`).
struct PageLibreVue: PageVue {
    static let gabarit = "page"
    var page: Contenu

    struct Contenu: Vue {
        var titre: String
        var contenu: HTML
        var constats: Liste<ConstatVue>
    }
}

/// An annex page of a convention: any other `.md` of its bundle (`annexe.mustache`).
struct AnnexeVue: PageVue {
    static let gabarit = "annexe"
    var annexe: Contenu

    struct Contenu: Vue {
        var titre: String
        var contenu: HTML
        var convention: Convention
        var constats: Liste<ConstatVue>
    }

    struct Convention: Vue {
        var titre: String
        var url: String
        var projet: Bool
    }
}

extension SiteMap {
    func pageLibreVue(_ k: Int) -> (LayoutVue, PageLibreVue) {
        let p = pages[k]
        let frame = PageFrame(map: self, path: p.path)
        let layout = frame.layoutVue(titre: p.page.titre, filAriane: [("Accueil", frame.url(SitePath.accueil)), (p.page.titre, nil)])
        return (layout, PageLibreVue(page: .init(
            titre: p.page.titre,
            contenu: HTML(html(of: p.page.document, body: p.page.body, source: p.page.file, page: p.path)),
            constats: frame.constatsVue(constatsParFichier[p.page.file] ?? []))))
    }

    func annexeVue(entry i: Int, annexe k: Int, shared: DashboardShared = DashboardShared()) -> (LayoutVue, AnnexeVue) {
        let e = entries[i]
        let a = e.convention.annexes[k]
        let path = e.annexPath(k)
        let frame = PageFrame(map: self, path: path)
        var ariane = frame.filAriane(e, courant: false)
        ariane.append((a.titre, nil))
        let layout = frame.layoutVue(titre: "\(a.titre) – \(e.titre)", filAriane: ariane,
                                     impression: (e.titre, "Situation au \(Format.date(date))"))
        return (layout, AnnexeVue(annexe: .init(
            titre: a.titre,
            contenu: HTML(html(ofRendered: shared.annexe(k, of: e.convention, in: self), source: a.file, page: path)),
            convention: .init(titre: e.titre, url: frame.url(e.path), projet: e.resume.phase == .projet),
            constats: frame.constatsVue(constatsParFichier[a.file] ?? []))))
    }
}
