import Model

/// The board's dossier (`dossier.mustache`, at `territoires/ID/dossier/index.html`): the
/// convention as a board reads it on paper. A cover with its table of contents, then what
/// needs attention and the key figures, then the priorities and the narrative, then the
/// tables, then every annex in full. The blocks are the dashboard's own partials
/// (`partials/bloc-*`), in that order; the web-only ones (open data, the link to this page)
/// are left out, and each indicator's chart and values year by year are left to the
/// dashboard (`IndicateurVue.resume(enLigne:)`).
struct DossierPageVue: PageVue {
    static let gabarit = "dossier"
    var couverture: Couverture
    /// The table of contents, printed: the sections in the order of the dossier.
    var sommaire: SommaireVue
    var attention: AttentionVue
    /// `--depuis`: the dashboard's « Depuis le … » (its links are anchors of this page too).
    var changementsDepuis: Optionnel<DepuisVue>
    var revueConvention: DashboardVue.RevueConvention?
    /// The axes and their objectifs, in a few lines: what the convention sets out to do.
    var priorites: Liste<Priorite>
    var convention: ConventionVue
    var annexes: Liste<AnnexeDossier>

    struct Couverture: Vue {
        var titre: String
        var phase: PhaseVue
        var territoire: String?
        var periode: String?
        var signature: String?
        /// « séance du 12 juillet 2016 », when `site.yml` gives `seance:`.
        var seance: String?
        var seanceIso: String?
        var date: String
        var urlTableauDeBord: String
        /// The dashboard's absolute address, printed (when `site.url` is set).
        var adresseEnLigne: String?
    }

    struct Priorite: Vue {
        var numero: Int
        var titre: String
        var ancre: String
        var objectifs: Liste<String>
    }

    /// An annex in full, at the end of the dossier.
    struct AnnexeDossier: Vue {
        var titre: String
        var ancre: String
        var contenu: HTML
    }
}

extension SiteMap {
    func dossierVue(entry i: Int, shared: DashboardShared = DashboardShared()) -> (layout: LayoutVue, page: DossierPageVue) {
        let e = entries[i]
        let dashboard = DashboardBuilder(map: self, index: i, path: e.dossierPath, shared: shared).vue().page
        let frame = PageFrame(map: self, path: e.dossierPath)
        var conv = dashboard.convention
        // Each indicator in a few lines, its chart and values a link to the dashboard's section.
        if var axes = conv.axes {
            let base = frame.url(e.path) + "#"
            for k in axes.items.indices {
                axes.items[k].indicateurs.items = axes.items[k].indicateurs.items.map { $0.resume(enLigne: LienAncre(base: base, ancre: $0.ancre)) }
            }
            conv.axes = axes
        }
        let plan = e.convention.axes?.value ?? []
        let priorites = (conv.axes?.items ?? []).enumerated().map { k, a in
            DossierPageVue.Priorite(numero: a.numero, titre: a.titre, ancre: a.ancre,
                                    objectifs: Liste(k < plan.count ? (plan[k].objectifs?.value ?? []).compactMap { $0.libelle?.value } : []))
        }
        let annexes = e.convention.annexes.indices.map { k in
            let a = e.convention.annexes[k]
            let ancre = "Annexe-" + e.annexSlugs[k]
            return DossierPageVue.AnnexeDossier(
                titre: a.titre, ancre: ancre,
                contenu: HTML(Self.nested(html(ofRendered: shared.annexe(k, of: e.convention, in: self), source: a.file, page: e.dossierPath), prefix: ancre)))
        }
        let seance = project.site.seance
        let depuis = depuisVue(entry: i, frame: frame)
        var sommaire = Self.sommaireDossier(conv, priorites: !priorites.isEmpty, annexes: annexes)
        if let depuis { sommaire.insert(.init(ancre: "Depuis", libelle: depuis.titre), at: 1) }
        let page = DossierPageVue(
            couverture: .init(
                titre: e.titre, phase: conv.phase,
                territoire: conv.territoire.flatMap { t in t.nom.map { n in t.type.map { "\(n) (\($0))" } ?? n } },
                periode: conv.periode?.texte, signature: conv.signature,
                seance: seance.map { "séance du \(Format.date($0))" }, seanceIso: seance?.iso,
                date: Format.date(date), urlTableauDeBord: frame.url(e.path), adresseEnLigne: adresseEnLigne(e.path)),
            sommaire: SommaireVue(titre: "Sommaire", imprime: true, items: sommaire),
            attention: dashboard.attention,
            changementsDepuis: Optionnel(depuis),
            revueConvention: dashboard.revueConvention,
            priorites: Liste(priorites),
            convention: conv,
            annexes: Liste(annexes))
        return (dossierLayout(entry: i), page)
    }

    /// The dossier's table of contents, in its reading order.
    static func sommaireDossier(_ conv: ConventionVue, priorites: Bool, annexes: [DossierPageVue.AnnexeDossier]) -> [SommaireVue.Item] {
        var out: [(String, String)] = [("Attention", "Points d'attention"), ("Chiffres", "Chiffres clés")]
        if priorites { out.append(("Priorites", "Priorités")) }
        if conv.recit != nil { out.append(("Presentation", "Présentation")) }
        if conv.diagnostic != nil { out.append(("Diagnostic", "Diagnostic partagé")) }
        if conv.axes != nil { out.append(("Plan", "Objectifs, résultats et actions")) }
        if conv.moyens != nil { out.append(("Moyens", "Moyens de la Caf")) }
        if conv.bonus != nil { out.append(("Bonus", "Bonus territoire")) }
        out.append(("Identite", "Identité"))
        out.append(("Calendrier", "Calendrier"))
        if conv.articulation != nil { out.append(("Articulation", "Champs, schémas et contrats")) }
        if conv.gouvernance != nil { out.append(("Gouvernance", "Gouvernance")) }
        if conv.evaluation != nil { out.append(("Evaluation", "Évaluation")) }
        if conv.liens { out.append(("Liens", "Conventions liées et annexes")) }
        for a in annexes { out.append((a.ancre, "Annexe\u{00A0}: \(a.titre)")) }
        return out.map { .init(ancre: $0.0, libelle: $0.1) }
    }

    /// The layout of the dossier of entry `i`: its title, breadcrumb and printed header (the
    /// title alone on the left, short words on the right, so that neither wraps).
    func dossierLayout(entry i: Int) -> LayoutVue {
        let e = entries[i]
        let frame = PageFrame(map: self, path: e.dossierPath)
        var ariane = frame.filAriane(e, courant: false)
        ariane.append(("Dossier du conseil d'administration", nil))
        return frame.layoutVue(titre: "Dossier – \(e.titre)", filAriane: ariane,
                               impression: (e.titre, "Situation au \(Format.date(date))"))
    }

    /// An annex's HTML inside the dossier: headings one level down (the annex title is an
    /// `<h2>`), ids and in-page links prefixed so they cannot clash with the dashboard's.
    static func nested(_ html: String, prefix: String) -> String {
        var s = html
        for level in stride(from: 5, through: 2, by: -1) {
            s = s.replacingOccurrences(of: "<h\(level)", with: "<h\(level + 1)")
                .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 1)>")
        }
        return s.replacingOccurrences(of: " id=\"", with: " id=\"\(prefix)-")
            .replacingOccurrences(of: " href=\"#", with: " href=\"#\(prefix)-")
    }
}
