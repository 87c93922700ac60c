import Model

/// Reads the common form of a front matter without libyaml, in one pass over its bytes.
///
/// libyaml was more than two thirds of reading a project (four allocations per scalar, a
/// token queue, a character at a time). A front matter is nearly always made of block
/// mappings and lists, flow collections (`{annee: 2021, valeur: 3}`, `[a, b]`), plain
/// scalars (over several lines too), one-line quoted scalars and comments: this reader
/// takes exactly that and gives `YTreeBuilder` the nodes libyaml would give, in the same
/// order, with the same marks (lines, and columns counted in characters). It gives up
/// (nil) on anything else and on any doubt — a tab, a control character, a quoted scalar
/// over several lines, a key without a value, an anchor, a tag, a block scalar, a rare
/// escape, an error of any kind — and then libyaml reads the text from the start: its
/// result and its error messages stay the reference. `YAMLFastTests` compares the two
/// trees on every front matter of the tests and on thousands of altered ones.
struct YAMLFast: ~Copyable {
    /// Why the fast reader gives up: libyaml will read the text.
    struct GiveUp: Error {}

    private let u: UnsafeBufferPointer<UInt8>
    private let n: Int
    private let firstLine: Int32
    private var builder: YTreeBuilder
    /// Start of the current line, its number (0-based in the text) and the read position.
    private var lineStart = 0
    private var line: Int32 = 0
    private var pos = 0
    /// After a node: the indentation of the next line with content (the position is on its
    /// first character), or nil at the end of the text.
    private var next: Int? = nil
    /// Short texts already made in this front matter, by their bytes (see `scalar`).
    private var interned = [(key: Short, text: String)](repeating: (Short(), ""), count: 256)
    /// Long ones, across the project's front matters, when a project is being loaded.
    private let textesLongs = TextesLongs.courant

    private init(_ u: UnsafeBufferPointer<UInt8>, builder: YTreeBuilder, firstLine: Int) {
        self.u = u
        self.n = u.count
        self.builder = builder
        self.firstLine = Int32(clamping: firstLine)
    }

    /// The tree libyaml would make of `u`, or nil when this reader does not take the text.
    static func read(_ u: UnsafeBufferPointer<UInt8>, file: String, firstLine: Int, maxDepth: Int, maxNodes: Int) -> YNode? {
        // Lines and columns are counted in Int32: a text of 2 GB or more is libyaml's (whose
        // marks the builder clamps), never a trap here.
        guard u.count > 0, u.count < Int(Int32.max), allPlainCharacters(u) else { return nil }
        var reader = YAMLFast(u, builder: YTreeBuilder(file: file, bytes: u.count, maxDepth: maxDepth, maxNodes: maxNodes),
                              firstLine: firstLine)
        do {
            try reader.document()
        } catch {
            return nil
        }
        return reader.builder.finish()
    }

    // MARK: Characters

    /// True when no byte needs libyaml: no tab, no control character (line feeds aside), no
    /// DEL, no C1 control, no byte order mark or non-character, no Unicode line separator.
    /// (The text is valid UTF-8: it comes from a String.)
    static func allPlainCharacters(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = u.count
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // Eight bytes at a time while they are printable ASCII (no high bit, none below
            // 0x20, no DEL): most of a front matter; else straight to the first byte that is not
            // (the lowest flag of each test is exact, those above it may not be).
            if i + 8 <= n {
                let w = UnsafeRawPointer(u.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let del = w ^ (0x7F &* ones)
                let flags = w & highs | (w &- 0x20 &* ones) & ~w & highs | (del &- ones) & ~del & highs
                if flags == 0 {
                    i += 8
                    continue
                }
                i += flags.trailingZeroBitCount >> 3
            }
            let b = u[i]
            if b >= 0x20 && b < 0x7F || b >= 0xC3 && b != 0xE2 && b != 0xEF || b >= 0x80 && b < 0xC2 || b == 0x0A {
                i += 1
                continue
            }
            switch b {
            case 0xC2:
                // U+0080–U+009F: C1 controls, NEL (a line break for YAML 1.1) among them.
                if i + 1 < n, u[i + 1] < 0xA0 { return false }
            case 0xE2:
                // U+2028, U+2029: line and paragraph separators, breaks for libyaml.
                if i + 2 < n, u[i + 1] == 0x80, u[i + 2] == 0xA8 || u[i + 2] == 0xA9 { return false }
            case 0xEF:
                // U+FEFF (byte order mark), U+FFFE, U+FFFF: not printable for libyaml.
                if i + 2 < n, u[i + 1] == 0xBB && u[i + 2] == 0xBF || u[i + 1] == 0xBF && u[i + 2] >= 0xBE { return false }
            default:
                return false
            }
            i += 1
        }
        return true
    }

    /// The characters that cannot start a plain scalar (YAML indicators), and the space.
    private static func isIndicator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: " "),
             UInt8(ascii: "\n"):
            return true
        default:
            return false
        }
    }

    private static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    /// The byte at `i`, or a line feed past the end.
    @inline(__always) private func at(_ i: Int) -> UInt8 { i < n ? u[i] : 10 }

    /// The last column counted (`column(_:)`): its line's start, its offset and its value.
    private var counted = (lineStart: -1, offset: 0, column: Int32(1))

    /// 1-based column of `p` on the current line, in characters as libyaml counts them:
    /// counted on from the last column asked on the same line (a line of yearly values holds
    /// a dozen nodes; counting each from the line's start made such a line quadratic).
    private mutating func column(_ p: Int) -> Int32 {
        var c: Int32 = 1
        var i = lineStart
        if counted.lineStart == lineStart && counted.offset <= p { (i, c) = (counted.offset, counted.column) }
        while i < p {
            if u[i] & 0xC0 != 0x80 { c += 1 }
            i += 1
        }
        counted = (lineStart, p, c)
        return c
    }

    private var fileLine: Int32 { line + firstLine }

    /// A node the builder refused (a duplicate key, too deep): libyaml will say why.
    @inline(__always) private func check(_ ok: Bool) throws(GiveUp) {
        if !ok { throw GiveUp() }
    }

    private mutating func skipSpaces() {
        while pos < n && u[pos] == UInt8(ascii: " ") { pos += 1 }
    }

    // MARK: Lines

    /// From the start of a line: skips blank and comment lines; sets `next` to the
    /// indentation of the next line with content (position on its first character).
    private mutating func toContent() throws(GiveUp) {
        while pos < n {
            var i = pos
            while i < n && u[i] == UInt8(ascii: " ") { i += 1 }
            if i == n { break }
            let b = u[i]
            if b == 10 || b == UInt8(ascii: "#") {
                // Blank or comment line: on to the next one.
                while i < n && u[i] != 10 { i += 1 }
                if i == n { break }
                pos = i + 1
                lineStart = pos
                line += 1
                continue
            }
            // A document marker or directive belongs to libyaml.
            if i == pos, b == UInt8(ascii: "-") || b == UInt8(ascii: "."),
               at(i + 1) == b, at(i + 2) == b { throw GiveUp() }
            pos = i
            next = i - lineStart
            return
        }
        pos = n
        next = nil
    }

    /// After a node that ends its line: only spaces and a comment may follow. Then moves to
    /// the next line with content.
    private mutating func endLine() throws(GiveUp) {
        skipSpaces()
        if pos < n && u[pos] != 10 {
            // A comment needs a space before it.
            guard u[pos] == UInt8(ascii: "#"), pos > lineStart, u[pos - 1] == UInt8(ascii: " ") else { throw GiveUp() }
            while pos < n && u[pos] != 10 { pos += 1 }
        }
        if pos < n {
            pos += 1
            lineStart = pos
            line += 1
        }
        try toContent()
    }

    private func isDash(_ p: Int) -> Bool {
        u[p] == UInt8(ascii: "-") && (at(p + 1) == UInt8(ascii: " ") || at(p + 1) == 10)
    }

    // MARK: Scalars

    /// How a one-line plain scalar ends.
    private enum Stop { case lineEnd, colon, comment, flow }

    /// The plain scalar starting at `p` (not an indicator): the end of its text (trailing
    /// spaces dropped), where it stops and why.
    private func plain(_ p: Int, flow: Bool) throws(GiveUp) -> (end: Int, stop: Int, why: Stop) {
        var i = p
        while i < n {
            let b = u[i]
            if b == 10 { break }
            if b == UInt8(ascii: ":") {
                let c = at(i + 1)
                if c == UInt8(ascii: " ") || c == 10 { return (trimmed(p, i), i, .colon) }
                // `a:b` in a flow collection: libyaml's versions differ.
                if flow { throw GiveUp() }
            } else if b == UInt8(ascii: " ") && at(i + 1) == UInt8(ascii: "#") {
                return (trimmed(p, i), i, .comment)
            } else if flow && Self.isFlowIndicator(b) {
                return (trimmed(p, i), i, .flow)
            }
            i += 1
        }
        return (trimmed(p, i), i, .lineEnd)
    }

    private func trimmed(_ p: Int, _ e: Int) -> Int {
        var e = e
        while e > p && u[e - 1] == UInt8(ascii: " ") { e -= 1 }
        return e
    }

    /// The end of the quoted scalar opening at `p` (its closing quote), on the same line,
    /// and whether it holds an escape. Of the escapes of double quotes, only `\"`, `\\`,
    /// `\/`, `\n` and `\t` are read here.
    private func quotedEnd(_ p: Int) throws(GiveUp) -> (close: Int, escaped: Bool) {
        let q = u[p]
        var i = p + 1
        var escaped = false
        while true {
            guard i < n, u[i] != 10 else { throw GiveUp() }
            let b = u[i]
            if q == UInt8(ascii: "\"") && b == UInt8(ascii: "\\") {
                guard Self.unescaped(at(i + 1)) != nil else { throw GiveUp() }
                escaped = true
                i += 2
                continue
            }
            if b == q {
                if q == UInt8(ascii: "'") && at(i + 1) == q {
                    escaped = true
                    i += 2
                    continue
                }
                return (i, escaped)
            }
            i += 1
        }
    }

    /// Adds the quoted scalar opening at `pos`; the position ends after its closing quote.
    private mutating func quoted() throws(GiveUp) {
        let p = pos
        let (close, escaped) = try quotedEnd(p)
        pos = close + 1
        guard escaped else { return try scalar(p + 1, close, plain: false, at: p) }
        let q = u[p]
        var out: [UInt8] = []
        out.reserveCapacity(close - p)
        var j = p + 1
        while j < close {
            let b = u[j]
            if q == UInt8(ascii: "'") {
                out.append(b)
                j += b == q ? 2 : 1
            } else if b == UInt8(ascii: "\\") {
                out.append(Self.unescaped(u[j + 1]) ?? u[j + 1])  // checked by quotedEnd
                j += 2
            } else {
                out.append(b)
                j += 1
            }
        }
        let hash = builder.atKey ? out.withUnsafeBufferPointer { Self.hash(of: $0) } : 0
        try check(builder.scalar(String(decoding: out, as: UTF8.self), plain: false, line: fileLine, column: column(p), keyHash: hash))
    }

    /// The byte an escape `\x` of double quotes stands for, for the escapes read here.
    private static func unescaped(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return b
        case UInt8(ascii: "n"): return 10
        case UInt8(ascii: "t"): return 9
        default: return nil
        }
    }

    /// A text of 15 bytes at most, as two words: its bytes in order (little end first), its
    /// length in the top byte of the second.
    private struct Short: Equatable {
        var w0: UInt64 = 0
        var w1: UInt64 = 0
        var hash: UInt64 {
            let h = (w0 ^ (w1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
            return h ^ (h >> 31)
        }
    }

    private static func short(_ b: UnsafeBufferPointer<UInt8>) -> Short {
        var s = Short()
        for k in 0..<b.count {
            if k < 8 { s.w0 |= UInt64(b[k]) << (8 * k) } else { s.w1 |= UInt64(b[k]) << (8 * (k - 8)) }
        }
        s.w1 |= UInt64(b.count) << 56
        return s
    }

    /// The hash of a text (its UTF-8 bytes) that the fast reader gives the builder for keys.
    private static func hash(of b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        b.count <= 15 ? short(b).hash : fnv1a(b)
    }

    /// Adds the scalar of the bytes `s..<e` (mark at `p`). Short texts come back often (keys,
    /// states, years): the text made once is kept, by its bytes, for the rest of the file.
    private mutating func scalar(_ s: Int, _ e: Int, plain: Bool, at p: Int) throws(GiveUp) {
        let len = e - s
        let text: String, hash: UInt64
        if len > 15 {
            let b = UnsafeBufferPointer(rebasing: u[s..<e])
            text = textesLongs?.texte(b) ?? String(decoding: b, as: UTF8.self)
            // Only a key's hash is read (duplicate keys): most long texts are values.
            hash = builder.atKey ? Self.hash(of: b) : 0
        } else {
            var key = Short()
            if s + 16 <= n {
                let raw = UnsafeRawPointer(u.baseAddress! + s)
                key.w0 = raw.loadUnaligned(as: UInt64.self)
                key.w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                if len < 8 {
                    key.w0 &= (1 << (8 * UInt64(len))) &- 1
                    key.w1 = 0
                } else {
                    key.w1 &= (1 << (8 * UInt64(len - 8))) &- 1
                }
                key.w1 |= UInt64(len) << 56
            } else {
                key = Self.short(UnsafeBufferPointer(rebasing: u[s..<e]))
            }
            hash = key.hash
            let slot = Int(truncatingIfNeeded: hash >> 56)
            if interned[slot].key == key {
                text = interned[slot].text
            } else {
                text = String(decoding: UnsafeBufferPointer(rebasing: u[s..<e]), as: UTF8.self)
                interned[slot] = (key, text)
            }
        }
        try check(builder.scalar(text, plain: plain, line: fileLine, column: column(p), keyHash: hash))
    }

    /// True when the line at `p` holds a key (`key:` followed by a space or the line end).
    private func isKey(_ p: Int) throws(GiveUp) -> Bool {
        let b = u[p]
        if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
            var i = try quotedEnd(p).close + 1
            while i < n && u[i] == UInt8(ascii: " ") { i += 1 }
            return at(i) == UInt8(ascii: ":") && (at(i + 1) == UInt8(ascii: " ") || at(i + 1) == 10)
        }
        if Self.isIndicator(b) { return false }
        return try plain(p, flow: false).why == .colon
    }

    /// Reads the key at `pos` (plain or quoted, then `:`); the position ends after the colon.
    private mutating func key() throws(GiveUp) {
        let p = pos
        let b = u[p]
        if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
            try quoted()
            skipSpaces()
            guard at(pos) == UInt8(ascii: ":"), at(pos + 1) == UInt8(ascii: " ") || at(pos + 1) == 10,
                  pos - p < 1000 else { throw GiveUp() }
        } else {
            guard !Self.isIndicator(b) else { throw GiveUp() }
            let (end, stop, why) = try plain(p, flow: false)
            // libyaml takes a key of 1,024 characters at most.
            guard why == .colon, stop - p < 1000 else { throw GiveUp() }
            try scalar(p, end, plain: true, at: p)
            pos = stop
        }
        pos += 1
    }

    /// A scalar or flow collection that ends its line (after `key: ` or `- `), in a block
    /// indented by `indent`: a plain scalar goes on over the deeper lines that follow.
    private mutating func inlineValue(_ indent: Int) throws(GiveUp) {
        try value(block: indent)
        try endLine()
    }

    /// A scalar or flow collection at `pos`: inside a flow collection (`block` nil), or
    /// after `key: ` or `- ` in a block indented by `block`.
    private mutating func value(block indent: Int?) throws(GiveUp) {
        let p = pos
        let b = at(p)
        if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") {
            return try flow()
        }
        if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
            return try quoted()
        }
        guard !Self.isIndicator(b) else { throw GiveUp() }
        let (end, stop, why) = try plain(p, flow: indent == nil)
        guard let indent else {
            try scalar(p, end, plain: true, at: p)
            pos = stop
            if why == .lineEnd || why == .comment {
                // Ended by its line: unless a `,` or a bracket follows, the next line would
                // go on with it (folded), which is libyaml's.
                try skipFlowSpace()
                let c = at(pos)
                guard c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") else { throw GiveUp() }
            }
            return
        }
        // `a: b: c` is an error for libyaml.
        guard why != .colon else { throw GiveUp() }
        let startLine = fileLine, startColumn = column(p)
        pos = stop
        if why == .lineEnd, let more = try continuation(indent) {
            var text = Array(UnsafeBufferPointer(rebasing: u[p..<end]))
            text.append(contentsOf: more)
            try check(builder.scalar(String(decoding: text, as: UTF8.self), plain: true, line: startLine, column: startColumn))
        } else {
            try scalar(p, end, plain: true, at: p)
        }
    }

    /// The lines that continue a plain scalar ending at `pos` (a line end), folded as libyaml
    /// folds them: a line break becomes a space, each blank line between two lines a line
    /// feed. Nil when the next line with content is not deeper than `indent`. The position
    /// ends on the scalar's last line.
    private mutating func continuation(_ indent: Int) throws(GiveUp) -> [UInt8]? {
        var more: [UInt8]? = nil
        var i = pos
        var blank = 0
        while i < n {
            // `i` is on a line feed: look at the next line.
            let start = i + 1
            var k = start
            while k < n && u[k] == UInt8(ascii: " ") { k += 1 }
            if k == n { break }
            if u[k] == 10 {
                blank += 1
                i = k
                continue
            }
            // A comment, or a line not deeper than the block, ends the scalar. A deeper
            // line is its text, whatever it starts with (`- `, `[`…), but `: `.
            if u[k] == UInt8(ascii: "#") || k - start <= indent { break }
            let (end, stop, why) = try plain(k, flow: false)
            guard why != .colon else { throw GiveUp() }
            var text = more ?? []
            more = nil  // one owner: the appends below copy nothing
            if blank == 0 {
                text.append(UInt8(ascii: " "))
            } else {
                text.append(contentsOf: repeatElement(10, count: blank))
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: u[k..<end]))
            more = text
            line += Int32(1 + blank)
            lineStart = start
            pos = stop
            blank = 0
            if why == .comment { break }
            i = stop
            guard i < n else { break }
        }
        return more
    }

    // MARK: Collections

    private mutating func document() throws(GiveUp) {
        try toContent()
        guard let indent = next else { throw GiveUp() }
        try block(indent)
        guard next == nil else { throw GiveUp() }
    }

    /// A block mapping or list whose first line starts at `pos`, indented by `indent`.
    private mutating func block(_ indent: Int) throws(GiveUp) {
        if isDash(pos) {
            try sequence(indent, indentless: false)
        } else if try isKey(pos) {
            try mapping(indent)
        } else {
            throw GiveUp()
        }
    }

    private mutating func mapping(_ indent: Int) throws(GiveUp) {
        try check(builder.start(mapping: true, flow: false, line: fileLine, column: column(pos)))
        while true {
            try key()
            skipSpaces()
            if pos >= n || u[pos] == 10 || u[pos] == UInt8(ascii: "#") {
                // The value is on the next lines: a deeper block, or a list at the key's
                // own indentation. Nothing (a null) is left to libyaml.
                try endLine()
                guard let inner = next else { throw GiveUp() }
                if inner > indent {
                    try block(inner)
                } else if inner == indent && isDash(pos) {
                    try sequence(indent, indentless: true)
                } else {
                    throw GiveUp()
                }
            } else {
                try inlineValue(indent)
            }
            // A deeper line after a scalar is an error for libyaml.
            guard let following = next, following >= indent else { break }
            guard following == indent, !isDash(pos) else { throw GiveUp() }
        }
        try check(builder.end())
    }

    private mutating func sequence(_ indent: Int, indentless: Bool) throws(GiveUp) {
        try check(builder.start(mapping: false, flow: false, line: fileLine, column: column(pos)))
        while true {
            pos += 1
            // `-` alone on its line, or a comment after it: libyaml's.
            guard at(pos) == UInt8(ascii: " ") else { throw GiveUp() }
            skipSpaces()
            guard pos < n, u[pos] != 10, u[pos] != UInt8(ascii: "#"), !isDash(pos) else { throw GiveUp() }
            if try isKey(pos) {
                try mapping(Int(column(pos)) - 1)
            } else {
                try inlineValue(indent)
            }
            guard let following = next, following >= indent else { break }
            guard following == indent else { throw GiveUp() }
            if isDash(pos) { continue }
            // The key after an indentless list belongs to the mapping around it.
            guard indentless else { throw GiveUp() }
            break
        }
        try check(builder.end())
    }

    /// In a flow collection: skips spaces, line ends and comments.
    private mutating func skipFlowSpace() throws(GiveUp) {
        while pos < n {
            let b = u[pos]
            if b == UInt8(ascii: " ") {
                pos += 1
            } else if b == 10 {
                pos += 1
                lineStart = pos
                line += 1
                // A document marker ends the collection for libyaml.
                if at(pos) == UInt8(ascii: "-") || at(pos) == UInt8(ascii: ".") { throw GiveUp() }
            } else if b == UInt8(ascii: "#") && (pos == lineStart || u[pos - 1] == UInt8(ascii: " ")) {
                while pos < n && u[pos] != 10 { pos += 1 }
            } else {
                return
            }
        }
    }

    /// A flow collection opening at `pos`, over one line or several.
    private mutating func flow() throws(GiveUp) {
        let isMap = u[pos] == UInt8(ascii: "{")
        let close = isMap ? UInt8(ascii: "}") : UInt8(ascii: "]")
        try check(builder.start(mapping: isMap, flow: true, line: fileLine, column: column(pos)))
        pos += 1
        try skipFlowSpace()
        if at(pos) == close {
            pos += 1
            try check(builder.end())
            return
        }
        while true {
            if isMap {
                let b = at(pos)
                guard b != UInt8(ascii: "[") && b != UInt8(ascii: "{") else { throw GiveUp() }
                try value(block: nil)
                // The key's `: ` on the key's line.
                skipSpaces()
                guard at(pos) == UInt8(ascii: ":"), at(pos + 1) == UInt8(ascii: " ") else { throw GiveUp() }
                pos += 1
                try skipFlowSpace()
                try value(block: nil)
            } else {
                try value(block: nil)
                try skipFlowSpace()
                // `[a: b]` is a mapping inside the list: libyaml's.
                guard at(pos) != UInt8(ascii: ":") else { throw GiveUp() }
            }
            try skipFlowSpace()
            let b = at(pos)
            if b == close {
                pos += 1
                break
            }
            guard b == UInt8(ascii: ",") else { throw GiveUp() }
            pos += 1
            try skipFlowSpace()
            // A trailing comma or an empty entry: libyaml's.
            guard at(pos) != close, at(pos) != UInt8(ascii: ",") else { throw GiveUp() }
        }
        try check(builder.end())
    }
}
