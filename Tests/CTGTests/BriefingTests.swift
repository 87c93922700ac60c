import Foundation
import Model
@testable import Rendering
import Reports
import Rules
import Testing

/// Issue 19's briefing: honest totals and money, charts whose scale is said, tables that turn
/// into cards on a phone, and a dossier that reads like one.
@Suite("Rendering: the briefing")
struct BriefingTests {
    static func example() async throws -> RenderedSite {
        try await RenderingFixture.site(RenderingStructureTests.exampleProject)
    }

    @Test("home totals: indicator states of the conventions in force only; money grouped by phase, action sociale first")
    func totaux() async throws {
        let (project, report) = try await RenderingFixture.load(RenderingStructureTests.exampleProject)
        let published = project.conventions.filter { report.resumes[$0.id.value]?.phase != .projet }
        let enCours = published.filter { report.resumes[$0.id.value]?.phase == .enCours }
        let indicateursEnCours = enCours.reduce(0) { $0 + (report.resumes[$1.id.value]?.indicateurs ?? 0) }
        let indicateursTous = published.reduce(0) { $0 + (report.resumes[$1.id.value]?.indicateurs ?? 0) }
        // The example has renewed, ended and future conventions with indicators: the two
        // counts differ, so a page counting them all is caught.
        #expect(indicateursEnCours < indicateursTous)
        let home = try #require(try await Self.example()["index.html"])
        #expect(home.contains("<p class=\"chiffre-phrase\"><span class=\"chiffre\">\(published.count)</span> conventions, dont \(enCours.count) en cours au 30\u{00A0}juin 2025</p>"))
        let etats = try #require(home.range(of: "Indicateurs des conventions en cours, par état au 30\u{00A0}juin 2025"))
        let apres = home[etats.upperBound...]
        #expect(apres.contains("<tfoot><tr><th scope=\"row\">Total</th><td class=\"num\">\(indicateursEnCours)</td></tr></tfoot>"))
        // Money: in force first, then future, then ended; action sociale before the prestations.
        #expect(home.contains("<thead><tr><th scope=\"col\">Conventions</th><th scope=\"col\" class=\"num\">Action sociale</th><th scope=\"col\" class=\"num\">Prestations légales</th><th scope=\"col\" class=\"num\">Total</th></tr></thead>"))
        let groupes = home.components(separatedBy: "<th scope=\"rowgroup\" colspan=\"4\" class=\"groupe\">").dropFirst().map { $0.prefix { $0 != "<" } }
        #expect(groupes == ["Conventions en cours au 30\u{00A0}juin 2025", "Conventions à venir", "Conventions terminées (échues, évaluées ou renouvelées)"])
    }

    @Test("a dashboard's headline money is its action sociale, the total with the prestations légales beside it")
    func moyensEnTete() async throws {
        let (project, report) = try await RenderingFixture.load(RenderingStructureTests.exampleProject)
        let roubaix = try #require(report.resumes["roubaix-2014"])
        let euros = try #require(roubaix.moyensTotal.euros)
        #expect(euros.actionSociale * 10 < euros.prestationsLegales, "the example's prestations légales dwarf its action sociale")
        _ = project
        let page = try #require(try await Self.example()["territoires/roubaix-2014/index.html"])
        #expect(page.contains("<li><span class=\"chiffre\"><abbr title=\"\(Format.euros(entiers: euros.actionSociale))\">\(Format.eurosCourt(entiers: euros.actionSociale))</abbr></span> d'action sociale de la Caf de 2014 à 2017 <span class=\"note\">sur <abbr title=\"\(Format.euros(entiers: euros.total!))\">\(Format.eurosCourt(entiers: euros.total!))</abbr> versés avec les prestations légales</span></li>"))
        #expect(!page.contains("déployés par la Caf de"))
    }

    @Test("a chart's vertical scale is said in words, and whether it starts at zero")
    func echelle() throws {
        func p(_ annee: Int, _ v: String) -> Point {
            Point(annee: annee, anneeLocation: .start(of: "x"), valeur: Nombre(v)!, valeurLocation: .start(of: "x"))
        }
        let zoome = try #require(CadreGraphique(reference: p(2013, "850"), cibles: [p(2015, "900"), p(2017, "980")], resultats: [p(2015, "905")]))
        #expect(zoome.scale.min == 850 && zoome.scale.max == 1000)
        #expect(zoome.echelle(unite: "places") == "L'axe vertical va de 850 à 1\u{202F}000 places\u{202F}; il ne part pas de zéro\u{00A0}: les écarts y paraissent plus grands.")
        let zero = try #require(CadreGraphique(reference: p(2013, "2"), cibles: [p(2017, "10")], resultats: []))
        #expect(zero.echelle(unite: "%") == "L'axe vertical va de 0\u{202F}% à 10\u{202F}%.")
        #expect(CadreGraphique(reference: nil, cibles: [], resultats: []) == nil)
    }

    @Test("on a phone the plan's and the conventions' tables become cards: every cell names its column")
    func cartes() async throws {
        let site = try await Self.example()
        for path in ["territoires/roubaix-2014/index.html", "index.html", "departements/59/index.html"] {
            let html = try #require(site[path])
            let tables = html.components(separatedBy: "tableau-cartes\">").dropFirst().map { $0.components(separatedBy: "</table>")[0] }
            #expect(!tables.isEmpty, "\(path)")
            // The rows' cells; a footer's cell is named by its row's header.
            for t in tables {
                for cell in t.components(separatedBy: "<tfoot>")[0].components(separatedBy: "<td").dropFirst() {
                    #expect(cell.contains("data-label=\"") && cell.firstIndex(of: ">")! > cell.range(of: "data-label")!.lowerBound
                            || cell.hasPrefix(" colspan="), "\(path): a cell without its column's name: <td\(cell.prefix(80))")
                }
            }
        }
    }

    @Test("the dossier: a cover with the board's meeting, a printed table of contents, attention and figures first, then priorities and narrative, then tables; no web-only block")
    func dossier() async throws {
        let site = try await Self.example()
        let page = try #require(site["territoires/roubaix-2014/dossier/index.html"])
        #expect(page.contains("<p class=\"couverture-surtitre\">Dossier du conseil d'administration · <time datetime=\"2025-07-08\">séance du 8\u{00A0}juillet 2025</time></p>"))
        #expect(page.contains("<span class=\"imprime-seul\">Tableau de bord en ligne\u{00A0}: https://ctg.caf-nord.example/territoires/roubaix-2014/</span>"))
        #expect(page.contains("<nav class=\"sommaire sommaire-imprime\" aria-labelledby=\"Sommaire\">\n<h2 id=\"Sommaire\">Sommaire</h2>"))
        let ordre = ["Titre", "Sommaire", "Attention", "Chiffres", "Priorites", "Presentation", "Diagnostic", "Plan", "Moyens", "Identite", "Calendrier", "Gouvernance"]
        let positions = try ordre.map { id in try #require(page.range(of: "<h\(id == "Titre" ? 1 : 2) id=\"\(id)\"")?.lowerBound, "no \(id)") }
        #expect(positions == positions.sorted(), "the dossier's blocks are out of order")
        // The table of contents lists them in that order.
        let sommaire = page.components(separatedBy: "<h2 id=\"Sommaire\">")[1].components(separatedBy: "</nav>")[0]
        let ancres = sommaire.components(separatedBy: "<a href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(Array(ancres.prefix(8)) == Array(ordre.dropFirst(2).prefix(8)))
        for ancre in ancres { #expect(page.contains(" id=\"\(ancre)\""), "the contents link to #\(ancre), which is not on the page") }
        // The priorities: each axe with its objectifs, linked to its table.
        #expect(page.contains("<strong>Axe 1</strong> – Développer l&#39;offre d&#39;accueil du jeune enfant</a><ul><li>Augmenter la capacité d&#39;accueil collectif</li><li>Rendre l&#39;accueil collectif accessible aux familles les plus modestes</li></ul></li>"))
        let lienAxe = try #require(page.components(separatedBy: "<strong>Axe 1</strong>")[0].components(separatedBy: "<a href=\"#").last?.prefix { $0 != "\"" })
        #expect(page.contains("<h3 id=\"\(lienAxe)\">"), "the priority links to its axe")
        #expect(!page.contains("id=\"Donnees\"") && !page.contains("class=\"lien-dossier\""))
        let dashboard = try #require(site["territoires/roubaix-2014/index.html"])
        #expect(dashboard.contains("id=\"Donnees\"") && dashboard.contains("<p class=\"lien-dossier\"><a href=\"dossier/index.html\">"))
        // The dossier's cover is the dossier's only (the footer's couverture.csv is another matter).
        #expect(!dashboard.contains("class=\"couverture"))
    }

    @Test("the dossier gives each indicator its state and facts, and leaves its chart and values year by year to the dashboard, linked")
    func dossierIndicateurs() async throws {
        let site = try await Self.example()
        let dossier = try #require(site["territoires/roubaix-2014/dossier/index.html"])
        let dashboard = try #require(site["territoires/roubaix-2014/index.html"])
        func sections(_ page: String) -> [String] {
            page.components(separatedBy: "<section class=\"indicateur\">").dropFirst().map { $0.components(separatedBy: "</section>")[0] }
        }
        let d = sections(dossier), t = sections(dashboard)
        #expect(!d.isEmpty && d.count == t.count, "the dossier has every indicator of the dashboard")
        for (s, full) in zip(d, t) {
            let ancre = try #require(s.components(separatedBy: "<h4 id=\"").dropFirst().first?.prefix { $0 != "\"" })
            // The same heading, state and facts; the detail a link to the dashboard's section.
            #expect(full.hasPrefix(s.components(separatedBy: "<p class=\"indicateur-detail\">")[0]))
            #expect(s.contains("<p class=\"indicateur-detail\"><a href=\"../index.html#\(ancre)\">Graphique et valeurs année par année sur le tableau de bord</a></p>"))
            #expect(dashboard.contains("<h4 id=\"\(ancre)\">"))
            #expect(!s.contains("<svg") && !s.contains("tableau-annees"))
            #expect(full.contains("tableau-annees") && !full.contains("indicateur-detail"))
        }
        // The objectifs-résultats tables, the board's figures, are in the dossier whole.
        let tableaux = { (p: String) in p.components(separatedBy: "<table class=\"tableau tableau-objectifs").dropFirst().map { $0.components(separatedBy: "</table>")[0] } }
        #expect(!tableaux(dossier).isEmpty && tableaux(dossier) == tableaux(dashboard))
    }

    @Test("findings on pages get French typography: no line can start with « : » or end on « « »")
    func typographieDesConstats() async throws {
        let (project, _) = try await RenderingFixture.load()
        let findings = Checker.check(project, date: project.site.dateReference!)
        #expect(findings.contains { $0.message.contains(" : ") && $0.message.contains("« ") }, "the fixture's findings have plain spaces to fix")
        let revue = try await RenderingFixture.site(options: RenderOptions(revue: true), findings: findings)
        let controle = try #require(revue["controle/index.html"])
        let messages = controle.components(separatedBy: "<td class=\"constat-message\">").dropFirst().map { $0.components(separatedBy: "</td>")[0] }
        #expect(messages.count == findings.count)
        for m in messages {
            #expect(!m.contains(" :") && !m.contains(" ;") && !m.contains("« ") && !m.contains(" »"), "\(m)")
        }
        #expect(messages.contains { $0.contains("\u{00A0}: ") })
    }

    @Test("seance in site.yml: a date, or type-invalide at its value")
    func seance() async throws {
        var files = RulesFixture.files
        files[F.site] = RulesFixture.site + "seance: 12/07/2016\n"
        let f = try await RulesFixture.check(files)
        let line = RulesFixture.site.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(f.map(Seen.init) == [Seen(rule: .typeInvalide, severity: .error, file: F.site, line: line, column: 9)])
        files[F.site] = RulesFixture.site + "seance: 2016-07-12\n"
        #expect(try await RulesFixture.check(files).isEmpty)
    }
}
