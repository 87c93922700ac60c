import Reports

/// The page of a convention (dashboard and board's dossier) as the built-in templates write
/// it — `layout`, `convention` and the partials `entete`, `fil-ariane`, `pied`, `constats` —
/// written in Swift from the same values (`DashboardVue`), same bytes.
///
/// Why: through Mustache a dashboard cost about 1 ms (each of its hundreds of tags looks its
/// name up through the context stack with dynamic casts), as much as all the rest of its
/// rendering; a project's own templates still go through Mustache, and a test renders every
/// page both ways and compares the bytes.
struct ConventionPage {
    /// What the page shows (`DashboardBuilder.vue()`, `SiteMap.dossierVue`).
    let vue: DashboardVue
    /// The page's blocks: written into the page where their marker would go (the axes and
    /// the body, most of the page), so the page needs no splice, nor a copy, afterwards.
    var blocks: PageBlocks? = nil

    func write(_ h: inout HTMLBuffer) {
        Layout(vue: vue.layout).write(&h) { h in contenu(&h) }
    }

    // MARK: the `contenu` block of `convention.mustache`

    private func contenu(_ h: inout HTMLBuffer) {
        let conv = vue.convention
        h.raw("<article class=\"convention\" aria-labelledby=\"Titre\">\n<header class=\"convention-entete\">\n<h1 id=\"Titre\">")
        h.text(conv.titre)
        h.raw("</h1>\n<p class=\"convention-statut\"><span class=\"phase phase-")
        h.text(conv.phase.rawValue)
        h.raw("\">")
        h.text(conv.phase.libelle)
        h.raw("</span>")
        if let e = conv.echelonPhrase { h.raw(" · "); h.text(e) }
        if let t = conv.territoire { h.raw(" · "); h.text(t.nom) }
        if let p = conv.periode { h.raw(" · "); h.text(p.texte) }
        h.raw("</p>\n")
        if conv.projet {
            h.raw("<p class=\"bandeau-projet\" role=\"note\"><strong>Projet</strong> : cette convention n'est pas signée. Son contenu peut encore changer et n'engage pas les signataires.</p>\n")
        }
        if let u = vue.urlDossier {
            h.raw("<p class=\"lien-dossier\"><a href=\"")
            h.text(u)
            h.raw("\">Dossier complet à imprimer</a> : tableau de bord et annexes, dans l'ordre de lecture du conseil d'administration.</p>")
        }
        h.raw("\n")
        if let d = vue.dossier {
            Self.couverture(&h, date: d.date, annexes: !d.annexes.isEmpty, urlTableauDeBord: d.urlTableauDeBord)
        }
        h.raw("\n</header>\n")
        if let r = vue.revue {
            h.raw("<section class=\"revue\" aria-labelledby=\"Constats\">\n<h2 id=\"Constats\">Contrôle de la convention</h2>\n")
            // Two lines of the template, each with its section inline: both line breaks stay.
            if r.aucun {
                h.raw("<p>Aucun constat : la convention respecte toutes les règles.</p>\n\n")
            } else {
                h.raw("\n<p>")
                h.text(r.bilan)
                h.raw(". Chaque constat est aussi affiché à côté du bloc concerné ; le lien mène à l'élément en cause.</p>\n")
            }
            if let c = r.constats { constats(c, &h) }
            h.raw("</section>\n")
        }
        if !vue.sommaire.isEmpty {
            h.raw("<nav class=\"sommaire\" aria-labelledby=\"Sommaire\">\n<h2 id=\"Sommaire\">Sur cette page</h2>\n<ol>\n")
            for item in vue.sommaire {
                h.raw("<li><a href=\"#")
                h.text(item.ancre)
                h.raw("\">")
                h.text(item.libelle)
                h.raw("</a></li>\n")
            }
            h.raw("</ol>\n</nav>\n")
        }
        convention(conv, &h)
        h.raw("\n<section class=\"bloc\" aria-labelledby=\"Donnees\">\n<h2 id=\"Donnees\">Données ouvertes</h2>\n<p>Les chiffres de cette page sont publiés en données ouvertes, avec ceux de toutes les conventions du site :</p>\n<ul>\n<li><a href=\"")
        h.text(vue.layout.urlConventionsJson)
        h.raw("\" type=\"application/json\">conventions.json</a> : chaque convention, sa phase, ses actions et l'état de chaque indicateur ;</li>\n<li><a href=\"")
        h.text(vue.layout.urlIndicateursCsv)
        h.raw("\" type=\"text/csv\">indicateurs.csv</a> : une ligne par indicateur et par année (référence, cible, résultat).</li>\n</ul>\n</section>\n")
        if let d = vue.dossier {
            for a in d.annexes { Self.annexe(&h, ancre: a.ancre, titre: a.titre, contenu: a.contenu) }
        }
        h.raw("</article>\n")
    }

    /// The dossier's cover note, at the end of the convention's header.
    static func couverture(_ h: inout HTMLBuffer, date: String, annexes: Bool, urlTableauDeBord: String) {
        h.raw("<p class=\"dossier-couverture\">Dossier du conseil d'administration — situation au ")
        h.text(date)
        h.raw(". Tout ce que le conseil lit sur cette convention, dans l'ordre : identité, calendrier, chiffres clés, objectifs et résultats, moyens, diagnostic, récit")
        if annexes { h.raw(", puis les annexes") }
        h.raw(". <a href=\"")
        h.text(urlTableauDeBord)
        h.raw("\">Tableau de bord en ligne</a>.</p>")
    }

    /// One annex in full, at the end of the dossier (`contenu`: its HTML, as `SiteMap.dossierAnnexe` makes it).
    static func annexe(_ h: inout HTMLBuffer, ancre: String, titre: String, contenu: String) {
        h.raw("<section class=\"bloc annexe-dossier\" aria-labelledby=\"")
        h.text(ancre)
        h.raw("\">\n<h2 id=\"")
        h.text(ancre)
        h.raw("\">Annexe : ")
        h.text(titre)
        h.raw("</h2>\n<div class=\"recit\">\n")
        h.html(contenu)
        h.raw("\n</div>\n</section>\n")
    }

    /// `{{#convention}}…{{/convention}}` after the header: every block of the dashboard.
    private func convention(_ conv: ConventionVue, _ h: inout HTMLBuffer) {
        // Identité
        h.raw("<section class=\"bloc\" aria-labelledby=\"Identite\">\n<h2 id=\"Identite\">Identité</h2>\n")
        if let c = conv.constatsIdentite { constats(c, &h) }
        h.raw("<dl class=\"identite\">\n")
        if let t = conv.territoire {
            h.raw("<dt>Territoire</dt><dd>")
            h.text(t.nom)
            if let type = t.type {
                h.raw(" (")
                h.text(type)
                if let code = t.code { h.raw(", code "); h.text(code) }
                h.raw(")")
            }
            if let d = t.departement {
                h.raw(", <a href=\"")
                h.text(d.url)
                h.raw("\">")
                h.text(d.libelle)
                h.raw("</a>")
            }
            if !t.communes.isEmpty {
                h.raw("<br>Communes couvertes : ")
                for c in t.communes { h.text(c); h.raw(" ") }
            }
            h.raw("</dd>\n")
        }
        if let e = conv.echelon { h.raw("<dt>Échelon</dt><dd>"); h.text(e); h.raw("</dd>") }
        h.raw("\n")
        if !conv.signataires.isEmpty {
            h.raw("<dt>Signataires</dt><dd><ul>\n")
            for item in conv.signataires {
                h.raw("<li>")
                h.text(item.nom)
                if let type = item.type { h.raw(" <span class=\"note\">("); h.text(type); h.raw(")</span>") }
                if let r = item.representant { h.raw(" – représentant : "); h.text(r) }
                h.raw("</li>\n")
            }
            h.raw("</ul></dd>\n")
        }
        if let p = conv.periode { h.raw("<dt>Période</dt><dd>"); h.text(p.texte); h.raw("</dd>") }
        h.raw("\n")
        h.raw("<dt>Phase au ")
        h.text(vue.layout.site.dateReference)
        h.raw("</dt><dd>")
        h.text(conv.phase.libelle)
        h.raw("</dd>\n")
        if let d = conv.dateDiagnostic { h.raw("<dt>Diagnostic partagé</dt><dd>"); h.text(d); h.raw("</dd>") }
        h.raw("\n")
        h.raw("<dt>Délibération du conseil d'administration</dt><dd>")
        if let d = conv.deliberationCA { h.text(d) } else { h.raw("non renseignée") }
        h.raw("</dd>\n<dt>Signature</dt><dd>")
        if let d = conv.signature { h.text(d) } else { h.raw("non signée (projet)") }
        h.raw("</dd>\n</dl>\n</section>\n\n")

        // Calendrier
        h.raw("<section class=\"bloc\" aria-labelledby=\"Calendrier\">\n<h2 id=\"Calendrier\">Calendrier</h2>\n")
        let calendrier = conv.calendrier
        if let frise = calendrier.frise {
            h.raw("<figure class=\"figure-frise\">\n")
            h.html(frise)
            h.raw("\n<figcaption>")
            h.text(calendrier.avancement)
            h.raw(" La barre montre la période de la convention, sa partie foncée le temps écoulé ; le trait vertical marque la date de référence. Les numéros renvoient aux étapes ci-dessous.</figcaption>\n</figure>\n")
        }
        if !calendrier.jalons.isEmpty {
            h.raw("<ol class=\"jalons\">\n")
            for item in calendrier.jalons {
                h.raw("<li><time datetime=\"")
                h.text(item.iso)
                h.raw("\">")
                h.text(item.date)
                h.raw("</time> : ")
                h.text(item.libelle)
                h.raw("</li>\n")
            }
            h.raw("</ol>\n")
        }
        h.raw("</section>\n\n")

        // Chiffres clés
        h.raw("<section class=\"bloc\" aria-labelledby=\"Chiffres\">\n<h2 id=\"Chiffres\">Chiffres clés</h2>\n")
        let c = conv.chiffres
        h.raw("<ul class=\"chiffres\">\n<li><span class=\"chiffre\">")
        h.text(c.axes)
        h.raw("</span> ")
        h.text(c.motAxes)
        h.raw("</li>\n<li><span class=\"chiffre\">")
        h.text(c.objectifs)
        h.raw("</span> ")
        h.text(c.motObjectifs)
        h.raw("</li>\n<li><span class=\"chiffre\">")
        h.text(c.actionsRealisees)
        h.raw(" / ")
        h.text(c.actions)
        h.raw("</span> ")
        h.text(c.motRealisees)
        if let p = c.partRealisees { h.raw(" ("); h.text(p); h.raw(")") }
        h.raw("</li>\n<li><span class=\"chiffre\">")
        h.text(c.indicateurs)
        h.raw("</span> ")
        h.text(c.motIndicateurs)
        h.raw("</li>\n")
        if let m = c.moyensCourt {
            h.raw("<li><span class=\"chiffre\">")
            h.text(m)
            h.raw("</span> déployés par la Caf ")
            h.text(c.moyensPeriode)
            h.raw(" <span class=\"note\">(")
            h.text(c.moyensExact)
            h.raw(")</span></li>")
        }
        h.raw("\n</ul>\n<h3>État des indicateurs au ")
        h.text(vue.layout.site.dateReference)
        h.raw("</h3>\n<ul class=\"etats\">\n")
        for e in EtatIndicateur.allCases {
            let n = c.etats[e] ?? 0
            h.raw(n == 0 ? "<li class=\"zero\">" : "<li>")
            h.html(Fragment.etats[e]!)
            h.raw(" : <strong>")
            h.text(Format.entier(n))
            h.raw("</strong></li>\n")
        }
        h.raw("</ul>\n")
        h.raw("</section>\n\n")

        // Objectifs, résultats et actions (the axes are a block written by `AxeVue`).
        if let axes = conv.axes {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Plan\">\n<h2 id=\"Plan\">Objectifs, résultats et actions</h2>\n")
            if let c = conv.constatsPlan { constats(c, &h) }
            h.block(axes.html, from: blocks)
            h.raw("\n</section>\n")
        } else if let c = conv.constatsPlan {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Plan\">\n<h2 id=\"Plan\">Objectifs, résultats et actions</h2>\n")
            constats(c, &h)
            h.raw("<p class=\"manque\">Aucun axe n'est défini.</p>\n</section>\n")
        }
        h.raw("\n")

        // Moyens
        if let m = conv.moyens {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Moyens\">\n<h2 id=\"Moyens\">Moyens déployés par la Caf</h2>\n")
            if let c = m.constats { constats(c, &h) }
            if !m.lignes.isEmpty {
                h.tableauDefilant(MoyensVue.captionId, classe: "tableau tableau-moyens")
                h.raw("Prestations légales et action sociale versées sur le territoire, par année</span></caption>\n<thead>\n<tr><th scope=\"col\">Année</th><th scope=\"col\" class=\"num\">Prestations légales</th><th scope=\"col\" class=\"num\">Action sociale</th><th scope=\"col\" class=\"num\">Total</th></tr>\n</thead>\n<tbody>\n")
                for l in m.lignes {
                    h.raw("<tr><th scope=\"row\">")
                    h.text(l.annee)
                    h.raw("</th><td class=\"num\">")
                    montants(l.montants, &h)
                    h.raw("</td></tr>\n")
                }
                h.raw("</tbody>\n")
                if let t = m.total {
                    h.raw("<tfoot>\n<tr><th scope=\"row\">Total ")
                    h.text(t.periode)
                    h.raw("</th><td class=\"num\">")
                    montants(t.montants, &h)
                    h.raw("</td></tr>\n</tfoot>\n")
                }
                h.raw("</table>\n</div>\n")
            }
            h.raw("</section>\n")
        }
        h.raw("\n")

        // Diagnostic partagé
        if let d = conv.diagnostic {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Diagnostic\">\n<h2 id=\"Diagnostic\">Diagnostic partagé</h2>\n")
            if let c = d.constats { constats(c, &h) }
            h.raw("<dl class=\"identite\">\n")
            if let date = d.date { h.raw("<dt>Date</dt><dd>"); h.text(date); h.raw("</dd>") }
            h.raw("\n")
            puces("Partenaires", d.partenaires, &h)
            puces("Besoins des publics", d.besoins, &h)
            puces("Besoins du territoire", d.typesTerritoire, &h)
            h.raw("</dl>\n")
            if let p = d.page {
                h.raw("<p><a href=\"")
                h.text(p.url)
                h.raw("\">Lire le diagnostic complet : ")
                h.text(p.titre)
                h.raw("</a></p>")
            }
            h.raw("\n</section>\n")
        }
        h.raw("\n")

        // Champs, schémas et contrats
        if let a = conv.articulation {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Articulation\">\n<h2 id=\"Articulation\">Champs, schémas et contrats</h2>\n")
            if let c = a.constats { constats(c, &h) }
            h.raw("<dl class=\"identite\">\n")
            if !a.champs.isEmpty {
                h.raw("<dt>Champs d'intervention</dt><dd><ul>")
                for ch in a.champs {
                    h.raw("<li>")
                    if let u = ch.url { h.lien(u, ch.libelle) } else { h.text(ch.libelle) }
                    h.raw("</li>")
                }
                h.raw("</ul></dd>")
            }
            h.raw("\n")
            puces("Schémas thématiques articulés", a.schemas, &h)
            h.raw("</dl>\n")
            if !a.existantes.isEmpty {
                h.tableauDefilant(ArticulationVue.captionExistantes, classe: "tableau")
                h.raw("Contrats existants rationalisés par la convention</span></caption>\n<thead>\n<tr><th scope=\"col\">Contrat</th><th scope=\"col\">Type</th><th scope=\"col\">Début</th><th scope=\"col\">Fin</th><th scope=\"col\">Devenir</th></tr>\n</thead>\n<tbody>\n")
                for l in a.existantes {
                    h.raw("<tr><th scope=\"row\">")
                    h.text(l.intitule)
                    h.raw("</th><td>")
                    h.text(l.type)
                    h.raw("</td><td>")
                    h.text(l.debut)
                    h.raw("</td><td>")
                    h.text(l.fin)
                    h.raw("</td><td>")
                    if let d = l.devenir { h.text(d) } else { h.raw("<span class=\"vide\">non précisé</span>") }
                    h.raw("</td></tr>\n")
                }
                h.raw("</tbody>\n</table>\n</div>\n")
            }
            h.raw("</section>\n")
        }
        h.raw("\n")

        // Gouvernance
        if let g = conv.gouvernance {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Gouvernance\">\n<h2 id=\"Gouvernance\">Gouvernance</h2>\n")
            if let c = g.constats { constats(c, &h) }
            h.raw("<dl class=\"identite\">\n")
            puces("Comité de pilotage", g.pilotage, &h)
            puces("Comité technique", g.technique, &h)
            h.raw("</dl>\n</section>\n")
        }
        h.raw("\n")

        // Évaluation
        if let e = conv.evaluation {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Evaluation\">\n<h2 id=\"Evaluation\">Évaluation</h2>\n")
            if let c = e.constats { constats(c, &h) }
            if e.present {
                h.raw("<p><strong>")
                h.text(e.type)
                h.raw("</strong>")
                if let d = e.date { h.raw(" du "); h.text(d) }
                h.raw("</p>")
            }
            h.raw("\n")
            if let s = e.synthese { h.raw("<blockquote class=\"synthese\"><p>"); h.text(s); h.raw("</p></blockquote>") }
            h.raw("\n</section>\n")
        }
        h.raw("\n")

        // Présentation (the body, a block)
        if let recit = conv.recit {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Presentation\">\n<h2 id=\"Presentation\">Présentation</h2>\n")
            if let c = conv.constatsRecit { constats(c, &h) }
            h.raw("<div class=\"recit\">\n")
            h.block(recit, from: blocks)
            h.raw("\n</div>\n</section>\n")
        }
        h.raw("\n")

        // Conventions liées et annexes
        if conv.liens {
            h.raw("<section class=\"bloc\" aria-labelledby=\"Liens\">\n<h2 id=\"Liens\">Conventions liées et annexes</h2>\n")
            if !conv.liees.isEmpty {
                h.raw("<ul class=\"liees\">\n")
                for item in conv.liees {
                    h.raw("<li>")
                    h.text(item.relation)
                    h.raw(" : ")
                    if let p = item.page {
                        h.raw("<a href=\"")
                        h.text(p.url)
                        h.raw("\">")
                        h.text(item.titre)
                        h.raw("</a> <span class=\"note\">(")
                        h.text(p.phase)
                        h.raw(")</span>")
                    } else {
                        h.text(item.titre)
                        h.raw(" <span class=\"note\">(non publiée sur ce site)</span>")
                    }
                    h.raw("</li>\n")
                }
                h.raw("</ul>\n")
            }
            if !conv.annexes.isEmpty {
                h.raw("<h3>Annexes</h3>\n<ul>\n")
                for item in conv.annexes {
                    h.raw("<li><a href=\"")
                    h.text(item.url)
                    h.raw("\">")
                    h.text(item.titre)
                    h.raw("</a></li>\n")
                }
                h.raw("</ul>\n")
            }
            h.raw("</section>\n")
        }
    }

    /// The three amounts of a row of the money table, between its cells' tags.
    private func montants(_ l: MoyensVue.Ligne, _ h: inout HTMLBuffer) {
        h.text(l.prestationsLegales)
        h.raw("</td><td class=\"num\">")
        h.text(l.actionSociale)
        h.raw("</td><td class=\"num\">")
        h.text(l.total)
    }

    /// `{{#x}}<dt>T</dt><dd><ul>{{#items}}<li>{{.}}</li>{{/items}}</ul></dd>{{/x}}` on its own line.
    private func puces(_ titre: StaticString, _ list: [String], _ h: inout HTMLBuffer) {
        if !list.isEmpty {
            h.raw("<dt>")
            h.raw(titre)
            h.raw("</dt><dd><ul>")
            for v in list { h.raw("<li>"); h.text(v); h.raw("</li>") }
            h.raw("</ul></dd>")
        }
        h.raw("\n")
    }
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
            h.lien(u as? String, c["emplacement"] as? String)
        } else {
            h.value(c["emplacement"])
        }
        h.raw(")</span></li>\n")
    }
    h.raw("</ul>\n")
}

/// `layout.mustache` with the partials `entete`, `fil-ariane` and `pied`, around a `contenu`.
struct Layout {
    let vue: LayoutVue

    func write(_ h: inout HTMLBuffer, contenu: (inout HTMLBuffer) -> Void) {
        let site = vue.site
        h.raw("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
        h.text(vue.titrePage)
        h.raw(" – ")
        h.text(site.titre)
        h.raw("</title>\n<link rel=\"stylesheet\" href=\"")
        h.text(vue.urlStyle)
        h.raw("\">\n")
        if let s = vue.styleImpression {
            h.raw("<style media=\"print\">")
            h.html(s)
            h.raw("</style>\n")
        }
        h.raw("</head>\n<body>\n<a class=\"evitement\" href=\"#Contenu\">Aller au contenu</a>\n")
        // partials/entete
        h.raw("<header class=\"entete\">\n<div class=\"entete-interieur\">\n<p class=\"entete-site\"><a href=\"")
        h.text(vue.urlAccueil)
        h.raw("\">")
        h.text(site.titre)
        h.raw("</a></p>\n<p class=\"entete-caf\">Publié par ")
        h.text(site.caf)
        h.raw(" · données au ")
        h.text(site.dateReference)
        h.raw("</p>\n</div>\n<nav class=\"navigation\" aria-label=\"Navigation principale\">\n<ul>\n")
        for n in vue.nav {
            h.raw("<li><a href=\"")
            h.text(n.url)
            h.raw(n.courant ? "\" aria-current=\"page\">" : "\">")
            h.text(n.libelle)
            h.raw("</a></li>\n")
        }
        h.raw("</ul>\n</nav>\n</header>\n<main id=\"Contenu\" tabindex=\"-1\">\n")
        // partials/fil-ariane
        if !vue.filAriane.items.isEmpty {
            h.raw("<nav class=\"fil-ariane\" aria-label=\"Fil d'Ariane\">\n<ol>\n")
            for item in vue.filAriane.items {
                h.raw("<li>")
                if let u = item.url {
                    h.lien(u, item.libelle)
                } else {
                    h.raw("<span aria-current=\"page\">")
                    h.text(item.libelle)
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
        h.text(site.titre)
        h.raw(" – publié par ")
        h.text(site.caf)
        h.raw(". Phases et états calculés au ")
        h.text(site.dateReference)
        h.raw(".</p>\n<ul>\n<li><a href=\"")
        h.text(vue.urlAccessibilite)
        h.raw("\">Accessibilité : non conforme</a></li>\n<li><a href=\"")
        h.text(vue.urlConventionsJson)
        h.raw("\" type=\"application/json\">Données ouvertes : conventions (JSON)</a></li>\n<li><a href=\"")
        h.text(vue.urlIndicateursCsv)
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
    mutating func tableauDefilant(_ captionId: String?, classe: StaticString) {
        raw("<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"")
        text(captionId)
        raw("\">\n<table class=\"")
        raw(classe)
        raw("\">\n<caption id=\"")
        text(captionId)
        raw("\"><span class=\"legende-tableau\">")
    }

    /// `<a href="{{url}}">{{libelle}}</a>`.
    mutating func lien(_ url: String?, _ libelle: String?) {
        raw("<a href=\"")
        text(url)
        raw("\">")
        text(libelle)
        raw("</a>")
    }

    /// `{{{x}}}` where the text may be the marker of a block of `blocks`: the block itself,
    /// written in place; any other text as it is.
    mutating func block(_ s: String?, from blocks: PageBlocks?) {
        guard let s else { return }
        if let blocks, blocks.write(marker: s, into: &self) { return }
        html(s)
    }

    /// `{{{x}}}`: a value of the context as it is.
    mutating func unescaped(_ v: Any?) {
        guard let v else { return }
        if let s = v as? String { html(s); return }
        if v is Absent { return }
        html(String(describing: v))
    }
}
