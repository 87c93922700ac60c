import Foundation
import Rendering
import Site
import Testing

@Suite("Board dossier")
struct DossierTests {
    @Test("each convention has a dossier page with its dashboard and its annexes in full, linked from the dashboard")
    func dossier() async throws {
        let out = NSTemporaryDirectory() + "ctg-dossier-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try await Builder.build(BuildOptions(root: repositoryRoot(), output: out))
        #expect(result.written)
        let page = try String(contentsOfFile: out + "/territoires/nord-2014/dossier/index.html", encoding: .utf8)
        let dashboard = try String(contentsOfFile: out + "/territoires/nord-2014/index.html", encoding: .utf8)
        #expect(dashboard.contains("href=\"dossier/index.html\""))
        #expect(page.contains("Dossier du conseil d'administration"))
        #expect(page.contains("<h2 id=\"Annexe-diagnostic\">Annexe\u{00A0}: "))
        #expect(page.components(separatedBy: "<h1").count == 2)
        // The annex's own headings sit under the annex title, with ids of their own.
        #expect(page.contains("<h3 id=\"Annexe-diagnostic-"))
        // Links of the body are relative to the dossier's folder, one below the dashboard's.
        #expect(page.contains("href=\"../diagnostic/index.html\""))
        #expect(result.files.filter { $0.hasSuffix("/dossier/index.html") }.count == result.files.filter { $0.hasPrefix("territoires/") && $0.split(separator: "/").count == 3 && $0.hasSuffix("index.html") }.count)
    }

    /// The dossier is made from the dashboard's bytes, its relative links moved one folder
    /// down, except where that would be wrong: it must be the bytes the templates give.
    @Test("a dossier made from the dashboard's bytes is the one the templates make, links moved one folder down")
    func movedDossier() async throws {
        let front = "---\ntitre: T\nechelon: local\nsignature: 2014-03-01\nperiode: { debut: 2014-01-01, fin: 2017-12-31 }\naxes:\n  - id: a1\n    titre: A\n    champ: enfance\n    objectifs:\n      - libelle: O\n        indicateurs:\n          - libelle: I\n            cibles: { 2015: 3 }\n---\n"
        let fx = ProjectFixture(files: [
            "content/territoires/alpha/index.md": front
                + "Voir [l'annexe](annexe-1.md), [beta](../beta.md#a1), [beta](../beta.md), [alpha](index.md), [le plan](dossier/plan.png), [le site](https://example.org/a), [écrire](mailto:x@example.org) et [plus haut](#a1).\n\n![Plan](dossier/plan.png)\n",
            "content/territoires/alpha/annexe-1.md": "---\ntitre: Annexe un\n---\n## Détail\n\nRetour au [tableau de bord](index.md#a1).\n",
            "content/territoires/alpha/dossier/plan.png": "PNG",
            // An annex named like the dossier: its page is where FORMAT.md §6 puts it, and the
            // board's dossier takes `dossier-2/`.
            "content/territoires/gamma/index.md": front + "Le [plan](dossier/plan.png) et [la presse](dossier.md).\n",
            "content/territoires/gamma/dossier/plan.png": "PNG",
            "content/territoires/gamma/dossier.md": "---\ntitre: Dossier de presse\n---\nLe [plan](dossier/plan.png).\n",
            // A link to an anchor of its own page: `#a1` on the dashboard, `../index.html#a1` in the dossier.
            "content/territoires/beta.md": front + "Mon [premier axe](beta.md#a1).\n",
        ])
        defer { fx.cleanup() }
        let fast = try await RenderingFixture.site(fx.root)
        let slow = try await RenderingFixture.site(fx.root, compiled: false)
        #expect(fast.paths == slow.paths)
        for (path, html) in fast.pages { #expect(html == slow[path], "\(path) differs from its rendering through the templates") }
        let alpha = try #require(fast["territoires/alpha/dossier/index.html"])
        for link in ["href=\"../annexe-1/index.html\"", "href=\"../../beta/index.html#a1\"", "href=\"../../beta/index.html\"",
                     "href=\"../index.html\">alpha", "href=\"plan.png\"", "src=\"plan.png\"", "href=\"https://example.org/a\"",
                     "href=\"mailto:x@example.org\"", "href=\"#a1\"", "href=\"../../../assets/style.css\"",
                     "<h2 id=\"Annexe-annexe-1\">Annexe\u{00A0}: Annexe un</h2>"] {
            #expect(alpha.contains(link), "alpha's dossier lacks \(link)")
        }
        let dashboard = try #require(fast["territoires/alpha/index.html"])
        #expect(dashboard.contains("href=\"dossier/plan.png\"") && dashboard.contains("href=\"../beta/index.html#a1\""))
        #expect(dashboard.contains("href=\"dossier/index.html\">Dossier complet"))
        // The annex `dossier.md` keeps `dossier/`, beside the bundle file `dossier/plan.png`;
        // the board's dossier is `dossier-2/`, its links moved into that folder.
        #expect(try #require(fast["territoires/gamma/dossier/index.html"]).contains("Dossier de presse</h1>"))
        #expect(fast.paths.contains("territoires/gamma/dossier/plan.png"))
        let gamma = try #require(fast["territoires/gamma/dossier-2/index.html"])
        #expect(gamma.contains("href=\"../dossier/plan.png\">plan") && gamma.contains("href=\"../dossier/index.html\">la presse"))
        #expect(gamma.contains("<h2 id=\"Annexe-dossier\">Annexe\u{00A0}: Dossier de presse</h2>"))
        #expect(try #require(fast["territoires/gamma/index.html"]).contains("href=\"dossier-2/index.html\">Dossier complet"))
        #expect(try #require(fast["territoires/beta/dossier/index.html"]).contains("href=\"../index.html#a1\">premier axe"))
        #expect(try #require(fast["territoires/beta/index.html"]).contains("href=\"#a1\">premier axe"))
    }
}
