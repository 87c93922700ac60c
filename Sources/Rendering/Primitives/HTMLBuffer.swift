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
struct HTMLBuffer: ~Copyable {
    /// UTF-8 bytes in memory of its own: a page is made of tens of thousands of small
    /// appends, and an Array checks its uniqueness and capacity on each (a few percent of a
    /// build). Not copyable, so no two values ever share the bytes.
    private var base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    private(set) var count = 0
    private var capacity: Int

    /// The memory is C's (`malloc`, `realloc`, `free`): growing a page's buffer often extends
    /// it in place, and `take()` hands it to the file writer as it is.
    init(capacity: Int = 1024) {
        self.capacity = Swift.max(capacity, 64)
        guard let p = malloc(self.capacity) else { fatalError("mémoire épuisée") }
        base = p.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    /// The bytes written so far, as an Array (a copy).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
    /// The HTML written so far.
    var out: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }
    var isEmpty: Bool { count == 0 }

    /// The bytes written so far, without a copy.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written, handed over without a copy (a dashboard is 150 KB, written to its
    /// file and read again for the board's dossier).
    consuming func take() -> PageBytes {
        let page = PageBytes(owning: base, count: count)
        discard self
        return page
    }

    @inline(never) private mutating func grow(_ n: Int) {
        var c = capacity * 2
        while c - count < n { c *= 2 }
        guard let b = realloc(base, c) else { fatalError("mémoire épuisée") }
        base = b.assumingMemoryBound(to: UInt8.self)
        capacity = c
    }

    /// Room for `n` more bytes.
    @inline(__always) private mutating func reserve(_ n: Int) {
        if capacity - count < n { grow(n) }
    }

    /// Appends bytes as they are.
    @inline(__always) mutating func append(_ u: UnsafeBufferPointer<UInt8>) {
        guard let from = u.baseAddress else { return }
        reserve(u.count)
        (base + count).initialize(from: from, count: u.count)
        count += u.count
    }
    mutating func append(contentsOf a: [UInt8]) { a.withUnsafeBufferPointer { append($0) } }
    @inline(__always) mutating func append(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }
    /// Removes and returns the last byte (there must be one).
    @discardableResult mutating func removeLast() -> UInt8 {
        precondition(count > 0)
        count -= 1
        return base[count]
    }
    /// Empties the buffer and keeps its memory.
    mutating func removeAll() { count = 0 }

    /// Appends markup written in the code (a literal: copied without looking at it).
    mutating func raw(_ s: StaticString) { s.withUTF8Buffer { append($0) } }
    /// Appends HTML the tool made (a block, a badge, a URL of generated paths).
    mutating func html(_ s: String) { s.withBytes { append($0) } }
    /// Appends text, escaped (`& < > " '`, as the templates' `{{x}}`).
    mutating func text(_ s: String) { s.withBytes { text($0) } }
    /// A text that may be absent: escaped; nothing when absent.
    mutating func text(_ s: String?) {
        if let s { text(s) }
    }

    /// Appends UTF-8 text, escaped: runs without a character to escape are copied whole.
    mutating func text(_ u: UnsafeBufferPointer<UInt8>) {
        guard let base = u.baseAddress else { return }
        let n = u.count
        var start = 0, i = 0
        while i < n {
            // Eight bytes at a time while none is to escape; else straight to the first that
            // may be (the lowest flag of `escapeFlags` is exact, those above it may not be).
            if i + 8 <= n {
                let flags = Self.escapeFlags(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if flags == 0 {
                    i += 8
                    continue
                }
                i += flags.trailingZeroBitCount >> 3
            }
            if Self.escapes(u[i]) {
                if i > start { append(UnsafeBufferPointer(rebasing: u[start..<i])) }
                appendEscaped(u[i])
                start = i + 1
            }
            i += 1
        }
        if start < n { append(UnsafeBufferPointer(rebasing: u[start...])) }
    }

    /// The high bit of each byte of `w` that may be one of `& < > " '` (the lowest one set
    /// is exact): text is mostly letters, and French text has an apostrophe every few words.
    @inline(__always) private static func escapeFlags(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroBytes(_ c: UInt64) -> UInt64 {
            let x = w ^ (c &* ones)
            return (x &- ones) & ~x & highs
        }
        return zeroBytes(38) | zeroBytes(60) | zeroBytes(62) | zeroBytes(34) | zeroBytes(39)
    }

    /// The bytes `text` escapes: `& < > " '`, all below 64 (one bit each of a mask).
    @inline(__always) private static func escapes(_ b: UInt8) -> Bool {
        b < 64 && (UInt64(1) << b) & (1 << 34 | 1 << 38 | 1 << 39 | 1 << 60 | 1 << 62) != 0
    }

    @inline(__always) private mutating func appendEscaped(_ b: UInt8) {
        switch b {
        case 38: raw("&amp;")
        case 60: raw("&lt;")
        case 62: raw("&gt;")
        case 34: raw("&quot;")
        case 39: raw("&#39;")
        default: append(b)
        }
    }

    /// The ASCII digits of 0…9999, four bytes each (little-endian), their count in the top byte.
    private static let digits: [UInt64] = (0..<10_000).map { digitBytes($0) }

    /// The ASCII digits of `n` (0…9999) in the low bytes, their count in the top byte; made
    /// by arithmetic, the tables of 10,000 entries cost nothing at start.
    private static func digitBytes(_ n: Int) -> UInt64 {
        let count = n >= 1000 ? 4 : n >= 100 ? 3 : n >= 10 ? 2 : 1
        var v = UInt64(count) << 56, m = n
        for k in stride(from: count - 1, through: 0, by: -1) {
            v |= UInt64(48 + m % 10) << (8 * k)
            m /= 10
        }
        return v
    }

    /// A whole number in ASCII digits (years, counts, coordinates).
    mutating func int(_ v: Int) {
        // Nearly every number of a page (a year, a count, a chart's coordinate) is below
        // 10,000: its digits are one load and one store.
        if v >= 0 && v < 10_000 {
            let d = Self.digits[v]
            reserve(4)
            UnsafeMutableRawPointer(base + count).storeBytes(of: UInt32(truncatingIfNeeded: d), as: UInt32.self)
            count += Int(d >> 56)
            return
        }
        var m = v.magnitude
        // Digits from the right, straight into the buffer.
        var n = v < 0 ? 1 : 0
        var t = m
        repeat { n += 1; t /= 10 } while t > 0
        reserve(n)
        var i = count + n
        repeat {
            i -= 1
            base[i] = 48 + UInt8(m % 10)
            m /= 10
        } while m > 0
        if v < 0 { base[count] = 45 }
        count += n
    }

    /// `Day.iso` (`2014-01-31`) written without a String: a dashboard dates each action.
    mutating func iso(_ d: Day) {
        guard d.year >= 1000 && d.year <= 9999 else { html(d.iso); return }
        int(d.year)
        append(45)
        if d.month < 10 { append(48) }
        int(d.month)
        append(45)
        if d.day < 10 { append(48) }
        int(d.day)
    }

    /// `Format.date` (`1er janvier 2014`, U+00A0 between day and month) written without a String.
    mutating func date(_ d: Day) {
        if d.day == 1 { raw("1er") } else { int(d.day) }
        raw("\u{00A0}")
        html(Format.mois[d.month - 1])
        append(32)
        int(d.year)
    }

    /// The coordinates 0.0…999.9 as `coord` writes them (`12`, `163.5`), by tenths: their
    /// bytes in the low ones, their count in the top byte.
    private static let tenths: [UInt64] = (0..<10_000).map { i in
        let whole = digitBytes(i / 10)
        guard i % 10 != 0 else { return whole }
        let n = Int(whole >> 56)
        // The whole part, then `.` and the tenth.
        return (whole & 0x00FF_FFFF_FFFF_FFFF) | UInt64(46) << (8 * n) | UInt64(48 + i % 10) << (8 * (n + 1)) | UInt64(n + 2) << 56
    }

    /// A coordinate with one decimal at most, locale-free: `12.0` → `12`, `3.25` → `3.3`.
    mutating func coord(_ v: Double) {
        let r = (v * 10).rounded()
        // A chart's coordinates are all within 0…999.9: one load and one store each (a
        // dashboard writes tens of thousands of them).
        if r >= 0 && r < 10_000 {
            let d = Self.tenths[Int(r)]
            reserve(8)
            UnsafeMutableRawPointer(base + count).storeBytes(of: d & 0x00FF_FFFF_FFFF_FFFF, as: UInt64.self)
            count += Int(d >> 56)
            return
        }
        let i = Int(r)
        let a = i.magnitude
        if a % 10 == 0 { int(i / 10); return }
        if i < 0 { append(45) }
        int(Int(a / 10))
        append(46)
        append(48 + UInt8(a % 10))
    }

    /// `<span class="vide">…</span>`: the words said where a cell has no value.
    mutating func vide(_ words: StaticString) {
        raw("<span class=\"vide\">")
        raw(words)
        raw("</span>")
    }
}

/// The bytes of a page, in memory of their own (C's, from `HTMLBuffer.take()`), given to
/// the file writer and to whatever else reads the page, never copied.
final class PageBytes: @unchecked Sendable {
    private let base: UnsafeMutablePointer<UInt8>
    let count: Int

    init(owning base: UnsafeMutablePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
    }

    /// A copy of `bytes`.
    convenience init(_ bytes: [UInt8]) {
        guard let p = malloc(Swift.max(bytes.count, 1)) else { fatalError("mémoire épuisée") }
        let base = p.assumingMemoryBound(to: UInt8.self)
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { base.initialize(from: b, count: $0.count) } }
        self.init(owning: base, count: bytes.count)
    }

    deinit { free(base) }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
    var array: [UInt8] { Array(buffer) }
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
        case page(PageBytes)
        /// Written straight into the page (`write(marker:into:)`), or into a buffer of its
        /// own when the page is spliced.
        case writer((inout HTMLBuffer) -> Void)
        case stream((([UInt8]) throws -> Void) throws -> Void)

        var count: Int {
            switch self {
            case let .bytes(b): return b.count
            case let .page(p): return p.count
            case .writer, .stream: return 0
            }
        }
    }
    private var parts: [Part] = []
    /// Blocks written straight into the page by `write(marker:into:)`.
    private var written = 0

    init() {}

    /// True when the page holds no marker left to replace: every block was written into it
    /// as it was made (`ConventionPage`), or none was added.
    var isSpliced: Bool { written == parts.count }

    /// Writes the block of `marker` into `h` and returns true; false when `marker` is not the
    /// marker of a block of bytes of this page.
    func write(marker: String, into h: inout HTMLBuffer) -> Bool {
        marker.withBytes { u in
            guard u.count >= 3, u.count <= 11, u[0] == 0, u[u.count - 1] == 0 else { return false }
            var n = 0
            for k in 1..<(u.count - 1) {
                guard u[k] >= 48, u[k] <= 57 else { return false }
                n = n * 10 + Int(u[k] - 48)
            }
            guard n < parts.count else { return false }
            switch parts[n] {
            case let .bytes(b): h.append(contentsOf: b)
            case let .page(p): h.append(p.buffer)
            case let .writer(w): w(&h)
            case .stream: return false
            }
            written += 1
            return true
        }
    }

    /// The marker of `html`: NUL, its number, NUL. No project text holds a NUL (YAML refuses
    /// it, cmark replaces it), and escaping leaves it as it is.
    func add(_ html: [UInt8]) -> String { marker(.bytes(html)) }

    /// The marker of a block that `write` makes when the page is written.
    func add(writing write: @escaping (inout HTMLBuffer) -> Void) -> String { marker(.writer(write)) }

    /// The marker of a block written in a buffer of its own (`HTMLBuffer.take()`).
    func add(_ html: PageBytes) -> String { marker(.page(html)) }

    /// The marker of a block made when the page is written: `produce` calls its argument
    /// with each piece, in order.
    func add(streaming produce: @escaping (([UInt8]) throws -> Void) throws -> Void) -> String { marker(.stream(produce)) }

    private func marker(_ part: Part) -> String {
        parts.append(part)
        return "\u{0}\(parts.count - 1)\u{0}"
    }

    /// `page` with each marker replaced by its block, as UTF-8 bytes: the blocks are bytes
    /// already, so the page is never checked as UTF-8 again before it is written.
    func splice(_ page: String) -> [UInt8] {
        var out: [UInt8] = []
        var page = page
        page.withUTF8 { u in
            out.reserveCapacity(u.count + parts.reduce(0) { $0 + $1.count })
            try? splice(u) { out.append(contentsOf: $0) }
        }
        return out
    }

    /// `page` (UTF-8 bytes, as `ConventionPage` writes them) with each marker replaced by its block.
    func splice(bytes u: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        if parts.isEmpty { return Array(u) }
        var out: [UInt8] = []
        out.reserveCapacity(u.count + parts.reduce(0) { $0 + $1.count })
        try? splice(u) { out.append(contentsOf: $0) }
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
            case let .page(p): try emit(p.buffer)
            case let .writer(w):
                var h = HTMLBuffer(capacity: 16384)
                w(&h)
                try h.withBytes { try emit($0) }
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
    static func valeurAnnee(_ h: inout HTMLBuffer, _ v: (valeur: String, annee: Int)?, vide: StaticString) {
        guard let v else { h.vide(vide); return }
        h.text(v.valeur)
        h.raw(" <span class=\"annee\">en ")
        h.int(v.annee)
        h.raw("</span>")
    }
}
