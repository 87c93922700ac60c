import CLibYAML
import Model

/// Builds the node tree of a front matter from its nodes in document order: libyaml's
/// events, or those of `YAMLFast` (which reads the common form of a front matter itself).
///
/// Why not `Yams.compose`: on a 1,000-convention project it cost three times libyaml's own
/// scan (a `Node` enum of reference-counted tags per scalar, a dictionary per mapping for
/// duplicate keys), most of `ctg check`'s time. Driving libyaml itself (the system's,
/// through CLibYAML) event by event gives the tree we need and keeps every mark; it also reports a
/// duplicate key at its second occurrence and bounds nesting without recursion.
struct YTreeBuilder {
    /// One open collection while its children arrive (on the shared `pending` stack).
    private struct Frame {
        var isMapping: Bool
        var isFlow: Bool
        var line: Int32
        var column: Int32
        /// Where its children start in `pending`.
        var first: Int
    }

    let file: String
    let maxDepth: Int
    let maxNodes: Int
    /// How the messages name the text (`FrontMatter.header`, « site.yml »).
    var name = FrontMatter.header
    /// Why the last call returned false.
    private(set) var failure: Finding? = nil
    private var records: [YTree.Record] = [], strings: [String] = [], links: [Int32] = []
    private var stack: [Frame] = []
    /// The anchors of the open collections (nil for most), parallel to `stack`.
    private var frameAnchors: [String?] = []
    /// The finished children of the open collections, innermost last.
    private var pending: [Int32] = []
    /// For each of `pending` that is a scalar key, a hash of its text (else 0): duplicate
    /// keys are looked for by hash before any text is compared.
    private var pendingHash: [UInt64] = []
    private var anchors: [String: Int32] = [:]
    private var root: Int32? = nil
    private var nodes = 0
    /// A key seen twice in a flow mapping that may be the end of a French decimal comma:
    /// `{ 2015: 12,5, 2017: 13,5 }` is read `2015: 12`, `5`, `2017: 13`, `5` (RULES.md,
    /// `type-invalide`, which the reader reports). It is a duplicate only if a value follows.
    private var strayDuplicate: (depth: Int, finding: Finding)? = nil

    /// `bytes`: the size of the YAML text, to reserve room for its nodes at once. A
    /// convention's front matter holds a node every 11 to 12 bytes (its yearly values are
    /// short): room for one every 8 bytes, so that the arrays are not copied to grow midway.
    init(file: String, bytes: Int, maxDepth: Int, maxNodes: Int) {
        self.file = file
        self.maxDepth = maxDepth
        self.maxNodes = maxNodes
        records.reserveCapacity(bytes / 8)
        strings.reserveCapacity(bytes / 8)
        links.reserveCapacity(bytes / 8)
    }

    /// The tree, once the document is read (nil for an empty document).
    func finish() -> YNode? {
        let tree = YTree(records: records, strings: strings, links: links)
        return root.map { YNode(tree: tree, index: $0) }
    }

    /// True when the next node is a key of the innermost mapping.
    var atKey: Bool {
        let top = stack.count - 1
        return top >= 0 && stack[top].isMapping && (pending.count - stack[top].first) & 1 == 0
    }

    static func hash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { fnv1a($0) }
    }

    private mutating func fail(_ f: Finding) -> Bool {
        failure = f
        return false
    }

    /// Adds a finished node to its parent (or makes it the root); checks duplicate keys
    /// (`keyHash`: the hash of a scalar key's text).
    private mutating func add(_ node: Int32, keyHash: UInt64 = 0) -> Bool {
        nodes += 1
        if nodes > maxNodes {
            return fail(Finding(.yamlInvalide, at: .start(of: file), "\(name) est trop volumineux une fois ses alias développés"))
        }
        let top = stack.count - 1
        guard top >= 0 else {
            root = node
            return true
        }
        let first = stack[top].first
        if let stray = strayDuplicate, stray.depth == stack.count {
            // The value of a key seen twice: none (the decimal comma) or a real duplicate.
            strayDuplicate = nil
            if !isEmptyPlain(node) { return fail(stray.finding) }
        }
        if stack[top].isMapping && (pending.count - first) % 2 == 0 && records[Int(node)].kind == .scalar {
            var i = first
            while i < pending.count {
                if pendingHash[i] == keyHash, records[Int(pending[i])].kind == .scalar,
                   strings[Int(records[Int(pending[i])].start)] == strings[Int(records[Int(node)].start)] {
                    let n = records[Int(node)]
                    let key = strings[Int(n.start)]
                    let f = Finding(.yamlInvalide, at: SourceLocation(file: file, line: Int(n.line), column: Int(n.column)),
                                    "la clé « \(key) » apparaît deux fois dans le même bloc (déjà en ligne \(records[Int(pending[i])].line)) : une clé ne peut être donnée qu'une fois")
                    guard stack[top].isFlow, n.plain, Self.isDigits(key), pending.count - first >= 2,
                          let before = pending.last, records[Int(before)].kind == .scalar, records[Int(before)].plain,
                          isEmptyPlain(before) || Nombre.isNumeric(strings[Int(records[Int(before)].start)]) else { return fail(f) }
                    strayDuplicate = (stack.count, f)
                    break
                }
                i += 2
            }
        }
        pending.append(node)
        pendingHash.append(keyHash)
        return true
    }

    private func isEmptyPlain(_ node: Int32) -> Bool {
        let r = records[Int(node)]
        return r.kind == .scalar && r.plain && strings[Int(r.start)].isEmpty
    }

    /// One or more ASCII digits, nothing else.
    static func isDigits(_ s: String) -> Bool {
        s.withBytes { u in !u.isEmpty && u.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }

    private mutating func record(_ r: YTree.Record) -> Int32 {
        records.append(r)
        return Int32(records.count - 1)
    }

    /// A scalar at (file line, 1-based column). False (see `failure`) on a duplicate key.
    /// `keyHash`: when the scalar is a key, a hash of its text (`hash(_:)` or any other
    /// that gives equal texts equal hashes, the same for the whole tree), else unused.
    mutating func scalar(_ text: String, plain: Bool, line: Int32, column: Int32, anchor: String? = nil, keyHash: UInt64? = nil) -> Bool {
        let keyHash = atKey ? keyHash ?? Self.hash(text) : 0
        strings.append(text)
        let node = record(YTree.Record(kind: .scalar, plain: plain, line: line, column: column,
                                       start: Int32(strings.count - 1), count: 0))
        if let anchor { anchors[anchor] = node }
        return add(node, keyHash: keyHash)
    }

    /// A mapping or a sequence opens; its children follow, then `end()`. False (see
    /// `failure`) past the deepest nesting.
    mutating func start(mapping: Bool, flow: Bool, line: Int32, column: Int32, anchor: String? = nil) -> Bool {
        if stack.count >= maxDepth {
            return fail(Finding(.yamlInvalide, at: SourceLocation(file: file, line: Int(line), column: Int(column)),
                                "\(name) est imbriqué trop profondément (plus de \(maxDepth) niveaux)"))
        }
        stack.append(Frame(isMapping: mapping, isFlow: flow, line: line, column: column, first: pending.count))
        frameAnchors.append(anchor)
        return true
    }

    /// The innermost open collection closes. False (see `failure`) when it is a duplicate
    /// key or too many nodes.
    mutating func end() -> Bool {
        if let stray = strayDuplicate, stray.depth == stack.count { return fail(stray.finding) }
        let f = stack.removeLast()
        let anchor = frameAnchors.removeLast()
        // A key without its value (libyaml never gives one) is dropped, as before.
        var n = pending.count - f.first
        if f.isMapping && n % 2 == 1 { n -= 1 }
        let first = links.count
        links.append(contentsOf: pending[f.first..<(f.first + n)])
        pending.removeSubrange(f.first...)
        pendingHash.removeSubrange(f.first...)
        var size = 1
        for c in links[first...] { size += records[Int(c)].size }
        let node = record(YTree.Record(kind: f.isMapping ? .mapping : .sequence, plain: false, flow: f.isFlow, line: f.line, column: f.column,
                                       start: Int32(first), count: Int32(n), size: size))
        if let anchor { anchors[anchor] = node }
        return add(node)
    }

    /// An alias: the value of its anchor, at the alias's place. False (see `failure`) when
    /// the anchor is unknown.
    mutating func alias(_ name: String, line: Int32, column: Int32) -> Bool {
        guard let target = anchors[name] else {
            return fail(Finding(.yamlInvalide, at: SourceLocation(file: file, line: Int(line), column: Int(column)),
                                "l'alias « *\(name) » ne renvoie à aucune ancre « &\(name) » définie avant lui"))
        }
        var r = records[Int(target)]
        nodes += r.size
        r.line = line
        r.column = column
        let keyHash = atKey && r.kind == .scalar ? Self.hash(strings[Int(r.start)]) : 0
        return add(record(r), keyHash: keyHash)
    }
}

/// Reads a front matter: first with `YAMLFast` (the block mappings, lists, one-line flow
/// collections, plain and quoted one-line scalars and comments that front matters are made
/// of); anything else, and every error, through libyaml, which gives the same tree for what
/// the fast reader accepts and says what is wrong with the rest.
enum YAMLEvents {
    static func parse(_ buf: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, maxDepth: Int, maxNodes: Int,
                      name: String = FrontMatter.header, wholeFile: Bool = false) -> Result<YNode?, Finding> {
        if let tree = YAMLFast.read(buf, file: file, firstLine: firstLine, maxDepth: maxDepth, maxNodes: maxNodes) {
            return .success(tree)
        }
        return libyaml(buf, file: file, firstLine: firstLine, maxDepth: maxDepth, maxNodes: maxNodes, name: name, wholeFile: wholeFile)
    }

    /// The tree as libyaml reads it, or its first error.
    static func libyaml(_ buf: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, maxDepth: Int, maxNodes: Int,
                        name: String = FrontMatter.header, wholeFile: Bool = false) -> Result<YNode?, Finding> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(Finding(.yamlInvalide, at: .start(of: file), "mémoire insuffisante pour lire \(name)"))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, buf.baseAddress ?? UnsafePointer(bitPattern: 1)!, buf.count)

        // libyaml breaks lines at U+0085, U+2028 and U+2029 too, editors do not: every mark is
        // placed again from its character index, lines broken at LF only (the text has no CR).
        let lines = LineStarts(buf, wholeFile: wholeFile)
        func place(_ m: yaml_mark_t) -> (line: Int, column: Int) {
            let p = lines.place(ofCharacter: Int(m.index))
            return (p.line + firstLine, p.column + 1)
        }
        func loc(_ m: yaml_mark_t) -> SourceLocation {
            let p = place(m)
            return SourceLocation(file: file, line: p.line, column: p.column)
        }
        func string(_ p: UnsafeMutablePointer<yaml_char_t>?, _ n: Int) -> String {
            guard let p else { return "" }
            return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        }
        func cstring(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            p.map { String(cString: UnsafePointer($0)) }
        }

        var builder = YTreeBuilder(file: file, bytes: buf.count, maxDepth: maxDepth, maxNodes: maxNodes)
        builder.name = name
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let problem = cstring(UnsafeMutablePointer(mutating: parser.problem).map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: yaml_char_t.self) }) ?? "erreur de syntaxe"
                var msg = "\(name) n'est pas valide : \(FrontMatter.frenchProblem(problem))"
                if let c = parser.context.map({ String(cString: $0) }), !c.isEmpty { msg += " (\(FrontMatter.frenchProblem(c)))" }
                if problem.contains("tab") { msg += " ; utilisez des espaces pour l'indentation, jamais de tabulation" }
                // A tab that starts a line is libyaml's « character that cannot start any
                // token »: say what it is, the everyday mistake of an editor set to tabs.
                else if let b = Self.octet(ofCharacter: Int(parser.problem_mark.index), in: buf), buf[b] == 9 {
                    msg = "\(name) n'est pas valide : une tabulation décale cette ligne ; YAML n'accepte que des espaces pour l'indentation : remplacez la tabulation par des espaces"
                }
                // At the end of a whole file (a key never given its « : », a bracket never
                // closed), the place is where the unfinished thing started, when libyaml says;
                // never a line after the last. A front matter's end is its closing `---`.
                let p = parser.problem_mark
                let atStart = p.index == 0 && p.line == 0 && p.column == 0
                let pastEnd = wholeFile && Int(p.index) >= lines.characters && parser.context != nil
                let at = atStart || pastEnd ? loc(parser.context_mark) : loc(p)
                return .failure(Finding(.yamlInvalide, at: at, msg))
            }
            defer { yaml_event_delete(&event) }
            let (l, c) = place(event.start_mark)
            let line = Int32(clamping: l), column = Int32(clamping: c)
            let ok: Bool
            switch event.type {
            case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                return .success(builder.finish())
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                ok = builder.scalar(string(s.value, s.length), plain: s.style == YAML_PLAIN_SCALAR_STYLE,
                                    line: line, column: column, anchor: cstring(s.anchor))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMap = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMap ? cstring(event.data.mapping_start.anchor) : cstring(event.data.sequence_start.anchor)
                let flow = isMap ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                                 : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                ok = builder.start(mapping: isMap, flow: flow, line: line, column: column, anchor: anchor)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                ok = builder.end()
            case YAML_ALIAS_EVENT:
                ok = builder.alias(cstring(event.data.alias.anchor) ?? "", line: line, column: column)
            default:
                ok = true
            }
            if !ok, let failure = builder.failure { return .failure(failure) }
        }
    }
}

extension YAMLEvents {
    /// The byte offset of libyaml's mark `index`, which counts characters, not bytes (a text
    /// with « é » before the mark puts it further in the bytes); nil past the end. Only on an
    /// error's path: one pass over the bytes.
    static func octet(ofCharacter index: Int, in buf: UnsafeBufferPointer<UInt8>) -> Int? {
        guard index >= 0 else { return nil }
        var n = 0
        for (k, b) in buf.enumerated() where b & 0xC0 != 0x80 {
            if n == index { return k }
            n += 1
        }
        return nil
    }
}

/// Where each line of a UTF-8 text starts, in characters (Unicode scalars, as libyaml counts
/// its marks' index), lines broken at LF only.
struct LineStarts {
    private var starts: [Int] = [0]
    /// The number of characters of the text.
    private(set) var characters = 0
    /// Whether the text ends with a line feed.
    private var endsWithBreak = false
    /// The text is a whole file: nothing follows its last line.
    private let wholeFile: Bool

    init(_ u: UnsafeBufferPointer<UInt8>, wholeFile: Bool) {
        self.wholeFile = wholeFile
        for b in u where b & 0xC0 != 0x80 {
            characters += 1
            if b == 10 { starts.append(characters) }
        }
        endsWithBreak = u.last == 10
    }

    /// 0-based line and column of the character at `index`. Past the end: in a whole file, the
    /// end of its last line (a final line feed opens no line of its own); else the start of
    /// the line that follows the text (a front matter's closing `---`).
    func place(ofCharacter index: Int) -> (line: Int, column: Int) {
        if !wholeFile && index >= characters && characters > 0 {
            return (endsWithBreak ? starts.count - 1 : starts.count, 0)
        }
        var i = max(0, min(index, characters))
        if i == characters && endsWithBreak && i > 0 { i -= 1 }
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= i { lo = mid } else { hi = mid - 1 }
        }
        return (lo, i - starts[lo])
    }
}

extension YNode {
    /// Number of nodes in this tree (an alias counts what it expands to).
    var size: Int { tree.records[Int(index)].size }
}
