import Foundation
import Model

/// A YAML node with its place in the file: the loader's own tree, so that nothing
/// below depends on the parser's types and positions are never lost.
///
/// The nodes of one front matter live flat in one `YTree` (a few arrays, whatever the number
/// of nodes): a node is the tree and its number. A tree of enums and arrays cost an allocation
/// per mapping and list, and freeing it was a tenth of `ctg check`.
public struct YNode: Sendable {
    public enum Kind: Sendable {
        /// Text as written; `plain` is false for a quoted or block scalar.
        case scalar(String, plain: Bool)
        case mapping(YPairs)
        case sequence(YItems)
    }

    let tree: YTree
    let index: Int32

    private var record: YTree.Record { tree.records[Int(index)] }

    public var kind: Kind {
        let r = record
        switch r.kind {
        case .scalar: return .scalar(tree.strings[Int(r.start)], plain: r.plain)
        case .mapping: return .mapping(YPairs(tree: tree, start: Int(r.start), count: Int(r.count) / 2))
        case .sequence: return .sequence(YItems(tree: tree, start: Int(r.start), count: Int(r.count)))
        }
    }

    public var line: Int { Int(record.line) }
    public var column: Int { Int(record.column) }
    /// Line and column, the node's record read once.
    var place: (line: Int, column: Int) {
        let r = record
        return (Int(r.line), Int(r.column))
    }

    /// A plain `~`, `null` or empty scalar.
    public var isNull: Bool {
        let r = record
        guard r.kind == .scalar, r.plain else { return false }
        let s = tree.strings[Int(r.start)]
        // By length first: most scalars are longer than four bytes, and four comparisons of
        // Strings were 1 % of a build's instructions.
        switch s.utf8.count {
        case 0: return true
        case 1: return s == "~"
        case 4: return s == "null" || s == "Null" || s == "NULL"
        default: return false
        }
    }

    /// True for a mapping or list written in flow style, `{ … }` or `[ … ]`.
    public var isFlow: Bool { record.flow }

    public var scalar: String? {
        let r = record
        return r.kind == .scalar ? tree.strings[Int(r.start)] : nil
    }

    /// What a person would call this node's type, in French.
    public var typeName: String {
        switch record.kind {
        case .scalar: return isNull ? "une valeur vide" : "un texte"
        case .mapping: return "un bloc de clés"
        case .sequence: return "une liste"
        }
    }
}

/// The key-value pairs of a mapping, in file order.
public struct YPairs: RandomAccessCollection, Sendable {
    let tree: YTree
    let start: Int
    public let count: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(i: Int) -> (key: YNode, value: YNode) {
        (YNode(tree: tree, index: tree.links[start + 2 * i]), YNode(tree: tree, index: tree.links[start + 2 * i + 1]))
    }

    /// The text of pair `i`'s key when it is a scalar, read in place (no node made).
    func keyText(_ i: Int) -> String? {
        let r = tree.records[Int(tree.links[start + 2 * i])]
        return r.kind == .scalar ? tree.strings[Int(r.start)] : nil
    }
}

/// The items of a list, in file order.
public struct YItems: RandomAccessCollection, Sendable {
    let tree: YTree
    let start: Int
    public let count: Int
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(i: Int) -> YNode { YNode(tree: tree, index: tree.links[start + i]) }
}

/// The nodes of one front matter, made by `YAMLEvents` once the whole document is read.
/// Sendable as it is: constants of Sendable values.
final class YTree: Sendable {
    enum Kind: UInt8 { case scalar, mapping, sequence }
    struct Record {
        var kind: Kind
        var plain: Bool
        /// A collection written in flow style (`{ … }`, `[ … ]`): where a French decimal
        /// comma splits a number (`valeur: 27,5`).
        var flow: Bool = false
        var line: Int32
        var column: Int32
        /// A scalar: its index in `strings`; a collection: its first child in `links`.
        var start: Int32
        /// A collection: the number of its children in `links` (keys and values for a mapping).
        var count: Int32
        /// The nodes it stands for, itself included (aliases expanded): the budget against alias bombs.
        var size: Int = 1
    }
    // Constants (`let`): reading a node costs no exclusivity check.
    let records: [Record]
    let strings: [String]
    /// The children of each collection, contiguous.
    let links: [Int32]

    init(records: [Record], strings: [String], links: [Int32]) {
        self.records = records
        self.strings = strings
        self.links = links
    }
}

/// A file split into its front matter and body; or why it cannot be.
public struct SplitFile: Sendable {
    /// The YAML text (between the `---` lines), LF line ends.
    public var yaml: String
    /// File line of the YAML's first line (2: the opening `---` is line 1).
    public var yamlFirstLine: Int
    public var body: MarkdownText
}

/// Reading a file's front matter: decoding, splitting, parsing with positions.
public enum FrontMatter {
    /// 3 when `bytes` start with a UTF-8 byte order mark (dropped before reading), else 0.
    static func bomLength(_ bytes: some Collection<UInt8>) -> Int {
        bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// Bytes → text: a UTF-8 BOM is dropped and CRLF read as LF, so positions do not shift.
    /// Returns nil and the line of the first byte that is not UTF-8.
    public static func decode(_ data: [UInt8]) -> (String?, badLine: Int) {
        let bytes = data[bomLength(data)...]
        guard let s = String(validating: bytes, as: UTF8.self) else {
            // Find the line of the first invalid sequence for the finding.
            var line = 1
            var i = bytes.startIndex
            while i < bytes.endIndex {
                let b = bytes[i]
                let n = b < 0x80 ? 1 : b >> 5 == 0x6 ? 2 : b >> 4 == 0xE ? 3 : b >> 3 == 0x1E ? 4 : 0
                if n == 0 || i + n > bytes.endIndex || String(validating: bytes[i..<i + n], as: UTF8.self) == nil {
                    break
                }
                if b == 10 { line += 1 }
                i += n
            }
            return (nil, line)
        }
        if s.containsByte(13) {
            return (s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"), 0)
        }
        return (s, 0)
    }

    /// Splits `---` / YAML / `---` / body; a failure carries the finding's message and line.
    public static func split(_ text: String) -> Result<SplitFile, SplitError> {
        var text = text
        // Byte offsets of the YAML and the body, found on the bytes; the two Strings are
        // then cut from the text, already valid UTF-8, without validating it again.
        let found = text.withUTF8 { offsets($0) }
        return found.map { f in
            // Offsets at line starts and ends: always on character boundaries.
            let u = text.utf8
            func at(_ k: Int) -> String.Index { u.index(u.startIndex, offsetBy: k) }
            let yaml = String(text[at(f.yaml.lowerBound)..<at(f.yaml.upperBound)])
            let body = String(text[at(f.body)...])
            return SplitFile(yaml: yaml, yamlFirstLine: 2, body: MarkdownText(text: body, firstLine: f.bodyLine))
        }
    }

    /// Where the YAML and the body of a file's text start and end (byte offsets), and the
    /// file line of the body's first line.
    static func offsets(_ u: UnsafeBufferPointer<UInt8>) -> Result<(yaml: Range<Int>, body: Int, bodyLine: Int), SplitError> {
        let count = u.count
        /// The end of the line starting at `i` (its `\n`, or the end of the text).
        func lineEnd(_ i: Int) -> Int {
            guard i < count, let p = memchr(u.baseAddress! + i, 10, count - i) else { return count }
            return u.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
        func isFence(_ s: Int, _ e: Int, _ c: UInt8) -> Bool {
            guard e - s >= 3, u[s] == c, u[s + 1] == c, u[s + 2] == c else { return false }
            var i = s + 3
            while i < e {
                guard u[i] == 32 || u[i] == 9 else { return false }
                i += 1
            }
            return true
        }
        let firstEnd = lineEnd(0)
        guard isFence(0, firstEnd, 45) else {
            return .failure(SplitError(line: 1, message: "le fichier ne commence pas par une ligne « --- » : l'en-tête YAML (front matter) est absent"))
        }
        let firstNext = min(firstEnd + 1, count)
        var i = firstNext, n = 2
        while i < count {
            let e = lineEnd(i)
            let next = min(e + 1, count)
            if isFence(i, e, 45) || isFence(i, e, 46) {
                return .success((firstNext..<(i == firstNext ? i : i - 1), next, n + 1))
            }
            i = next
            n += 1
        }
        return .failure(SplitError(line: 1, message: "l'en-tête YAML ouvert par « --- » en ligne 1 n'est jamais fermé par une ligne « --- »"))
    }

    public struct SplitError: Error, Sendable {
        public var line: Int
        public var message: String
    }

    /// The deepest nesting a front matter may have: far beyond the format's own depth,
    /// low enough that a hostile file cannot exhaust the stack.
    static let maxDepth = 48
    /// The most nodes a front matter may expand to (aliases included).
    static let maxNodes = 2_000_000

    /// Parses YAML text into a node tree with file positions (`firstLine` = file line of
    /// the YAML's line 1). Returns the node (nil for an empty document) or a finding.
    public static func parse(_ yaml: String, file: String, firstLine: Int) -> Result<YNode?, Finding> {
        var text = yaml
        return text.withUTF8 { parse(utf8: $0, file: file, firstLine: firstLine) }
    }

    /// `parse` of YAML given as UTF-8 bytes (valid UTF-8, LF line ends).
    static func parse(utf8: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int) -> Result<YNode?, Finding> {
        YAMLEvents.parse(utf8, file: file, firstLine: firstLine, maxDepth: maxDepth, maxNodes: maxNodes)
    }

    /// libyaml's English problems, said in French for the people who read the findings.
    static func frenchProblem(_ p: String) -> String {
        let table: [(String, String)] = [
            ("found character that cannot start any token", "caractère inattendu (une tabulation ou un signe réservé en début de valeur ?)"),
            ("mapping values are not allowed in this context", "un « : » inattendu ; mettez la valeur entre guillemets si elle contient « : »"),
            ("did not find expected key", "clé attendue introuvable (indentation incohérente ?)"),
            ("did not find expected '-' indicator", "élément de liste « - » attendu (indentation incohérente ?)"),
            ("could not find expected ':'", "« : » attendu après la clé"),
            ("found undefined alias", "alias YAML non défini"),
            ("found unexpected end of stream", "fin de texte inattendue (guillemet ou crochet non fermé ?)"),
            ("found unknown escape character", "séquence d'échappement inconnue entre guillemets"),
            ("did not find expected node content", "valeur attendue introuvable"),
            ("did not find expected ',' or ']'", "« , » ou « ] » attendu dans la liste"),
            ("did not find expected ',' or '}'", "« , » ou « } » attendu dans le bloc"),
            ("found a tab character that violates indentation", "tabulation dans l'indentation"),
            ("found a tab character where an indentation space is expected", "tabulation à la place d'un espace d'indentation"),
            ("while scanning a simple key", "en lisant une clé"),
            ("while parsing a block mapping", "dans un bloc de clés"),
            ("while parsing a block collection", "dans une liste"),
            ("while scanning a quoted scalar", "dans un texte entre guillemets"),
            ("while parsing a flow sequence", "dans une liste entre crochets"),
            ("while parsing a flow mapping", "dans un bloc entre accolades"),
            ("control characters are not allowed", "caractères de contrôle interdits"),
        ]
        for (en, fr) in table where p.hasPrefix(en) { return fr }
        return p
    }
}
