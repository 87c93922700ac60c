import Foundation
import Model
@testable import Site
import Testing

/// The fuzzer's regression corpus (`Tests/CTGTests/Fixtures/fuzz/`): inputs that crashed ctg
/// or the fuzzer's checks once (`crash-*`, kept for good), and the fewest small inputs that reach
/// the code the fuzzer reached (`cov-*`, remade by `scripts/fuzz.sh --regression`). Each goes
/// through `FuzzEntry.run`, the function the fuzzer calls, without libFuzzer.
@Suite("Fuzzing: the regression corpus")
struct FuzzCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fuzz").path

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test("the corpus is there and small: fixed crashes (crash-*) and inputs that reach the code (cov-*)")
    func corpusIsSmall() throws {
        let sizes = try Self.inputs.map { try FileManager.default.attributesOfItem(atPath: Self.folder + "/" + $0)[.size] as? Int ?? 0 }
        #expect(Self.inputs.contains { $0.hasPrefix("crash-") })
        #expect(Self.inputs.filter { $0.hasPrefix("cov-") }.count >= 10)
        #expect(Self.inputs.allSatisfy { $0.hasPrefix("crash-") || $0.hasPrefix("cov-") })
        #expect(sizes.count <= 250)
        #expect(sizes.reduce(0, +) <= 200_000)
    }

    @Test("every input gives findings or none, never a crash, each at a place in the file, in French")
    func replay() async throws {
        // No time limit here: timings belong to the benchmark, and a loaded CI machine would
        // make one fail for nothing. An input that hangs still stops the run (CI's timeout).
        for name in Self.inputs {
            let bytes = try #require(FileManager.default.contents(atPath: Self.folder + "/" + name)).map { $0 }
            let outcome = await FuzzEntry.run(bytes)
            #expect(outcome.anomalies(for: bytes) == [], "\(name)")
        }
    }

    @Test("the fuzzer's checks beyond a crash: a finding outside the file, libyaml's English outside what a message quotes")
    func anomalies() {
        let file = "content/territoires/fuzz.md"
        func outcome(_ line: Int, _ message: String) -> FuzzEntry.Outcome {
            FuzzEntry.Outcome(site: [], check: [Finding(.yamlInvalide, at: SourceLocation(file: file, line: line, column: 1), message)], rendered: 3)
        }
        let twoLines = Array("---\r\nx".utf8)
        #expect(outcome(2, "un message").anomalies(for: twoLines) == [])
        #expect(outcome(3, "un message").anomalies(for: twoLines).count == 1)
        #expect(outcome(1, "while scanning a simple key").anomalies(for: twoLines).count == 1)
        #expect(outcome(1, "clé inconnue « while scanning »").anomalies(for: twoLines) == [])
        #expect(FuzzEntry.Outcome(site: [], check: [], rendered: nil).anomalies(for: []).count == 1)
        #expect(FuzzEntry.lineCount(Array("a\r\nb\rc\nd".utf8)) == 4)
    }

}
