import Foundation
import Model
import Reports

/// Contexts of the pages that gather conventions: home, département, field; and the pages
/// that are not about one convention: free pages, annexes, findings report, accessibility.
extension SiteMap {
    /// One row of a table of conventions, with its key figures; its HTML is written into `html`.
    @discardableResult
    func ligneConvention(_ i: Int, frame: PageFrame, html h: inout HTMLBuffer) -> Ctx {
        let e = entries[i]
        let r = e.resume
        let c = e.convention
        var periode: String? = nil
        if let d = c.periode?.debut?.value, let f = c.periode?.fin?.value {
            periode = "\(Format.moisAnnee(d)) – \(Format.moisAnnee(f))"
        }
        let bons = (r.etats[.atteint] ?? 0) + (r.etats[.enBonneVoie] ?? 0)
        let url = frame.url(e.path)
        let territoire = c.territoire?.nom?.value
        let type = c.territoire?.type?.value.libelle
        let actions = r.actions > 0 ? "\(Format.entier(r.actionsRealisees)) sur \(Format.entier(r.actions))" : nil
        let indicateurs = r.indicateurs > 0 ? "\(Format.entier(bons)) sur \(Format.entier(r.indicateurs))" : nil
        let moyens = r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosCourtTotal
        let moyensExact = r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosTotal
        h.raw("<tr><th scope=\"row\"><a href=\""); h.html(url); h.raw("\">")
        h.text(e.titre)
        h.raw("</a>")
        if r.phase == .projet { h.raw(" <span class=\"phase phase-projet\">Projet</span>") }
        h.raw("</th><td>")
        if let territoire { h.text(territoire) }
        if let type { h.raw(" <span class=\"note\">("); h.text(type); h.raw(")</span>") }
        h.raw("</td><td>")
        if let periode { h.text(periode) } else { h.vide("non renseignée") }
        h.raw("</td><td class=\"num\">")
        if let actions { h.text(actions) } else { h.vide("aucune action") }
        h.raw("</td><td class=\"num\">")
        if let indicateurs { h.text(indicateurs) } else { h.vide("aucun indicateur") }
        h.raw("</td><td class=\"num\">")
        if let moyens, let moyensExact { h.html("<abbr title=\"\(moyensExact)\">\(moyens)</abbr>") } else { h.vide("non renseignés") }
        h.raw("</td></tr>\n")
        return ctx([
            "titre": e.titre,
            "url": url,
            "projet": r.phase == .projet ? true : nil,
            "phase": Etiquette.phase(r.phase),
            "territoire": territoire,
            "typeTerritoire": type,
            "echelon": c.echelon?.value.libelle,
            "periode": periode,
            "actions": actions,
            "indicateurs": indicateurs,
            "moyens": moyens,
            "moyensExact": moyensExact,
        ])
    }

    /// Conventions grouped by phase (living ones first), one table per phase.
    func parPhase(_ indices: [Int], frame: PageFrame, idPrefix: String, lieu: String, blocks: PageBlocks) -> [Any] {
        var groups: [Phase: [Int]] = [:]
        for i in indices { groups[entries[i].resume.phase, default: []].append(i) }
        return Phase.allCases.sorted { $0.rang < $1.rang }.compactMap { p -> Any? in
            guard let list = groups[p] else { return nil }
            let sorted = list.sorted { (entries[$0].titre, $0) < (entries[$1].titre, $1) }
            var h = HTMLBuffer(capacity: 512 * sorted.count)
            for i in sorted { ligneConvention(i, frame: frame, html: &h) }
            h.removeLast() // the template's line adds it back
            let lignes = LazyList(sorted) { i in
                var ignored = HTMLBuffer(capacity: 0)
                return self.ligneConvention(i, frame: frame, html: &ignored)
            }
            return ctx([
                "phase": Etiquette.phase(p),
                "nombre": Format.entier(list.count),
                "captionId": "\(idPrefix)-\(p.rawValue)",
                "caption": "\(lieu) : conventions \(Self.phaseAdjectif(p))",
                "lignes": lignes,
                "corps": blocks.add(h.bytes),
            ])
        }
    }

    static func phaseAdjectif(_ p: Phase) -> String {
        switch p {
        case .projet: return "en projet"
        case .aVenir: return "à venir"
        case .enCours: return "en cours"
        case .evaluee: return "évaluées"
        case .echue: return "échues"
        case .renouvelee: return "renouvelées"
        }
    }

    /// Totals of a set of conventions: by phase, indicators by state, money by échelon.
    func totaux(_ indices: [Int], idPrefix: String) -> Ctx {
        var phases: [Phase: Int] = [:]
        var etats: [EtatIndicateur: Int] = [:]
        var indicateurs = 0
        var moyens: [Echelon?: MoyensLigne] = [:]
        for i in indices {
            let r = entries[i].resume
            phases[r.phase, default: 0] += 1
            for (e, n) in r.etats { etats[e, default: 0] += n }
            indicateurs += r.indicateurs
            guard !r.moyensParAnnee.isEmpty else { continue }
            moyens[entries[i].convention.echelon?.value, default: .zero(annee: nil)].add(r.moyensTotal)
        }
        let lignesMoyens: [Any] = ([Echelon.departemental, .local] as [Echelon?] + [nil]).compactMap { k in
            guard let l = moyens[k] else { return nil }
            return [
                "echelon": k == .departemental ? "Conventions départementales" : k == .local ? "Conventions locales" : "Échelon non renseigné",
                "prestationsLegales": l.eurosPrestationsLegales,
                "actionSociale": l.eurosActionSociale,
                "total": l.eurosTotal,
            ]
        }
        return ctx([
            "conventions": Format.entier(indices.count),
            "conventionsTexte": indices.count > 1 ? "conventions" : "convention",
            "phases": Phase.allCases.sorted { $0.rang < $1.rang }.compactMap { p -> Any? in
                guard let n = phases[p] else { return nil }
                return ["libelle": p.libelle, "code": p.rawValue, "nombre": Format.entier(n)]
            },
            "indicateurs": Format.entier(indicateurs),
            "etats": Etiquette.etats(etats),
            "captionPhases": "\(idPrefix)-phases",
            "captionEtats": "\(idPrefix)-etats",
            "captionMoyens": "\(idPrefix)-moyens",
            "moyens": liste(lignesMoyens),
            "moyensSuperposes": moyens[.departemental] != nil && moyens[.local] != nil ? true : nil,
        ])
    }

    func homeContext(blocks: PageBlocks = PageBlocks()) -> Ctx {
        let frame = PageFrame(map: self, path: SitePath.accueil)
        var out = frame.layout(titre: "Accueil", filAriane: [])
        let all = Array(entries.indices)
        out["accueil"] = ctx([
            "totaux": totaux(all, idPrefix: "Totaux"),
            "aucune": entries.isEmpty ? true : nil,
            "departements": liste(departements.enumerated().map { k, d in
                ctx([
                    "libelle": d.libelle,
                    "url": frame.url(d.path),
                    "nombre": Format.pluriel(d.conventions.count, "convention"),
                    "phases": parPhase(d.conventions, frame: frame, idPrefix: "Dep\(k)", lieu: d.libelle, blocks: blocks),
                ])
            }),
            "champs": liste(champs.map { ch in
                ctx(["libelle": ch.libelle, "url": frame.url(ch.path),
                     "axes": Format.pluriel(ch.axes.count, "axe"),
                     "conventions": Format.pluriel(Set(ch.axes.map(\.entry)).union(ch.sansAxe).count, "convention")])
            }),
        ])
        return out
    }

    func departementContext(_ k: Int, blocks: PageBlocks = PageBlocks()) -> Ctx {
        let (layout, departement) = departementVue(k, blocks: blocks)
        var out = layout.ctx
        out["departement"] = departement
        return out
    }

    /// The page of département `k`: its layout, and its own context (`{{#departement}}`).
    func departementVue(_ k: Int, blocks: PageBlocks = PageBlocks()) -> (layout: LayoutVue, departement: Ctx) {
        let d = departements[k]
        let frame = PageFrame(map: self, path: d.path)
        let layout = frame.layoutVue(titre: d.libelle, filAriane: [("Accueil", frame.url(SitePath.accueil)), (d.libelle, nil)])
        return (layout, ctx([
            "libelle": d.libelle,
            "totaux": totaux(d.conventions, idPrefix: "Totaux"),
            "phases": parPhase(d.conventions, frame: frame, idPrefix: "Conventions", lieu: d.libelle, blocks: blocks),
        ]))
    }

    func pageContext(_ k: Int) -> Ctx {
        let p = pages[k]
        let frame = PageFrame(map: self, path: p.path)
        var out = frame.layout(titre: p.page.titre, filAriane: [("Accueil", frame.url(SitePath.accueil)), (p.page.titre, nil)])
        out["page"] = ctx([
            "titre": p.page.titre,
            "contenu": html(of: p.page.document, body: p.page.body, source: p.page.file, page: p.path),
            "constats": frame.constats(findingsByFile[p.page.file] ?? []),
        ])
        return out
    }

    func annexeContext(entry i: Int, annexe k: Int, shared: DashboardShared = DashboardShared()) -> Ctx {
        let e = entries[i]
        let a = e.convention.annexes[k]
        let path = e.annexPath(k)
        let frame = PageFrame(map: self, path: path)
        var ariane = frame.filAriane(e, courant: false)
        ariane.append((a.titre, nil))
        var out = frame.layout(titre: "\(a.titre) – \(e.titre)", filAriane: ariane,
                               impression: (e.titre, "Situation au \(Format.date(date))"))
        out["annexe"] = ctx([
            "titre": a.titre,
            "contenu": html(ofRendered: shared.annexe(k, of: e.convention), source: a.file, page: path),
            "convention": ctx(["titre": e.titre, "url": frame.url(e.path), "projet": e.resume.phase == .projet ? true : nil]),
            "constats": frame.constats(findingsByFile[a.file] ?? []),
        ])
        return out
    }

    /// The findings report: every finding, grouped by convention, with links to the blocks at fault.
    func controleContext() -> Ctx {
        let frame = PageFrame(map: self, path: SitePath.controle)
        var out = frame.layout(titre: "Rapport de contrôle", filAriane: [("Accueil", frame.url(SitePath.accueil)), ("Rapport de contrôle", nil)])
        var groups: [Any] = []
        var placed: Set<Finding> = []
        for (i, e) in entries.enumerated() {
            guard let fs = findingsByEntry[i], !fs.isEmpty else { continue }
            let placement = FindingPlacement(entry: e, findings: fs, anchors: anchors(of: i))
            placed.formUnion(fs)
            groups.append(ctx([
                "titre": e.titre, "url": frame.url(e.path), "fichier": e.convention.file,
                "captionId": "Constats-\(e.slug)",
                "bilan": Format.pluriel(fs.count { $0.severity == .error }, "erreur") + ", "
                    + Format.pluriel(fs.count { $0.severity == .warning }, "avertissement"),
                "items": fs.map { f in
                    let page = e.convention.annexes.firstIndex { $0.file == f.location.file }.map { e.annexPath($0) } ?? e.path
                    let ancre = page == e.path ? placement.ancre(of: f) : nil
                    var c = frame.constat(f, ancre: ancre.map { (page, $0) })
                    if page != e.path { c["url"] = frame.url(page) }
                    return c
                },
            ]))
        }
        let others = findings.filter { !placed.contains($0) }
        if !others.isEmpty {
            groups.append(ctx([
                "titre": "Autres fichiers", "captionId": "Constats-autres",
                "bilan": Format.pluriel(others.count { $0.severity == .error }, "erreur") + ", "
                    + Format.pluriel(others.count { $0.severity == .warning }, "avertissement"),
                "items": others.map { f in
                    var c = frame.constat(f)
                    if let p = pages.first(where: { $0.page.file == f.location.file }) { c["url"] = frame.url(p.path) }
                    return c
                },
            ]))
        }
        out["controle"] = ctx([
            "erreurs": Format.pluriel(findings.count { $0.severity == .error }, "erreur"),
            "avertissements": Format.pluriel(findings.count { $0.severity == .warning }, "avertissement"),
            "aucun": findings.isEmpty ? true : nil,
            "groupes": liste(groups),
        ])
        return out
    }

    func accessibiliteContext() -> Ctx {
        let frame = PageFrame(map: self, path: SitePath.accessibilite)
        var out = frame.layout(titre: "Déclaration d'accessibilité", filAriane: [("Accueil", frame.url(SitePath.accueil)), ("Accessibilité", nil)])
        out["accessibilite"] = ctx(["date": Format.date(date)])
        return out
    }
}
