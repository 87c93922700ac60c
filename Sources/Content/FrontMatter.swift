import Foundation
import Model
import Yams

/// A YAML node with its place in the file: the loader's own tree, so that nothing
/// below depends on Yams' types and positions are never lost.
public struct YNode: Sendable {
    public enum Kind: Sendable {
        /// Text as written; `plain` is false for a quoted or block scalar.
        case scalar(String, plain: Bool)
        case mapping([(key: YNode, value: YNode)])
        case sequence([YNode])
    }

    public var kind: Kind
    public var line: Int
    public var column: Int

    /// A plain `~`, `null` or empty scalar.
    public var isNull: Bool {
        if case let .scalar(s, plain) = kind, plain {
            return s.isEmpty || s == "~" || s == "null" || s == "Null" || s == "NULL"
        }
        return false
    }

    public var scalar: String? {
        if case let .scalar(s, _) = kind { return s }
        return nil
    }

    /// What a person would call this node's type, in French.
    public var typeName: String {
        switch kind {
        case .scalar: return isNull ? "une valeur vide" : "un texte"
        case .mapping: return "un bloc de clés"
        case .sequence: return "une liste"
        }
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
    /// Bytes → text: a UTF-8 BOM is dropped and CRLF read as LF, so positions do not shift.
    /// Returns nil and the line of the first byte that is not UTF-8.
    public static func decode(_ data: [UInt8]) -> (String?, badLine: Int) {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
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
        if s.utf8.contains(13) {
            return (s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"), 0)
        }
        return (s, 0)
    }

    /// Splits `---` / YAML / `---` / body; a failure carries the finding's message and line.
    public static func split(_ text: String) -> Result<SplitFile, SplitError> {
        let u = text.utf8
        /// The line starting at `i`: its end (before `\n`) and the start of the next one.
        func line(_ i: String.Index) -> (end: String.Index, next: String.Index) {
            let e = u[i...].firstIndex(of: 10) ?? u.endIndex
            return (e, e == u.endIndex ? e : u.index(after: e))
        }
        func isFence(_ s: String.Index, _ e: String.Index, dots: Bool) -> Bool {
            var i = s
            for c in dots ? [UInt8(46), 46, 46] : [UInt8(45), 45, 45] {
                guard i < e, u[i] == c else { return false }
                i = u.index(after: i)
            }
            while i < e {
                guard u[i] == 32 || u[i] == 9 else { return false }
                i = u.index(after: i)
            }
            return true
        }
        let first = line(u.startIndex)
        guard isFence(u.startIndex, first.end, dots: false) else {
            return .failure(SplitError(line: 1, message: "le fichier ne commence pas par une ligne « --- » : l'en-tête YAML (front matter) est absent"))
        }
        var i = first.next, n = 2
        while i < u.endIndex {
            let l = line(i)
            if isFence(i, l.end, dots: false) || isFence(i, l.end, dots: true) {
                let yaml = String(text[first.next..<(i == first.next ? i : u.index(before: i))])
                let body = String(text[l.next...])
                return .success(SplitFile(yaml: yaml, yamlFirstLine: 2, body: MarkdownText(text: body, firstLine: n + 1)))
            }
            i = l.next
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
        if let (line, col) = tooDeep(yaml) {
            return .failure(Finding(.yamlInvalide, at: SourceLocation(file: file, line: line + firstLine - 1, column: col),
                                    "l'en-tête YAML est imbriqué trop profondément (plus de \(maxDepth) niveaux)"))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            return .failure(finding(for: error, yaml: yaml, file: file, firstLine: firstLine))
        } catch {
            return .failure(Finding(.yamlInvalide, at: .start(of: file), "l'en-tête YAML est illisible"))
        }
        guard let root else { return .success(nil) }
        var budget = maxNodes
        guard let node = convert(root, firstLine: firstLine, budget: &budget, depth: 0) else {
            return .failure(Finding(.yamlInvalide, at: .start(of: file),
                                    "l'en-tête YAML est trop volumineux une fois ses alias développés"))
        }
        return .success(node)
    }

    private static func convert(_ n: Node, firstLine: Int, budget: inout Int, depth: Int) -> YNode? {
        budget -= 1
        guard budget > 0, depth < maxDepth * 2 else { return nil }
        let line = (n.mark?.line ?? 1) + firstLine - 1
        let col = n.mark?.column ?? 1
        switch n {
        case let .scalar(s):
            return YNode(kind: .scalar(s.string, plain: s.style == .plain), line: line, column: col)
        case let .mapping(m):
            var pairs: [(key: YNode, value: YNode)] = []
            pairs.reserveCapacity(m.count)
            for (k, v) in m {
                guard let kk = convert(k, firstLine: firstLine, budget: &budget, depth: depth + 1),
                      let vv = convert(v, firstLine: firstLine, budget: &budget, depth: depth + 1) else { return nil }
                pairs.append((kk, vv))
            }
            return YNode(kind: .mapping(pairs), line: line, column: col)
        case let .sequence(s):
            var items: [YNode] = []
            items.reserveCapacity(s.count)
            for x in s {
                guard let xx = convert(x, firstLine: firstLine, budget: &budget, depth: depth + 1) else { return nil }
                items.append(xx)
            }
            return YNode(kind: .sequence(items), line: line, column: col)
        case .alias:
            return YNode(kind: .scalar("", plain: true), line: line, column: col)
        }
    }

    /// A cheap upper bound of nesting, checked before libyaml recurses: flow brackets
    /// and block indentation / `- ` prefixes. Returns the line and column past the limit.
    static func tooDeep(_ yaml: String) -> (Int, Int)? {
        var flow = 0, line = 1, col = 0, lineStart = true, blockDepth = 0, inQuote: UInt8 = 0
        for b in yaml.utf8 {
            col += 1
            if b == 10 { line += 1; col = 0; lineStart = true; blockDepth = 0; continue }
            if inQuote != 0 {
                if b == inQuote { inQuote = 0 }
                continue
            }
            if lineStart {
                if b == 32 || b == 45 { // spaces and "- " raise the block level
                    if b == 45 { blockDepth += 1 }
                    if blockDepth + col / 2 > maxDepth * 2 { return (line, col) }
                    continue
                }
                lineStart = false
            }
            switch b {
            case 34, 39: inQuote = b
            case 91, 123: flow += 1; if flow > maxDepth { return (line, col) }
            case 93, 125: flow = max(0, flow - 1)
            default: break
            }
        }
        return nil
    }

    private static func finding(for error: YamlError, yaml: String, file: String, firstLine: Int) -> Finding {
        func at(_ mark: Mark?) -> SourceLocation {
            guard let m = mark, m.line > 0 else { return .start(of: file) }
            return SourceLocation(file: file, line: m.line + firstLine - 1, column: max(1, m.column))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            var msg = "l'en-tête YAML n'est pas valide : \(frenchProblem(problem))"
            if let c = context?.text, !c.isEmpty { msg += " (\(frenchProblem(c)))" }
            if problem.contains("tab") { msg += " ; utilisez des espaces pour l'indentation, jamais de tabulation" }
            return Finding(.yamlInvalide, at: at(mark), msg)
        case let .duplicatedKeysInMapping(duplicates, context):
            let key = duplicates.first ?? ""
            let loc = secondOccurrence(of: key, after: context.mark, in: yaml).map {
                SourceLocation(file: file, line: $0.0 + firstLine - 1, column: $0.1)
            } ?? at(context.mark)
            return Finding(.yamlInvalide, at: loc,
                           "la clé « \(key) » apparaît deux fois dans le même bloc : une clé ne peut être donnée qu'une fois")
        case let .reader(problem, _, _, _):
            return Finding(.yamlInvalide, at: .start(of: file), "l'en-tête YAML est illisible : \(problem)")
        default:
            return Finding(.yamlInvalide, at: .start(of: file), "l'en-tête YAML est illisible")
        }
    }

    /// Where a duplicated key is written again: the next line after its first occurrence
    /// that holds the same key at the same column.
    private static func secondOccurrence(of key: String, after mark: Mark, in yaml: String) -> (Int, Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let col = mark.column
        for i in mark.line..<lines.count {
            let l = Array(lines[i])
            guard l.count >= col - 1 + key.count else { continue }
            let rest = String(l[(col - 1)...])
            if rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") {
                let before = l[..<(col - 1)]
                if before.allSatisfy({ $0 == " " || $0 == "-" }) { return (i + 1, col) }
            }
        }
        return nil
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
