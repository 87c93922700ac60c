#if canImport(Glibc)
import Glibc
#endif
import Model
import Reports

/// The bytes of a page as they are written: the compiled templates (`Generated/Gabarits.swift`)
/// and the charts append to it; every text goes through `text`, escaped.
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

    /// A copy of the bytes written from `start` on (never on a buffer that was emptied).
    func bytes(from start: Int) -> [UInt8] {
        precondition(vidanges == 0, "un bloc gardé (memo) dans une page écrite par morceaux")
        return Array(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// Writes with `write`, handing the bytes to `emit` each time the buffer is full and at
    /// the end: a page of tens of megabytes (a field's page of a large site) is never held whole.
    mutating func vidant(dans emit: @escaping ([UInt8]) throws -> Void, _ write: (inout HTMLBuffer) -> Void) throws {
        let v = Vidange(emit)
        try withExtendedLifetime(v) {
            vidange = Unmanaged.passUnretained(v).toOpaque()
            write(&self)
            vidange = nil
            if let e = v.erreur { throw e }
            if count > 0 { try emit(bytes) }
            count = 0
        }
    }

    /// The bytes written so far, without a copy.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes written, handed over to the file writer without a copy.
    consuming func take() -> PageBytes {
        let page = PageBytes(owning: base, count: count)
        discard self
        return page
    }

    /// Where a page too large to hold goes as it is written (`vidant(dans:_:)`), each time the
    /// buffer is full. A pointer (to a `Vidange` that `vidant` keeps alive): the buffer's
    /// stored properties stay trivial, as `take()`'s `discard` needs.
    private var vidange: UnsafeMutableRawPointer? = nil
    /// How many times the buffer was emptied: offsets into it then mean nothing.
    private var vidanges = 0

    private final class Vidange {
        let emit: ([UInt8]) throws -> Void
        var erreur: Error?
        init(_ emit: @escaping ([UInt8]) throws -> Void) { self.emit = emit }
    }

    @inline(never) private mutating func grow(_ n: Int) {
        if let vidange, count > 0 {
            let v = Unmanaged<Vidange>.fromOpaque(vidange).takeUnretainedValue()
            do { try v.emit(bytes) } catch { v.erreur = v.erreur ?? error }
            count = 0
            vidanges += 1
            if capacity >= n { return }
        }
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
}

/// The bytes of a page, in memory of their own (C's, from `HTMLBuffer.take()`), given to
/// the file writer and to whatever else reads the page, never copied.
///
/// Sendable because nothing writes the bytes once the value exists: `base` and `count` are
/// constants, the memory comes whole from a buffer that gave it up (`take()` ends the
/// non-copyable buffer) or from a copy made here, and only `deinit` frees it.
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
