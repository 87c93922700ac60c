import Content
import Foundation
import Model
import Site
import Testing

/// RULES v2, `lien-symbolique`: a symbolic link inside `content/` or `templates/` is never
/// followed and always reported (issue 24, point 7).
@Suite("Loader: symbolic links are reported, never followed")
struct SymbolicLinkTests {
    /// A file outside the project that a link names: its text must reach no page.
    static func secret() -> (path: String, cleanup: () -> Void) {
        let path = NSTemporaryDirectory() + "ctg-secret-" + UUID().uuidString
        try! Data("root:x:0:0:SECRET-DU-SYSTEME:/root:/bin/bash\n".utf8).write(to: URL(fileURLWithPath: path))
        return (path, { try? FileManager.default.removeItem(atPath: path) })
    }

    static func link(_ fx: ProjectFixture, _ path: String, to target: String) throws {
        let full = fx.root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
    }

    /// Every file under `dir`, read.
    static func everything(_ dir: String) -> String {
        let e = FileManager.default.enumerator(atPath: dir)
        var all = ""
        while let rel = e?.nextObject() as? String {
            if let d = FileManager.default.contents(atPath: dir + "/" + rel) { all += String(decoding: d, as: UTF8.self) }
        }
        return all
    }

    @Test("templates/style.css linked to a system file: the built-in stylesheet is published, and the link reported")
    func templateLink() async throws {
        let (secret, cleanup) = Self.secret()
        defer { cleanup() }
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        try Self.link(fx, "templates/style.css", to: secret)
        try Self.link(fx, "templates/partials/pied.mustache", to: secret)
        let result = try await Builder.build(BuildOptions(root: fx.root))
        #expect(result.written, "a warning does not stop the build")
        let css = try #require(fx.read("public/assets/style.css"))
        #expect(!css.contains("SECRET-DU-SYSTEME"))
        #expect(css.contains("{"), "the built-in stylesheet")
        #expect(!Self.everything(fx.root + "/public").contains("SECRET-DU-SYSTEME"))
        let links = result.checked.findings.filter { $0.rule == .lienSymbolique }
        #expect(links.map { Seen($0) } == [
            Seen(rule: .lienSymbolique, severity: .warning, file: "templates/partials/pied.mustache", line: 1, column: 1),
            Seen(rule: .lienSymbolique, severity: .warning, file: "templates/style.css", line: 1, column: 1),
        ])
        #expect(links.last?.message == "« templates/style.css » est un lien symbolique\u{00A0}: ctg ne suit pas les liens, ce gabarit n'est pas lu et le gabarit intégré reste utilisé\u{202F}; mettez à sa place le fichier ou le dossier lui-même (une copie)")
    }

    @Test("links in content/ (an annex, a picture, a folder): each reported once, none followed")
    func contentLinks() async throws {
        let (secret, cleanup) = Self.secret()
        defer { cleanup() }
        let shared = NSTemporaryDirectory() + "ctg-partage-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: shared) }
        try Data("---\ntitre: Annexe SECRET-DU-SYSTEME\n---\nSECRET-DU-SYSTEME\n".utf8).write(to: URL(fileURLWithPath: shared + "/annexe.md"))
        let bundle = ProjectFixture.roubaix.replacingOccurrences(of: "(roubaix-2014.md)", with: "(index.md)")
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014/index.md": bundle])
        defer { fx.cleanup() }
        try Self.link(fx, "content/territoires/roubaix-2014/annexe.md", to: shared + "/annexe.md")
        try Self.link(fx, "content/territoires/roubaix-2014/carte.png", to: secret)
        try Self.link(fx, "content/pages", to: shared)
        let result = try await Builder.build(BuildOptions(root: fx.root))
        #expect(result.written)
        #expect(!Self.everything(fx.root + "/public").contains("SECRET-DU-SYSTEME"))
        #expect(result.checked.findings.filter { $0.rule == .lienSymbolique }.map { Seen($0) } == [
            Seen(rule: .lienSymbolique, severity: .warning, file: "content/pages", line: 1, column: 1),
            Seen(rule: .lienSymbolique, severity: .warning, file: "content/territoires/roubaix-2014/annexe.md", line: 1, column: 1),
            Seen(rule: .lienSymbolique, severity: .warning, file: "content/territoires/roubaix-2014/carte.png", line: 1, column: 1),
        ])
        let message = try #require(result.checked.findings.first { $0.location.file == "content/pages" }?.message)
        #expect(message == "« content/pages » est un lien symbolique\u{00A0}: ctg ne suit pas les liens, le fichier ou le dossier qu'il désigne n'est ni lu ni publié\u{202F}; mettez à sa place le fichier ou le dossier lui-même (une copie)")
    }

    @Test("content/site.yml as a link: one finding, the file it names not read")
    func siteLink() async throws {
        let elsewhere = NSTemporaryDirectory() + "ctg-site-" + UUID().uuidString + ".yml"
        try Data(ProjectFixture.site.replacingOccurrences(of: "CTG de test", with: "SECRET-DU-SYSTEME").utf8).write(to: URL(fileURLWithPath: elsewhere))
        defer { try? FileManager.default.removeItem(atPath: elsewhere) }
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix], siteYml: nil)
        defer { fx.cleanup() }
        try Self.link(fx, "content/site.yml", to: elsewhere)
        let project = try await ProjectLoader.load(root: fx.root)
        #expect(project.site.titre != "SECRET-DU-SYSTEME")
        #expect(project.findings.map { Seen($0) } == [Seen(rule: .lienSymbolique, severity: .warning, file: "content/site.yml", line: 1, column: 1)])
    }

    @Test("ctg serve's loads told what changed: a link made, then replaced by its file")
    func incremental() async throws {
        let bundle = ProjectFixture.roubaix.replacingOccurrences(of: "(roubaix-2014.md)", with: "(index.md)")
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014/index.md": bundle])
        defer { fx.cleanup() }
        let (_, cache) = try await ProjectLoader.load(root: fx.root, cache: nil)
        let annexe = "content/territoires/roubaix-2014/annexe.md"
        try Self.link(fx, annexe, to: "/etc/hostname")
        let (linked, cache2) = try await ProjectLoader.load(root: fx.root, cache: cache, changed: [annexe])
        #expect(linked.findings.map { Seen($0) } == [Seen(rule: .lienSymbolique, severity: .warning, file: annexe, line: 1, column: 1)])
        #expect(linked.conventions.first?.annexes.isEmpty == true)
        try FileManager.default.removeItem(atPath: fx.root + "/" + annexe)
        fx.write(annexe, "---\ntitre: Annexe\n---\nTexte.\n")
        let (copied, _) = try await ProjectLoader.load(root: fx.root, cache: cache2, changed: [annexe])
        #expect(copied.findings.isEmpty)
        #expect(copied.conventions.first?.annexes.map(\.titre) == ["Annexe"])
    }
}
