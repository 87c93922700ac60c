@testable import Content
import Foundation
import Markdown
import Model
import Testing

/// `ctg check` and `ctg build` read most convention files from their bytes (`PlainFile`);
/// what they get must be what the loader's String path gets.
@Suite("Loader: convention files read from their bytes")
struct PlainFileTests {
    @Test("valid UTF-8 only, never what String(validating:) refuses", arguments: [
        ([0x61, 0x62], true),
        ([0xC3, 0xA9], true),                    // é
        ([0xE2, 0x80, 0x94], true),              // —
        ([0xF0, 0x9F, 0x98, 0x80], true),        // an emoji
        ([0xEF, 0xBB, 0xBF, 0x61], true),        // a BOM inside is text (the loader checks the start)
        ([0x00], false), ([0x0D, 0x0A], false),  // NUL, CR: the String path's
        ([0xC0, 0x80], false), ([0xC1, 0xBF], false), ([0xE0, 0x80, 0x80], false),  // overlong
        ([0xED, 0xA0, 0x80], false),             // a surrogate
        ([0xF4, 0x90, 0x80, 0x80], false),       // past U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], false), ([0xFF], false), ([0x80], false),
        ([0xC3], false), ([0xE2, 0x80], false), ([0xF0, 0x9F, 0x98], false),  // cut
        ([0xE2, 0x28, 0xA1], false),
    ] as [([UInt8], Bool)])
    func validation(_ bytes: [UInt8], _ expected: Bool) {
        // Also at the end of a longer text, past the eight-byte steps.
        for padded in [bytes, Array("abcdefghijklmnop".utf8) + bytes, bytes + Array("abcdefghijklmnop".utf8)] {
            #expect(padded.withUnsafeBufferPointer { PlainFile.isPlainText($0) } == expected, "\(padded)")
        }
    }

    @Test("random bytes: accepted only when String(validating:) accepts them")
    func random() {
        var rng = SplitMix64(seed: 11)
        let pieces: [[UInt8]] = [[0x61], [0x20], [0x0A], [0xC3, 0xA9], [0xE2, 0x80, 0x94], [0xF0, 0x9F, 0x98, 0x80],
                                 [0x80], [0xC3], [0xED, 0xA0, 0x80], [0xE0, 0x9F, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0x00], [0x0D]]
        var accepted = 0
        for _ in 0..<20_000 {
            var b: [UInt8] = []
            for _ in 0..<(1 + Int(rng.next() % 24)) {
                // Mostly valid pieces, so that both answers come up.
                let k = rng.next() % 10 < 8 ? Int(rng.next() % 6) : Int(rng.next() % UInt64(pieces.count))
                b += pieces[k]
            }
            let ours = b.withUnsafeBufferPointer { PlainFile.isPlainText($0) }
            let swift = String(validating: b, as: UTF8.self) != nil && !b.contains(0) && !b.contains(0x0D)
            #expect(ours == swift, "\(b)")
            if ours { accepted += 1 }
        }
        #expect(accepted > 2_000 && accepted < 18_000)
    }

    @Test("front matter, body and links as the String path gives them")
    func sameParts() throws {
        let root = repositoryRoot()
        var files: [String] = []
        for base in ["content/territoires", "Tests/CTGTests/Fixtures/rendering/projet/content/territoires"] {
            for f in try FileManager.default.subpathsOfDirectory(atPath: root + "/" + base).sorted() where f.hasSuffix(".md") {
                files.append(base + "/" + f)
            }
        }
        #expect(files.count >= 10)
        for f in files {
            let path = root + "/" + f
            let data = try #require(readBytes(path))
            let plain = try #require(PlainFile(data), "\(f)")
            let (split, fail) = ProjectLoader.split(data, file: f)
            #expect(fail == nil)
            var unloaded = split.body
            unloaded.unload(root: root, file: f)
            #expect(plain.body(path: path) == unloaded, "\(f)")
            #expect(plain.withYAML { Array($0) } == Array(split.yaml.utf8), "\(f)")
            let links = plain.relativeLinks().links, reference = MarkdownRenderer.relativeLinks(split.body).links
            #expect(links == reference, "\(f)")
        }
    }

    @Test("files the String path must read: a byte order mark, CR line ends, no front matter")
    func leftToStrings() {
        for text in ["\u{FEFF}---\ntitre: T\n---\nCorps\n", "---\r\ntitre: T\r\n---\r\nCorps\r\n", "Corps seul\n", "---\ntitre: T\n", "---\nt: \u{0}\n---\n"] {
            #expect(PlainFile(Array(text.utf8)) == nil, "\(text.debugDescription)")
        }
    }
}
