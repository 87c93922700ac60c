import Model
import Reports

/// One axe of a dashboard: its objectifs-résultats table, its actions and its indicators.
///
/// Like `IndicateurVue`, the block is also the built-in `partials/axe` (with
/// `partials/objectifs-resultats` and `partials/actions`) written in Swift: used while the
/// project keeps all of them, and checked against the templates by a test.
struct AxeVue {
    let numero: Int
    let ancre: String
    let titre: String
    /// Its field: the label, and the output path of the field's page when there is one
    /// (the link depends on the page the axe is shown on).
    let champ: (libelle: String, path: String?)?
    let tableau: ObjectifsTable
    /// Per objectif: its label and the anchors of its actions (the actions stay in `axe`).
    let actions: [(objectif: String, ancres: [String])]
    let axe: Axe
    let actionsCorps: PageBytes
    let indicateurs: [IndicateurVue]
    /// The blocks of its indicators written beforehand with the dashboard's frame, when one
    /// of them shows findings (their links depend on the page): the board's dossier then gets
    /// the dashboard's bytes. Nil otherwise: the blocks are written where they go, not copied.
    let indicateursHTML: PageBytes?
    let constats: [Finding]
    let constatsActions: [Finding]

    /// `premier`: the index in the plan (`Convention.indicateursDuPlan`) of the axe's first indicator.
    init(_ k: Int, _ axe: Axe, builder b: DashboardBuilder, anchors: DashboardBuilder.Anchors, placement: FindingPlacement, premier: Int) {
        let map = b.map
        numero = k + 1
        ancre = anchors.axes[k]
        titre = axe.titre?.value ?? "Axe \(k + 1)"
        champ = axe.champ.map { ch in
            (map.project.site.libelleChamp(ch.value), map.champByCode[ch.value].map { map.champs[$0].path })
        }
        var vues: [IndicateurVue] = []
        var groupes: [ObjectifsTable.Groupe] = []
        var groups: [(objectif: String, ancres: [String])] = []
        var corps = HTMLBuffer(capacity: 4096)
        // By index: a for-in loop copies each objectif, indicator and action.
        let objectifs = axe.objectifs?.value ?? []
        let resume = b.entry.resume
        var n = premier
        for j in objectifs.indices {
            let objectif = objectifs[j].libelle?.value ?? "Objectif \(j + 1)"
            let inds = objectifs[j].indicateurs?.value ?? []
            let these = inds.indices.map { i in
                defer { n += 1 }
                return IndicateurVue(inds[i], ancre: anchors.indicateurs[k][j][i], objectif: objectifs[j].libelle?.value,
                                     date: map.date, constats: placement.at(.indicateur(k, j, i)), known: resume.indicateur(n))
            }
            vues += these
            groupes.append(ObjectifsTable.Groupe(libelle: objectif, ancre: anchors.objectifs[k][j], url: nil, lignes: these.map(\.ligne)))
            let acts = objectifs[j].actions?.value ?? []
            if j > 0 { corps.raw("\n") }
            corps.raw("<tbody>\n<tr>")
            ObjectifsTable.celluleObjectif(&corps, objectif, rowspan: acts.count, ancre: nil, url: nil)
            for x in acts.indices { b.actionRow(acts[x], ancre: anchors.actions[k][j][x], premiere: x == 0, html: &corps) }
            if acts.isEmpty { corps.raw("<td colspan=\"6\" class=\"manque\">Aucune action pour cet objectif.</td></tr>\n") }
            corps.raw("</tbody>")
            groups.append((objectif, anchors.actions[k][j]))
        }
        self.axe = axe
        tableau = ObjectifsTable(captionId: "Tableau-" + ancre, axe: axe, numero: k + 1, groupes: groupes)
        actions = groups
        actionsCorps = corps.take()
        indicateurs = vues
        if b.swift.indicateurs && vues.contains(where: { !$0.constats.isEmpty }) {
            var h = HTMLBuffer(capacity: 3500 * vues.count)
            Self.write(vues, &h, frame: b.frame)
            indicateursHTML = h.take()
        } else {
            indicateursHTML = nil
        }
        constats = placement.at(.axe(k))
        constatsActions = placement.at(.actions(k))
    }

    var captionActions: String { "Actions-" + ancre }

    /// The blocks of its indicators, without the last line break (see `indicateursHTML`).
    func writeIndicateurs(_ h: inout HTMLBuffer, frame: PageFrame) {
        if let indicateursHTML { h.append(indicateursHTML.buffer) } else { Self.write(indicateurs, &h, frame: frame) }
    }

    private static func write(_ vues: [IndicateurVue], _ h: inout HTMLBuffer, frame: PageFrame) {
        for v in vues { v.section(&h, frame: frame) }
        h.removeLast()
    }

    /// The block of the axe, as the built-in `partials/axe` writes it.
    func section(_ h: inout HTMLBuffer, frame: PageFrame) {
        h.raw("<section class=\"axe\" aria-labelledby=\""); h.html(ancre)
        h.raw("\">\n<h3 id=\""); h.html(ancre)
        h.raw("\"><span class=\"axe-numero\">Axe "); h.int(numero); h.raw("</span> "); h.text(titre); h.raw("</h3>\n")
        if let champ {
            h.raw("<p class=\"axe-champ\">Champ d'intervention : ")
            if let path = champ.path { h.raw("<a href=\""); h.text(frame.url(path)); h.raw("\">"); h.text(champ.libelle); h.raw("</a>") } else { h.text(champ.libelle) }
            h.raw("</p>\n")
        }
        if !constats.isEmpty { frame.constatsHTML(constats, &h) }
        tableau.partial(&h)
        if !actions.isEmpty {
            h.raw("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\""); h.html(captionActions)
            h.raw("\">\n<table class=\"tableau tableau-actions\">\n<caption id=\""); h.html(captionActions)
            h.raw("\"><span class=\"legende-tableau\">Actions de l'axe "); h.int(numero)
            h.raw("</span></caption>\n<thead>\n<tr>\n<th scope=\"col\">Objectif</th>\n<th scope=\"col\">Action</th>\n<th scope=\"col\">Pilote</th>\n<th scope=\"col\">Partenaires</th>\n<th scope=\"col\">Échéance</th>\n<th scope=\"col\">État</th>\n<th scope=\"col\" class=\"num\">Budget</th>\n</tr>\n</thead>\n")
            h.append(actionsCorps.buffer)
            h.raw("\n</table>\n</div>\n")
        }
        if !constatsActions.isEmpty { frame.constatsHTML(constatsActions, &h) }
        if !indicateurs.isEmpty {
            h.raw("<div class=\"indicateurs\">\n")
            writeIndicateurs(&h, frame: frame)
            h.raw("\n</div>\n")
        }
        h.raw("</section>\n")
    }

    /// The raw values, for a project's own `partials/axe` (and the built-in one when a partial
    /// it calls is the project's).
    func context(frame: PageFrame, blocks: PageBlocks, swiftIndicateurs: Bool, actionContext: @escaping (Action, String, Bool) -> Ctx) -> Ctx {
        var list: Ctx? = nil
        if !indicateurs.isEmpty {
            let vues = indicateurs
            list = ctx([
                "items": LazyList(vues) { $0.context(frame: frame) },
                "html": swiftIndicateurs ? blocks.add(writing: { h in self.writeIndicateurs(&h, frame: frame) }) : nil,
            ])
        }
        let groups = actions
        return ctx([
            "ancre": ancre,
            "numero": String(numero),
            "titre": titre,
            "champ": champ.map { ctx(["libelle": $0.libelle, "url": $0.path.map { frame.url($0) }]) },
            "tableau": tableau.context(blocks: blocks),
            "indicateurs": list,
            "actions": groups.isEmpty ? nil : ctx([
                "captionId": captionActions,
                "corps": blocks.add(actionsCorps),
                "groupes": LazyList(Array(groups.indices)) { [axe] j in
                    let g = groups[j]
                    let acts = axe.objectifs?.value[j].actions?.value ?? []
                    var lignes = acts.indices.map { x in actionContext(acts[x], g.ancres[x], x == 0) }
                    if lignes.isEmpty { lignes = [["premiere": true, "sansAction": true]] }
                    return ctx(["objectif": g.objectif, "rowspan": String(lignes.count), "lignes": lignes])
                },
            ]),
            "constats": frame.constats(constats),
            "constatsActions": frame.constats(constatsActions),
        ])
    }
}

/// The objectifs-résultats table of one axe (§ 2e partie 3): one row per indicator, grouped
/// by objectif. Shared by the dashboard (anchors on the page) and the field pages (links to it).
struct ObjectifsTable {
    struct Ligne {
        var libelle: String
        var unite: String?
        /// The link to the indicator: `urlBase` (the page's URL and `#`, or `#` alone) then
        /// its anchor, kept apart and written one after the other (a field page has thousands
        /// of rows: the concatenations were a fifth of its making).
        var urlBase: String
        var ancre: String
        var reference, cible, dernier: (valeur: String, annee: Int)?
        var taux: String?
        var etat: EtatIndicateur

        var url: String { urlBase + ancre }
    }

    struct Groupe {
        var libelle: String
        var ancre: String?
        var url: String?
        var lignes: [Ligne]
    }

    let captionId: String
    /// Id of an element that names the table's scrolling region together with its caption,
    /// where captions repeat on one page (a field's page lists the axes of many conventions).
    var regionLabel: String? = nil
    let caption: String
    let groupes: [Groupe]
    /// The rows, written once (`corps`), without the last line break.
    let corps: [UInt8]

    init(axe: Axe, numero: Int, captionId: String, frame: PageFrame, entry: ConventionEntry,
         anchors: DashboardBuilder.Anchors, onPage: Bool) {
        let k = numero - 1
        let date = frame.map.date
        // The page of the convention, once: each row links into it.
        let base = onPage ? "#" : frame.url(entry.path) + "#"
        let objectifs = axe.objectifs?.value ?? []
        var n = Self.premierIndicateur(axe: k, of: entry.convention)
        let groupes: [Groupe] = objectifs.indices.map { j in
            let oAncre = anchors.objectifs[k][j]
            let inds = objectifs[j].indicateurs?.value ?? []
            let lignes: [Ligne] = inds.indices.map { i in
                let ind = inds[i]
                defer { n += 1 }
                let r = Reports.resume(ind, date: date, known: entry.resume.indicateur(n))
                let unite = ind.unite?.value
                func va(_ p: Point?) -> (valeur: String, annee: Int)? {
                    p.map { (DashboardBuilder.valeur($0.valeur, unite: unite), $0.annee) }
                }
                return Ligne(libelle: ind.libelle?.value ?? ind.id.value, unite: unite,
                             urlBase: base, ancre: anchors.indicateurs[k][j][i],
                             reference: va(r.reference), cible: va(r.cibleFinale), dernier: va(r.dernierResultat),
                             taux: r.taux.map(Format.pourcentage), etat: r.etat)
            }
            return Groupe(libelle: objectifs[j].libelle?.value ?? "Objectif \(j + 1)", ancre: onPage ? oAncre : nil,
                          url: onPage ? nil : base + oAncre, lignes: lignes)
        }
        self.init(captionId: captionId, axe: axe, numero: numero, groupes: groupes)
    }

    /// The index in the plan (`Convention.indicateursDuPlan`) of the first indicator of axe `k`.
    static func premierIndicateur(axe k: Int, of c: Convention) -> Int {
        let axes = c.axes?.value ?? []
        var n = 0
        for a in axes.indices.prefix(k) { n += nombreIndicateurs(axes[a]) }
        return n
    }

    static func nombreIndicateurs(_ axe: Axe) -> Int {
        let objectifs = axe.objectifs?.value ?? []
        var n = 0
        for j in objectifs.indices { n += objectifs[j].indicateurs?.value.count ?? 0 }
        return n
    }

    init(captionId: String, axe: Axe, numero: Int, groupes: [Groupe]) {
        self.captionId = captionId
        caption = "Objectifs et résultats de l'axe \(numero) : \(axe.titre?.value ?? "sans titre")"
        self.groupes = groupes
        corps = Self.corps(groupes)
    }

    /// The context of `partials/objectifs-resultats`.
    func context(blocks: PageBlocks) -> Ctx {
        ctx([
            "captionId": captionId,
            "regionLabel": regionLabel,
            "caption": caption,
            "groupes": groupes.isEmpty ? nil : LazyList(groupes, Self.groupeContext),
            "corps": blocks.add(corps),
            "vide": groupes.isEmpty ? true : nil,
        ])
    }

    /// The table as the built-in `partials/objectifs-resultats` writes it.
    func partial(_ h: inout HTMLBuffer) {
        if groupes.isEmpty {
            h.raw("<p class=\"manque\">Aucun objectif n'est défini pour cet axe.</p>\n")
            return
        }
        h.raw("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"")
        if let regionLabel { h.html(regionLabel); h.raw(" ") }
        h.html(captionId)
        h.raw("\">\n<table class=\"tableau tableau-objectifs\">\n<caption id=\""); h.html(captionId)
        h.raw("\"><span class=\"legende-tableau\">"); h.text(caption)
        h.raw("</span></caption>\n<thead>\n<tr>\n<th scope=\"col\">Objectif</th>\n<th scope=\"col\">Indicateur</th>\n<th scope=\"col\" class=\"num\">Référence</th>\n<th scope=\"col\" class=\"num\">Cible finale</th>\n<th scope=\"col\" class=\"num\">Dernier résultat</th>\n<th scope=\"col\" class=\"num\">Taux de réalisation</th>\n<th scope=\"col\">État</th>\n</tr>\n</thead>\n")
        h.append(contentsOf: corps)
        h.raw("\n</table>\n</div>\n")
    }

    /// The first cell of a group of rows: the objectif, over its rows.
    static func celluleObjectif(_ h: inout HTMLBuffer, _ libelle: String, rowspan: Int, ancre: String?, url: String?) {
        h.raw("<th scope=\"row\"")
        if rowspan > 1 { h.raw(" rowspan=\""); h.int(rowspan); h.raw("\"") }
        h.raw(" class=\"objectif\"")
        if let a = ancre { h.raw(" id=\""); h.html(a); h.raw("\"") }
        h.raw(">")
        if let u = url { h.raw("<a href=\""); h.html(u); h.raw("\">"); h.text(libelle); h.raw("</a>") } else { h.text(libelle) }
        h.raw("</th>")
    }

    static func corps(_ groupes: [Groupe]) -> [UInt8] {
        var h = HTMLBuffer(capacity: 1024 * groupes.count)
        for (n, g) in groupes.enumerated() {
            if n > 0 { h.raw("\n") }
            h.raw("<tbody>\n<tr>")
            celluleObjectif(&h, g.libelle, rowspan: g.lignes.count, ancre: g.ancre, url: g.url)
            for (i, l) in g.lignes.enumerated() {
                if i > 0 { h.raw("<tr>") }
                h.raw("<th scope=\"row\" class=\"indicateur\"><a href=\""); h.html(l.urlBase); h.html(l.ancre); h.raw("\">"); h.text(l.libelle); h.raw("</a>")
                if let unite = l.unite { h.raw(" <span class=\"unite\">("); h.text(unite); h.raw(")</span>") }
                h.raw("</th><td class=\"num\">")
                Fragment.valeurAnnee(&h, l.reference, vide: "non renseignée")
                h.raw("</td><td class=\"num\">")
                Fragment.valeurAnnee(&h, l.cible, vide: "non renseignée")
                h.raw("</td><td class=\"num\">")
                Fragment.valeurAnnee(&h, l.dernier, vide: "aucun")
                h.raw("</td><td class=\"num\">")
                if let t = l.taux { h.html(t) } else { h.vide("non calculé") }
                h.raw("</td><td>")
                h.html(Fragment.etats[l.etat]!)
                h.raw("</td></tr>\n")
            }
            if g.lignes.isEmpty {
                h.raw("<td colspan=\"6\" class=\"manque\">Aucun indicateur pour cet objectif.</td></tr>\n")
            }
            h.raw("</tbody>")
        }
        return h.bytes
    }

    static func groupeContext(_ g: Groupe) -> Any {
        func pair(_ v: (valeur: String, annee: Int)?) -> Any? { v.map { ["valeur": $0.valeur, "annee": String($0.annee)] } }
        var lignes: [Ctx] = g.lignes.enumerated().map { i, l in
            ctx([
                "premiere": i == 0 ? true : nil,
                "sansIndicateur": nil,
                "indicateur": ctx(["libelle": l.libelle, "unite": l.unite, "url": l.url]),
                "reference": pair(l.reference), "cible": pair(l.cible), "dernier": pair(l.dernier),
                "taux": l.taux,
                "etat": Etiquette.etat(l.etat),
            ])
        }
        if lignes.isEmpty { lignes = [["premiere": true, "sansIndicateur": true]] }
        return ctx([
            "objectif": ctx(["libelle": g.libelle, "ancre": g.ancre, "url": g.url]),
            "rowspan": String(lignes.count),
            "lignes": lignes,
        ])
    }
}
