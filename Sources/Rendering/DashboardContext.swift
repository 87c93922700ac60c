import Foundation
import Model
import Reports

/// The dashboard of one convention (`territoires/ID/index.html`): identity, timeline, key
/// figures, the objectifs-résultats table of each axe with a chart and a year table per
/// indicator, actions, money, diagnostic, articulation, governance, evaluation, narrative,
/// related conventions; in revue mode, each finding beside the block at fault.
struct DashboardBuilder {
    let map: SiteMap
    let index: Int
    let frame: PageFrame
    var entry: ConventionEntry { map.entries[index] }
    var c: Convention { entry.convention }

    init(map: SiteMap, index: Int) {
        self.init(map: map, index: index, path: map.entries[index].path)
    }

    /// The dashboard as seen from another page of the convention (its dossier).
    init(map: SiteMap, index: Int, path: String) {
        self.map = map
        self.index = index
        frame = PageFrame(map: map, path: path)
    }

    /// Anchors of the plan items by position (`k`, `k/j`, `k/j/i`, `k/j/xN`), claimed first so
    /// that valid, unique ids keep their name; headings of the body come after.
    struct Anchors {
        var ids = NameSpace()
        var byKey: [String: String] = [:]
        mutating func claim(_ key: String, _ id: Ident) {
            byKey[key] = ids.claim(safeSlug(id.value) ?? "element")
        }
    }

    func anchors() -> Anchors {
        var a = Anchors()
        for (k, axe) in (c.axes?.value ?? []).enumerated() {
            a.claim("\(k)", axe.id)
            for (j, o) in (axe.objectifs?.value ?? []).enumerated() {
                a.claim("\(k)/\(j)", o.id)
                for (i, ind) in (o.indicateurs?.value ?? []).enumerated() { a.claim("\(k)/\(j)/\(i)", ind.id) }
                for (x, act) in (o.actions?.value ?? []).enumerated() { a.claim("\(k)/\(j)/x\(x)", act.id) }
            }
        }
        return a
    }

    func context() -> Ctx {
        var anchors = anchors()
        let placement = FindingPlacement(entry: entry, findings: map.findingsByEntry[index] ?? [], anchors: anchors.byKey)
        let r = entry.resume
        let date = map.date

        var out = frame.layout(titre: entry.titre, filAriane: frame.filAriane(entry, courant: true),
                               impression: (entry.titre, "Situation au \(Format.date(date))"))

        var conv = ctx([
            "titre": entry.titre,
            "id": entry.id,
            "projet": r.phase == .projet ? true : nil,
            "phase": Etiquette.phase(r.phase),
            "echelon": c.echelon?.value.libelle,
            "echelonPhrase": c.echelon.map { $0.value == .local ? "Convention locale" : "Convention départementale" },
            "territoire": territoire(),
            "signataires": liste((c.signataires?.value ?? []).map { s in
                ctx(["nom": s.nom?.value, "type": s.type?.value.libelle, "representant": s.representant?.value])
            }),
            "periode": c.periode.flatMap { p in
                guard let d = p.debut?.value, let f = p.fin?.value else { return nil }
                return ctx(["texte": Format.periode(d, f), "debut": Format.date(d), "fin": Format.date(f)])
            },
            "dateDiagnostic": c.diagnostic?.date.map { Format.date($0.value) },
            "deliberationCA": c.deliberationCA.map { Format.date($0.value) },
            "signature": c.signature.map { Format.date($0.value) },
        ])
        let (frise, jalons, avancement) = calendrier()
        conv["frise"] = frise ?? absent
        conv["jalons"] = liste(jalons) ?? absent
        conv["avancement"] = avancement ?? absent
        conv["chiffres"] = chiffres()
        var axes: [Any] = []
        for (k, axe) in (c.axes?.value ?? []).enumerated() {
            axes.append(axeContext(k, axe, anchors: anchors.byKey, placement: placement))
        }
        conv["axes"] = liste(axes) ?? absent
        conv["moyens"] = moyens(placement) ?? absent
        conv["diagnostic"] = diagnostic(placement) ?? absent
        conv["articulation"] = articulation(placement) ?? absent
        conv["gouvernance"] = gouvernance(placement) ?? absent
        conv["evaluation"] = evaluation(placement) ?? absent
        let body = map.html(of: c.document, source: c.file, page: frame.path)
        conv["recit"] = body.utf8.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 9 || $0 == 13 }) ? absent : nestedBody(body, ids: &anchors.ids)
        conv["liees"] = liste(liees()) ?? absent
        conv["annexes"] = liste(c.annexes.indices.map { i in
            ctx(["titre": c.annexes[i].titre, "url": frame.url(entry.annexPath(i))])
        }) ?? absent
        conv["liens"] = present(conv["liees"]) || present(conv["annexes"]) ? true : absent
        conv["constatsIdentite"] = frame.constats(placement.at(.general) + placement.at(.identite)) ?? absent
        conv["constatsPlan"] = frame.constats(placement.at(.plan)) ?? absent
        conv["constatsRecit"] = frame.constats(placement.at(.recit)) ?? absent
        out["convention"] = conv
        if map.options.revue {
            let all = map.findingsByEntry[index] ?? []
            let items = all.map { frame.constat($0, ancre: placement.ancre(of: $0).map { (entry.path, $0) }) }
            out["revueConvention"] = ctx([
                "constats": liste(items),
                "bilan": Format.pluriel(all.count { $0.severity == .error }, "erreur") + ", "
                    + Format.pluriel(all.count { $0.severity == .warning }, "avertissement"),
                "aucun": all.isEmpty ? true : nil,
            ])
        }
        out["sommaire"] = liste(sommaire(conv)) ?? absent
        out["urlDossier"] = frame.url(entry.dossierPath)
        return out
    }

    func territoire() -> Ctx? {
        guard let t = c.territoire else { return nil }
        var dep: Ctx? = nil
        if let d = map.departementByCode[entry.departement ?? ""], entry.departement != nil {
            dep = ["libelle": map.departements[d].libelle, "url": frame.url(map.departements[d].path)]
        }
        return ctx([
            "nom": t.nom?.value, "type": t.type?.value.libelle, "code": t.code?.value,
            "departement": t.type?.value == .departement ? nil : dep,
            "communes": liste((t.communes?.value ?? []).map(\.value)),
        ])
    }

    /// The timeline: SVG, its milestones as a numbered list, and the share of the period elapsed.
    func calendrier() -> (String?, [Any], String?) {
        var events: [(String, Day)] = []
        if let d = c.diagnostic?.date?.value { events.append(("Diagnostic partagé", d)) }
        if let d = c.deliberationCA?.value { events.append(("Délibération du conseil d'administration de la Caf", d)) }
        if let d = c.signature?.value { events.append(("Signature", d)) }
        if let e = c.evaluation, let d = e.date?.value { events.append((e.type?.value.libelle ?? "Évaluation", d)) }
        events.sort { $0.1 < $1.1 }
        let jalons: [Any] = events.enumerated().map { i, e in
            ["numero": String(i + 1), "libelle": e.0, "date": Format.date(e.1), "iso": e.1.iso]
        }
        guard let debut = c.periode?.debut?.value, let fin = c.periode?.fin?.value, debut <= fin else {
            return (nil, jalons, nil)
        }
        let date = map.date
        let avancement: String
        if date < debut {
            avancement = "Au \(Format.date(date)), la période de la convention n'a pas commencé."
        } else if date > fin {
            avancement = "Au \(Format.date(date)), la période de la convention est terminée."
        } else {
            let part = Reports.roundHalfAwayFromZero(Decimal(date.ordinal - debut.ordinal + 1) * 100 / Decimal(fin.ordinal - debut.ordinal + 1))
            avancement = "Au \(Format.date(date)), \(Format.pourcentage(part)) de la période est écoulée."
        }
        let desc = "Période \(Format.periode(debut, fin)). " + avancement + " "
            + events.enumerated().map { "\($0 + 1) : \($1.0), \(Format.date($1.1))." }.joined(separator: " ")
        let svg = Charts.frise(id: "Frise", debut: debut, fin: fin, date: date, jalons: events.map(\.1),
                               titre: "Calendrier de la convention", description: desc)
        return (svg, jalons, avancement)
    }

    func chiffres() -> Ctx {
        let r = entry.resume
        return ctx([
            "axes": Format.entier(r.axes), "objectifs": Format.entier(r.objectifs),
            "indicateurs": Format.entier(r.indicateurs), "actions": Format.entier(r.actions),
            "motAxes": r.axes > 1 ? "axes" : "axe", "motObjectifs": r.objectifs > 1 ? "objectifs" : "objectif",
            "motIndicateurs": r.indicateurs > 1 ? "indicateurs" : "indicateur",
            "motRealisees": r.actionsRealisees > 1 ? "actions réalisées" : "action réalisée",
            "actionsRealisees": Format.entier(r.actionsRealisees),
            "partRealisees": r.partRealisees.map(Format.pourcentage),
            "moyensCourt": r.moyensParAnnee.isEmpty ? nil : Format.eurosCourt(r.moyensTotal.total),
            "moyensExact": r.moyensParAnnee.isEmpty ? nil : Format.euros(r.moyensTotal.total),
            "moyensPeriode": moyensPeriode(r),
            "etats": Etiquette.etats(r.etats),
        ])
    }

    func moyensPeriode(_ r: ConventionResume) -> String? {
        guard let a = r.moyensParAnnee.first?.annee, let b = r.moyensParAnnee.last?.annee else { return nil }
        return a == b ? "en \(a)" : "de \(a) à \(b)"
    }

    /// The value of an indicator in its unit: `%` is written after the number.
    static func valeur(_ n: Nombre, unite: String?) -> String {
        unite == "%" ? Format.nombre(n) + Format.espaceFine + "%" : Format.nombre(n)
    }

    func axeContext(_ k: Int, _ axe: Axe, anchors: [String: String], placement: FindingPlacement) -> Ctx {
        let ancre = anchors["\(k)"]!
        let tableau = ObjectifsTable.context(
            axe: axe, numero: k + 1, captionId: "Tableau-\(ancre)", frame: frame, entry: entry,
            ancre: { anchors[$0] }, onPage: true)
        var details: [Any] = []
        var actionGroups: [(objectif: String, actions: [(Action, String)])] = []
        var corps = HTMLBuffer(capacity: 4096)
        for (j, o) in (axe.objectifs?.value ?? []).enumerated() {
            for (i, ind) in (o.indicateurs?.value ?? []).enumerated() {
                let a = anchors["\(k)/\(j)/\(i)"]!
                details.append(indicateurDetail(ind, ancre: a, objectif: o, constats: frame.constats(placement.at(.indicateur("\(k)/\(j)/\(i)")))))
            }
            let objectif = o.libelle?.value ?? "Objectif \(j + 1)"
            let actions = (o.actions?.value ?? []).enumerated().map { x, act in (act, anchors["\(k)/\(j)/x\(x)"]!) }
            corps.raw("<tbody>\n<tr>\n<th scope=\"row\" rowspan=\"\(max(1, actions.count))\" class=\"objectif\">")
            corps.text(objectif)
            corps.raw("</th>\n")
            for (x, (act, a)) in actions.enumerated() { actionRow(act, ancre: a, premiere: x == 0, html: &corps) }
            if actions.isEmpty { corps.raw("<td colspan=\"6\" class=\"manque\">Aucune action pour cet objectif.</td>\n</tr>\n") }
            corps.raw("</tbody>\n")
            actionGroups.append((objectif, actions))
        }
        return ctx([
            "ancre": ancre,
            "numero": String(k + 1),
            "titre": axe.titre?.value ?? "Axe \(k + 1)",
            "champ": axe.champ.map { ch in
                let slug = map.champByCode[ch.value].map { map.champs[$0].path }
                return ctx(["libelle": map.project.site.libelleChamp(ch.value), "url": slug.map { frame.url($0) }])
            },
            "tableau": tableau,
            "indicateurs": liste(details),
            "actions": actionGroups.isEmpty ? nil : ctx([
                "captionId": "Actions-\(ancre)",
                "corps": corps.out,
                "groupes": LazyList(actionGroups) { g in
                    var lignes = g.actions.enumerated().map { x, a in self.actionContext(a.0, ancre: a.1, premiere: x == 0) }
                    if lignes.isEmpty { lignes = [["premiere": true, "sansAction": true]] }
                    return ctx(["objectif": g.objectif, "rowspan": String(lignes.count), "lignes": lignes])
                },
            ]),
            "constats": frame.constats(placement.at(.axe(k))),
            "constatsActions": frame.constats(placement.at(.actions(k))),
        ])
    }

    func indicateurDetail(_ ind: Indicateur, ancre: String, objectif: Objectif, constats: Ctx?) -> Ctx {
        let r = Reports.resume(ind, date: map.date)
        let unite = ind.unite?.value
        let libelle = ind.libelle?.value ?? ind.id.value
        let cibles = ind.cibles?.value ?? []
        let resultats = ind.resultats?.value ?? []
        // Year by year: every year that has a reference, a target or a result.
        var years = Set(cibles.map(\.annee)).union(resultats.map(\.annee))
        if let ref = r.reference { years.insert(ref.annee) }
        let byYearC = Dictionary(cibles.map { ($0.annee, $0.valeur) }, uniquingKeysWith: { _, b in b })
        let byYearR = Dictionary(resultats.map { ($0.annee, $0.valeur) }, uniquingKeysWith: { _, b in b })
        var h = HTMLBuffer(capacity: 2048)
        let captionId = "Annees-\(ancre)"
        h.raw("<table class=\"tableau tableau-annees\">\n<caption id=\"\(captionId)\"><span class=\"legende-tableau\">")
        h.text(libelle)
        h.raw(" : valeurs par année</span></caption>\n<thead>\n<tr><th scope=\"col\">Année</th><th scope=\"col\" class=\"num\">Référence</th><th scope=\"col\" class=\"num\">Cible</th><th scope=\"col\" class=\"num\">Résultat</th></tr>\n</thead>\n<tbody>\n")
        let annees: [(Int, [String?])] = years.sorted().map { y in
            let values = [
                r.reference?.annee == y ? r.reference.map { Self.valeur($0.valeur, unite: unite) } : nil,
                byYearC[y].map { Self.valeur($0, unite: unite) },
                byYearR[y].map { Self.valeur($0, unite: unite) },
            ]
            h.raw("<tr><th scope=\"row\">\(y)</th>")
            for v in values {
                h.raw("<td class=\"num\">")
                if let v { h.text(v) } else { h.raw(Fragment.sansValeur) }
                h.raw("</td>")
            }
            h.raw("</tr>\n")
            return (y, values)
        }
        h.raw("</tbody>\n</table>\n")
        func phrase(_ ps: [Point]) -> String {
            ps.map { "\(Self.valeur($0.valeur, unite: unite)) en \($0.annee)" }.joined(separator: ", ")
        }
        var desc: [String] = []
        if let ref = r.reference { desc.append("Référence : \(Self.valeur(ref.valeur, unite: unite)) en \(ref.annee).") }
        if !cibles.isEmpty { desc.append("Cibles : \(phrase(cibles)).") }
        desc.append(resultats.isEmpty ? "Aucun résultat." : "Résultats : \(phrase(resultats)).")
        let unitePhrase = unite.map { $0 == "%" ? " (en %)" : " (en \($0))" } ?? ""
        let graphique = Charts.indicateur(
            id: "Graphique-\(ancre)", libelle: libelle, unite: unite ?? "", reference: r.reference,
            cibles: cibles, resultats: resultats,
            titre: "\(libelle)\(unitePhrase) : cibles et résultats", description: desc.joined(separator: " "))
        let sens = ind.sens?.value == .baisse ? "à la baisse (une valeur plus basse est un progrès)" : nil
        let taux = r.taux.map(Format.pourcentage)
        var e = HTMLBuffer(capacity: 512)
        e.raw("<p class=\"indicateur-etat\">")
        e.raw(Fragment.etats[r.etat]!)
        if let taux { e.raw(" · taux de réalisation : <strong>\(taux)</strong>") }
        e.raw("</p>\n<dl class=\"indicateur-meta\">\n")
        for (label, value) in [("Objectif", objectif.libelle?.value), ("Unité", unite), ("Sens", sens), ("Source", ind.source?.value)] {
            guard let value else { continue }
            e.raw("<dt>\(label)</dt><dd>")
            e.text(value)
            e.raw("</dd>\n")
        }
        e.raw("</dl>\n")
        return ctx([
            "ancre": ancre,
            "libelle": libelle,
            "entete": e.out,
            "unite": unite,
            "sens": sens,
            "source": ind.source?.value,
            "objectif": objectif.libelle?.value,
            "etat": Etiquette.etat(r.etat),
            "taux": taux,
            "graphique": graphique.isEmpty ? nil : graphique,
            "captionId": captionId,
            "annees": annees.isEmpty ? nil : ["items": LazyList(annees) { y, v in
                ctx(["annee": String(y), "reference": v[0], "cible": v[1], "resultat": v[2]])
            }] as Ctx,
            "tableauAnnees": annees.isEmpty ? nil : h.out,
            "constats": constats,
        ])
    }

    /// The row of one action in the actions table (after the objectif's cell on the first row).
    func actionRow(_ a: Action, ancre: String, premiere: Bool, html h: inout HTMLBuffer) {
        let etat = a.etat?.value
        if !premiere { h.raw("<tr>\n") }
        h.raw("<th scope=\"row\" class=\"action\" id=\"\(ancre)\">")
        h.text(a.libelle?.value ?? a.id.value)
        h.raw("</th>\n<td>")
        if let p = a.pilote?.value { h.text(p) } else { h.vide("non désigné") }
        h.raw("</td>\n<td>")
        let partenaires = a.partenaires?.value ?? []
        if partenaires.isEmpty {
            h.vide("aucun")
        } else {
            h.raw("<ul class=\"liste-simple\">")
            for p in partenaires { h.raw("<li>"); h.text(p.value); h.raw("</li>") }
            h.raw("</ul>")
        }
        h.raw("</td>\n<td>")
        if let e = a.echeance?.value {
            h.raw("<time datetime=\"\(e.iso)\">\(Format.date(e))</time>")
            if isLate(a) { h.raw(" <span class=\"depassee\">échéance dépassée</span>") }
        } else {
            h.vide("non fixée")
        }
        h.raw("</td>\n<td>")
        if let etat { h.raw(Fragment.etatsAction[etat]!) } else { h.vide("non précisé") }
        h.raw("</td>\n<td class=\"num\">")
        if let b = a.budget?.value { h.raw(Format.euros(b.decimal)) } else { h.vide("non chiffré") }
        h.raw("</td>\n</tr>\n")
    }

    /// Past its deadline at the reference date and neither done nor dropped.
    func isLate(_ a: Action) -> Bool {
        guard let e = a.echeance?.value, e < map.date else { return false }
        return a.etat?.value != .realisee && a.etat?.value != .abandonnee
    }

    /// One action, for a template that writes its own rows.
    func actionContext(_ a: Action, ancre: String, premiere: Bool) -> Ctx {
        let etat = a.etat?.value
        let depassee = isLate(a)
        let libelle = a.libelle?.value ?? a.id.value
        let partenaires = (a.partenaires?.value ?? []).map(\.value)
        let echeance = a.echeance.map { Format.date($0.value) }
        let budget = a.budget.map { Format.euros($0.value.decimal) }
        return ctx([
            "premiere": premiere ? true : nil,
            "sansAction": nil,
            "ancre": ancre,
            "libelle": libelle,
            "pilote": a.pilote?.value,
            "partenaires": liste(partenaires),
            "echeance": echeance,
            "echeanceIso": a.echeance?.value.iso,
            "depassee": depassee ? true : nil,
            "etat": etat.map(Etiquette.action),
            "budget": budget,
        ])
    }

    func moyens(_ placement: FindingPlacement) -> Ctx? {
        let r = entry.resume
        let constats = frame.constats(placement.at(.moyens))
        guard !r.moyensParAnnee.isEmpty || constats != nil else { return nil }
        func ligne(_ l: MoyensLigne) -> Ctx {
            ["prestationsLegales": Format.euros(l.prestationsLegales), "actionSociale": Format.euros(l.actionSociale),
             "total": Format.euros(l.total)]
        }
        return ctx([
            "captionId": "Tableau-moyens",
            "lignes": liste(r.moyensParAnnee.map { l in ligne(l).merging(["annee": String(l.annee ?? 0)]) { a, _ in a } }),
            "total": r.moyensParAnnee.count > 1 ? ligne(r.moyensTotal).merging(["periode": moyensPeriode(r) ?? ""]) { a, _ in a } : nil,
            "constats": constats,
        ])
    }

    func diagnostic(_ placement: FindingPlacement) -> Ctx? {
        let constats = frame.constats(placement.at(.diagnostic))
        guard let d = c.diagnostic else { return constats.map { ["constats": $0] } }
        var page: Ctx? = nil
        if let p = d.page?.value, case let .page(path, fragment) = map.target(of: p, in: c.file) {
            let titre = c.annexes.indices.first { entry.annexPath($0) == path }.map { c.annexes[$0].titre }
            page = ctx(["url": frame.url(path) + (fragment.map { "#" + $0 } ?? ""), "titre": titre ?? "Diagnostic complet"])
        }
        return ctx([
            "date": d.date.map { Format.date($0.value) },
            "partenaires": liste((d.partenaires?.value ?? []).map(\.value)),
            "besoins": liste((d.besoins?.value ?? []).map { Vocabulaire.libelle($0.value, in: Vocabulaire.besoins) }),
            "typesTerritoire": liste((d.typeTerritoire?.value ?? []).map { Vocabulaire.libelle($0.value, in: Vocabulaire.typesTerritoire) }),
            "page": page,
            "constats": constats,
        ])
    }

    func articulation(_ placement: FindingPlacement) -> Ctx? {
        let schemas = (c.schemas?.value ?? []).map { Vocabulaire.libelle($0.value, in: Vocabulaire.schemas) }
        let existantes: [Any] = (c.conventionsExistantes?.value ?? []).map { x in
            ctx([
                "intitule": x.intitule?.value ?? "(sans intitulé)",
                "type": x.type.map { Vocabulaire.libelle($0.value, in: Vocabulaire.typesConventionExistante) },
                "debut": x.debut.map { Format.date($0.value) },
                "fin": x.fin.map { Format.date($0.value) },
                "devenir": x.devenir?.value.libelle,
            ])
        }
        let constats = frame.constats(placement.at(.articulation))
        let champs = (c.champs?.value ?? []).map { ch -> Any in
            ctx(["libelle": map.project.site.libelleChamp(ch.value),
                 "url": map.champByCode[ch.value].map { frame.url(map.champs[$0].path) }])
        }
        if schemas.isEmpty && existantes.isEmpty && champs.isEmpty && constats == nil { return nil }
        return ctx([
            "champs": liste(champs),
            "schemas": liste(schemas),
            "existantes": existantes.isEmpty ? nil : ["captionId": "Tableau-existantes", "lignes": existantes] as Ctx,
            "constats": constats,
        ])
    }

    func gouvernance(_ placement: FindingPlacement) -> Ctx? {
        let constats = frame.constats(placement.at(.gouvernance))
        let g = c.gouvernance
        let pilotage = (g?.comitePilotage?.value ?? []).map(\.value)
        let technique = (g?.comiteTechnique?.value ?? []).map(\.value)
        if pilotage.isEmpty && technique.isEmpty && constats == nil { return nil }
        return ctx(["pilotage": liste(pilotage), "technique": liste(technique), "constats": constats])
    }

    func evaluation(_ placement: FindingPlacement) -> Ctx? {
        let constats = frame.constats(placement.at(.evaluation))
        guard let e = c.evaluation else { return constats.map { ["constats": $0] } }
        return ctx([
            "type": e.type?.value.libelle ?? "Évaluation",
            "date": e.date.map { Format.date($0.value) },
            "synthese": e.synthese?.value,
            "constats": constats,
        ])
    }

    /// Its accord-cadre and the local conventions under it; the one it renews and the one that renewed it.
    func liees() -> [Any] {
        var out: [Any] = []
        if let a = c.accordCadre?.value { out.append(frame.lienConvention(a, relation: "Accord-cadre départemental")) }
        for id in map.report.conventionsLocales[entry.id] ?? [] where id != entry.id {
            out.append(frame.lienConvention(id, relation: "Convention locale de l'accord-cadre"))
        }
        if let r = c.renouvelle?.value { out.append(frame.lienConvention(r, relation: "Renouvelle la convention")) }
        if let by = map.report.renouveleePar[entry.id] { out.append(frame.lienConvention(by, relation: "Renouvelée par")) }
        return out
    }

    /// « Sur cette page »: the sections the page has, in order.
    func sommaire(_ conv: Ctx) -> [Any] {
        var out: [(String, String)] = [("Identite", "Identité"), ("Calendrier", "Calendrier"), ("Chiffres", "Chiffres clés")]
        if present(conv["axes"]) { out.append(("Plan", "Objectifs, résultats et actions")) }
        if present(conv["moyens"]) { out.append(("Moyens", "Moyens de la Caf")) }
        if present(conv["diagnostic"]) { out.append(("Diagnostic", "Diagnostic partagé")) }
        if present(conv["articulation"]) { out.append(("Articulation", "Champs, schémas et contrats")) }
        if present(conv["gouvernance"]) { out.append(("Gouvernance", "Gouvernance")) }
        if present(conv["evaluation"]) { out.append(("Evaluation", "Évaluation")) }
        if present(conv["recit"]) { out.append(("Presentation", "Présentation")) }
        if present(conv["liees"]) || present(conv["annexes"]) { out.append(("Liens", "Conventions liées et annexes")) }
        out.append(("Donnees", "Données ouvertes"))
        return out.map { ["ancre": $0.0, "libelle": $0.1] }
    }
}

/// The objectifs-résultats table of one axe (§ 2e partie 3): one row per indicator, grouped
/// by objectif. Shared by the dashboard (anchors on the page) and the field pages (links to it).
enum ObjectifsTable {
    struct Ligne {
        var libelle: String
        var unite: String?
        var url: String?
        var reference, cible, dernier: (valeur: String, annee: String)?
        var taux: String?
        var etat: EtatIndicateur
    }

    struct Groupe {
        var libelle: String
        var ancre: String?
        var url: String?
        var lignes: [Ligne]
    }

    static func context(axe: Axe, numero: Int, captionId: String, frame: PageFrame, entry: ConventionEntry,
                        ancre: (String) -> String?, onPage: Bool) -> Ctx {
        let k = numero - 1
        let groupes: [Groupe] = (axe.objectifs?.value ?? []).enumerated().map { j, o in
            let oAncre = ancre("\(k)/\(j)")
            let lignes: [Ligne] = (o.indicateurs?.value ?? []).enumerated().map { i, ind in
                let r = Reports.resume(ind, date: frame.map.date)
                let unite = ind.unite?.value
                func va(_ p: Point?) -> (valeur: String, annee: String)? {
                    p.map { (DashboardBuilder.valeur($0.valeur, unite: unite), String($0.annee)) }
                }
                let iAncre = ancre("\(k)/\(j)/\(i)")
                return Ligne(libelle: ind.libelle?.value ?? ind.id.value, unite: unite,
                             url: iAncre.map { onPage ? "#" + $0 : frame.url(entry.path, ancre: $0) },
                             reference: va(r.reference), cible: va(r.cibleFinale), dernier: va(r.dernierResultat),
                             taux: r.taux.map(Format.pourcentage), etat: r.etat)
            }
            return Groupe(libelle: o.libelle?.value ?? "Objectif \(j + 1)", ancre: onPage ? oAncre : nil,
                          url: onPage ? nil : oAncre.map { frame.url(entry.path, ancre: $0) }, lignes: lignes)
        }
        return ctx([
            "captionId": captionId,
            "caption": "Objectifs et résultats de l'axe \(numero) : \(axe.titre?.value ?? "sans titre")",
            "groupes": groupes.isEmpty ? nil : LazyList(groupes, groupeContext),
            "corps": corps(groupes),
            "vide": groupes.isEmpty ? true : nil,
        ])
    }

    static func corps(_ groupes: [Groupe]) -> String {
        var h = HTMLBuffer(capacity: 1024 * groupes.count)
        for g in groupes {
            h.raw("<tbody>\n<tr>\n<th scope=\"row\" rowspan=\"\(max(1, g.lignes.count))\" class=\"objectif\"")
            if let a = g.ancre { h.raw(" id=\"\(a)\"") }
            h.raw(">")
            if let u = g.url { h.raw("<a href=\"\(u)\">"); h.text(g.libelle); h.raw("</a>") } else { h.text(g.libelle) }
            h.raw("</th>\n")
            for (i, l) in g.lignes.enumerated() {
                if i > 0 { h.raw("<tr>\n") }
                h.raw("<th scope=\"row\" class=\"indicateur\">")
                if let u = l.url { h.raw("<a href=\"\(u)\">"); h.text(l.libelle); h.raw("</a>") } else { h.text(l.libelle) }
                if let unite = l.unite { h.raw(" <span class=\"unite\">("); h.text(unite); h.raw(")</span>") }
                h.raw("</th>\n<td class=\"num\">")
                Fragment.valeurAnnee(&h, l.reference, vide: "non renseignée")
                h.raw("</td>\n<td class=\"num\">")
                Fragment.valeurAnnee(&h, l.cible, vide: "non renseignée")
                h.raw("</td>\n<td class=\"num\">")
                Fragment.valeurAnnee(&h, l.dernier, vide: "aucun")
                h.raw("</td>\n<td class=\"num\">")
                if let t = l.taux { h.raw(t) } else { h.vide("non calculé") }
                h.raw("</td>\n<td>")
                h.raw(Fragment.etats[l.etat]!)
                h.raw("</td>\n</tr>\n")
            }
            if g.lignes.isEmpty {
                h.raw("<td colspan=\"6\" class=\"manque\">Aucun indicateur pour cet objectif.</td>\n</tr>\n")
            }
            h.raw("</tbody>\n")
        }
        return h.out
    }

    static func groupeContext(_ g: Groupe) -> Any {
        func pair(_ v: (valeur: String, annee: String)?) -> Any? { v.map { ["valeur": $0.valeur, "annee": $0.annee] } }
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
