import Foundation
import Model
@testable import Rendering
import Testing

@Suite("Rendering: the site")
struct RenderingSiteTests {
    @Test("the dashboard of the fixture matches its golden file (CTG_GOLDEN=1 regenerates it)")
    func golden() async throws {
        let site = try await RenderingFixture.site()
        let html = try #require(site["territoires/beta-2015/index.html"])
        let file = RenderingFixture.golden + "/territoires-beta-2015.html"
        if ProcessInfo.processInfo.environment["CTG_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: RenderingFixture.golden, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: URL(fileURLWithPath: file))
        }
        let expected = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html == expected, "the dashboard changed: look at the difference, then regenerate with CTG_GOLDEN=1 if it is wanted")
    }

    @Test("the site map: every page of FORMAT.md §6, drafts left out, bundle files copied")
    func siteMap() async throws {
        let site = try await RenderingFixture.site()
        let paths = Set(site.paths)
        for p in ["index.html", "territoires/alpha-2014/index.html", "territoires/alpha-2014/diagnostic/index.html",
                  "territoires/alpha-2014/plan aisne.png", "territoires/beta-2015/index.html",
                  "departements/02/index.html", "champs/petite-enfance/index.html", "champs/acces-aux-droits/index.html",
                  "champs/parentalite/index.html", "pages/guide/index.html", "accessibilite/index.html",
                  "donnees/conventions.json", "donnees/indicateurs.csv", "sitemap.xml", "assets/style.css"] {
            #expect(paths.contains(p), "missing \(p)")
        }
        #expect(!paths.contains("territoires/gamma-2017/index.html"), "a draft is left out by default")
        #expect(!paths.contains("champs/jeunesse/index.html"), "a field only a left-out draft has gets no page")
        #expect(!paths.contains("controle/index.html"), "the findings report is only for --revue")
        let copy = try #require(site.files.first { $0.path == "territoires/alpha-2014/plan aisne.png" })
        #expect(copy.content == .copy(from: "content/territoires/alpha-2014/plan aisne.png"))
        #expect(site.paths == site.paths.sorted())
    }

    @Test("drafts with --projets: a page with a « Projet » banner, and links to it")
    func projets() async throws {
        let site = try await RenderingFixture.site(options: RenderOptions(projets: true))
        let html = try #require(site["territoires/gamma-2017/index.html"])
        #expect(html.contains("class=\"bandeau-projet\""))
        #expect(html.contains("<strong>Projet</strong>"))
        let alpha = try #require(site["territoires/alpha-2014/index.html"])
        #expect(alpha.contains("<a href=\"../gamma-2017/index.html\">Gamma</a>"))
    }

    @Test("relative links of Markdown bodies lead to the generated pages")
    func links() async throws {
        let site = try await RenderingFixture.site()
        let alpha = try #require(site["territoires/alpha-2014/index.html"])
        #expect(alpha.contains("<a href=\"diagnostic/index.html#besoins\">diagnostic</a>"))
        #expect(alpha.contains("<a href=\"../beta-2015/index.html\">Beta</a>"))
        #expect(alpha.contains("<a href=\"../../pages/guide/index.html\">méthode</a>"))
        #expect(alpha.contains("<img src=\"plan%20aisne.png\" alt=\"Carte de l'Aisne\" />"))
        // A draft left out and a missing file: the words stay, the link goes.
        #expect(alpha.contains("comme le projet Gamma."))
        #expect(alpha.contains("Un lien cassé reste du texte."))
        #expect(!alpha.contains(".md\""))
        let beta = try #require(site["territoires/beta-2015/index.html"])
        #expect(beta.contains("<a href=\"../alpha-2014/index.html\">accord-cadre</a>"))
        #expect(beta.contains("<a href=\"../alpha-2014/plan%20aisne.png\">carte</a>"))
        #expect(beta.contains("<a href=\"../alpha-2014/diagnostic/index.html\">diagnostic départemental</a>"))
        #expect(beta.contains("<a href=\"../../pages/guide/index.html#etats\">méthode</a>"))
        let annexe = try #require(site["territoires/alpha-2014/diagnostic/index.html"])
        #expect(annexe.contains("<a href=\"../index.html\">convention</a>"))
        let guide = try #require(site["pages/guide/index.html"])
        #expect(guide.contains("<a href=\"../../territoires/beta-2015/index.html\">convention de Beta</a>"))
    }

    @Test("every value is escaped; raw HTML of Markdown is dropped")
    func escaping() async throws {
        let site = try await RenderingFixture.site()
        for (path, html) in site.pages {
            #expect(!html.contains("<script>alert"), "unescaped script in \(path)")
        }
        let beta = try #require(site["territoires/beta-2015/index.html"])
        #expect(beta.contains("Beta &lt;script&gt;alert(1)&lt;/script&gt; 2015-2018"))
        #expect(beta.contains("Centre social &quot;Les Tilleuls&quot;"))
        // The print header carries the title as a CSS string: no way out of <style>.
        #expect(beta.contains("content:\"Convention territoriale globale de Beta \\3c script\\3e alert(1)\\3c /script\\3e  2015-2018\""))
        let home = try #require(site["index.html"])
        #expect(home.contains("Beta &lt;script&gt;"))
    }

    @Test("same input, same bytes")
    func deterministic() async throws {
        let a = try await RenderingFixture.site(options: RenderOptions(revue: true))
        let b = try await RenderingFixture.site(options: RenderOptions(revue: true))
        #expect(a.files == b.files)
    }

    @Test("revue mode: findings beside the block at fault and on the report page, readable without colour")
    func revue() async throws {
        let (p, _) = try await RenderingFixture.load()
        let beta = "content/territoires/beta-2015.md"
        let findings = [
            Finding(.dureeQuatreAns, at: SourceLocation(file: beta, line: 16, column: 1), "La période couvre 3 ans", convention: "beta-2015"),
            Finding(.indicateurIncomplet, at: SourceLocation(file: beta, line: 60, column: 13), "indicateur sans source <b>", convention: "beta-2015"),
            Finding(.actionIncomplete, at: SourceLocation(file: beta, line: 73, column: 13), "action sans budget", convention: "beta-2015"),
            Finding(.moyensAffiches, at: SourceLocation(file: beta, line: 37, column: 5), "année sans action sociale", convention: "beta-2015"),
            Finding(.gouvernance, at: SourceLocation(file: "content/site.yml", line: 1, column: 1), "réglage inconnu"),
        ]
        #expect(p.findings.isEmpty)
        let site = try await RenderingFixture.site(options: RenderOptions(revue: true), findings: findings)
        let html = try #require(site["territoires/beta-2015/index.html"])
        let controle = try #require(site["controle/index.html"])
        for f in findings where f.convention != nil {
            #expect(html.components(separatedBy: f.rule.rawValue).count >= 3, "\(f.rule) in the summary and beside its block")
            #expect(controle.contains(f.rule.rawValue))
        }
        #expect(html.contains("<strong>Erreur</strong> <code>duree-quatre-ans</code>"))
        #expect(html.contains("<strong>Avertissement</strong> <code>action-incomplete</code>"))
        #expect(html.contains("indicateur sans source &lt;b&gt;"))
        #expect(html.contains("content/territoires/beta-2015.md:60"))
        // Placed in the right block: the indicator's detail holds its finding, the money table its own.
        let detail = try #require(HTMLScan.elements("section", in: html).first { $0.contains("<h4 id=\"part-bi-actifs\"") })
        #expect(detail.contains("indicateur-incomplet"))
        let moyens = try #require(html.range(of: "<h2 id=\"Moyens\">"))
        let after = html[moyens.upperBound...]
        #expect(after.prefix(600).contains("moyens-affiches"))
        #expect(controle.contains("réglage inconnu"))
        #expect(controle.contains("<a href=\"../territoires/beta-2015/index.html#part-bi-actifs\">"))
        // Revue shows drafts too, and the report is in the navigation.
        #expect(site.paths.contains("territoires/gamma-2017/index.html"))
        #expect(html.contains("href=\"../../controle/index.html\""))
    }

    @Test("an id that is not valid or not unique never puts a file outside the output folder or over another")
    func unsafeIds() async throws {
        let fx = ProjectFixture(files: [
            "content/territoires/Épinal 2015.md": ProjectFixture.roubaix,
            "content/territoires/___.md": ProjectFixture.roubaix,
            "content/territoires/a.md": ProjectFixture.roubaix.replacingOccurrences(of: "---\ntitre:", with: "---\nid: dup\ntitre:"),
            "content/territoires/b.md": ProjectFixture.roubaix.replacingOccurrences(of: "---\ntitre:", with: "---\nid: dup\ntitre:"),
        ])
        defer { fx.cleanup() }
        let site = try await RenderingFixture.site(fx.root, options: RenderOptions(revue: true))
        for p in site.paths {
            #expect(!p.contains(".."), "\(p)")
            #expect(!p.hasPrefix("/"), "\(p)")
            #expect(p.unicodeScalars.allSatisfy { $0.isASCII }, "\(p)")
        }
        #expect(site.paths.contains("territoires/epinal-2015/index.html"))
        #expect(site.paths.contains("territoires/convention-1/index.html"))
        #expect(site.paths.contains("territoires/dup/index.html"))
        #expect(site.paths.contains("territoires/dup-2/index.html"))
    }

    @Test("serve mode: the live-reload script goes before </body> of every page, and only then")
    func liveReload() async throws {
        let script = "<script src=\"/_ctg/reload.js\"></script>"
        let served = try await RenderingFixture.site(options: RenderOptions(liveReloadScript: script))
        for (path, html) in served.pages {
            #expect(html.contains(script + "</body>"), "\(path)")
        }
        let built = try await RenderingFixture.site()
        #expect(!(built["index.html"] ?? "").contains("reload.js"))
    }
}
