import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Preview
import Testing

/// GET on the loopback server; (status, body).
private func get(_ port: UInt16, _ path: String) async throws -> (Int, String) {
    let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
    var req = URLRequest(url: url)
    req.cachePolicy = .reloadIgnoringLocalAndRemoteCacheData
    let (data, resp) = try await URLSession.shared.data(for: req)
    return ((resp as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
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
            var page = ""
            for _ in 0..<100 {
                try await Task.sleep(nanoseconds: 50_000_000)
                page = try await get(port, "/index.html").1
                if page.contains("CTG modifiée") { break }
            }
            #expect(page.contains("CTG modifiée"))
            #expect(await server.live.version > v0)
            let (missing, _) = try await get(port, "/nulle-part.html")
            #expect(missing == 404)
        }
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
