import Foundation
import Model

/// A mapping read from YAML: its pairs with a known key, in file order, with the place of
/// the key that holds it (or of the list item).
///
/// The pairs stay in the node's tree, marked by a bit each: a copy of each pair (its key and
/// two nodes holding the tree) cost an array, its retains and its releases per mapping, and
/// freeing them was more than finding the keys.
struct Map {
    var node: YNode
    /// Where findings about a key missing from this mapping point.
    var at: SourceLocation
    var path: String
    /// Pairs with a known key: bit i for pair i of the first 64, `more` for the rest.
    fileprivate var mask: UInt64 = 0
    fileprivate var more: [Int] = []

    init(node: YNode, at: SourceLocation, path: String) {
        self.node = node
        self.at = at
        self.path = path
    }

    fileprivate mutating func keep(_ i: Int) {
        if i < 64 { mask |= 1 << UInt64(i) } else { more.append(i) }
    }

    func pair(_ key: String) -> (keyNode: YNode, value: YNode)? {
        let tree = node.tree
        let start = Int(tree.records[Int(node.index)].start)
        func match(_ i: Int) -> (keyNode: YNode, value: YNode)? {
            let k = tree.links[start + 2 * i]
            guard tree.strings[Int(tree.records[Int(k)].start)] == key else { return nil }
            return (YNode(tree: tree, index: k), YNode(tree: tree, index: tree.links[start + 2 * i + 1]))
        }
        var m = mask
        while m != 0 {
            if let p = match(m.trailingZeroBitCount) { return p }
            m &= m &- 1
        }
        for i in more {
            if let p = match(i) { return p }
        }
        return nil
    }
}

/// Turns YAML nodes into typed, located values and collects the findings of the
/// "Reading the files" family (RULES.md): `cle-inconnue`, `cle-manquante`,
/// `type-invalide`, `id-invalide`, `valeur-inconnue` of closed lists.
struct Reader {
    let file: String
    var findings: [Finding] = []
    var invalidKeys: Set<String> = []
    /// Required keys that are absent but have a misspelt stand-in (path → the key as
    /// written and its place): still reported missing, with the likely typo named.
    var misspelt: [String: (key: String, line: Int)] = [:]
    var convention: String? = nil

    /// `file` as a number, named once: every value read carries it.
    let fileName: FileName

    init(file: String) {
        self.file = file
        fileName = FileName(file)
    }

    func loc(_ n: YNode) -> SourceLocation {
        let p = n.place
        return SourceLocation(file: fileName, line: p.line, column: p.column)
    }

    mutating func report(_ rule: RuleID, _ at: SourceLocation, _ message: String) {
        findings.append(Finding(rule, at: at, message, convention: convention))
    }

    /// Reads `node` as a mapping with the given known keys; unknown keys are reported
    /// with the closest known one. `required`: those of `known` whose absence is an error
    /// (FORMAT.md §3), never hidden by a misspelt stand-in.
    mutating func map(_ node: YNode, at: SourceLocation, path: String, known: [String], required: [String] = [], what: String) -> Map? {
        guard case let .mapping(pairs) = node.kind else {
            if path.isEmpty {
                // The front matter itself (RULES.md: "not a mapping" is yaml-invalide); rules skip
                // such a file, so that this one defect gives one finding.
                let found = node.isNull ? "est vide" : "doit être un bloc de clés (« clé: valeur »), pas \(node.typeName)"
                report(.yamlInvalide, loc(node), "\(what) \(found)")
                invalidKeys.insert("")
                return nil
            }
            if node.isNull { return nil }
            report(.typeInvalide, loc(node), "\(what) doit être un bloc de clés (« clé: valeur »), pas \(node.typeName)")
            invalidKeys.insert(path)
            return nil
        }
        var out = Map(node: node, at: at, path: path)
        let commas = node.isFlow ? decimalCommas(pairs) { pairs.keyText($0) ?? "" } : nil
        for i in pairs.indices {
            if let commas {
                if commas.strays.contains(i) { continue }
                if commas.numbers.contains(i), let key = pairs.keyText(i), known.contains(key) {
                    invalidKeys.insert(path.isEmpty ? key : "\(path).\(key)")
                    continue
                }
            }
            // The key's node is made only for a finding.
            guard let key = pairs.keyText(i) else {
                let k = pairs[i].key
                report(.typeInvalide, loc(k), "une clé doit être un mot, pas \(k.typeName)")
                continue
            }
            if !known.contains(key) {
                let where_ = path.isEmpty ? "" : " dans « \(path) »"
                let closest = Suggestion.closest(to: key, in: known)
                let k = pairs[i].key
                // Without its signature a convention is a draft, published as one or left out:
                // a key that stands for it is an error, not a warning (RULES.md).
                if path.isEmpty, known.contains("signature"), closest == "signature" || key.lowercased().contains("signature"),
                   !pairs.indices.contains(where: { pairs.keyText($0) == "signature" }) {
                    report(.signatureDouteuse, loc(k), "clé inconnue « \(key) » à la place de « signature » : sans « signature », la convention est un projet, publiée comme telle avec --projets, laissée de côté sinon ; écrivez « signature: AAAA-MM-JJ » (la date de la signature)")
                    invalidKeys.insert("signature")
                    continue
                }
                report(.cleInconnue, loc(k), "clé inconnue « \(key) »\(where_)\(closest.map { " ; vouliez-vous dire « \($0) » ?" } ?? "")")
                // A misspelt key stands for the one it resembles, when that one is absent: the
                // value is there, unreadable, and a warning that it is missing would say it
                // twice. A required key stays an error (the convention cannot be published
                // without it), its message naming the typo.
                if let closest, !pairs.indices.contains(where: { pairs.keyText($0) == closest }) {
                    let sub = path.isEmpty ? closest : "\(path).\(closest)"
                    if required.contains(closest) {
                        misspelt[sub] = (key, k.line)
                    } else {
                        invalidKeys.insert(sub)
                    }
                }
                continue
            }
            out.keep(i)
        }
        return out
    }

    /// `{ annee: 2014, valeur: 27,5 }`: YAML reads `valeur: 27` and a key `5` without a value,
    /// a French decimal comma (RULES.md, `type-invalide`, v2): one finding at the number,
    /// « 27,5 : écrivez 27.5 », in place of the stray key's `cle-inconnue`. Returns the pairs
    /// whose value is such a number (never read: 27 would be a wrong figure) and the stray
    /// keys after them. A stray key is digits with no value, right after a plain number (or
    /// after another stray key: `1,234,5`). `name(i)`: how the message names pair `i`'s value.
    mutating func decimalCommas(_ pairs: YPairs, name: (Int) -> String) -> (numbers: Set<Int>, strays: Set<Int>)? {
        func isStray(_ i: Int) -> Bool {
            let (k, v) = pairs[i]
            guard case let .scalar(s, true) = k.kind, YTreeBuilder.isDigits(s), case let .scalar(t, true) = v.kind else { return false }
            return t.isEmpty
        }
        var numbers: Set<Int> = [], strays: Set<Int> = []
        var i = 1
        while i < pairs.count {
            guard isStray(i), case let .scalar(s, true) = pairs[i - 1].value.kind, Nombre.isNumeric(s) else {
                i += 1
                continue
            }
            var written = s, j = i
            while j < pairs.count, isStray(j) {
                written += "," + (pairs[j].key.scalar ?? "")
                strays.insert(j)
                j += 1
            }
            numbers.insert(i - 1)
            let meant = j - i == 1 ? "écrivez \(written.replacingOccurrences(of: ",", with: "."))"
                                   : "écrivez le nombre avec un point décimal, sans séparateur de milliers"
            report(.typeInvalide, loc(pairs[i - 1].value),
                   "\(written)\u{00A0}: \(meant) (entre accolades, la virgule sépare deux éléments, et « \(name(i - 1)) » se lirait \(s))")
            i = j
        }
        return numbers.isEmpty ? nil : (numbers, strays)
    }

    /// The path of `key` in `m` (static: it goes into autoclosures of mutating methods).
    private static func sub(_ m: Map, _ key: String) -> String { m.path.isEmpty ? key : "\(m.path).\(key)" }

    /// The value node of `key`, nil when absent or null; reports `cle-manquante` when required.
    mutating func value(_ m: Map, _ key: String, required: Bool = false, what: String? = nil) -> (YNode, YNode)? {
        guard let p = m.pair(key), !p.value.isNull else {
            if required { missing(m, key, what: what) }
            return nil
        }
        return (p.keyNode, p.value)
    }

    mutating func missing(_ m: Map, _ key: String, what: String? = nil) {
        if invalidKeys.contains(Self.sub(m, key)) { return }
        let in_ = m.path.isEmpty ? "" : " dans « \(m.path) »"
        let typo = misspelt[Self.sub(m, key)].map { " ; « \($0.key) » (ligne \($0.line)) est-elle une faute de frappe pour « \(key) » ?" } ?? ""
        report(.cleManquante, m.at, "la clé obligatoire « \(key) » est absente\(in_)\(what.map { " : \($0)" } ?? "")\(typo)")
    }

    /// `a-completer`: a text that still holds a placeholder of `ctg new` (« À compléter… »,
    /// « …(à compléter) »), with or without accent or capital.
    mutating func aCompleter(_ t: String, at v: YNode, key: String) {
        // Cheap first, every text of every front matter comes here: a placeholder starts with
        // A, a, À or à, or ends with « ) ».
        guard Repere.estACompleter(t) else { return }
        report(.aCompleter, loc(v), "« \(key) » vaut encore « \(t) » : c'est un repère du modèle écrit par ctg new, à remplacer par la vraie valeur avant publication")
    }


    mutating func string(_ m: Map, _ key: String, required: Bool = false) -> Located<String>? {
        guard let (k, v) = value(m, key, required: required) else { return nil }
        guard let s = v.scalar else {
            report(.typeInvalide, loc(v), "« \(key) » doit être un texte, pas \(v.typeName)")
            invalidKeys.insert(Self.sub(m, key))
            return nil
        }
        let t = s.trimmed
        if t.isEmpty {
            if required { missing(m, key) }
            return nil
        }
        aCompleter(t, at: v, key: key)
        return Located(t, at: loc(v), key: loc(k))
    }

    /// A code (INSEE, SIREN, département): read as written, `01001` stays "01001".
    mutating func code(_ m: Map, _ key: String, required: Bool = false) -> Located<String>? {
        string(m, key, required: required)
    }

    mutating func day(_ m: Map, _ key: String, required: Bool = false) -> Located<Day>? {
        guard let (k, v) = value(m, key, required: required) else { return nil }
        return dayValue(v, key: k, name: key, path: Self.sub(m, key))
    }

    /// `name` and `path` are only made when the value is wrong (a string per value was a
    /// tenth of the decoding).
    mutating func dayValue(_ v: YNode, key k: YNode, name: @autoclosure () -> String, path: @autoclosure () -> String) -> Located<Day>? {
        guard let s = v.scalar, let d = Day(iso: s.trimmed) else {
            let found = v.scalar.map { "« \($0) »" } ?? v.typeName
            report(.typeInvalide, loc(v), "« \(name()) » doit être une date AAAA-MM-JJ (par exemple 2014-01-15), pas \(found)")
            invalidKeys.insert(path())
            return nil
        }
        guard Reader.years.contains(d.year) else {
            report(.typeInvalide, loc(v), Reader.outOfYears("« \(name()) »", d.iso))
            invalidKeys.insert(path())
            return nil
        }
        return Located(d, at: loc(v), key: loc(k))
    }

    mutating func number(_ m: Map, _ key: String, required: Bool = false, nonNegative: Bool = false) -> Located<Nombre>? {
        guard let (k, v) = value(m, key, required: required) else { return nil }
        return numberValue(v, key: k, name: key, path: Self.sub(m, key), nonNegative: nonNegative)
    }

    /// `name` and `path` as for `dayValue`.
    mutating func numberValue(_ v: YNode, key k: YNode, name: @autoclosure () -> String, path: @autoclosure () -> String,
                              nonNegative: Bool = false) -> Located<Nombre>? {
        // Each value parsed once: a yearly target or result is the most common node of a plan.
        let lu: Nombre?
        if case let .scalar(s, true) = v.kind {
            lu = Nombre(s)
            if !(lu?.isComputable ?? false), Nombre.isNumeric(s.trimmed) {
                report(.typeInvalide, loc(v), "« \(name()) » vaut \(s.trimmed)\u{00A0}: ce nombre est trop grand ou trop précis pour être calculé exactement (au plus 15 chiffres significatifs, moins d'un million de milliards, 15 décimales au plus)\u{202F}; vérifiez la valeur")
                invalidKeys.insert(path())
                return nil
            }
        } else {
            lu = nil
        }
        guard case let .scalar(s, plain) = v.kind, plain, let n = lu else {
            let found: String
            if case let .scalar(s, false) = v.kind, Nombre(s) != nil {
                found = "le texte entre guillemets « \(s) » (retirez les guillemets)"
            } else {
                found = v.scalar.map { "« \($0) »" } ?? v.typeName
            }
            report(.typeInvalide, loc(v), "« \(name()) » doit être un nombre (chiffres, point décimal), pas \(found)")
            invalidKeys.insert(path())
            return nil
        }
        if nonNegative && n.isNegative {
            report(.typeInvalide, loc(v), "« \(name()) » est un montant en euros : il ne peut pas être négatif (\(s))")
            invalidKeys.insert(path())
            return nil
        }
        return Located(n, at: loc(v), key: loc(k))
    }

    /// A count (places): a whole number, not negative.
    mutating func count(_ m: Map, _ key: String) -> Located<Int>? {
        guard let n = number(m, key, nonNegative: true) else { return nil }
        guard let i = n.value.int else {
            report(.typeInvalide, n.location, "« \(key) » compte des places : un nombre entier, pas \(n.value)")
            invalidKeys.insert(Self.sub(m, key))
            return nil
        }
        return Located(i, at: n.location, key: n.keyLocation)
    }

    mutating func year(_ m: Map, _ key: String, required: Bool = false) -> Located<Int>? {
        guard let (k, v) = value(m, key, required: required) else { return nil }
        guard case let .scalar(s, _) = v.kind, let y = Reader.yearValue(s) else {
            report(.typeInvalide, loc(v), "« \(key) » doit être une année sur quatre chiffres (par exemple 2014), pas \(v.scalar.map { "« \($0) »" } ?? v.typeName)")
            invalidKeys.insert(Self.sub(m, key))
            return nil
        }
        guard Reader.years.contains(y) else {
            report(.typeInvalide, loc(v), Reader.outOfYears("« \(key) »", String(y)))
            invalidKeys.insert(Self.sub(m, key))
            return nil
        }
        return Located(y, at: loc(v), key: loc(k))
    }

    /// The years a date or a year of a convention may have (RULES.md, `type-invalide`: "a
    /// year outside 1900–2200"): every day and year computed from them stays far inside
    /// what `Day` and the derived values compute with.
    static let years = 1900...2200

    /// The message for a year outside `years`: `what` is the key as quoted, `value` as written.
    static func outOfYears(_ what: String, _ value: String) -> String {
        "\(what) vaut \(value)\u{00A0}: cette année est hors de la plage admise (de 1900 à 2200)\u{202F}; vérifiez-la"
    }

    /// Four digits, the first not 0, spaces around them aside.
    static func yearValue(_ s: String) -> Int? {
        s.trimmed.withBytes { u -> Int? in
            guard u.count == 4 else { return nil }
            var y = 0
            for b in u {
                guard b >= 48, b <= 57 else { return nil }
                y = y * 10 + Int(b - 48)
            }
            return y >= 1000 ? y : nil
        }
    }

    /// A value of a closed list: anything else is `type-invalide`, with the closest value.
    /// `aliases`: former names read as today's (`ram` for `rpe`).
    mutating func closed<E: RawRepresentable & CaseIterable & Sendable>(_ m: Map, _ key: String, _ type: E.Type, required: Bool = false,
                                                                         aliases: [String: E] = [:]) -> Located<E>? where E.RawValue == String {
        guard let (k, v) = value(m, key, required: required) else { return nil }
        guard let s = v.scalar, let e = E(rawValue: s.trimmed) ?? aliases[s.trimmed] else {
            let allowed = E.allCases.map(\.rawValue)
            let found = v.scalar.map { "« \($0) »" } ?? v.typeName
            report(.typeInvalide, loc(v), "valeur \(found) invalide pour « \(key) » : valeurs possibles \(allowed.map { "« \($0) »" }.joined(separator: ", "))\(Suggestion.phrase(for: v.scalar ?? "", in: allowed))")
            invalidKeys.insert(Self.sub(m, key))
            return nil
        }
        return Located(e, at: loc(v), key: loc(k))
    }

    /// A list of texts; a single text is accepted as a list of one.
    mutating func strings(_ m: Map, _ key: String, required: Bool = false) -> Located<[Located<String>]>? {
        guard let (k, v) = value(m, key, required: required) else { return nil }
        switch v.kind {
        case .sequence(let items):
            var out: [Located<String>] = []
            out.reserveCapacity(items.count)
            for it in items {
                guard let s = it.scalar else {
                    report(.typeInvalide, loc(it), "chaque élément de « \(key) » doit être un texte, pas \(it.typeName)")
                    continue
                }
                if it.isNull { continue }
                aCompleter(s.trimmed, at: it, key: key)
                out.append(Located(s.trimmed, at: loc(it)))
            }
            return Located(out, at: loc(v), key: loc(k))
        case .scalar(let s, _):
            return Located([Located(s, at: loc(v))], at: loc(v), key: loc(k))
        case .mapping:
            report(.typeInvalide, loc(v), "« \(key) » doit être une liste (par exemple [a, b]), pas \(v.typeName)")
            invalidKeys.insert(Self.sub(m, key))
            return nil
        }
    }

    /// The items of a list, or nil (with a finding) when it is not one.
    mutating func items(_ m: Map, _ key: String) -> (YNode, YNode, YItems)? {
        guard let (k, v) = value(m, key) else { return nil }
        guard case let .sequence(items) = v.kind else {
            report(.typeInvalide, loc(v), "« \(key) » doit être une liste d'éléments « - … », pas \(v.typeName)")
            invalidKeys.insert(Self.sub(m, key))
            return nil
        }
        return (k, v, items)
    }

    /// An explicit id, checked; nil (and the derived id used) when absent or invalid.
    mutating func ident(_ m: Map) -> Ident? {
        guard let id = string(m, "id") else { return nil }
        guard isValidId(id.value) else {
            report(.idInvalide, id.location, "identifiant « \(id.value) » invalide : lettres minuscules sans accent, chiffres et tirets, commençant par une lettre ou un chiffre (par exemple « \(suggestId(id.value)) »)")
            return nil
        }
        return Ident(id.value, at: id.location, explicit: true)
    }
}

/// The path (`axes[1].objectifs[2].indicateurs[3]`) and derived id (`a1-o2-i3`) of a plan
/// item. Those of the first 8 axes, objectifs and items, where nearly all conventions are,
/// are made once for the process: an interpolated String and a locked lookup per item were
/// a twentieth of reading a front matter.
enum PlanNames {
    struct Names: Sendable {
        let path: String
        let derived: String
    }

    enum Kind { case indicateur, action }

    static let limit = 8
    private static let axes: [Names] = (1...limit).map { make($0, nil, nil) }
    private static let objectifs: [Names] = (1...limit).flatMap { a in (1...limit).map { make(a, $0, nil) } }
    private static let indicateurs: [Names] = items(.indicateur)
    private static let actions: [Names] = items(.action)

    private static func items(_ kind: Kind) -> [Names] {
        (1...limit).flatMap { a in (1...limit).flatMap { o in (1...limit).map { make(a, o, (kind, $0)) } } }
    }

    private static func make(_ a: Int, _ o: Int?, _ item: (Kind, Int)?) -> Names {
        var path = "axes[\(a)]", derived = "a\(a)"
        if let o {
            path += ".objectifs[\(o)]"
            derived += "-o\(o)"
        }
        if let (kind, i) = item {
            path += kind == .indicateur ? ".indicateurs[\(i)]" : ".actions[\(i)]"
            derived += kind == .indicateur ? "-i\(i)" : "-x\(i)"
        }
        return Names(path: path.utf8.count > 15 ? PathNames.shared.intern(path) : path, derived: derived)
    }

    private static func inTable(_ n: Int) -> Bool { n >= 1 && n <= limit }

    static func axe(_ a: Int) -> Names { inTable(a) ? axes[a - 1] : make(a, nil, nil) }

    static func objectif(_ a: Int, _ o: Int) -> Names {
        inTable(a) && inTable(o) ? objectifs[(a - 1) * limit + o - 1] : make(a, o, nil)
    }

    static func item(_ kind: Kind, _ a: Int, _ o: Int, _ i: Int) -> Names {
        guard inTable(a) && inTable(o) && inTable(i) else { return make(a, o, (kind, i)) }
        let k = ((a - 1) * limit + o - 1) * limit + i - 1
        return kind == .indicateur ? indicateurs[k] : actions[k]
    }
}

/// One copy of each path of the front matter (`axes[1].objectifs[2].indicateurs[3]`) for the
/// whole process: every axe, objectif, indicator and action keeps its path, and the same
/// positions recur in every convention (a String of their length is an allocation each).
///
/// @unchecked: its one variable, `paths`, is read and written only under `lock`.
final class PathNames: @unchecked Sendable {
    static let shared = PathNames()
    private let lock = NSLock()
    private var paths: Set<String> = []

    func intern(_ path: String) -> String {
        guard path.utf8.count > 15 else { return path }  // short ones are stored inline anyway
        lock.lock()
        defer { lock.unlock() }
        if let p = paths.firstIndex(of: path) { return paths[p] }
        paths.insert(path)
        return path
    }
}
