import Foundation
import Model
import Rendering
import Site
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
        fx.write("content/territoires/roubaix-2014.md", "---\ntitre: [\n---\n")
        let second = try await Builder.build(BuildOptions(root: fx.root))
        #expect(!second.written)
        #expect(second.checked.errors > 0)
        #expect(tree(out) == before)
        // --revue builds anyway.
        let revue = try await Builder.build(BuildOptions(root: fx.root, revue: true))
        #expect(revue.written)
    }

    @Test("the new site replaces the old one whole, and nothing is left beside it")
    func swap() async throws {
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { fx.cleanup() }
        _ = try await Builder.build(BuildOptions(root: fx.root))
        fx.write("public/vieux.html", "ancien")
        _ = try await Builder.build(BuildOptions(root: fx.root))
        #expect(!FileManager.default.fileExists(atPath: fx.root + "/public/vieux.html"))
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fx.root).sorted()
        #expect(siblings == ["content", "public"])
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
        #expect(OutputWriter.isSafe("territoires/x/index.html"))
        for bad in ["../x", "a/../../x", "/etc/passwd", "a//b", "", "a/./b", "a\\b"] {
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
}
