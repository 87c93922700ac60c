import CLibYAML
import Model

/// Builds the node tree of a front matter straight from libyaml's events.
///
/// Why not `Yams.compose`: on a 1,000-convention project it cost three times libyaml's own
/// scan (a `Node` enum of reference-counted tags per scalar, a dictionary per mapping for
/// duplicate keys), most of `ctg check`'s time. Driving the same libyaml (the copy Yams
/// vendors) event by event gives the tree we need and keeps every mark; it also reports a
/// duplicate key at its second occurrence and bounds nesting without recursion.
enum YAMLEvents {
    /// One open collection while its children arrive (on the shared `pending` stack).
    private struct Frame {
        var isMapping: Bool
        var line: Int32
        var column: Int32
        var anchor: String?
        /// Where its children start in `pending`.
        var first: Int
    }

    static func parse(_ yaml: String, file: String, firstLine: Int, maxDepth: Int, maxNodes: Int) -> Result<YNode?, Finding> {
        var text = yaml
        return text.withUTF8 { buf -> Result<YNode?, Finding> in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(Finding(.yamlInvalide, at: .start(of: file), "mémoire insuffisante pour lire l'en-tête YAML"))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buf.baseAddress ?? UnsafePointer(bitPattern: 1)!, buf.count)

            func loc(_ m: yaml_mark_t) -> SourceLocation {
                SourceLocation(file: file, line: Int(m.line) + firstLine, column: Int(m.column) + 1)
            }
            func string(_ p: UnsafeMutablePointer<yaml_char_t>?, _ n: Int) -> String {
                guard let p else { return "" }
                return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
            }
            func cstring(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                p.map { String(cString: UnsafePointer($0)) }
            }

            var records: [YTree.Record] = [], strings: [String] = [], links: [Int32] = []
            records.reserveCapacity(buf.count / 12)
            strings.reserveCapacity(buf.count / 24)
            links.reserveCapacity(buf.count / 12)
            func scalar(_ node: Int32) -> String? {
                let r = records[Int(node)]
                return r.kind == .scalar ? strings[Int(r.start)] : nil
            }
            var stack: [Frame] = []
            /// The finished children of the open collections, innermost last.
            var pending: [Int32] = []
            var anchors: [String: Int32] = [:]
            var root: Int32? = nil
            var nodes = 0
            var event = yaml_event_t()

            /// Adds a finished node to its parent (or makes it the root); checks duplicate keys.
            func add(_ node: Int32) -> Finding? {
                nodes += 1
                if nodes > maxNodes {
                    return Finding(.yamlInvalide, at: .start(of: file), "l'en-tête YAML est trop volumineux une fois ses alias développés")
                }
                guard let top = stack.last else {
                    root = node
                    return nil
                }
                if top.isMapping && (pending.count - top.first) % 2 == 0, let key = scalar(node) {
                    var i = top.first
                    while i < pending.count {
                        if scalar(pending[i]) == key {
                            let n = records[Int(node)]
                            return Finding(.yamlInvalide, at: SourceLocation(file: file, line: Int(n.line), column: Int(n.column)),
                                           "la clé « \(key) » apparaît deux fois dans le même bloc (déjà en ligne \(records[Int(pending[i])].line)) : une clé ne peut être donnée qu'une fois")
                        }
                        i += 2
                    }
                }
                pending.append(node)
                return nil
            }
            func record(_ r: YTree.Record) -> Int32 {
                records.append(r)
                return Int32(records.count - 1)
            }

            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let problem = cstring(UnsafeMutablePointer(mutating: parser.problem).map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: yaml_char_t.self) }) ?? "erreur de syntaxe"
                    var msg = "l'en-tête YAML n'est pas valide : \(FrontMatter.frenchProblem(problem))"
                    if let c = parser.context.map({ String(cString: $0) }), !c.isEmpty { msg += " (\(FrontMatter.frenchProblem(c)))" }
                    if problem.contains("tab") { msg += " ; utilisez des espaces pour l'indentation, jamais de tabulation" }
                    let at = parser.problem_mark.line > 0 || parser.problem_mark.column > 0 ? loc(parser.problem_mark) : loc(parser.context_mark)
                    return .failure(Finding(.yamlInvalide, at: at, msg))
                }
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                let line = Int32(clamping: Int(mark.line) + firstLine), column = Int32(clamping: Int(mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                    let tree = YTree(records: records, strings: strings, links: links)
                    return .success(root.map { YNode(tree: tree, index: $0) })
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    strings.append(string(s.value, s.length))
                    let node = record(YTree.Record(kind: .scalar, plain: s.style == YAML_PLAIN_SCALAR_STYLE, line: line, column: column,
                                                   start: Int32(strings.count - 1), count: 0))
                    if let a = cstring(s.anchor) { anchors[a] = node }
                    if let f = add(node) { return .failure(f) }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if stack.count >= maxDepth {
                        return .failure(Finding(.yamlInvalide, at: loc(mark), "l'en-tête YAML est imbriqué trop profondément (plus de \(maxDepth) niveaux)"))
                    }
                    let isMap = event.type == YAML_MAPPING_START_EVENT
                    let anchor = isMap ? cstring(event.data.mapping_start.anchor) : cstring(event.data.sequence_start.anchor)
                    stack.append(Frame(isMapping: isMap, line: line, column: column, anchor: anchor, first: pending.count))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let f = stack.removeLast()
                    // A key without its value (libyaml never gives one) is dropped, as before.
                    var n = pending.count - f.first
                    if f.isMapping && n % 2 == 1 { n -= 1 }
                    let first = links.count
                    links.append(contentsOf: pending[f.first..<(f.first + n)])
                    pending.removeSubrange(f.first...)
                    var size = 1
                    for c in links[first...] { size += records[Int(c)].size }
                    let node = record(YTree.Record(kind: f.isMapping ? .mapping : .sequence, plain: false, line: f.line, column: f.column,
                                                   start: Int32(first), count: Int32(n), size: size))
                    if let a = f.anchor { anchors[a] = node }
                    if let fail = add(node) { return .failure(fail) }
                case YAML_ALIAS_EVENT:
                    let name = cstring(event.data.alias.anchor) ?? ""
                    guard let target = anchors[name] else {
                        return .failure(Finding(.yamlInvalide, at: loc(mark), "l'alias « *\(name) » ne renvoie à aucune ancre « &\(name) » définie avant lui"))
                    }
                    // The same value, at the alias's place.
                    var r = records[Int(target)]
                    nodes += r.size
                    r.line = line
                    r.column = column
                    if let f = add(record(r)) { return .failure(f) }
                default:
                    break
                }
            }
        }
    }
}

extension YNode {
    /// Number of nodes in this tree (an alias counts what it expands to).
    var size: Int { tree.records[Int(index)].size }
}
