import Content
import Foundation
import Model
@testable import Rendering
import Reports
import Rules
import Testing

/// The built-in templates compiled to Swift (`scripts/compile-templates.py`): up to date, and
/// never in the way of a project's own templates.
@Suite("Rendering: compiled templates")
struct RenderingCompiledTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test("the generated Swift matches templates/ and the views (run python3 scripts/compile-templates.py)")
    func upToDate() throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("ignoré : python3 absent, le test « compiled templates up to date » ne peut pas lancer le compilateur")
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = [Self.root + "/scripts/compile-templates.py", "--check"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        p.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(message)")
    }

    @Test("a page is interpreted exactly when a template it uses, through any include, is the project's")
    func fallbackFollowsIncludes() {
        let includes = BuiltinTemplates.includes
        #expect(TemplateSet.uses("departement", includes).isSuperset(of: ["layout", "partials/entete", "partials/totaux", "partials/tableau-conventions", "partials/pied"]))
        #expect(!TemplateSet.uses("departement", includes).contains("partials/axe"))
        #expect(TemplateSet.includes("<p>{{> partials/pied }}</p>{{<layout}}{{$contenu}}x{{/contenu}}{{/layout}}") == ["partials/pied", "layout"])
        #expect(TemplateSet.includes("{{=<% %>=}}").count == BuiltinTemplates.templates.count)
    }

    /// A comparison with the fixture's own conventions.json, but for an older date, a target
    /// more and older échéances: a change of each convention (an attention one among them) for
    /// `--depuis`'s pages, and changed cells to mark (`partials/modifie`).
    static func evolutions(_ project: Project, _ report: ProjectReport) throws -> Comparaison {
        let map = try SiteRenderer(projectTemplates: nil).siteMap(project: project, report: report, findings: [], options: RenderOptions(revue: true))
        let json = String(decoding: map.conventionsJSON(), as: UTF8.self)
        let ancien = json.replacingOccurrences(of: "\"cibles\":{\"", with: "\"cibles\":{\"1999\":1,\"")
            .replacingOccurrences(of: "\"date_reference\":\"", with: "\"date_reference\":\"2000-01-01\",\"x\":\"")
            .replacingOccurrences(of: "\"echeance\":\"", with: "\"echeance\":\"1999-01-01\",\"x\":\"")
        let cmp = Comparaison.comparer(try Instantane.lire(Array(ancien.utf8)), try Instantane.lire(Array(json.utf8)))
        #expect(cmp.changements.contains(where: { $0.attention }))
        #expect(cmp.changements.contains(where: { $0.type == .echeanceModifiee }))
        return cmp
    }

    /// Every built-in template and partial replaced in turn by itself plus a marker: the pages
    /// that use it show the marker, compiled or not (same bytes as the interpreter's), and the
    /// others stay exactly the built-in ones.
    @Test("each template overridden alone shows on every page that uses it, and only there",
          arguments: BuiltinTemplates.templates.keys.sorted())
    func eachOverride(_ name: String) async throws {
        // In revue mode with the check's findings, and with --depuis: every partial has a place
        // on some page.
        var options = RenderOptions(revue: true)
        let (project, report) = try await RenderingFixture.load()
        let findings = Checker.check(project, date: project.site.dateReference!)
        options.evolutions = try Self.evolutions(project, report)
        let builtin = try await RenderingFixture.site(options: options, findings: findings)
        let dir = NSTemporaryDirectory() + "ctg-gabarits-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + name + ".mustache"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let marker = "<!-- gabarit du projet : \(name) -->"
        try (BuiltinTemplates.templates[name]! + marker).write(toFile: path, atomically: true, encoding: .utf8)
        let site = try await RenderingFixture.site(options: options, findings: findings, templates: dir)
        let interpreted = try await RenderingFixture.site(options: options, findings: findings, templates: dir, compiled: false)
        #expect(site.paths == builtin.paths)
        var shown = 0
        for (page, html) in site.pages {
            #expect(html == interpreted[page], "\(page): the compiled page differs from the interpreter's")
            if html.contains(marker) {
                shown += 1
            } else {
                #expect(html == builtin[page], "\(page) changed without showing the project's \(name)")
            }
        }
        #expect(shown > 0, "no page of the fixture shows the project's \(name)")
    }
}
