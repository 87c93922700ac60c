@testable import Content
import Foundation
import Model
import Testing

/// The fast front-matter reader must give libyaml's tree (values, quoting, lines, columns,
/// order) whenever it takes a text, and leave to libyaml every text it is not sure of.
@Suite("YAML fast reader")
struct YAMLFastTests {
    /// A tree written out with every mark: two trees are the same when their dumps are.
    static func dump(_ node: YNode?) -> String {
        guard let node else { return "∅" }
        var out = ""
        func walk(_ n: YNode, _ depth: Int) {
            out += String(repeating: " ", count: depth) + "\(n.line):\(n.column) "
            switch n.kind {
            case let .scalar(s, plain):
                out += (plain ? "=" : "'") + s.debugDescription + "\n"
            case let .mapping(pairs):
                out += n.isFlow ? "{{\n" : "{\n"
                for p in pairs {
                    walk(p.key, depth + 1)
                    walk(p.value, depth + 2)
                }
            case let .sequence(items):
                out += n.isFlow ? "[[\n" : "[\n"
                for i in items { walk(i, depth + 1) }
            }
        }
        walk(node, 0)
        return out
    }

    enum Outcome: Equatable {
        case fast(String)
        case libyamlOnly
    }

    /// Reads `yaml` both ways; fails the test when the fast reader takes it and differs.
    @discardableResult
    static func compare(_ yaml: String, _ comment: Comment? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Outcome {
        var text = yaml
        return text.withUTF8 { buf in
            let reference = YAMLEvents.libyaml(buf, file: "f.md", firstLine: 2, maxDepth: FrontMatter.maxDepth, maxNodes: FrontMatter.maxNodes)
            guard let fast = YAMLFast.read(buf, file: "f.md", firstLine: 2, maxDepth: FrontMatter.maxDepth, maxNodes: FrontMatter.maxNodes) else {
                return .libyamlOnly
            }
            switch reference {
            case let .success(node):
                #expect(dump(fast) == dump(node), comment ?? "\(yaml.debugDescription)", sourceLocation: sourceLocation)
            case let .failure(f):
                Issue.record("libyaml refuses what the fast reader took: \(f.message)\n\(yaml.debugDescription)", sourceLocation: sourceLocation)
            }
            return .fast(dump(fast))
        }
    }

    /// The front matters of the example project and of the rendering fixture.
    static func frontMatters() throws -> [(String, String)] {
        let root = repositoryRoot()
        var out: [(String, String)] = []
        for base in ["content", "Tests/CTGTests/Fixtures/rendering/projet/content"] {
            let dir = root + "/" + base
            let files = try FileManager.default.subpathsOfDirectory(atPath: dir).sorted()
            for f in files where f.hasSuffix(".md") || f.hasSuffix(".yml") {
                let text = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
                if f.hasSuffix(".yml") {
                    out.append((f, text))
                } else if case let .success(split) = FrontMatter.split(text) {
                    out.append((f, split.yaml))
                }
            }
        }
        out.append(("roubaix", try #require({ if case let .success(s) = FrontMatter.split(ProjectFixture.roubaix) { return s.yaml }; return nil }())))
        return out
    }

    @Test("every front matter of the example and the fixtures is read fast, as libyaml reads it")
    func projects() throws {
        let all = try Self.frontMatters()
        #expect(all.count >= 12)
        var slow: [String] = []
        for (name, yaml) in all where Self.compare(yaml, "\(name)") == .libyamlOnly {
            slow.append(name)
        }
        // The example's files use only what the fast reader takes.
        #expect(slow == [], "left to libyaml")
    }

    /// Forms a front matter may take, each read fast.
    static let forms = [
        "a: 1\nb: texte avec des espaces  \nc: 'cité'\nd: \"double\"\n",
        "territoire:\n  nom: Ain\n  code: '01'\n",
        "liste:\n- un\n- deux\nsuite: x\n",
        "liste:\n  - un\n  -   deux\n",
        "signataires:\n- nom: Caf de l'Ain\n  type: caf\n- nom: B\n  type: commune\nperiode:\n  debut: 2021-01-01\n",
        "moyens:\n- {annee: 2021, prestations_legales: 815680000, action_sociale: 46343000}\n",
        "cibles: {2021: 308, 2022: 320.5}\nbesoins: [precarite, autre]\nvide: []\nrien: {}\n",
        "# commentaire\na: 1 # fin de ligne\n\n  # indenté\nb:   # clé suivie d'un commentaire\n  c: 'x' # après des guillemets\n",
        "url: https://example.org/a:b\nheure: 12:30\ndièse: C#\n",
        "'clé citée': 1\n\"autre\" : 2\nclé espacée : 3\n",
        "apostrophes: 'l''Ain et l''Aisne'\n",
        "accents: Évaluation à mi-parcours — été\nclé_é: [é, 'à', \"ü\"]\n",
        "imbriqué: [[a, b], {c: d}, 'e']\n",
        "  décalé: 1\n  suite: 2\n",
        "- a\n- b: c\n  d: e\n",
        "x: ~\ny: null\nz: true\n",
        "a: b\n  c\n\n  d\n\n\n   e  f  \nz: 1\n",
        "- a\n  b\n- c\n  - d [e] 'f' \"g\" ?h\n",
        "- l: un texte qui\n    continue\n  m: x\n",
        "a: b\n  c # fin\nd: [x,\n  'y', # commentaire\n\n z\n  ]\ne: {f: 1,\n  g: 2}\n",
        "e: \"Centre \\\"Les Tilleuls\\\" \\\\ a\\/b\\nc\\td\"\n",
    ]

    @Test("the forms of a front matter, read fast with libyaml's marks", arguments: forms)
    func accepted(_ yaml: String) {
        #expect(Self.compare(yaml) != .libyamlOnly, "\(yaml.debugDescription) left to libyaml")
    }

    @Test("what the fast reader leaves to libyaml", arguments: [
        "",
        "# rien\n",
        "a:\n",                          // null at the end
        "a:\nb: 1\n",                    // null before a key
        "a: 'b\n  c'\n",                 // a quoted one
        "a: \"b\\x41\"\n",               // an escape read by libyaml only
        "a: [b\n  c]\n",                 // a plain scalar over two lines in a flow list
        "a: &x 1\nb: *x\n",              // anchor and alias
        "a: !tag 1\n",                   // tag
        "a: |\n  bloc\n",                // block scalar
        "a: >\n  plié\n",
        "a:\tb\n",                       // tab
        "a: b: c\n",                     // error for libyaml
        "a: 1\na: 2\n",                  // duplicate key: libyaml's finding
        "conventions_existantes: 1\nconventions_existantes: 2\n",  // a long one
        "l'a: 1\n'l''a': 2\n",            // the same key, plain then quoted with an escape
        "'l''Ain et l''Aisne': 1\n\"l'Ain et l'Aisne\": 2\n",
        "a: 1\n b: 2\n",                 // bad indentation
        "- a\nb: c\n",
        "-\n  a: 1\n",                   // item on the next line
        "- - a\n",
        "? a\n: b\n",
        "a: [b, ]\n",
        "a: {b}\n",
        "a: {b: }\n",
        "a: [b: c]\n",
        "a: {\"b\":1}\n",
        "--- \na: 1\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\n...\n",
        "a: -1\n",
        "a: @b\n",
        "a: `b`\n",
        "a: 'b'c\n",
        "a: [b]c\n",
        "a: b #c\n  d\n",
        "a: \u{85}b\n",                  // NEL, a line break for libyaml
        "a: b\u{2028}c\n",
        "a: \u{FEFF}b\n",
        "a: \u{7F}\n",
        "texte\n",
    ])
    func leftToLibyaml(_ yaml: String) {
        #expect(Self.compare(yaml) == .libyamlOnly, "\(yaml.debugDescription) read fast")
    }

    @Test("a key given twice, however it is written, is found by either reader", arguments: [
        ("a: 1\nb: 2\na: 3\n", 4),
        ("conventions_existantes: 1\nconventions_existantes: 2\n", 3),
        ("l'a: 1\n'l''a': 2\n", 3),
        ("x:\n  - {annee: 1, annee: 2}\n", 3),
    ])
    func duplicateKeys(_ yaml: String, _ line: Int) {
        guard case let .failure(f) = FrontMatter.parse(yaml, file: "f.md", firstLine: 2) else {
            Issue.record("\(yaml.debugDescription) read without its duplicate key")
            return
        }
        #expect(f.rule == .yamlInvalide)
        #expect(f.location.line == line)
        #expect(f.message.contains("apparaît deux fois"))
    }

    /// Thousands of front matters of the example, each altered at a few places with the
    /// characters that matter to YAML: whatever the fast reader takes must be libyaml's tree.
    @Test("altered front matters: the fast reader never differs from libyaml")
    func mutations() throws {
        let bases = try Self.frontMatters().map { Array($0.1.utf8) } + Self.forms.map { Array($0.utf8) }
        let alphabet: [[UInt8]] = [" ", "  ", "\n", ":", ": ", "-", "- ", "#", " #", "'", "''", "\"", "[", "]", "{", "}", ",",
                                   "a", "é", "\t", "&a", "*a", "!", "|", ">", "?", "\\", "%", "@", "~", "0", "\u{85}", "—",
                                   "\n- ", "\n  ", "x: ", "\n---\n", "...", "\r"].map { Array($0.utf8) }
        var rng = SplitMix64(seed: 2026)
        var fast = 0, total = 0
        for round in 0..<3_000 {
            var bytes = bases[round % bases.count]
            // A window of the file, so that most mutations land in what is read.
            let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
            let from = Int(rng.next() % UInt64(lines.count))
            let to = min(lines.count, from + 4 + Int(rng.next() % 30))
            bytes = Array(lines[from..<to].joined(separator: [10]))
            for _ in 0..<(1 + Int(rng.next() % 3)) where !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count))
                let piece = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                switch rng.next() % 3 {
                case 0: bytes.insert(contentsOf: piece, at: at)
                case 1: bytes.replaceSubrange(at..<min(bytes.count, at + piece.count), with: piece)
                default: bytes.removeSubrange(at..<min(bytes.count, at + 1 + Int(rng.next() % 4)))
                }
            }
            let yaml = String(decoding: bytes, as: UTF8.self)
            total += 1
            if case .fast = Self.compare(yaml) { fast += 1 }
        }
        // Both sides are exercised: many altered texts are still read fast, many are not.
        #expect(fast > total / 10 && fast < total * 9 / 10, "\(fast) of \(total) read fast")
    }
}
