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
    /// `name`: how the messages name the text (« site.yml » is no front matter). `wholeFile`:
    /// the text is the whole file (site.yml), so an error at its end is placed inside it; a
    /// front matter's end is its closing `---` line.
    public static func parse(_ yaml: String, file: String, firstLine: Int, name: String = header,
                             wholeFile: Bool = false) -> Result<YNode?, Finding> {
        var text = yaml
        return text.withUTF8 { parse(utf8: $0, file: file, firstLine: firstLine, name: name, wholeFile: wholeFile) }
    }

    /// What the messages call a convention's YAML.
    public static let header = "l'en-tête YAML"

    /// `parse` of YAML given as UTF-8 bytes (valid UTF-8, LF line ends).
    static func parse(utf8: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, name: String = header,
                      wholeFile: Bool = false) -> Result<YNode?, Finding> {
        YAMLEvents.parse(utf8, file: file, firstLine: firstLine, maxDepth: maxDepth, maxNodes: maxNodes, name: name, wholeFile: wholeFile)
    }

    /// libyaml's English problems and contexts, said in French for the people who read the
    /// findings: every string of libyaml's scanner, parser and reader, and a French phrase for
    /// any other (a later libyaml), never English.
    static func frenchProblem(_ p: String) -> String {
        // Longest first where one is the start of another (`while parsing` alone last).
        let table: [(String, String)] = [
            ("found character that cannot start any token", "caractère inattendu (une tabulation ou un signe réservé en début de valeur ?)"),
            ("mapping values are not allowed in this context", "un « : » inattendu ; mettez la valeur entre guillemets si elle contient « : »"),
            ("mapping keys are not allowed in this context", "une clé inattendue à cet endroit (indentation incohérente ?)"),
            ("block sequence entries are not allowed in this context", "un élément de liste « - » inattendu à cet endroit (indentation incohérente ?)"),
            ("did not find expected key", "clé attendue introuvable (indentation incohérente ?)"),
            ("did not find expected '-' indicator", "élément de liste « - » attendu (indentation incohérente ?)"),
            ("could not find expected ':'", "« : » attendu après la clé"),
            ("could not find expected directive name", "nom de directive attendu après « % »"),
            ("found undefined alias", "alias YAML non défini"),
            ("found unexpected end of stream", "fin de texte inattendue (guillemet ou crochet non fermé ?)"),
            ("found unexpected document indicator", "ligne « --- » ou « ... » inattendue à l'intérieur d'un texte"),
            ("found unexpected ':'", "un « : » inattendu"),
            ("found unexpected non-alphabetical character", "caractère inattendu (lettre ou chiffre attendu)"),
            ("found unknown escape character", "séquence d'échappement inconnue entre guillemets"),
            ("found invalid Unicode character escape code", "code de caractère Unicode invalide entre guillemets"),
            ("found unknown directive name", "directive « % » inconnue"),
            ("found duplicate %YAML directive", "directive %YAML donnée deux fois"),
            ("found duplicate %TAG directive", "directive %TAG donnée deux fois"),
            ("found incompatible YAML document", "version de YAML non prise en charge"),
            ("found extremely long version number", "numéro de version YAML trop long"),
            ("found undefined tag handle", "étiquette « ! » non définie"),
            ("found an indentation indicator equal to 0", "indicateur d'indentation 0 interdit après « | » ou « > »"),
            ("found an incorrect leading UTF-8 octet", "octet UTF-8 invalide"),
            ("found an incorrect trailing UTF-8 octet", "octet UTF-8 invalide"),
            ("found a tab character that violates indentation", "tabulation dans l'indentation"),
            ("found a tab character where an indentation space is expected", "tabulation à la place d'un espace d'indentation"),
            ("did not find expected node content", "valeur attendue introuvable"),
            ("did not find expected ',' or ']'", "« , » ou « ] » attendu dans la liste"),
            ("did not find expected ',' or '}'", "« , » ou « } » attendu dans le bloc"),
            ("did not find expected <document start>", "début de document « --- » attendu"),
            ("did not find expected <stream-start>", "début de texte attendu"),
            ("did not find expected alphabetic or numeric character", "lettre ou chiffre attendu"),
            ("did not find expected comment or line break", "fin de ligne ou commentaire attendu"),
            ("did not find expected digit or '.' character", "chiffre ou « . » attendu"),
            ("did not find expected hexdecimal number", "nombre hexadécimal attendu"),
            ("did not find expected tag URI", "adresse d'étiquette attendue"),
            ("did not find expected version number", "numéro de version attendu"),
            ("did not find expected whitespace or line break", "espace ou fin de ligne attendu"),
            ("did not find expected whitespace", "espace attendu"),
            ("did not find expected '!'", "« ! » attendu"),
            ("did not find the expected '>'", "« > » attendu"),
            ("did not find URI escaped octet", "octet échappé « % » attendu dans l'adresse"),
            ("control characters are not allowed", "caractères de contrôle interdits"),
            ("invalid Unicode character", "caractère Unicode invalide"),
            ("invalid leading UTF-8 octet", "octet UTF-8 invalide"),
            ("invalid trailing UTF-8 octet", "octet UTF-8 invalide"),
            ("invalid length of a UTF-8 sequence", "séquence UTF-8 invalide"),
            ("incomplete UTF-8 octet sequence", "séquence UTF-8 incomplète"),
            ("incomplete UTF-16 character", "caractère UTF-16 incomplet"),
            ("incomplete UTF-16 surrogate pair", "paire UTF-16 incomplète"),
            ("unexpected low surrogate area", "caractère UTF-16 invalide"),
            ("expected low surrogate area", "caractère UTF-16 invalide"),
            ("input is too long", "texte trop long"),
            ("input error", "erreur de lecture"),
            ("while scanning for the next token", "en cherchant l'élément suivant"),
            ("while scanning a simple key", "en lisant une clé"),
            ("while scanning a plain scalar", "dans un texte"),
            ("while scanning a quoted scalar", "dans un texte entre guillemets"),
            ("while scanning a block scalar", "dans un bloc de texte « | » ou « > »"),
            ("while scanning an alias", "dans un alias « * »"),
            ("while scanning an anchor", "dans une ancre « & »"),
            ("while scanning a tag directive", "dans une directive %TAG"),
            ("while scanning a tag", "dans une étiquette « ! »"),
            ("while scanning a %YAML directive", "dans une directive %YAML"),
            ("while scanning a %TAG directive", "dans une directive %TAG"),
            ("while scanning a directive", "dans une directive « % »"),
            ("while parsing a block mapping", "dans un bloc de clés"),
            ("while parsing a block collection", "dans une liste"),
            ("while parsing a block node", "dans une valeur"),
            ("while parsing a flow sequence", "dans une liste entre crochets"),
            ("while parsing a flow mapping", "dans un bloc entre accolades"),
            ("while parsing a flow node", "dans une valeur entre crochets ou accolades"),
            ("while parsing a quoted scalar", "dans un texte entre guillemets"),
            ("while parsing a node", "dans une valeur"),
            ("while parsing a tag directive", "dans une directive %TAG"),
            ("while parsing a %TAG directive", "dans une directive %TAG"),
            ("while parsing a tag", "dans une étiquette « ! »"),
            ("while parsing", "en lisant le texte"),
            ("while scanning", "en lisant le texte"),
        ]
        for (en, fr) in table where p.hasPrefix(en) { return fr }
        return p.hasPrefix("while") ? "en lisant le texte" : "erreur de syntaxe YAML"
    }
}
