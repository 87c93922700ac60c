import Foundation
@testable import Rendering
import Testing

@Suite("Rendering: templates")
struct RenderingTemplateTests {
    @Test("the built-in templates compiled into the binary match templates/ (run python3 scripts/compile-templates.py)")
    func builtinInSync() throws {
        let dir = RenderingFixture.templates
        var onDisk: [String: String] = [:]
        var assets: [String: String] = [:]
        for rel in TemplateSet.files(in: dir) {
            let text = try String(contentsOfFile: dir + "/" + rel, encoding: .utf8)
            if rel.hasSuffix(".mustache") { onDisk[String(rel.dropLast(".mustache".count))] = text } else { assets[rel] = text }
        }
        #expect(!onDisk.isEmpty)
        #expect(Set(BuiltinTemplates.templates.keys) == Set(onDisk.keys), "templates added or removed: run python3 scripts/compile-templates.py")
        for (name, text) in onDisk {
            #expect(BuiltinTemplates.templates[name] == text, "« \(name) » changed: run python3 scripts/compile-templates.py")
        }
        #expect(BuiltinTemplates.assets == assets, "style.css changed: run python3 scripts/compile-templates.py")
    }

    @Test("every page template exists and parses; without a template of its own a project parses none")
    func builtinParse() throws {
        let pages = ["layout", "accueil", "convention", "annexe", "departement", "champ", "page", "controle", "accessibilite"]
        let all = try TemplateSet(projectTemplates: nil, compiled: false)
        for name in pages {
            #expect(all.library.getTemplate(named: name) != nil, "\(name)")
            #expect(!all.compiled(name))
        }
        let set = try TemplateSet(projectTemplates: nil)
        for name in pages {
            #expect(set.library.getTemplate(named: name) == nil, "\(name)")
            #expect(set.compiled(name))
        }
        #expect(set.overridden.isEmpty)
    }

    @Test("a project's page that includes the built-in convention template gets it, and only that page is interpreted")
    func conventionKept() throws {
        let dir = NSTemporaryDirectory() + "ctg-gabarits-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "<div>{{>convention}}</div>\n".write(toFile: dir + "/page.mustache", atomically: true, encoding: .utf8)
        let set = try TemplateSet(projectTemplates: dir)
        #expect(set.overridden == ["page"])
        #expect(set.library.getTemplate(named: "convention") != nil)
        #expect(set.interpreted == ["page"])
    }

    @Test("a project's templates/ replaces a partial, a page template or the stylesheet by name")
    func override() async throws {
        let dir = NSTemporaryDirectory() + "ctg-gabarits-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/partials", withIntermediateDirectories: true)
        try "<footer class=\"pied\"><p>Pied maison de {{site.caf}}</p></footer>\n".write(toFile: dir + "/partials/pied.mustache", atomically: true, encoding: .utf8)
        try "body { color: black; }\n".write(toFile: dir + "/style.css", atomically: true, encoding: .utf8)
        try "notes".write(toFile: dir + "/LISEZMOI.txt", atomically: true, encoding: .utf8)
        let site = try await RenderingFixture.site(templates: dir)
        let home = try #require(site["index.html"])
        #expect(home.contains("<p>Pied maison de Caf de l&#39;Exemple</p>"))
        #expect(!home.contains("Accessibilité : non conforme"))
        #expect(home.contains("<h1>CTG de démonstration</h1>"), "the rest stays built-in")
        #expect(site["assets/style.css"] == "body { color: black; }\n")
        let renderer = try SiteRenderer(projectTemplates: dir)
        #expect(renderer.overriddenTemplates == ["partials/pied", "style.css"])
    }

    @Test("a copy of the built-in templates replaces nothing: only the files that differ count")
    func copiedTemplates() async throws {
        let dir = NSTemporaryDirectory() + "ctg-gabarits-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text) in BuiltinTemplates.templates {
            let path = dir + "/" + name + ".mustache"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        try (BuiltinTemplates.assets["style.css"] ?? "").write(toFile: dir + "/style.css", atomically: true, encoding: .utf8)
        #expect(try SiteRenderer(projectTemplates: dir).overriddenTemplates.isEmpty)
        let pied = try #require(BuiltinTemplates.templates["partials/pied"])
        try pied.replacingOccurrences(of: "</footer>", with: "<p>Pied maison</p></footer>")
            .write(toFile: dir + "/partials/pied.mustache", atomically: true, encoding: .utf8)
        let renderer = try SiteRenderer(projectTemplates: dir)
        #expect(renderer.overriddenTemplates == ["partials/pied"])
        let site = try await RenderingFixture.site(templates: dir)
        #expect(try #require(site["index.html"]).contains("<p>Pied maison</p></footer>"))
    }

    @Test("a project's template can write its own rows from the values the built-in ones get whole")
    func ownRows() async throws {
        let dir = NSTemporaryDirectory() + "ctg-gabarits-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/partials", withIntermediateDirectories: true)
        try "<ol>{{#groupes}}<li>{{objectif.libelle}} :{{#lignes}} [{{indicateur.libelle}} = {{#dernier}}{{valeur}} ({{annee}}){{/dernier}}{{^dernier}}rien{{/dernier}}, {{etat.libelle}}]{{/lignes}}</li>{{/groupes}}</ol>\n"
            .write(toFile: dir + "/partials/objectifs-resultats.mustache", atomically: true, encoding: .utf8)
        try "<ul>{{#groupes}}{{#lignes}}<li>{{libelle}} – {{pilote}} – {{etat.libelle}}</li>{{/lignes}}{{/groupes}}</ul>\n"
            .write(toFile: dir + "/partials/actions.mustache", atomically: true, encoding: .utf8)
        let site = try await RenderingFixture.site(templates: dir)
        let beta = try #require(site["territoires/beta-2015/index.html"])
        #expect(beta.contains("<li>Élargir les horaires d&#39;accueil : [Places ouvertes avant 7 h 30 ou après 19 h = 30 (2016), En retard] [Part des enfants de familles bi-actives accueillis = 44,0\u{202F}% (2015), En bonne voie]</li>"))
        #expect(beta.contains("<li>Ouvrir une crèche à horaires élargis près de la gare – Ville de Beta – En cours</li>"))
        #expect(beta.contains("[Familles accueillies au lieu d&#39;accueil enfants-parents = rien, Non renseigné]"))
    }

    @Test("compiled pages match the interpreter: every page is the same bytes when all of it goes through Mustache",
          arguments: [("fixture", false), ("fixture", true), ("example", false), ("example", true), ("sparse", true)])
    func compiledMatchesInterpreter(_ project: String, _ revue: Bool) async throws {
        let sparse = ProjectFixture(files: [
            "content/territoires/bancal.md": "---\ntitre: Bancale\nechelon: local\naxes:\n  - titre: A\n    objectifs:\n      - libelle: O\n        indicateurs:\n          - id: sans-valeur\n            libelle: Sans valeur\n          - id: une-cible\n            libelle: Une cible\n            unite: \"%\"\n            cibles: [{ annee: 2015, valeur: 12.5 }]\n            sens: baisse\n---\n",
        ])
        defer { sparse.cleanup() }
        let root = project == "fixture" ? RenderingFixture.projet : project == "sparse" ? sparse.root : RenderingStructureTests.exampleProject
        let fast = try await RenderingFixture.site(root, options: RenderOptions(revue: revue))
        let slow = try await RenderingFixture.site(root, options: RenderOptions(revue: revue), compiled: false)
        #expect(fast.paths == slow.paths)
        var compared = 0
        for (path, html) in fast.pages {
            let other = try #require(slow[path])
            #expect(html == other, "\(path) differs from its rendering through the templates")
            compared += html.contains("<section class=\"indicateur\"") ? 1 : 0
        }
        #expect(compared > 0, "no page with indicators was compared")
        if project == "sparse" {
            // An indicator's findings come right after its facts.
            #expect(fast.pages.contains { $0.html.contains("</dl>\n<ul class=\"constats\">") }, "no indicator with findings was compared")
        }
    }

    @Test("a template that does not parse is reported with its file, line and column, in French")
    func parseError() throws {
        let dir = NSTemporaryDirectory() + "ctg-gabarits-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/partials", withIntermediateDirectories: true)
        try "<p>\n  {{#liste}}\n  <li>{{nom}}</li>\n  {{/autre}}\n</p>\n".write(toFile: dir + "/partials/entete.mustache", atomically: true, encoding: .utf8)
        #expect {
            _ = try SiteRenderer(projectTemplates: dir)
        } throws: { error in
            guard let e = error as? TemplateError else { return false }
            return e.file == dir + "/partials/entete.mustache" && e.line == 4 && e.column == 6
                && e.message.contains("fermeture") && e.description.hasPrefix(dir + "/partials/entete.mustache:4:6: ")
        }
    }

    @Test("a missing folder of templates means the built-in set")
    func missingFolder() throws {
        let r = try SiteRenderer(projectTemplates: "/nonexistent/templates")
        #expect(r.overriddenTemplates.isEmpty)
    }
}
