#if canImport(Glibc)
import Glibc
#endif
import Model
import Mustache
import Reports

/// HTML written in Swift for what repeats most on a page: table bodies, year tables, state
/// badges. A Mustache tag costs about a microsecond and a dashboard has thousands of cells,
/// so the built-in templates receive these parts whole (`{{{corps}}}`); the values they are
/// made of stay in the context, for a project's template that writes its own rows.
/// Every text goes through `esc`; the markup is the one the templates would write.
struct HTMLBuffer {
    /// UTF-8 bytes: appending bytes costs less than appending Strings, and the text is
    /// turned into a String once, when the block is complete.
    var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    /// The HTML written so far.
    var out: String { String(decoding: bytes, as: UTF8.self) }
    var isEmpty: Bool { bytes.isEmpty }

    /// Appends markup written in the code (a literal: copied without looking at it).
    mutating func raw(_ s: StaticString) { s.withUTF8Buffer { bytes.append(contentsOf: $0) } }
    /// Appends HTML the tool made (a block, a badge, a URL of generated paths).
    mutating func html(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }
    /// Appends text, escaped (`& < > " '`, as the templates' `{{x}}`).
    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { text($0) }
    }

    /// Appends UTF-8 text, escaped: runs without a character to escape are copied whole.
    mutating func text(_ u: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for i in 0..<u.count where Self.escapes[Int(u[i])] {
            if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start..<i])) }
            appendEscaped(u[i])
            start = i + 1
        }
        if start < u.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[start...])) }
    }

    /// The bytes `text` escapes: `& < > " '`.
    private static let escapes: [Bool] = (0..<256).map { [38, 60, 62, 34, 39].contains($0) }

    @inline(__always) private mutating func appendEscaped(_ b: UInt8) {
        switch b {
        case 38: bytes.append(contentsOf: [38, 97, 109, 112, 59])          // &amp;
        case 60: bytes.append(contentsOf: [38, 108, 116, 59])              // &lt;
        case 62: bytes.append(contentsOf: [38, 103, 116, 59])              // &gt;
        case 34: bytes.append(contentsOf: [38, 113, 117, 111, 116, 59])    // &quot;
        case 39: bytes.append(contentsOf: [38, 35, 51, 57, 59])            // &#39;
        default: bytes.append(b)
        }
    }

    /// A whole number in ASCII digits (years, counts, coordinates).
    mutating func int(_ v: Int) {
        var m = v.magnitude
        if v >= 0 && m < 10 { bytes.append(48 + UInt8(m)); return }
        // Digits from the right into a scratch buffer, then one append.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buf in
            var i = 24
            repeat {
                i -= 1
                buf[i] = 48 + UInt8(m % 10)
                m /= 10
            } while m > 0
            if v < 0 { i -= 1; buf[i] = 45 }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i...]))
        }
    }

    /// A coordinate with one decimal at most, locale-free: `12.0` → `12`, `3.25` → `3.3`.
    mutating func coord(_ v: Double) {
        let i = Int((v * 10).rounded())
        let a = i.magnitude
        if a % 10 == 0 { int(i / 10); return }
        if i < 0 { bytes.append(45) }
        int(Int(a / 10))
        bytes.append(46)
        bytes.append(48 + UInt8(a % 10))
    }

    /// `<span class="vide">…</span>`: the words said where a cell has no value.
    mutating func vide(_ words: StaticString) {
        raw("<span class=\"vide\">")
        raw(words)
        raw("</span>")
    }
}

/// Escapes `& < > " '` for HTML text and attributes; text without any of them (most of it)
/// is returned as it is.
func escapeHTML(_ s: String) -> String {
    guard s.containsByte(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return s }
    var h = HTMLBuffer(capacity: s.utf8.count + 32)
    h.text(s)
    return h.out
}

/// Big pieces of a page kept out of Mustache: its context holds a short marker for each, and
/// the rendered page gets them in one pass at the end. Mustache builds a page by appending the
/// output of each section to the one around it, so a block inside five sections was copied
/// five times; and a tag costs the same for 10 bytes as for 50 KB. One per page, one thread.
final class PageBlocks {
    /// A block: its bytes, or what makes them piece by piece when the page is written (a
    /// field page of 5,000 conventions is 8 MB: never held whole).
    private enum Part {
        case bytes([UInt8])
        case stream((([UInt8]) throws -> Void) throws -> Void)
    }
    private var parts: [Part] = []

    init() {}

    /// The marker of `html`: NUL, its number, NUL. No project text holds a NUL (YAML refuses
    /// it, cmark replaces it), and escaping leaves it as it is.
    func add(_ html: [UInt8]) -> String {
        parts.append(.bytes(html))
        return "\u{0}\(parts.count - 1)\u{0}"
    }

    /// The marker of a block made when the page is written: `produce` calls its argument
    /// with each piece, in order.
    func add(streaming produce: @escaping (([UInt8]) throws -> Void) throws -> Void) -> String {
        parts.append(.stream(produce))
        return "\u{0}\(parts.count - 1)\u{0}"
    }

    /// `page` with each marker replaced by its block, as UTF-8 bytes: the blocks are bytes
    /// already, so the page is never checked as UTF-8 again before it is written.
    func splice(_ page: String) -> [UInt8] {
        var out: [UInt8] = []
        var page = page
        page.withUTF8 { u in
            out.reserveCapacity(u.count + parts.reduce(0) { if case let .bytes(b) = $1 { return $0 + b.count } else { return $0 } })
            try? splice(u) { out.append(contentsOf: $0) }
        }
        return out
    }

    /// `page` (UTF-8 bytes, as `ConventionPage` writes them) with each marker replaced by its block.
    func splice(bytes page: [UInt8]) -> [UInt8] {
        if parts.isEmpty { return page }
        var out: [UInt8] = []
        page.withUnsafeBufferPointer { u in
            out.reserveCapacity(u.count + parts.reduce(0) { if case let .bytes(b) = $1 { return $0 + b.count } else { return $0 } })
            try? splice(u) { out.append(contentsOf: $0) }
        }
        return out
    }

    /// `page` with its blocks, given piece by piece to `emit` (to a file as it is made).
    func splice(_ page: String, into emit: ([UInt8]) throws -> Void) throws {
        var page = page
        try page.withUTF8 { u in
            try splice(u) { try emit(Array($0)) }
        }
    }

    private func splice(_ u: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var copied = 0, i = 0
        while let open = memchrIndex(u, 0, from: i) {
            var j = open + 1, n = 0
            while j < u.count, j - open <= 9, u[j] >= 48, u[j] <= 57 { n = n * 10 + Int(u[j] - 48); j += 1 }
            guard j > open + 1, j < u.count, u[j] == 0, n < parts.count else { i = open + 1; continue }
            try emit(UnsafeBufferPointer(rebasing: u[copied..<open]))
            switch parts[n] {
            case let .bytes(b): try b.withUnsafeBufferPointer { try emit($0) }
            case let .stream(produce): try produce { piece in try piece.withUnsafeBufferPointer { try emit($0) } }
            }
            copied = j + 1
            i = copied
        }
        try emit(UnsafeBufferPointer(rebasing: u[copied...]))
    }
}

/// Which blocks of built-in partials Swift writes (same bytes, see `IndicateurVue`): each
/// only while the project keeps every partial the block stands for.
struct SwiftBlocks: Sendable {
    var indicateurs = false
    var axes = false
    var champ = false
    /// The whole page of a convention (`ConventionPage`): layout, template and partials.
    var page = false

    init() {}

    init(overridden: [String]) {
        let o = Set(overridden)
        indicateurs = !o.contains("partials/indicateur") && !o.contains("partials/constats")
        axes = indicateurs && !o.contains("partials/axe") && !o.contains("partials/objectifs-resultats") && !o.contains("partials/actions")
        page = axes && !o.contains("layout") && !o.contains("convention") && !o.contains("partials/entete")
            && !o.contains("partials/fil-ariane") && !o.contains("partials/pied")
        champ = !o.contains("partials/champ-convention") && !o.contains("partials/objectifs-resultats")
    }
}

/// A piece of HTML that Mustache prints with `{{{x}}}` and computes only then: a project's
/// template that does not print it costs nothing.
struct LazyHTML: MustacheCustomRenderable {
    let make: () -> String
    var renderText: String { make() }
    var isNull: Bool { false }
}

enum Fragment {
    /// The badge of a state: the word; the stylesheet draws its icon before it (`.etat-CODE::before`,
    /// with an empty text alternative), a second channel beside the colour.
    static func badge(code: String, libelle: String) -> String {
        "<span class=\"etat etat-\(code)\">\(escapeHTML(libelle))</span>"
    }

    static let etats: [EtatIndicateur: String] = Dictionary(uniqueKeysWithValues: EtatIndicateur.allCases.map { e in
        (e, Etiquette.etat(e)["html"] as! String)
    })

    static let etatsAction: [EtatAction: String] = Dictionary(uniqueKeysWithValues: EtatAction.allCases.map { e in
        (e, Etiquette.action(e)["html"] as! String)
    })

    /// An empty cell of a year table: a dash for the eye, words for a screen reader.
    /// (The dash is drawn by the stylesheet, with an empty text alternative.)
    static let celluleVide = "<td class=\"vide\"><span class=\"sr-only\">aucune valeur</span></td>"

    /// The legend under each chart of an indicator (the symbols are drawn by the stylesheet).
    static let legendeGraphique = "<figcaption><ul class=\"legende\"><li class=\"legende-reference\">Référence</li><li class=\"legende-cible\">Cibles (trajectoire en tirets)</li><li class=\"legende-resultat\">Résultats (trait plein)</li></ul></figcaption>"

    /// A value with its year on a second line: `850 <span class="annee">en 2013</span>`.
    static func valeurAnnee(_ h: inout HTMLBuffer, _ v: (valeur: String, annee: String)?, vide: StaticString) {
        guard let v else { h.vide(vide); return }
        h.text(v.valeur)
        h.raw(" <span class=\"annee\">en ")
        h.html(v.annee)
        h.raw("</span>")
    }
}
