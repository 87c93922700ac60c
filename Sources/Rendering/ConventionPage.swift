/// The page of a convention (dashboard and board's dossier) as the built-in templates write
/// it — `layout`, `convention` and the partials `entete`, `fil-ariane`, `pied`, `constats` —
/// written in Swift from the same context, same bytes.
///
/// Why: through Mustache a dashboard cost about 1 ms (each of its hundreds of tags looks its
/// name up through the context stack with dynamic casts), as much as all the rest of its
/// rendering; a project's own templates still go through Mustache, and a test renders every
/// page both ways and compares the bytes.
struct ConventionPage {
    /// The page's context (`DashboardBuilder.context()`, `SiteMap.dossierContext`).
    let page: Ctx
    /// The page's blocks: written into the page where their marker would go (the axes and
    /// the body, most of the page), so the page needs no splice, nor a copy, afterwards.
    var blocks: PageBlocks? = nil


    func write(_ h: inout HTMLBuffer) {
        Layout(page: page).write(&h) { h in contenu(&h) }
    }

    // MARK: the `contenu` block of `convention.mustache`

    private func contenu(_ h: inout HTMLBuffer) {
        let conv = sub(page, "convention")
        if let conv {
            h.raw("<article class=\"convention\" aria-labelledby=\"Titre\">\n<header class=\"convention-entete\">\n<h1 id=\"Titre\">")
            h.value(conv["titre"])
            h.raw("</h1>\n<p class=\"convention-statut\"><span class=\"phase phase-")
            let phase = sub(conv, "phase")
            h.value(phase?["code"])
            h.raw("\">")
            h.value(phase?["libelle"])
            h.raw("</span>")
            if let e = on(conv["echelonPhrase"]) { h.raw(" · "); h.value(e) }
            if let t = sub(conv, "territoire") { h.raw(" · "); h.value(t["nom"]) }
            if let p = sub(conv, "periode") { h.raw(" · "); h.value(p["texte"]) }
            h.raw("</p>\n")
            if on(conv["projet"]) != nil {
                h.raw("<p class=\"bandeau-projet\" role=\"note\"><strong>Projet</strong> : cette convention n'est pas signée. Son contenu peut encore changer et n'engage pas les signataires.</p>\n")
            }
            if let u = on(lookup("urlDossier", conv)) {
                h.raw("<p class=\"lien-dossier\"><a href=\"")
                h.value(u)
                h.raw("\">Dossier complet à imprimer</a> : tableau de bord et annexes, dans l'ordre de lecture du conseil d'administration.</p>")
            }
            h.raw("\n")
            if let d = sub(page, "dossier") {
                Self.couverture(&h, date: d["date"], annexes: on(d["annexes"]) != nil, urlTableauDeBord: d["urlTableauDeBord"])
            }
            h.raw("\n</header>\n")
        }
        if let r = sub(page, "revueConvention") {
            h.raw("<section class=\"revue\" aria-labelledby=\"Constats\">\n<h2 id=\"Constats\">Contrôle de la convention</h2>\n")
            // Two lines of the template, each with its section inline: both line breaks stay.
            if on(r["aucun"]) != nil {
                h.raw("<p>Aucun constat : la convention respecte toutes les règles.</p>\n\n")
            } else {
                h.raw("\n<p>")
                h.value(r["bilan"])
                h.raw(". Chaque constat est aussi affiché à côté du bloc concerné ; le lien mène à l'élément en cause.</p>\n")
            }
            if let c = sub(r, "constats") { constats(c, &h) }
            h.raw("</section>\n")
        }
        if let s = sub(page, "sommaire") {
            h.raw("<nav class=\"sommaire\" aria-labelledby=\"Sommaire\">\n<h2 id=\"Sommaire\">Sur cette page</h2>\n<ol>\n")
            for case let item as Ctx in items(s) {
                h.raw("<li><a href=\"#")
                h.value(item["ancre"])
                h.raw("\">")
                h.value(item["libelle"])
                h.raw("</a></li>\n")
            }
            h.raw("</ol>\n</nav>\n")
        }
        if let conv { convention(conv, &h) }
        h.raw("\n<section class=\"bloc\" aria-labelledby=\"Donnees\">\n<h2 id=\"Donnees\">Données ouvertes</h2>\n<p>Les chiffres de cette page sont publiés en données ouvertes, avec ceux de toutes les conventions du site :</p>\n<ul>\n<li><a href=\"")
        h.value(page["urlConventionsJson"])
        h.raw("\" type=\"application/json\">conventions.json</a> : chaque convention, sa phase, ses actions et l'état de chaque indicateur ;</li>\n<li><a href=\"")
        h.value(page["urlIndicateursCsv"])
        h.raw("\" type=\"text/csv\">indicateurs.csv</a> : une ligne par indicateur et par année (référence, cible, résultat).</li>\n</ul>\n</section>\n")
        if let d = sub(page, "dossier"), let annexes = sub(d, "annexes") {
            for case let a as Ctx in items(annexes) {
                Self.annexe(&h, ancre: a["ancre"], titre: a["titre"], contenu: a["contenu"])
            }
        }
        h.raw("</article>\n")
    }

    /// The dossier's cover note, at the end of the convention's header.
    static func couverture(_ h: inout HTMLBuffer, date: Any?, annexes: Bool, urlTableauDeBord: Any?) {
        h.raw("<p class=\"dossier-couverture\">Dossier du conseil d'administration — situation au ")
        h.value(date)
        h.raw(". Tout ce que le conseil lit sur cette convention, dans l'ordre : identité, calendrier, chiffres clés, objectifs et résultats, moyens, diagnostic, récit")
        if annexes { h.raw(", puis les annexes") }
        h.raw(". <a href=\"")
        h.value(urlTableauDeBord)
        h.raw("\">Tableau de bord en ligne</a>.</p>")
    }

    /// One annex in full, at the end of the dossier (`contenu`: its HTML, as `SiteMap.dossierAnnexe` makes it).
    static func annexe(_ h: inout HTMLBuffer, ancre: Any?, titre: Any?, contenu: Any?) {
        h.raw("<section class=\"bloc annexe-dossier\" aria-labelledby=\"")
        h.value(ancre)
        h.raw("\">\n<h2 id=\"")
        h.value(ancre)
        h.raw("\">Annexe : ")
        h.value(titre)
        h.raw("</h2>\n<div class=\"recit\">\n")
        h.unescaped(contenu)
        h.raw("\n</div>\n</section>\n")
    }

    /// `{{#convention}}…{{/convention}}` after the header: every block of the dashboard.
    private func convention(_ conv: Ctx, _ h: inout HTMLBuffer) {
        // Identité
        h.raw("<section class=\"bloc\" aria-labelledby=\"Identite\">\n<h2 id=\"Identite\">Identité</h2>\n")
        if let c = sub(conv, "constatsIdentite") { constats(c, &h) }
        h.raw("<dl class=\"identite\">\n")
        if let t = sub(conv, "territoire") {
            h.raw("<dt>Territoire</dt><dd>")
            h.value(t["nom"])
            if let type = on(t["type"]) {
                h.raw(" (")
                h.value(type)
                if let code = on(t["code"]) { h.raw(", code "); h.value(code) }
                h.raw(")")
            }
            if let d = sub(t, "departement") {
                h.raw(", <a href=\"")
                h.value(d["url"])
                h.raw("\">")
                h.value(d["libelle"])
                h.raw("</a>")
            }
            if let communes = sub(t, "communes") {
                h.raw("<br>Communes couvertes : ")
                for c in items(communes) { h.value(c); h.raw(" ") }
            }
            h.raw("</dd>\n")
        }
        if let e = on(conv["echelon"]) { h.raw("<dt>Échelon</dt><dd>"); h.value(e); h.raw("</dd>") }
        h.raw("\n")
        if let s = sub(conv, "signataires") {
            h.raw("<dt>Signataires</dt><dd><ul>\n")
            for case let item as Ctx in items(s) {
                h.raw("<li>")
                h.value(item["nom"])
                if let type = on(item["type"]) { h.raw(" <span class=\"note\">("); h.value(type); h.raw(")</span>") }
                if let r = on(item["representant"]) { h.raw(" – représentant : "); h.value(r) }
                h.raw("</li>\n")
            }
            h.raw("</ul></dd>\n")
        }
        if let p = sub(conv, "periode") { h.raw("<dt>Période</dt><dd>"); h.value(p["texte"]); h.raw("</dd>") }
        h.raw("\n")
        h.raw("<dt>Phase au ")
        h.value(sub(page, "site")?["dateReference"])
        h.raw("</dt><dd>")
        h.value(sub(conv, "phase")?["libelle"])
        h.raw("</dd>\n")
        if let d = on(conv["dateDiagnostic"]) { h.raw("<dt>Diagnostic partagé</dt><dd>"); h.value(d); h.raw("</dd>") }
        h.raw("\n")
        h.raw("<dt>Délibération du conseil d'administration</dt><dd>")
        if let d = on(conv["deliberationCA"]) { h.value(d) } else { h.raw("non renseignée") }
        h.raw("</dd>\n<dt>Signature</dt><dd>")
        if let d = on(conv["signature"]) { h.value(d) } else { h.raw("non signée (projet)") }
        h.raw("</dd>\n</dl>\n</section>\n\n")

        // Calendrier
        h.raw("<section class=\"bloc\" aria-labelledby=\"Calendrier\">\n<h2 id=\"Calendrier\">Calendrier</h2>\n")
        if let frise = on(conv["frise"]) {
            h.raw("<figure class=\"figure-frise\">\n")
            h.unescaped(frise)
            h.raw("\n<figcaption>")
            h.value(conv["avancement"])
            h.raw(" La barre montre la période de la convention, sa partie foncée le temps écoulé ; le trait vertical marque la date de référence. Les numéros renvoient aux étapes ci-dessous.</figcaption>\n</figure>\n")
        }
        if let j = sub(conv, "jalons") {
            h.raw("<ol class=\"jalons\">\n")
            for case let item as Ctx in items(j) {
                h.raw("<li><time datetime=\"")
                h.value(item["iso"])
                h.raw("\">")
                h.value(item["date"])
                h.raw("</time> : ")
                h.value(item["libelle"])
                h.raw("</li>\n")
            }
            h.raw("</ol>\n")
        }
        h.raw("</section>\n\n")

        // Chiffres clés
        h.raw("<section class=\"bloc\" aria-labelledby=\"Chiffres\">\n<h2 id=\"Chiffres\">Chiffres clés</h2>\n")
        if let c = sub(conv, "chiffres") {
            h.raw("<ul class=\"chiffres\">\n<li><span class=\"chiffre\">")
            h.value(c["axes"])
            h.raw("</span> ")
            h.value(c["motAxes"])
            h.raw("</li>\n<li><span class=\"chiffre\">")
            h.value(c["objectifs"])
            h.raw("</span> ")
            h.value(c["motObjectifs"])
            h.raw("</li>\n<li><span class=\"chiffre\">")
            h.value(c["actionsRealisees"])
            h.raw(" / ")
            h.value(c["actions"])
            h.raw("</span> ")
            h.value(c["motRealisees"])
            if let p = on(c["partRealisees"]) { h.raw(" ("); h.value(p); h.raw(")") }
            h.raw("</li>\n<li><span class=\"chiffre\">")
            h.value(c["indicateurs"])
            h.raw("</span> ")
            h.value(c["motIndicateurs"])
            h.raw("</li>\n")
            if let m = on(c["moyensCourt"]) {
                h.raw("<li><span class=\"chiffre\">")
                h.value(m)
                h.raw("</span> déployés par la Caf ")
                h.value(c["moyensPeriode"])
                h.raw(" <span class=\"note\">(")
                h.value(c["moyensExact"])
                h.raw(")</span></li>")
            }
            h.raw("\n</ul>\n<h3>État des indicateurs au ")
            h.value(sub(page, "site")?["dateReference"])
            h.raw("</h3>\n<ul class=\"etats\">\n")
            for case let e as Ctx in (on(c["etats"]) as? [Any]) ?? [] {
                h.raw("<li")
                if on(e["zero"]) != nil { h.raw(" class=\"zero\"") }
                h.raw(">")
                h.unescaped(e["html"])
                h.raw(" : <strong>")
                h.value(e["nombre"])
                h.raw("</strong></li>\n")
            }
            h.raw("</ul>\n")
        }
        h.raw("</section>\n\n")

        // Objectifs, résultats et actions (the axes are a block written by `AxeVue`).
        if let axes = sub(conv, "axes") {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Plan\">\n<h2 id=\"Plan\">Objectifs, résultats et actions</h2>\n")
            if let c = sub(conv, "constatsPlan") { constats(c, &h) }
            h.block(axes["html"], from: blocks)
            h.raw("\n</section>\n")
        } else if let c = sub(conv, "constatsPlan") {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Plan\">\n<h2 id=\"Plan\">Objectifs, résultats et actions</h2>\n")
            constats(c, &h)
            h.raw("<p class=\"manque\">Aucun axe n'est défini.</p>\n</section>\n")
        }
        h.raw("\n")

        // Moyens
        if let m = sub(conv, "moyens") {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Moyens\">\n<h2 id=\"Moyens\">Moyens déployés par la Caf</h2>\n")
            if let c = sub(m, "constats") { constats(c, &h) }
            if let lignes = sub(m, "lignes") {
                h.tableauDefilant(m["captionId"], classe: "tableau tableau-moyens")
                h.raw("Prestations légales et action sociale versées sur le territoire, par année</span></caption>\n<thead>\n<tr><th scope=\"col\">Année</th><th scope=\"col\" class=\"num\">Prestations légales</th><th scope=\"col\" class=\"num\">Action sociale</th><th scope=\"col\" class=\"num\">Total</th></tr>\n</thead>\n<tbody>\n")
                for case let l as Ctx in items(lignes) {
                    h.raw("<tr><th scope=\"row\">")
                    h.value(l["annee"])
                    h.raw("</th><td class=\"num\">")
                    montants(l, &h)
                    h.raw("</td></tr>\n")
                }
                h.raw("</tbody>\n")
                if let t = sub(m, "total") {
                    h.raw("<tfoot>\n<tr><th scope=\"row\">Total ")
                    h.value(t["periode"])
                    h.raw("</th><td class=\"num\">")
                    montants(t, &h)
                    h.raw("</td></tr>\n</tfoot>\n")
                }
                h.raw("</table>\n</div>\n")
            }
            h.raw("</section>\n")
        }
        h.raw("\n")

        // Diagnostic partagé
        if let d = sub(conv, "diagnostic") {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Diagnostic\">\n<h2 id=\"Diagnostic\">Diagnostic partagé</h2>\n")
            if let c = sub(d, "constats") { constats(c, &h) }
            h.raw("<dl class=\"identite\">\n")
            if let date = on(d["date"]) { h.raw("<dt>Date</dt><dd>"); h.value(date); h.raw("</dd>") }
            h.raw("\n")
            puces("Partenaires", sub(d, "partenaires"), &h)
            puces("Besoins des publics", sub(d, "besoins"), &h)
            puces("Besoins du territoire", sub(d, "typesTerritoire"), &h)
            h.raw("</dl>\n")
            if let p = sub(d, "page") {
                h.raw("<p><a href=\"")
                h.value(p["url"])
                h.raw("\">Lire le diagnostic complet : ")
                h.value(p["titre"])
                h.raw("</a></p>")
            }
            h.raw("\n</section>\n")
        }
        h.raw("\n")

        // Champs, schémas et contrats
        if let a = sub(conv, "articulation") {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Articulation\">\n<h2 id=\"Articulation\">Champs, schémas et contrats</h2>\n")
            if let c = sub(a, "constats") { constats(c, &h) }
            h.raw("<dl class=\"identite\">\n")
            if let champs = sub(a, "champs") {
                h.raw("<dt>Champs d'intervention</dt><dd><ul>")
                for case let ch as Ctx in items(champs) {
                    h.raw("<li>")
                    if let u = on(ch["url"]) {
                        h.lien(u, ch["libelle"])
                    } else {
                        h.value(ch["libelle"])
                    }
                    h.raw("</li>")
                }
                h.raw("</ul></dd>")
            }
            h.raw("\n")
            puces("Schémas thématiques articulés", sub(a, "schemas"), &h)
            h.raw("</dl>\n")
            if let x = sub(a, "existantes") {
                h.tableauDefilant(x["captionId"], classe: "tableau")
                h.raw("Contrats existants rationalisés par la convention</span></caption>\n<thead>\n<tr><th scope=\"col\">Contrat</th><th scope=\"col\">Type</th><th scope=\"col\">Début</th><th scope=\"col\">Fin</th><th scope=\"col\">Devenir</th></tr>\n</thead>\n<tbody>\n")
                for case let l as Ctx in (on(x["lignes"]) as? [Any]) ?? [] {
                    h.raw("<tr><th scope=\"row\">")
                    h.value(l["intitule"])
                    h.raw("</th><td>")
                    h.value(l["type"])
                    h.raw("</td><td>")
                    h.value(l["debut"])
                    h.raw("</td><td>")
                    h.value(l["fin"])
                    h.raw("</td><td>")
                    if let d = on(l["devenir"]) { h.value(d) } else { h.raw("<span class=\"vide\">non précisé</span>") }
                    h.raw("</td></tr>\n")
                }
                h.raw("</tbody>\n</table>\n</div>\n")
            }
            h.raw("</section>\n")
        }
        h.raw("\n")

        // Gouvernance
        if let g = sub(conv, "gouvernance") {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Gouvernance\">\n<h2 id=\"Gouvernance\">Gouvernance</h2>\n")
            if let c = sub(g, "constats") { constats(c, &h) }
            h.raw("<dl class=\"identite\">\n")
            puces("Comité de pilotage", sub(g, "pilotage"), &h)
            puces("Comité technique", sub(g, "technique"), &h)
            h.raw("</dl>\n</section>\n")
        }
        h.raw("\n")

        // Évaluation
        if let e = sub(conv, "evaluation") {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Evaluation\">\n<h2 id=\"Evaluation\">Évaluation</h2>\n")
            if let c = sub(e, "constats") { constats(c, &h) }
            if let type = on(e["type"]) {
                h.raw("<p><strong>")
                h.value(type)
                h.raw("</strong>")
                if let d = on(e["date"]) { h.raw(" du "); h.value(d) }
                h.raw("</p>")
            }
            h.raw("\n")
            if let s = on(e["synthese"]) { h.raw("<blockquote class=\"synthese\"><p>"); h.value(s); h.raw("</p></blockquote>") }
            h.raw("\n</section>\n")
        }
        h.raw("\n")

        // Présentation (the body, a block)
        if let recit = on(conv["recit"]) {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Presentation\">\n<h2 id=\"Presentation\">Présentation</h2>\n")
            if let c = sub(conv, "constatsRecit") { constats(c, &h) }
            h.raw("<div class=\"recit\">\n")
            h.block(recit, from: blocks)
            h.raw("\n</div>\n</section>\n")
        }
        h.raw("\n")

        // Conventions liées et annexes
        if on(conv["liens"]) != nil {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Liens\">\n<h2 id=\"Liens\">Conventions liées et annexes</h2>\n")
            if let l = sub(conv, "liees") {
                h.raw("<ul class=\"liees\">\n")
                for case let item as Ctx in items(l) {
                    h.raw("<li>")
                    h.value(item["relation"])
                    h.raw(" : ")
                    if let u = on(item["url"]) {
                        h.raw("<a href=\"")
                        h.value(u)
                        h.raw("\">")
                        h.value(item["titre"])
                        h.raw("</a> <span class=\"note\">(")
                        h.value(item["phase"])
                        h.raw(")</span>")
                    } else {
                        h.value(item["titre"])
                        h.raw(" <span class=\"note\">(non publiée sur ce site)</span>")
                    }
                    h.raw("</li>\n")
                }
                h.raw("</ul>\n")
            }
            if let a = sub(conv, "annexes") {
                h.raw("<h3>Annexes</h3>\n<ul>\n")
                for case let item as Ctx in items(a) {
                    h.raw("<li><a href=\"")
                    h.value(item["url"])
                    h.raw("\">")
                    h.value(item["titre"])
                    h.raw("</a></li>\n")
                }
                h.raw("</ul>\n")
            }
            h.raw("</section>\n")
        }
    }

    /// The three amounts of a row of the money table, between its cells' tags.
    private func montants(_ l: Ctx, _ h: inout HTMLBuffer) {
        h.value(l["prestationsLegales"])
        h.raw("</td><td class=\"num\">")
        h.value(l["actionSociale"])
        h.raw("</td><td class=\"num\">")
        h.value(l["total"])
    }

    /// `{{#x}}<dt>T</dt><dd><ul>{{#items}}<li>{{.}}</li>{{/items}}</ul></dd>{{/x}}` on its own line.
    private func puces(_ titre: StaticString, _ list: Ctx?, _ h: inout HTMLBuffer) {
        if let list {
            h.raw("<dt>")
            h.raw(titre)
            h.raw("</dt><dd><ul>")
            for v in items(list) { h.raw("<li>"); h.value(v); h.raw("</li>") }
            h.raw("</ul></dd>")
        }
        h.raw("\n")
    }

    /// A value of the page's context looked up as Mustache does from inside `convention`.
    private func lookup(_ key: String, _ conv: Ctx) -> Any? { conv[key] ?? page[key] }
}

/// `partials/constats`: the findings of a list context (`{items: […]}`).
func constats(_ list: Ctx, _ h: inout HTMLBuffer) {
    h.raw("<ul class=\"constats\">\n")
    for case let c as Ctx in items(list) {
        h.raw("<li class=\"constat constat-")
        h.value(c["gravite"])
        h.raw("\"><span class=\"constat-icone\" aria-hidden=\"true\">")
        h.value(c["icone"])
        h.raw("</span> <strong>")
        h.value(c["libelleGravite"])
        h.raw("</strong> <code>")
        h.value(c["regle"])
        h.raw("</code> : ")
        h.value(c["message"])
        h.raw(" <span class=\"constat-lieu\">(")
        if let u = on(c["url"]) {
            h.lien(u, c["emplacement"])
        } else {
            h.value(c["emplacement"])
        }
        h.raw(")</span></li>\n")
    }
    h.raw("</ul>\n")
}

/// `layout.mustache` with the partials `entete`, `fil-ariane` and `pied`, around a `contenu`.
struct Layout {
    let page: Ctx

    func write(_ h: inout HTMLBuffer, contenu: (inout HTMLBuffer) -> Void) {
        let site = sub(page, "site")
        h.raw("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        h.value(page["titrePage"])
        h.raw(" – ")
        h.value(site?["titre"])
        h.raw("</title>\n<link rel=\"stylesheet\" href=\"")
        h.value(page["urlStyle"])
        h.raw("\">\n")
        if let s = on(page["styleImpression"]) {
            h.raw("<style media=\"print\">")
            h.unescaped(s)
            h.raw("</style>\n")
        }
        h.raw("</head>\n<body>\n<a class=\"evitement\" href=\"#Contenu\">Aller au contenu</a>\n")
        // partials/entete
        h.raw("<header class=\"entete\">\n<div class=\"entete-interieur\">\n<p class=\"entete-site\"><a href=\"")
        h.value(page["urlAccueil"])
        h.raw("\">")
        h.value(site?["titre"])
        h.raw("</a></p>\n<p class=\"entete-caf\">Publié par ")
        h.value(site?["caf"])
        h.raw(" · données au ")
        h.value(site?["dateReference"])
        h.raw("</p>\n</div>\n<nav class=\"navigation\" aria-label=\"Navigation principale\">\n<ul>\n")
        for case let n as Ctx in (on(page["nav"]) as? [Any]) ?? [] {
            h.raw("<li><a href=\"")
            h.value(n["url"])
            h.raw("\"")
            if on(n["courant"]) != nil { h.raw(" aria-current=\"page\"") }
            h.raw(">")
            h.value(n["libelle"])
            h.raw("</a></li>\n")
        }
        h.raw("</ul>\n</nav>\n</header>\n<main id=\"Contenu\" tabindex=\"-1\">\n")
        // partials/fil-ariane
        if let f = sub(page, "filAriane") {
            h.raw("<nav class=\"fil-ariane\" aria-label=\"Fil d'Ariane\">\n<ol>\n")
            for case let item as Ctx in items(f) {
                h.raw("<li>")
                if let u = on(item["url"]) {
                    h.lien(u, item["libelle"])
                } else {
                    h.raw("<span aria-current=\"page\">")
                    h.value(item["libelle"])
                    h.raw("</span>")
                }
                h.raw("</li>\n")
            }
            h.raw("</ol>\n</nav>\n")
        }
        contenu(&h)
        h.raw("\n</main>\n")
        // partials/pied
        h.raw("<footer class=\"pied\">\n<div class=\"pied-interieur\">\n<p>")
        h.value(site?["titre"])
        h.raw(" – publié par ")
        h.value(site?["caf"])
        h.raw(". Phases et états calculés au ")
        h.value(site?["dateReference"])
        h.raw(".</p>\n<ul>\n<li><a href=\"")
        h.value(page["urlAccessibilite"])
        h.raw("\">Accessibilité : non conforme</a></li>\n<li><a href=\"")
        h.value(page["urlConventionsJson"])
        h.raw("\" type=\"application/json\">Données ouvertes : conventions (JSON)</a></li>\n<li><a href=\"")
        h.value(page["urlIndicateursCsv"])
        h.raw("\" type=\"text/csv\">Données ouvertes : indicateurs (CSV)</a></li>\n</ul>\n</div>\n</footer>\n</body>\n</html>\n")
    }
}

// MARK: reading a context as Mustache does

/// The value of a context entry when a section would show it: nil for a missing key,
/// `absent`, `false` and an empty list.
@inline(__always) func on(_ v: Any?) -> Any? {
    guard let v else { return nil }
    // Most values are texts: one cast for them instead of three.
    if v is String { return v }
    if v is Absent { return nil }
    if let b = v as? Bool { return b ? v : nil }
    if let a = v as? [Any] { return a.isEmpty ? nil : v }
    return v
}

/// A sub-context (`{{#key}}` over a dictionary), when shown.
/// (`on` lets any dictionary through as it is: one cast is enough.)
@inline(__always) func sub(_ d: Ctx?, _ key: String) -> Ctx? { d?[key] as? Ctx }

/// The `items` of a list context.
@inline(__always) func items(_ list: Ctx) -> [Any] { (list["items"] as? [Any]) ?? [] }

extension HTMLBuffer {
    /// `{{x}}`: a value of the context, escaped; nothing when absent.
    mutating func value(_ v: Any?) {
        guard let v else { return }
        if let s = v as? String { text(s); return }
        if v is Absent { return }
        text(String(describing: v))
    }

    /// The opening of a table in its scrolling region, up to its caption's text:
    /// `<div class="table-scroll" … aria-labelledby="id">`, `<table class="…">`, `<caption id="id">`.
    mutating func tableauDefilant(_ captionId: Any?, classe: StaticString) {
        raw("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"")
        value(captionId)
        raw("\">\n<table class=\"")
        raw(classe)
        raw("\">\n<caption id=\"")
        value(captionId)
        raw("\"><span class=\"legende-tableau\">")
    }

    /// `<a href="{{url}}">{{libelle}}</a>`.
    mutating func lien(_ url: Any?, _ libelle: Any?) {
        raw("<a href=\"")
        value(url)
        raw("\">")
        value(libelle)
        raw("</a>")
    }

    /// `{{{x}}}` where the value may be the marker of a block of `blocks`: the block itself,
    /// written in place; any other value as `unescaped` writes it.
    mutating func block(_ v: Any?, from blocks: PageBlocks?) {
        if let blocks, let s = v as? String, blocks.write(marker: s, into: &self) { return }
        unescaped(v)
    }

    /// `{{{x}}}`: a value of the context as it is.
    mutating func unescaped(_ v: Any?) {
        guard let v else { return }
        if let s = v as? String { html(s); return }
        if v is Absent { return }
        html(String(describing: v))
    }
}
