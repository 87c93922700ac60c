import Foundation
import Site
import Testing

@Suite("Board dossier")
struct DossierTests {
    @Test("each convention has a dossier page with its dashboard and its annexes in full, linked from the dashboard")
    func dossier() async throws {
        let out = NSTemporaryDirectory() + "ctg-dossier-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try await Builder.build(BuildOptions(root: repositoryRoot(), output: out))
        #expect(result.written)
        let page = try String(contentsOfFile: out + "/territoires/nord-2014/dossier/index.html", encoding: .utf8)
        let dashboard = try String(contentsOfFile: out + "/territoires/nord-2014/index.html", encoding: .utf8)
        #expect(dashboard.contains("href=\"dossier/index.html\""))
        #expect(page.contains("Dossier du conseil d'administration"))
        #expect(page.contains("<h2 id=\"Annexe-diagnostic\">Annexe : "))
        #expect(page.components(separatedBy: "<h1").count == 2)
        // The annex's own headings sit under the annex title, with ids of their own.
        #expect(page.contains("<h3 id=\"Annexe-diagnostic-"))
        // Links of the body are relative to the dossier's folder.
        #expect(page.contains("href=\"../diagnostic/index.html\"") || page.contains("href=\"../../nord-2014/diagnostic/index.html\""))
        #expect(result.files.filter { $0.hasSuffix("/dossier/index.html") }.count == result.files.filter { $0.hasPrefix("territoires/") && $0.split(separator: "/").count == 3 && $0.hasSuffix("index.html") }.count)
    }
}
