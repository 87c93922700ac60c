import Foundation
@testable import Rendering
import Testing

/// Structural checks over whole rendered sites: what vnu, LinkChecker and axe would catch,
/// fast enough to run on every `swift test`.
@Suite("Rendering: structure of every page")
struct RenderingStructureTests {
    static var exampleProject: String {
        URL(fileURLWithPath: RenderingFixture.templates).deletingLastPathComponent().path
    }

    @Test("the fixture site, by default and in revue mode, and the example project", arguments: [
        ("fixture", false), ("fixture", true), ("example", false), ("example", true),
    ])
    func structure(_ project: String, _ revue: Bool) async throws {
        let root = project == "fixture" ? RenderingFixture.projet : Self.exampleProject
        let site = try await RenderingFixture.site(root, options: RenderOptions(revue: revue))
        let problems = Self.problems(site)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(site.pages.count > 5)
    }

    @Test("sparse and broken conventions still give well-formed pages in revue mode; an empty project gives a home")
    func sparse() async throws {
        let fx = ProjectFixture(files: [
            "content/territoires/vide.md": "---\ntitre: Presque rien\n---\n",
            "content/territoires/bancal.md": "---\ntitre: Bancale\nechelon: local\nperiode: { debut: 2014-01-01 }\naxes:\n  - titre: Sans objectif\n    champ: inconnu\n  - objectifs:\n      - libelle: Sans indicateur ni action\n---\n\n# Titre\n\nUn [lien](ailleurs.md).\n",
        ])
        defer { fx.cleanup() }
        let site = try await RenderingFixture.site(fx.root, options: RenderOptions(revue: true))
        #expect(site.paths.contains("territoires/vide/index.html"))
        #expect(site.paths.contains("territoires/bancal/index.html"))
        let problems = Self.problems(site)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        let bancal = try #require(site["territoires/bancal/index.html"])
        #expect(bancal.contains("Aucun objectif n'est défini pour cet axe."))
        #expect(bancal.contains("Aucun indicateur pour cet objectif."))
        #expect(bancal.contains("Aucune action pour cet objectif."))

        let empty = ProjectFixture(files: [:])
        defer { empty.cleanup() }
        let none = try await RenderingFixture.site(empty.root)
        #expect(none["index.html"]?.contains("Aucune convention n'est publiée pour l'instant.") == true)
        #expect(Self.problems(none).isEmpty)
    }

    /// The structural defects of a site, one line each.
    static func problems(_ site: RenderedSite) -> [String] {
        var out: [String] = []
        let paths = Set(site.paths)
        var idsByPage: [String: Set<String>] = [:]
        for (path, html) in site.pages {
            let ids = HTMLScan.attributes("id", in: html)
            idsByPage[path] = Set(ids)
            var seen: Set<String> = []
            for id in ids where !seen.insert(id).inserted { out.append("\(path): duplicate id « \(id) »") }
        }
        for (path, html) in site.pages {
            if !html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">") { out.append("\(path): no <html lang=\"fr\">") }
            // A block's marker left in place (see PageBlocks).
            if html.utf8.contains(0) { out.append("\(path): NUL byte") }
            if !html.contains("<meta charset=\"utf-8\">") { out.append("\(path): no charset") }
            if !html.contains("<meta name=\"viewport\"") { out.append("\(path): no viewport") }
            if HTMLScan.tags("h1", in: html).count != 1 { out.append("\(path): \(HTMLScan.tags("h1", in: html).count) <h1>") }
            for landmark in ["<header", "<nav", "<main", "<footer"] where !html.contains(landmark) {
                out.append("\(path): no \(landmark)>")
            }
            if !html.contains("<a class=\"evitement\" href=\"#Contenu\">") { out.append("\(path): no skip link") }
            // Tables: a caption, a header row of th scope="col", every th scoped.
            for table in HTMLScan.elements("table", in: html) {
                if !table.contains("<caption") { out.append("\(path): a table without <caption>") }
                if !table.contains("<th scope=\"col\"") { out.append("\(path): a table without column headers") }
                for th in HTMLScan.tags("th", in: table) where !th.contains("scope=\"") {
                    out.append("\(path): <th> without scope: \(th)")
                }
            }
            // Scroll boxes name the table they hold (their label ids all exist on the page; the
            // last one is the caption's).
            for div in HTMLScan.tags("div", in: html) where div.contains("table-scroll") {
                guard let label = HTMLScan.attributes("aria-labelledby", in: div).first,
                      label.split(separator: " ").allSatisfy({ idsByPage[path]!.contains(String($0)) }),
                      let caption = label.split(separator: " ").last, html.contains("<caption id=\"\(caption)\"") else {
                    out.append("\(path): a scroll box without its caption: \(div)")
                    continue
                }
            }
            // SVG: role img and a title and desc it points at, or hidden.
            for svg in HTMLScan.elements("svg", in: html) {
                let open = String(svg.prefix { $0 != ">" })
                if open.contains("aria-hidden=\"true\"") { continue }
                let labels = HTMLScan.attributes("aria-labelledby", in: open + ">").first?.split(separator: " ").map(String.init) ?? []
                // An image, or a named group when the SVG holds links (a coverage map).
                if !(open.contains("role=\"img\"") || open.contains("role=\"group\"")) || labels.isEmpty { out.append("\(path): <svg> without a text alternative") }
                for l in labels where !svg.contains("<title id=\"\(l)\">") && !svg.contains("<desc id=\"\(l)\">") {
                    out.append("\(path): <svg> labelled by a missing « \(l) »")
                }
            }
            // Images need an alternative.
            for img in HTMLScan.tags("img", in: html) where !img.contains(" alt=\"") { out.append("\(path): <img> without alt") }
            // Every relative link leads to a generated file, and its #anchor to an id there.
            for url in HTMLScan.attributes("href", in: html) + HTMLScan.attributes("src", in: html) {
                guard let (target, fragment) = HTMLScan.resolve(url, from: path) else { continue }
                if url.hasPrefix("/") { out.append("\(path): root-relative link « \(url) »"); continue }
                if url.hasSuffix("/") || (!url.contains(".") && !url.hasPrefix("#")) { out.append("\(path): link to a folder « \(url) »") }
                guard paths.contains(target) else { out.append("\(path): broken link « \(url) »"); continue }
                if let fragment, !fragment.isEmpty, target.hasSuffix(".html"), !(idsByPage[target]?.contains(fragment) ?? false) {
                    out.append("\(path): missing anchor « \(url) »")
                }
            }
        }
        return out.sorted()
    }

    @Test("the checks themselves catch what they are for")
    func checksCatch() {
        let bad = """
        <!DOCTYPE html>
        <html lang="en"><meta charset="utf-8"><meta name="viewport" content="x">
        <a class="evitement" href="#Contenu">x</a><header></header><nav></nav><main id="Contenu"><footer></footer>
        <h1 id="a">x</h1><p id="a"></p>
        <table><tr><th>x</th><td>1</td></tr></table>
        <a href="nulle-part/index.html">x</a><a href="#absent">y</a><a href="autre/">z</a>
        <svg viewBox="0 0 1 1"><rect/></svg>
        """
        let problems = Self.problems(RenderedSite(files: [OutputFile(path: "index.html", content: .text(bad))]))
        for expected in ["duplicate id « a »", "no <html lang=\"fr\">", "table without <caption>", "without column headers",
                         "<th> without scope", "broken link « nulle-part/index.html »", "missing anchor « #absent »",
                         "link to a folder « autre/ »", "<svg> without a text alternative"] {
            #expect(problems.contains { $0.contains(expected) }, "\(expected) not caught")
        }
    }
}
