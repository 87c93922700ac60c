import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Content
@testable import Preview
import Site
import Testing

/// GET on the loopback server; (status, body).
private func get(_ port: UInt16, _ path: String) async throws -> (Int, String) {
    let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
    var req = URLRequest(url: url)
    req.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
    let (data, resp) = try await URLSession.shared.data(for: req)
    return ((resp as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
}

/// True once the page at `path` contains `text` (asked every 50 ms, for 5 s at most).
private func waitFor(_ port: UInt16, _ path: String, toContain text: String) async throws -> Bool {
    for _ in 0..<100 {
        try await Task.sleep(nanoseconds: 50_000_000)
        if try await get(port, path).1.contains(text) { return true }
    }
    return false
}

/// Runs a preview server on a free loopback port for the duration of `body`.
private func withServer(_ fx: ProjectFixture, _ body: (PreviewServer, UInt16) async throws -> Void) async throws {
    let server = try PreviewServer(root: fx.root, port: 0)
    let portBox = PortBox()
    let task = Task { try await server.run(watchEvery: 0.05, onListening: { portBox.set($0) }) }
    defer { task.cancel() }
    var port: UInt16 = 0
    for _ in 0..<200 where port == 0 {
        try await Task.sleep(nanoseconds: 20_000_000)
        port = portBox.get()
    }
    try #require(port != 0)
    try await body(server, port)
    task.cancel()
    await server.stop()
}

private final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: UInt16 = 0
    func set(_ p: UInt16) { lock.lock(); port = p; lock.unlock() }
    func get() -> UInt16 { lock.lock(); defer { lock.unlock() }; return port }
}

@Suite("Preview", .serialized)
struct PreviewTests {
    @Test("serves the site on loopback and rebuilds after a save")
    func liveRebuild() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        try await withServer(fx) { server, port in
            let (status, home) = try await get(port, "/")
            #expect(status == 200)
            #expect(home.contains("CTG de test"))
            #expect(home.contains("/__ctg/etat"))
            let v0 = await server.live.version
            fx.write("content/site.yml", ProjectFixture.site.replacingOccurrences(of: "CTG de test", with: "CTG modifiée"))
            #expect(try await waitFor(port, "/index.html", toContain: "CTG modifiée"))
            #expect(await server.live.version > v0)
            let (missing, _) = try await get(port, "/nulle-part.html")
            #expect(missing == 404)
        }
    }

    @Test("a folder asked without its slash is redirected to it; its index is served with it")
    func folderRedirect() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        let live = LiveSite(root: fx.root)
        try await live.rebuild()
        let bare = await PreviewServer.respond(to: "/territoires/roubaix-2014", live: live)
        #expect(bare.status == 301)
        #expect(bare.header("Location") == "/territoires/roubaix-2014/")
        let slash = await PreviewServer.respond(to: "/territoires/roubaix-2014/", live: live)
        #expect(slash.status == 200)
        #expect(slash.header("Content-Type") == "text/html; charset=utf-8")
    }

    @Test("an invalid file keeps the last good pages and reports its findings")
    func invalidFile() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        let live = LiveSite(root: fx.root)
        try await live.rebuild()
        let before = await live.file("territoires/roubaix-2014/index.html")
        #expect(before != nil)
        fx.write("content/territoires/roubaix-2014.md", "---\ntitre: [cassé\n---\n")
        let r = try await live.rebuild()
        #expect(r.errors >= 1)
        // The last good page stays; serve renders in revue mode, so it now also shows the finding of its file.
        let after = await live.file("territoires/roubaix-2014/index.html").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let title = "<h1 id=\"Titre\">Convention territoriale globale de Roubaix 2014-2017</h1>"
        #expect(before.map { String(decoding: $0, as: UTF8.self).contains(title) } == true)
        #expect(after.contains(title))
        #expect(after.contains("yaml-invalide"))
        let problems = await live.problems
        #expect(problems.first?.rule == .yamlInvalide)
        #expect(problems.first?.location.file == "content/territoires/roubaix-2014.md")
        #expect(problems.first?.location.line == 3)
        fx.write("content/territoires/roubaix-2014.md", ProjectFixture.roubaix)
        let fixed = try await live.rebuild()
        #expect(fixed.errors == 0)
        #expect(await live.problems.isEmpty)
    }

    @Test("a saved results sheet (tableur) reaches the served pages, told by the watcher or not")
    func feuille() async throws {
        let convention = ProjectFixture.roubaix.replacing1("signature: 2014-01-15\n", "signature: 2014-01-15\ntableur: resultats.csv\n")
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": convention,
                                        "content/territoires/resultats.csv": "indicateur;annee;resultat\nplaces-eaje;2016;930\n"])
        defer { fx.cleanup() }
        let live = LiveSite(root: fx.root)
        try await live.rebuild()
        func json() async -> String { String(decoding: await live.file("donnees/conventions.json") ?? Data(), as: UTF8.self) }
        #expect(await json().contains(#""resultats":{"2014":860,"2015":905,"2016":930}"#))
        // The watcher names the sheet alone: the convention is read again.
        fx.write("content/territoires/resultats.csv", "indicateur;annee;resultat\nplaces-eaje;2016;944\n")
        let r = try await live.rebuild(changed: ["content/territoires/resultats.csv"])
        #expect(r.conventionsRendered == 1)
        #expect(await json().contains(#""2016":944"#))
        let page = String(decoding: await live.file("territoires/roubaix-2014/index.html") ?? Data(), as: UTF8.self)
        #expect(page.contains(#"<td class="num" data-label="Dernier résultat">944 <span class="annee">en 2016</span></td>"#))
        // Without a watcher: the sheet's signature tells.
        fx.write("content/territoires/resultats.csv", "indicateur;annee;resultat\nplaces-eaje;2016;951\n")
        try await live.rebuild()
        #expect(await json().contains(#""2016":951"#))
        // A mistake in the sheet is a finding of the preview, at its cell.
        fx.write("content/territoires/resultats.csv", "indicateur;annee;resultat\nplaces-eaj;2016;951\n")
        let faute = try await live.rebuild(changed: ["content/territoires/resultats.csv"])
        #expect(faute.errors == 1)
        #expect(await live.problems.map(\.rule) == [.indicateurInconnu])
    }

    @Test("a save re-renders only what it affects, and gives the same site as a full build")
    func incremental() async throws {
        let tourcoing = ProjectFixture.roubaix
            .replacingOccurrences(of: "nom: Roubaix\n  type: commune\n  code: \"59512\"", with: "nom: Tourcoing\n  type: commune\n  code: \"59599\"")
            .replacingOccurrences(of: "Ville de Roubaix", with: "Ville de Tourcoing")
            .replacingOccurrences(of: "code: \"59512\"", with: "code: \"59599\"")
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix,
                                        "content/territoires/tourcoing-2014.md": tourcoing])
        defer { fx.cleanup() }
        let live = LiveSite(root: fx.root)
        let first = try await live.rebuild()
        #expect(first.conventionsRendered == 2)
        let untouched = await live.file("territoires/tourcoing-2014/index.html")
        fx.write("content/territoires/roubaix-2014.md", ProjectFixture.roubaix.replacingOccurrences(of: "## Le territoire", with: "## Le territoire roubaisien"))
        let second = try await live.rebuild()
        #expect(second.conventionsRendered == 1)
        #expect(second.changedFiles >= 1)
        let page = String(decoding: await live.file("territoires/roubaix-2014/index.html") ?? Data(), as: UTF8.self)
        #expect(page.contains("Le territoire roubaisien"))
        #expect(await live.file("territoires/tourcoing-2014/index.html") == untouched)
        // The same bytes as a fresh full build of the same sources.
        let fresh = LiveSite(root: fx.root)
        try await fresh.rebuild()
        for path in ["index.html", "territoires/roubaix-2014/index.html", "territoires/tourcoing-2014/index.html",
                     "donnees/conventions.json", "donnees/indicateurs.csv", "departements/59/index.html"] {
            #expect(await live.file(path) == (await fresh.file(path)), "\(path)")
        }
        // A front matter edit reaches the indexes and the open data.
        fx.write("content/territoires/roubaix-2014.md", ProjectFixture.roubaix.replacingOccurrences(of: "2015: 905", with: "2015: 911"))
        try await live.rebuild()
        let csv = String(decoding: await live.file("donnees/indicateurs.csv") ?? Data(), as: UTF8.self)
        #expect(csv.contains(",911"))
        let fresh2 = LiveSite(root: fx.root)
        try await fresh2.rebuild()
        for path in ["index.html", "territoires/roubaix-2014/index.html", "donnees/conventions.json", "donnees/indicateurs.csv", "champs/petite-enfance/index.html"] {
            #expect(await live.file(path) == (await fresh2.file(path)), "\(path)")
        }
    }
}

/// The site `live` serves is, path for path and byte for byte, the one a fresh `LiveSite`
/// builds from the same sources, and the one `ctg build --revue` renders with the script.
private func expectSameAsFullBuild(_ live: LiveSite, _ fx: ProjectFixture, _ step: String) async throws {
    let fresh = LiveSite(root: fx.root)
    try await fresh.rebuild()
    let paths = await live.paths()
    #expect(paths == (await fresh.paths()), "\(step)")
    for path in paths {
        let a = await live.file(path), b = await fresh.file(path)
        #expect(a == b, "\(step): \(path)")
    }
    let checked = try await Builder.check(project: ProjectLoader.load(root: fx.root))
    let built = try await Builder.render(checked, revue: true, projets: true, liveReloadScript: LiveSite.script)
    #expect(built.map(\.path) == paths, "\(step)")
    for f in built {
        let expected: Data? = switch f.content {
        case let .text(t): Data(t.utf8)
        case let .copy(from): FileManager.default.contents(atPath: fx.root + "/" + from)
        }
        #expect(await live.file(f.path) == expected, "\(step): \(f.path) differs from ctg build")
    }
}

@Suite("Preview: incremental rebuilds", .serialized)
struct PreviewIncrementalTests {
    static let renouvelle = ProjectFixture.roubaix
        .replacingOccurrences(of: "Roubaix 2014-2017", with: "Roubaix 2018-2021")
        .replacingOccurrences(of: "debut: 2014-01-01\n  fin: 2017-12-31", with: "debut: 2018-01-01\n  fin: 2021-12-31")
        .replacingOccurrences(of: "signature: 2014-01-15", with: "signature: 2016-05-02")

    @Test("files created, renamed, deleted and a renewal, told by path, give the site of a full build")
    func toldByPath() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        let live = LiveSite(root: fx.root)
        try await live.rebuild()
        try await expectSameAsFullBuild(live, fx, "first build")

        // Created.
        fx.write("content/territoires/roubaix-2018.md", Self.renouvelle)
        let created = try await live.rebuild(changed: ["content/territoires/roubaix-2018.md"])
        #expect(created.conventionsRendered >= 1)
        #expect(await live.file("territoires/roubaix-2018/index.html") != nil)
        try await expectSameAsFullBuild(live, fx, "created")

        // The new one renews the first: its phase (shown on its page and on the other's) changes.
        fx.write("content/territoires/roubaix-2018.md", Self.renouvelle.replacingOccurrences(of: "echelon: local\n", with: "echelon: local\nrenouvelle: roubaix-2014\n"))
        let before = await live.file("territoires/roubaix-2014/index.html")
        try await live.rebuild(changed: ["content/territoires/roubaix-2018.md"])
        #expect(await live.file("territoires/roubaix-2014/index.html") != before)
        try await expectSameAsFullBuild(live, fx, "renewal")

        // Renamed, as a file manager does it: the old path goes, the new one comes.
        try FileManager.default.moveItem(atPath: fx.root + "/content/territoires/roubaix-2018.md",
                                         toPath: fx.root + "/content/territoires/roubaix-2018-bis.md")
        try await live.rebuild(changed: ["content/territoires/roubaix-2018.md", "content/territoires/roubaix-2018-bis.md"])
        #expect(await live.file("territoires/roubaix-2018/index.html") == nil)
        try await expectSameAsFullBuild(live, fx, "renamed")

        // Deleted: the first convention is no longer renewed.
        try FileManager.default.removeItem(atPath: fx.root + "/content/territoires/roubaix-2018-bis.md")
        try await live.rebuild(changed: ["content/territoires/roubaix-2018-bis.md"])
        try await expectSameAsFullBuild(live, fx, "deleted")

        // A save of a body, then of a front matter, told by path.
        fx.write("content/territoires/roubaix-2014.md", ProjectFixture.roubaix.replacingOccurrences(of: "## Le territoire", with: "## Le territoire roubaisien"))
        let body = try await live.rebuild(changed: ["content/territoires/roubaix-2014.md"])
        #expect(body.conventionsRendered == 1)
        try await expectSameAsFullBuild(live, fx, "body")
        fx.write("content/territoires/roubaix-2014.md", ProjectFixture.roubaix.replacingOccurrences(of: "2015: 905", with: "2015: 911"))
        try await live.rebuild(changed: ["content/territoires/roubaix-2014.md"])
        let csv = String(decoding: await live.file("donnees/indicateurs.csv") ?? Data(), as: UTF8.self)
        #expect(csv.contains(",911"))
        try await expectSameAsFullBuild(live, fx, "front matter")
    }

    @Test("a save through a rename (as editors do) reaches the served page")
    func savedThroughRename() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        try await withServer(fx) { server, port in
            let tmp = fx.root + "/roubaix.tmp"
            try Data(ProjectFixture.roubaix.replacingOccurrences(of: "## Le territoire", with: "## Le territoire enregistré").utf8)
                .write(to: URL(fileURLWithPath: tmp))
            _ = rename(tmp, fx.root + "/content/territoires/roubaix-2014.md")
            #expect(try await waitFor(port, "/territoires/roubaix-2014/", toContain: "Le territoire enregistré"))
            // A folder created later is watched too.
            fx.write("content/territoires/tourcoing-2014/index.md", Self.renouvelle.replacingOccurrences(of: "Roubaix", with: "Tourcoing"))
            #expect(try await waitFor(port, "/", toContain: "Tourcoing"))
            _ = server
        }
    }
}
