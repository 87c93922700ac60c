import Foundation
import Model
@testable import Rendering
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Rendering alone, on a large project: `CTG_BENCH=/path/to/project swift test -c release --filter RenderingBenchmark`.
/// Prints CPU seconds (user + system, all threads) and wall seconds per render; skipped without CTG_BENCH.
@Suite("RenderingBenchmark")
struct RenderingBenchmark {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CTG_BENCH"] != nil))
    func render() async throws {
        let root = ProcessInfo.processInfo.environment["CTG_BENCH"]!
        let (p, r) = try await RenderingFixture.load(root)
        let renderer = try SiteRenderer(projectTemplates: nil)
        func cpu() -> Double {
            var u = rusage()
            getrusage(RUSAGE_SELF.rawValue, &u)
            return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
        }
        for _ in 0..<3 {
            let (c0, w0) = (cpu(), Date())
            let files = try await renderer.render(project: p, report: r, findings: [], options: RenderOptions())
            print("rendu de \(p.conventions.count) conventions, \(files.count) fichiers : \(String(format: "%.2f", cpu() - c0)) s CPU, \(String(format: "%.2f", Date().timeIntervalSince(w0))) s")
        }
    }
}
