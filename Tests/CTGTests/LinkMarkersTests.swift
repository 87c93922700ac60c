import Content
import Foundation
import Rendering
import Site
import Testing

/// The pages rewrite a body's relative links through placeholders (`ctg-lien:N`, and
/// `ctg-sans-lien:` for a link to no page): no text of the user may reach them (issue 24, point 9).
@Suite("Rendering: link placeholders out of the user's reach")
struct LinkMarkersTests {
    /// The HTML of Roubaix's page, its body's first section replaced by `body`, rendered in review mode.
    static func page(_ body: String) async throws -> String {
        let convention = ProjectFixture.roubaix.replacingOccurrences(of: "## Le territoire", with: body + "\n\n## Le territoire")
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": convention,
                                        "content/pages/aide.md": "---\ntitre: Aide\n---\nDe l'aide.\n"])
        defer { fx.cleanup() }
        let checked = try await Builder.check(project: ProjectLoader.load(root: fx.root))
        let files = try await Builder.render(checked, revue: true, projets: true)
        let page = try #require(files.first { $0.path == "territoires/roubaix-2014/index.html" })
        guard case let .text(html) = page.content else { Issue.record("not a page"); return "" }
        return html
    }

    @Test("a link to ctg-lien:1 written in a body does not take the first relative link's target")
    func forgedMarker() async throws {
        let html = try await Self.page("""
        Voir [l'aide](../pages/aide.md), [piège](ctg-lien:1), [autre](CTG-LIEN:1), <ctg-lien:1>, \
        [titré](https://exemple.fr "ctg-lien:1") et ![ctg-lien:1](https://exemple.fr/a.png).
        """)
        let aide = "href=\"../../pages/aide/index.html\""
        let paragraph = try #require(html.range(of: "<p>Voir").map { html[$0.lowerBound...] }.flatMap { p in p.range(of: "</p>").map { String(p[..<$0.upperBound]) } })
        #expect(paragraph.components(separatedBy: aide).count == 2, "only the link to the page goes to it: \(paragraph)")
        #expect(html.contains("<a \(aide)>l'aide</a>"))
        #expect(html.contains("<a href=\"\">piège</a>"))
        #expect(html.contains("<a href=\"\">autre</a>"))
        #expect(html.contains("title=\"ctg-lien:1\""), "a title is the user's text, left as written")
        #expect(html.contains("alt=\"ctg-lien:1\""))
        #expect(!html.contains("ctg-sans-lien"))
    }

    @Test("in review mode, a broken image before a broken link: both become their text, no placeholder left")
    func brokenImageThenLink() async throws {
        let html = try await Self.page("![la carte](absente.png) puis [l'annexe](absente.md), et [![le plan](plan.png)](plan.md).")
        #expect(!html.contains("ctg-sans-lien"))
        #expect(!html.contains("ctg-lien:"))
        #expect(html.contains("la carte puis l'annexe, et le plan."))
    }
}
