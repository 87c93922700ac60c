#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Substring {
    /// Without leading and trailing ASCII spaces, tabs and line ends: cheap where
    /// Foundation's `trimmingCharacters` bridges to NSString on Linux.
    public var trimmed: String {
        let u = utf8
        func ws(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        guard let f = u.first, let l = u.last else { return "" }
        if !ws(f) && !ws(l) { return String(self) }
        var s = u.startIndex, e = u.endIndex
        while s < e, ws(u[s]) { s = u.index(after: s) }
        while e > s, ws(u[u.index(before: e)]) { e = u.index(before: e) }
        return String(self[s..<e])
    }
}

extension String {
    /// Without leading and trailing ASCII spaces, tabs and line ends.
    public var trimmed: String {
        // On the contiguous bytes: `utf8.last` walks back through the index machinery, and
        // every text read from a front matter is trimmed.
        func edges(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
            guard let f = u.first, let l = u.last else { return false }
            return f == 32 || f == 9 || f == 10 || f == 13 || l == 32 || l == 9 || l == 10 || l == 13
        }
        return withBytes(edges) ? self[...].trimmed : self
    }
}

extension String {
    /// `body` over the UTF-8 bytes, read where they are when they are contiguous (always, for
    /// a native String): `withUTF8` needs a `var` copy of the String, a retain and a release
    /// per call, and the hot paths call this for every text they read or write.
    @inlinable
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let r = try utf8.withContiguousStorageIfAvailable(body) { return r }
        var s = self
        return try s.withUTF8(body)
    }
}

extension String {
    /// True when a byte of the UTF-8 form satisfies `predicate`: a loop over the contiguous
    /// storage, where the generic `utf8.contains` walks byte by byte through the index machinery.
    @inlinable
    public func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        withBytes { $0.contains(where: predicate) }
    }

    /// The parts of a path between its `/`, empty ones included (`a//b/` → a, "", b, ""), as
    /// `split(separator: "/", omittingEmptySubsequences: false)` gives them (a `/` that starts a
    /// Character with a combining mark aside: never in a path ctg makes), read by bytes: the
    /// generic split walks Characters, about 28,000 instructions for a page's path, and pages
    /// and links split paths thousands of times.
    public var slashParts: [Substring] {
        var out: [Substring] = []
        out.reserveCapacity(4)  // a page's path has three parts or four: no growing
        let u = utf8
        var start = u.startIndex, i = start
        while i != u.endIndex {
            if u[i] == 47 {
                out.append(self[start..<i])
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        out.append(self[start..<u.endIndex])
        return out
    }

    /// The last non-empty part of a path (`a/b.md` → `b.md`, `a/b/` → `b`), by bytes (see
    /// `slashParts`).
    public var lastSlashPart: Substring {
        let u = utf8
        var end = u.endIndex
        while end != u.startIndex, u[u.index(before: end)] == 47 { end = u.index(before: end) }
        guard let i = u[..<end].lastIndex(of: 47) else { return self[..<end] }
        return self[u.index(after: i)..<end]
    }

    /// True when the UTF-8 form holds `byte` (see `containsByte(where:)`).
    public func containsByte(_ byte: UInt8) -> Bool {
        withBytes { buf in
            guard let base = buf.baseAddress else { return false }
            return memchr(base, Int32(byte), buf.count) != nil
        }
    }
}

/// The index of the first `byte` of `u` at or after `from`.
public func memchrIndex(_ u: UnsafeBufferPointer<UInt8>, _ byte: UInt8, from: Int) -> Int? {
    guard from < u.count, let base = u.baseAddress, let p = memchr(base + from, Int32(byte), u.count - from) else { return nil }
    return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
}

/// True for a URL into the project (a relative reference): not empty, not only `#anchor`,
/// not `//host`, and no scheme (`mailto:`, `https:`: a letter, then letters, digits,
/// `+ - .`, then `:`). The one definition for Markdown links, the checker and the dossier.
public func isRelativeURL(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = v.first, first != 35 else { return false }  // #
    if v.count >= 2 && first == 47 && v[1] == 47 { return false }  // //
    func letter(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) }
    guard letter(first) else { return true }
    for b in v.dropFirst() {
        if b == 58 { return false }  // scheme:
        guard letter(b) || (b >= 48 && b <= 57) || b == 43 || b == 45 || b == 46 else { return true }
    }
    return true
}

/// The placeholders `ctg new` writes (« À compléter… », « …(à compléter) »).
public enum Repere {
    /// Whether `t` is a placeholder of `ctg new`: other rules leave such a value to
    /// `a-completer` (« À compléter » is no malformed code, it is a code not yet written).
    public static func estACompleter(_ t: String) -> Bool {
        // Cheap first, every text of every front matter comes here: a placeholder starts with
        // A, a, À or à, or ends with « ) ».
        guard let first = t.utf8.first, let last = t.utf8.last, t.utf8.count >= 11,
              first | 0x20 == 0x61 || first == 0xC3 || last == 0x29, holdsOmpl(t) else { return false }
        let plie = t.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return plie.hasPrefix("a completer") || plie.contains("(a completer)")
    }

    static func holdsOmpl(_ t: String) -> Bool {
        // Over the bytes in place: most texts of a plan start with an A and are scanned whole.
        t.withBytes { u in
            var state = 0
            for b in u {
                let c = b | 0x20  // ASCII letters in lower case
                switch (state, c) {
                case (_, 0x6F): state = 1          // o
                case (1, 0x6D): state = 2          // m
                case (2, 0x70): state = 3          // p
                case (3, 0x6C): return true        // l
                default: state = 0
                }
            }
            return false
        }
    }
}
