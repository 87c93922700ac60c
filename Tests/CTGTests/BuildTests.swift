import Content
import Foundation
import Model
import Rendering
@testable import Site
import Testing

/// Every file under `dir` with its bytes, by relative path.
func tree(_ dir: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let fm = FileManager.default
    guard let e = fm.enumerator(atPath: dir) else { return out }
    while let rel = e.nextObject() as? String {
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue {
            out[rel] = fm.contents(atPath: dir + "/" + rel)
        }
    }
    return out
}

@Suite("Build")
struct BuildTests {
    @Test("two builds of the same input give a byte-identical site")
    func deterministic() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        let a = try await Builder.build(BuildOptions(root: fx.root, output: fx.root + "/a"))
        let b = try await Builder.build(BuildOptions(root: fx.root, output: fx.root + "/b"))
        #expect(a.written && b.written)
        let ta = tree(fx.root + "/a"), tb = tree(fx.root + "/b")
        #expect(ta.count > 2)
        #expect(ta == tb)
    }

    @Test("with an error nothing is written and the previous site stays intact")
    func errorLeavesOutputAlone() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        let out = fx.root + "/public"
        let first = try await Builder.build(BuildOptions(root: fx.root))
        #expect(first.written)
        let before = tree(out)
        let beside = try FileManager.default.contentsOfDirectory(atPath: fx.root).sorted()
        fx.write("content/territoires/roubaix-2014.md", "---\ntitre: [\n---\n")
        let second = try await Builder.build(BuildOptions(root: fx.root))
        #expect(!second.written)
        #expect(second.checked.errors > 0)
        #expect(tree(out) == before)
        // The pages made while the rules ran are gone with their staging folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: fx.root).sorted() == beside)
        // --revue builds anyway.
        let revue = try await Builder.build(BuildOptions(root: fx.root, revue: true))
        #expect(revue.written)
    }

    @Test("the new site replaces the old one whole; only the reserve, ignored by git, is left beside it")
    func swap() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        _ = try await Builder.build(BuildOptions(root: fx.root))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fx.root).sorted() == ["content", "public"])
        fx.write("public/vieux.html", "ancien")
        _ = try await Builder.build(BuildOptions(root: fx.root))
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/public/vieux.html"))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fx.root).sorted()
        #expect(siblings == [".public.ctg-reserve", "content", "public"])
        // The reserve is the previous site, which git ignores; the site itself has no .gitignore.
        #expect(fx.read(".public.ctg-reserve/vieux.html") == "ancien")
        #expect(fx.read(".public.ctg-reserve/.gitignore")?.hasSuffix("\n*\n") == true)
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/public/.gitignore"))
    }

    @Test("a build that reuses the reserve gives the same bytes as a fresh one, whatever the reserve held")
    func reserveReused() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        let fresh = fx.root + "/frais"
        _ = try await Builder.build(BuildOptions(root: fx.root, output: fresh))
        let expected = tree(fresh)
        let out = fx.root + "/public"
        _ = try await Builder.build(BuildOptions(root: fx.root))
        _ = try await Builder.build(BuildOptions(root: fx.root))
        let reserve = fx.root + "/.public.ctg-reserve"
        let fm = FileManager.default
        // Make the reserve as hostile as a disk can be: stale files and folders, a page that is a
        // folder, a folder that is a file, a read-only page, links to outside the site.
        let outside = fx.root + "/dehors"
        try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
        fx.write("dehors/cible.html", "intouchable")
        fx.write(".public.ctg-reserve/perime.html", "périmé")
        fx.write(".public.ctg-reserve/ancien-dossier/page.html", "périmé")
        try fm.removeItem(atPath: reserve + "/index.html")
        try fm.createDirectory(atPath: reserve + "/index.html/sous", withIntermediateDirectories: true)
        try fm.removeItem(atPath: reserve + "/departements")
        fx.write(".public.ctg-reserve/departements", "un fichier à la place d'un dossier")
        try fm.setAttributes([.posixPermissions: 0o444], ofItemAtPath: reserve + "/sitemap.xml")
        try fm.removeItem(atPath: reserve + "/territoires")
        try fm.createSymbolicLink(atPath: reserve + "/territoires", withDestinationPath: outside)
        try fm.removeItem(atPath: reserve + "/assets/style.css")
        try fm.createSymbolicLink(atPath: reserve + "/assets/style.css", withDestinationPath: outside + "/cible.html")

        let r = try await Builder.build(BuildOptions(root: fx.root))
        #expect(r.written)
        #expect(tree(out) == expected)
        #expect(fx.read("dehors/cible.html") == "intouchable")
        #expect(try fm.contentsOfDirectory(atPath: outside) == ["cible.html"])
        var st = stat()
        #expect(lstat(out + "/territoires", &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR)
    }

    @Test("a page the reserve holds unchanged is not rewritten (it keeps its date); a changed one is")
    func unchangedPagesKept() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        _ = try await Builder.build(BuildOptions(root: fx.root))
        _ = try await Builder.build(BuildOptions(root: fx.root))
        let reserve = fx.root + "/.public.ctg-reserve"
        let old = Date(timeIntervalSince1970: 946_684_800)  // 2000-01-01
        for page in ["index.html", "accessibilite/index.html"] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: reserve + "/" + page)
        }
        // The home page shows the site's title: change it, and only pages that show it change.
        let site = try #require(fx.read("content/site.yml"))
        fx.write("content/site.yml", site.replacingOccurrences(of: "titre: ", with: "titre: Nouveau "))
        _ = try await Builder.build(BuildOptions(root: fx.root))
        let fresh = fx.root + "/frais"
        _ = try await Builder.build(BuildOptions(root: fx.root, output: fresh))
        #expect(tree(fx.root + "/public") == tree(fresh))
        func date(_ p: String) throws -> Date? { try FileManager.default.attributesOfItem(atPath: fx.root + "/public/" + p)[.modificationDate] as? Date }
        #expect(try date("index.html") != old)
        #expect(fx.read("public/index.html")?.contains("Nouveau") == true)
        // Every page shows the title, so the unchanged case is a rebuild with nothing changed.
        _ = try await Builder.build(BuildOptions(root: fx.root))
        let reserve2 = fx.root + "/.public.ctg-reserve"
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: reserve2 + "/accessibilite/index.html")
        _ = try await Builder.build(BuildOptions(root: fx.root))
        #expect(try date("accessibilite/index.html") == old)
        #expect(tree(fx.root + "/public") == tree(fresh))
    }

    @Test("a reserve that ctg did not make is not used")
    func foreignReserve() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        fx.write(".public.ctg-reserve/precieux.txt", "à garder")
        _ = try await Builder.build(BuildOptions(root: fx.root))
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/public/precieux.txt"))
        _ = try await Builder.build(BuildOptions(root: fx.root))
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/public/precieux.txt"))
        #expect(fx.read(".public.ctg-reserve/precieux.txt") == "à garder")
        #expect(try FileManager.default.contentsOfDirectory(atPath: fx.root + "/.public.ctg-reserve") == ["precieux.txt"])
    }

    @Test("output folders whose replacement would lose files are refused", arguments: ["", "content", "content/x", "mes-documents"])
    func refusedOutputs(rel: String) async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        fx.write("mes-documents/rapport.txt", "précieux")
        let out = rel.isEmpty ? fx.root : fx.root + "/" + rel
        await #expect(throws: OutputError.self) {
            _ = try await Builder.build(BuildOptions(root: fx.root, output: out))
        }
        #expect(fx.read("mes-documents/rapport.txt") == "précieux")
        #expect(fx.read("content/territoires/roubaix-2014.md") == ProjectFixture.roubaix)
    }

    @Test("paths that could leave the output folder are refused")
    func safePaths() throws {
        for good in ["territoires/x/index.html", "a/.b/..c/...", "é/x", "annexe/\u{301}plan.png"] {
            #expect(OutputWriter.isSafe(good), "\(good)")
        }
        // Read by bytes: a combining mark after "/" hides neither the root nor an empty segment.
        for bad in ["../x", "a/../../x", "/etc/passwd", "a//b", "", "a/./b", "a\\b", "a\0b", "x/", ".", "..",
                    "/\u{301}etc/passwd", "a//\u{301}b"] {
            #expect(!OutputWriter.isSafe(bad), "\(bad)")
        }
        let dir = NSTemporaryDirectory() + "ctg-safe-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: OutputError.self) {
            try OutputWriter.writeTree([OutputFile(path: "../evade.html", content: .text("x"))], into: dir, projectRoot: dir)
        }
        #expect(!FileManager.default.fileExists(atPath: (dir as NSString).deletingLastPathComponent + "/evade.html"))
    }
    @Test("a build writes, file by file, exactly the site that render() gives")
    func streamedEqualsRendered() async throws {
        let dir = NSTemporaryDirectory() + "ctg-flux-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try await Builder.build(BuildOptions(root: RenderingFixture.projet, output: dir + "/site", revue: true))
        #expect(result.written)
        let onDisk = tree(dir + "/site")
        let checked = try await Builder.check(project: ProjectLoader.load(root: RenderingFixture.projet))
        let files = try await Builder.render(checked, revue: true, projets: true)
        var expected: [String: Data] = [OutputWriter.marker: Data()]
        for f in files {
            switch f.content {
            case let .text(t): expected[f.path] = Data(t.utf8)
            case let .copy(from): expected[f.path] = FileManager.default.contents(atPath: RenderingFixture.projet + "/" + from)
            }
        }
        #expect(onDisk.keys.sorted() == expected.keys.sorted())
        #expect(onDisk == expected)
        #expect(result.files == files.map(\.path))
        #expect(files.contains { if case .copy = $0.content { return true } else { return false } }, "the fixture copies a bundle file")
    }

    @Test("a file that cannot be written stops the build: the previous site stays, nothing is left beside it")
    func failedWriteLeavesOutputAlone() async throws {
        let fx = ProjectFixture(files: [
            "content/territoires/roubaix-2014/index.md": ProjectFixture.roubaix,
            "content/territoires/roubaix-2014/diagnostic.md": "# Diagnostic\n",
        ])
        defer { fx.cleanup() }
        let first = try await Builder.build(BuildOptions(root: fx.root, revue: true))
        #expect(first.written)
        let before = tree(fx.root + "/public")
        // A bundle file where the annex's folder goes: the folder is made first, the copy fails.
        fx.write("content/territoires/roubaix-2014/diagnostic", "pas un dossier")
        await #expect(throws: OutputError.self) {
            _ = try await Builder.build(BuildOptions(root: fx.root, revue: true))
        }
        #expect(tree(fx.root + "/public") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fx.root).sorted() == ["content", "public"])
    }

    @Test("removing the previous site never follows a symbolic link out of it")
    func removeTreeKeepsLinkTargets() throws {
        let dir = NSTemporaryDirectory() + "ctg-suppression-" + UUID().uuidString
        let fm = FileManager.default
        defer { try? fm.removeItem(atPath: dir) }
        try fm.createDirectory(atPath: dir + "/ailleurs", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/site/a/b", withIntermediateDirectories: true)
        try Data("précieux".utf8).write(to: URL(fileURLWithPath: dir + "/ailleurs/garder.txt"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/site/a/b/page.html"))
        try fm.createSymbolicLink(atPath: dir + "/site/a/lien", withDestinationPath: dir + "/ailleurs")
        try fm.createSymbolicLink(atPath: dir + "/site/lien-fichier", withDestinationPath: dir + "/ailleurs/garder.txt")
        OutputWriter.removeTree(dir + "/site")
        #expect(!fm.fileExists(atPath: dir + "/site"))
        #expect(fm.contents(atPath: dir + "/ailleurs/garder.txt") == Data("précieux".utf8))
        // A link given as the folder itself: the link goes, not its target.
        try fm.createSymbolicLink(atPath: dir + "/lien-dossier", withDestinationPath: dir + "/ailleurs")
        OutputWriter.removeTree(dir + "/lien-dossier")
        #expect(fm.contents(atPath: dir + "/ailleurs/garder.txt") == Data("précieux".utf8))
        #expect((try? fm.destinationOfSymbolicLink(atPath: dir + "/lien-dossier")) == nil)
    }
}

@Suite("Build: staging folders")
struct StagingTests {
    /// The id of a process that has exited: a child run to its end.
    static func deadPID() throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run()
        p.waitUntilExit()
        return p.processIdentifier
    }

    /// `ctg-neuf`: a build's staging folder; `ctg-ancien`: the previous site a swap set aside.
    @Test("a build removes the staging folders (.public.ctg-neuf-PID) and set-aside sites (.public.ctg-ancien-PID) of its output left by a process that is gone, and nothing else",
          arguments: ["ctg-neuf", "ctg-ancien"])
    func abandonedStagingRemoved(_ kind: String) async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        let fm = FileManager.default
        // A site in place: a set-aside one is not put back (see `setAsideSiteRestored`).
        _ = try await Builder.build(BuildOptions(root: fx.root))
        let dead = try Self.deadPID()
        #expect(kill(dead, 0) == -1 && errno == ESRCH)
        // A killed build's folder, a whole site in it.
        fx.write(".public.\(kind)-\(dead)/index.html", "vieux site")
        fx.write(".public.\(kind)-\(dead)/territoires/x/index.html", "vieux site")
        fx.write(".public.\(kind)-\(dead)/\(OutputWriter.marker)", "")
        // Kept: a live build's (this process's parent), another output's, and near misses.
        let other = kind == "ctg-neuf" ? "ctg-ancien" : "ctg-neuf"
        let kept = [".public.\(kind)-\(getppid())", ".archives.\(kind)-\(dead)", ".public.\(kind)-\(dead).bak",
                    ".public.\(kind)-0\(dead)", ".public.\(kind)-", ".public.\(kind)-12a", "public.\(kind)-\(dead)",
                    ".public.\(other)-\(getppid())", ".public.\(kind)-99999999999"]
        for k in kept { fx.write(k + "/garder.txt", "à garder") }
        // A link of the exact name is not a staging folder: neither it nor what it points to goes.
        fx.write("ailleurs/garder.txt", "à garder")
        let dead2 = try Self.deadPID()
        try fm.createSymbolicLink(atPath: fx.root + "/.public.\(kind)-\(dead2)", withDestinationPath: fx.root + "/ailleurs")

        let result = try await Builder.build(BuildOptions(root: fx.root))
        #expect(result.written)
        #expect(!fm.fileExists(atPath: fx.root + "/.public.\(kind)-\(dead)"))
        #expect(fx.read("public/index.html")?.contains("vieux site") == false)
        for k in kept { #expect(fx.read(k + "/garder.txt") == "à garder", "\(k)") }
        #expect(fx.read("ailleurs/garder.txt") == "à garder")
        #expect((try? fm.destinationOfSymbolicLink(atPath: fx.root + "/.public.\(kind)-\(dead2)")) == fx.root + "/ailleurs")
        #expect(!fm.fileExists(atPath: fx.root + "/.public.ctg-neuf-\(getpid())"), "its own staging folder is swapped in")
        #expect(!fm.fileExists(atPath: fx.root + "/.public.ctg-ancien-\(getpid())"), "its own set-aside site became the reserve")
    }

    @Test("a build killed between the two renames of a swap: the next one puts the previous site back where it was missing")
    func setAsideSiteRestored() throws {
        let fx = ProjectFixture(files: [:])
        defer { fx.cleanup() }
        let dead = try Self.deadPID()
        // The output was renamed aside, the new site never renamed in.
        fx.write(".public.ctg-ancien-\(dead)/index.html", "site précédent")
        fx.write(".public.ctg-ancien-\(dead)/\(OutputWriter.marker)", "")
        OutputWriter.removeAbandonedStaging(in: fx.root, name: "public")
        #expect(fx.read("public/index.html") == "site précédent")
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/.public.ctg-ancien-\(dead)"))
        // With the output there (restored, or written since), another such folder is removed,
        // and one without ctg's marker is never put in the output's place.
        fx.write(".public.ctg-ancien-\(dead)/index.html", "plus ancien")
        OutputWriter.removeAbandonedStaging(in: fx.root, name: "public")
        #expect(fx.read("public/index.html") == "site précédent")
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/.public.ctg-ancien-\(dead)"))
        try FileManager.default.removeItem(atPath: fx.root + "/public")
        fx.write(".public.ctg-ancien-\(dead)/index.html", "sans marque")
        OutputWriter.removeAbandonedStaging(in: fx.root, name: "public")
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/public"))
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/.public.ctg-ancien-\(dead)"))
    }

    @Test("a staging folder's process id: digits only, no leading zero, a positive pid_t")
    func stagingPID() {
        #expect(OutputWriter.stagingPID("4242") == 4242)
        #expect(OutputWriter.stagingPID("2147483647") == Int32.max)
        for bad in ["", "0", "042", "-1", "+1", "12a", "2147483648", "99999999999", "１２"] {
            #expect(OutputWriter.stagingPID(bad) == nil, "\(bad)")
        }
    }
}

@Suite("Build: bodies rendered as they are read")
struct BodiesAtLoadTests {
    @Test("a project's bodies rendered as they are read, or page by page, give the same site")
    func sameSite() async throws {
        for root in [repositoryRoot(), RenderingFixture.projet] {
            let late = try await ProjectLoader.load(root: root, html: false)
            let early = try await ProjectLoader.load(root: root, html: false, bodiesUpTo: 2_000)
            let none = try await ProjectLoader.load(root: root, html: false, bodiesUpTo: early.conventions.count - 1)
            #expect(late.conventions.allSatisfy { $0.document?.htmlBytes.isEmpty ?? true })
            #expect(none.conventions.allSatisfy { $0.document?.htmlBytes.isEmpty ?? true })
            #expect(early.conventions.contains { !($0.document?.htmlBytes.isEmpty ?? true) })
            var sites: [[OutputFile]] = []
            for project in [late, early] {
                let checked = try await Builder.check(project: project)
                let renderer = try SiteRenderer(projectTemplates: nil)
                sites.append(try await renderer.render(project: checked.project, report: checked.report, findings: checked.findings,
                                                       options: RenderOptions(revue: true, projets: true)))
            }
            #expect(sites[0].count > 10)
            #expect(sites[0] == sites[1])
        }
    }
}
