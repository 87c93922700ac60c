/// The page of a département as the built-in templates write it — `layout`, `departement` and
/// the partials `totaux`, `tableau-conventions`, `entete`, `fil-ariane`, `pied` — written in
/// Swift from the same context, same bytes (the test « Swift blocks match the templates »
/// renders every page both ways and compares them).
///
/// Why: a site of 1,000 conventions has a hundred of them, and through Mustache each cost
/// about 2.4 million instructions (tags looked up through the context stack with dynamic
/// casts), 2.5 % of the build, for a few tables whose rows are already written.
struct DepartementPage {
    /// What the layout shows around the page.
    let layout: LayoutVue
    /// `{{#departement}}` of the page's context (`SiteMap.departementVue`).
    let departement: Ctx
    /// Its blocks (the rows of each table), written where their marker would go.
    let blocks: PageBlocks

    func write(_ h: inout HTMLBuffer) {
        Layout(vue: layout).write(&h) { h in contenu(&h) }
    }

    /// `{{#departement}}…{{/departement}}` of `departement.mustache`.
    private func contenu(_ h: inout HTMLBuffer) {
        let d = departement
        h.raw("<h1>")
        h.value(d["libelle"])
        h.raw("</h1>\n")
        if let t = sub(d, "totaux") {
            h.raw("<p class=\"chapo\"><span class=\"chiffre\">")
            h.value(t["conventions"])
            h.raw("</span> ")
            h.value(t["conventionsTexte"])
            h.raw(" sur le territoire du département.</p>\n")
            Self.totaux(t, dateReference: layout.site.dateReference, &h)
        }
        for case let p as Ctx in (on(d["phases"]) as? [Any]) ?? [] {
            h.raw("<section class=\"bloc\" aria-labelledby=\"")
            h.value(p["captionId"])
            h.raw("-titre\">\n<h2 id=\"")
            h.value(p["captionId"])
            h.raw("-titre\">")
            h.value(sub(p, "phase")?["libelle"])
            h.raw(" <span class=\"note\">(")
            h.value(p["nombre"])
            h.raw(")</span></h2>\n")
            tableauConventions(p, &h)
            h.raw("</section>\n")
        }
    }

    /// `partials/tableau-conventions`: its body is a block of `blocks`.
    private func tableauConventions(_ p: Ctx, _ h: inout HTMLBuffer) {
        h.tableauDefilant(p["captionId"] as? String, classe: "tableau tableau-conventions")
        h.value(p["caption"])
        h.raw("</span></caption>\n<thead>\n<tr>\n<th scope=\"col\">Convention</th>\n<th scope=\"col\">Territoire</th>\n<th scope=\"col\">Période</th>\n<th scope=\"col\" class=\"num\">Actions réalisées</th>\n<th scope=\"col\" class=\"num\">Indicateurs atteints ou en bonne voie</th>\n<th scope=\"col\" class=\"num\">Moyens de la Caf</th>\n</tr>\n</thead>\n<tbody>\n")
        h.block(p["corps"] as? String, from: blocks)
        h.raw("\n</tbody>\n</table>\n</div>\n")
    }

    /// `partials/totaux` over the context `t` (`SiteMap.totaux`).
    static func totaux(_ t: Ctx, dateReference: String, _ h: inout HTMLBuffer) {
        h.raw("<div class=\"totaux\">\n")
        h.tableauDefilant(t["captionPhases"] as? String, classe: "tableau tableau-court")
        h.raw("Conventions par phase</span></caption>\n<thead><tr><th scope=\"col\">Phase</th><th scope=\"col\" class=\"num\">Conventions</th></tr></thead>\n<tbody>\n")
        for case let p as Ctx in (on(t["phases"]) as? [Any]) ?? [] {
            h.raw("<tr><th scope=\"row\"><span class=\"phase phase-")
            h.value(p["code"])
            h.raw("\">")
            h.value(p["libelle"])
            h.raw("</span></th><td class=\"num\">")
            h.value(p["nombre"])
            h.raw("</td></tr>\n")
        }
        h.raw("</tbody>\n<tfoot><tr><th scope=\"row\">Total</th><td class=\"num\">")
        h.value(t["conventions"])
        h.raw("</td></tr></tfoot>\n</table>\n</div>\n")
        h.tableauDefilant(t["captionEtats"] as? String, classe: "tableau tableau-court")
        h.raw("Indicateurs par état au ")
        h.text(dateReference)
        h.raw("</span></caption>\n<thead><tr><th scope=\"col\">État</th><th scope=\"col\" class=\"num\">Indicateurs</th></tr></thead>\n<tbody>\n")
        for case let e as Ctx in (on(t["etats"]) as? [Any]) ?? [] {
            h.raw("<tr><th scope=\"row\">")
            h.unescaped(e["html"])
            h.raw("</th><td class=\"num\">")
            h.value(e["nombre"])
            h.raw("</td></tr>\n")
        }
        h.raw("</tbody>\n<tfoot><tr><th scope=\"row\">Total</th><td class=\"num\">")
        h.value(t["indicateurs"])
        h.raw("</td></tr></tfoot>\n</table>\n</div>\n</div>\n")
        if let m = sub(t, "moyens") {
            h.tableauDefilant(t["captionMoyens"] as? String, classe: "tableau")
            h.raw("Moyens déployés par la Caf sur la durée des conventions</span></caption>\n<thead><tr><th scope=\"col\">Conventions</th><th scope=\"col\" class=\"num\">Prestations légales</th><th scope=\"col\" class=\"num\">Action sociale</th><th scope=\"col\" class=\"num\">Total</th></tr></thead>\n<tbody>\n")
            for case let l as Ctx in items(m) {
                h.raw("<tr><th scope=\"row\">")
                h.value(l["echelon"])
                h.raw("</th><td class=\"num\">")
                h.value(l["prestationsLegales"])
                h.raw("</td><td class=\"num\">")
                h.value(l["actionSociale"])
                h.raw("</td><td class=\"num\">")
                h.value(l["total"])
                h.raw("</td></tr>\n")
            }
            h.raw("</tbody>\n</table>\n</div>\n")
            if on(t["moyensSuperposes"]) != nil {
                h.raw("<p class=\"note\">Les territoires des conventions locales font partie de ceux des conventions départementales : les deux lignes ne s'additionnent pas.</p>\n")
            }
        }
    }
}
