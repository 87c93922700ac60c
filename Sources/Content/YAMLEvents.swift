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
    /// One open collection while its children arrive.
    private struct Frame {
        var isMapping: Bool
        var line: Int
        var column: Int
        var anchor: String?
        var children: [YNode] = []
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

            var stack: [Frame] = []
            var anchors: [String: YNode] = [:]
            var root: YNode? = nil
            var nodes = 0
            var event = yaml_event_t()

            /// Adds a finished node to its parent (or makes it the root); checks duplicate keys.
            func add(_ node: YNode) -> Finding? {
                nodes += 1
                if nodes > maxNodes {
                    return Finding(.yamlInvalide, at: .start(of: file), "l'en-tête YAML est trop volumineux une fois ses alias développés")
                }
                guard !stack.isEmpty else {
                    root = node
                    return nil
                }
                let top = stack.count - 1
                if stack[top].isMapping && stack[top].children.count % 2 == 0, let key = node.scalar {
                    var i = 0
                    while i < stack[top].children.count {
                        if stack[top].children[i].scalar == key {
                            return Finding(.yamlInvalide, at: SourceLocation(file: file, line: node.line, column: node.column),
                                           "la clé « \(key) » apparaît deux fois dans le même bloc (déjà en ligne \(stack[top].children[i].line)) : une clé ne peut être donnée qu'une fois")
                        }
                        i += 2
                    }
                }
                stack[top].children.append(node)
                return nil
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
                switch event.type {
                case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                    return .success(root)
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let node = YNode(kind: .scalar(string(s.value, s.length), plain: s.style == YAML_PLAIN_SCALAR_STYLE),
                                     line: Int(mark.line) + firstLine, column: Int(mark.column) + 1)
                    if let a = cstring(s.anchor) { anchors[a] = node }
                    if let f = add(node) { return .failure(f) }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if stack.count >= maxDepth {
                        return .failure(Finding(.yamlInvalide, at: loc(mark), "l'en-tête YAML est imbriqué trop profondément (plus de \(maxDepth) niveaux)"))
                    }
                    let isMap = event.type == YAML_MAPPING_START_EVENT
                    let anchor = isMap ? cstring(event.data.mapping_start.anchor) : cstring(event.data.sequence_start.anchor)
                    stack.append(Frame(isMapping: isMap, line: Int(mark.line) + firstLine, column: Int(mark.column) + 1, anchor: anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let f = stack.removeLast()
                    let node: YNode
                    if f.isMapping {
                        var pairs: [(key: YNode, value: YNode)] = []
                        pairs.reserveCapacity(f.children.count / 2)
                        var i = 0
                        while i + 1 < f.children.count {
                            pairs.append((f.children[i], f.children[i + 1]))
                            i += 2
                        }
                        node = YNode(kind: .mapping(pairs), line: f.line, column: f.column)
                    } else {
                        node = YNode(kind: .sequence(f.children), line: f.line, column: f.column)
                    }
                    if let a = f.anchor { anchors[a] = node }
                    if let fail = add(node) { return .failure(fail) }
                case YAML_ALIAS_EVENT:
                    let name = cstring(event.data.alias.anchor) ?? ""
                    guard var node = anchors[name] else {
                        return .failure(Finding(.yamlInvalide, at: loc(mark), "l'alias « *\(name) » ne renvoie à aucune ancre « &\(name) » définie avant lui"))
                    }
                    nodes += node.size
                    node.line = Int(mark.line) + firstLine
                    node.column = Int(mark.column) + 1
                    if let f = add(node) { return .failure(f) }
                default:
                    break
                }
            }
        }
    }
}

extension YNode {
    /// Number of nodes in this tree (an alias counts what it expands to).
    var size: Int {
        switch kind {
        case .scalar: return 1
        case let .sequence(items): return items.reduce(1) { $0 + $1.size }
        case let .mapping(pairs): return pairs.reduce(1) { $0 + $1.key.size + $1.value.size }
        }
    }
}
