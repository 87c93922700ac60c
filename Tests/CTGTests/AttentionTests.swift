import Foundation
import Model
@testable import Rendering
import Reports
import Rules
import Testing

/// « Points d'attention »: at the top of every dashboard, dossier and département page.
@Suite("Rendering: points of attention")
struct AttentionTests {
    @Test("Reports: non-atteint first, then en-retard, then late actions, each in plan order")
    func ordre() async throws {
        let (project, report) = try await RenderingFixture.load()
        let beta = try #require(project.conventions.first { $0.id.value == "beta-2015" })
        let points = Reports.pointsAttention(beta, resume: try #require(report.resumes["beta-2015"]), date: report.date)
        #expect(points.indicateurs.map(\.etat) == [.enRetard])
        #expect(points.indicateurs.map(\.taux) == [33])
        #expect(points.actions.count == 1)
    }

    @Test("the dashboard and its dossier point at the late indicator and action by their anchors; the sommaire starts with them")
    func tableauDeBord() async throws {
        let site = try await RenderingFixture.site()
        for page in ["territoires/beta-2015/index.html", "territoires/beta-2015/dossier/index.html"] {
            let html = try #require(site[page])
            #expect(html.contains("<h2 id=\"Attention\">Points d&#39;attention au 30\u{00A0}juin 2016</h2>"), "\(page)")
            #expect(html.contains("<li><a href=\"#places-horaires\">Places ouvertes avant 7 h 30 ou après 19 h</a>\u{00A0}: <span class=\"etat etat-en-retard\">En retard</span>"), "\(page)")
            #expect(html.contains("<a href=\"#creche-gare\">Ouvrir une crèche à horaires élargis près de la gare</a>\u{00A0}: échéance du <time datetime=\"2016-03-31\">31\u{00A0}mars 2016</time>"), "\(page)")
            // The anchors pointed at are on the page.
            #expect(html.contains("id=\"places-horaires\"") && html.contains("id=\"creche-gare\""), "\(page)")
        }
        let beta = try #require(site["territoires/beta-2015/index.html"])
        #expect(beta.contains("<ol>\n<li><a href=\"#Attention\">Points d&#39;attention</a></li>"))
        // The block comes before every other block of the page.
        let attention = try #require(beta.range(of: "id=\"Attention\""))
        #expect(beta.range(of: "id=\"Identite\"")!.lowerBound > attention.lowerBound)
    }

    @Test("« rien à signaler » said plainly; in revue mode, the findings counted and linked")
    func rienEtRevue() async throws {
        let example = try await RenderingFixture.site(RenderingStructureTests.exampleProject)
        // Signed, starting in September 2025: no result yet, no action past its deadline.
        let mormal = try #require(example["territoires/pays-de-mormal-2025/index.html"])
        #expect(mormal.contains("<p class=\"rien-a-signaler\">Rien à signaler\u{00A0}: aucun indicateur en retard ou non atteint, aucune action à échéance dépassée.</p>"))
        let (project, _) = try await RenderingFixture.load()
        let findings = Checker.check(project, date: project.site.dateReference!)
        let revue = try await RenderingFixture.site(options: RenderOptions(revue: true), findings: findings)
        let gamma = try #require(revue["territoires/gamma-2017/index.html"])
        #expect(gamma.contains("<p><a href=\"#Constats\">0\u{00A0}erreur, 4\u{00A0}avertissements</a>\u{00A0}: chaque constat est listé dans le contrôle de la convention.</p>"))
    }

    @Test("a département's page lists the points of its conventions in force, linked to their dashboards")
    func departement() async throws {
        let site = try await RenderingFixture.site()
        let page = try #require(site.pages.first { $0.path.hasPrefix("departements/") && $0.html.contains("beta-2015/index.html#places-horaires") })
        #expect(page.html.contains("<h2 id=\"Attention\">Points d&#39;attention des conventions en cours au 30\u{00A0}juin 2016</h2>"))
        #expect(page.html.contains("\u{00A0}: <a href=\"../../territoires/beta-2015/index.html#places-horaires\">Places ouvertes avant 7 h 30 ou après 19 h</a>"))
    }
}

@Suite("Rendering: honest charts")
struct LegendeTests {
    @Test("a chart's legend names only what it draws: no « Résultats » without a result")
    func legende() async throws {
        let site = try await RenderingFixture.site()
        let beta = try #require(site["territoires/beta-2015/index.html"])
        let figures = beta.components(separatedBy: "<figure class=\"figure-graphique\">").dropFirst()
        #expect(figures.count >= 2)
        for f in figures {
            let sansResultat = f.contains("Aucun résultat.")
            #expect(f.contains("<li class=\"legende-resultat\">") == !sansResultat)
        }
        #expect(figures.contains { $0.contains("Aucun résultat.") }, "the fixture has a chart without result")
    }
}

@Suite("Rendering: honest money")
struct BudgetsTests {
    @Test("action budgets totalled per axe and per convention")
    func budgets() async throws {
        let (project, _) = try await RenderingFixture.load()
        let beta = try #require(project.conventions.first { $0.id.value == "beta-2015" })
        let b = Reports.budgets(beta)
        #expect(b.parAxe == [850_000, 45_000])
        #expect(b.total == 895_000)
        let site = try await RenderingFixture.site()
        let page = try #require(site["territoires/beta-2015/index.html"])
        #expect(page.contains("<li><span class=\"chiffre\">895\u{202F}000\u{00A0}€</span> de budget pour les actions du plan</li>"))
        #expect(page.components(separatedBy: "Budget des actions de l'axe</th>").count == 3)
    }
}
