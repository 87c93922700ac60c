import Markdown
import Model

/// A convention file read from its bytes for `ctg check` and `ctg build`, which keep only the
/// front matter and the relative links of a body: valid UTF-8 without a byte order mark, a
/// carriage return or a NUL, with a front matter. No String is made of the file, its front
/// matter or its body (the file was copied three times and validated once as Strings).
///
/// Nil for any other file: the loader reads it as before, through `FrontMatter.decode` and
/// `split`, which rewrite what needs it and say what is wrong. For a file it takes, this gives
/// the same front matter, body and links as that path.
struct PlainFile {
    private let data: [UInt8]
    private let yaml: Range<Int>
    private let bodyStart: Int
    private let bodyLine: Int

    init?(_ data: [UInt8]) {
        guard let found = data.withUnsafeBufferPointer({ u -> (Range<Int>, Int, Int)? in
            guard FrontMatter.bomLength(u) == 0, Self.isPlainText(u),
                  case let .success(f) = FrontMatter.offsets(u) else { return nil }
            return (f.yaml, f.body, f.bodyLine)
        }) else { return nil }
        self.data = data
        (yaml, bodyStart, bodyLine) = found
    }

    /// The front matter's bytes (between the `---` lines; its first line is the file's second).
    func withYAML<R>(_ use: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        data.withUnsafeBufferPointer { use(UnsafeBufferPointer(rebasing: $0[yaml])) }
    }

    /// The body, let go as the loader lets it go: read again from `path` to be rendered.
    func body(path: String) -> MarkdownText {
        var b = MarkdownText(text: "", firstLine: bodyLine)
        if bodyStart < data.count { b.unloadedFrom = path }
        return b
    }

    /// The body rendered to HTML, with its links (`MarkdownRenderer.render`).
    func rendered() -> MarkdownDocument {
        data.withUnsafeBufferPointer { all in
            MarkdownRenderer.render(utf8: UnsafeBufferPointer(rebasing: all[bodyStart...]), firstLine: bodyLine, html: true)
        }
    }

    /// `MarkdownRenderer.relativeLinks` of the body.
    func relativeLinks() -> MarkdownDocument {
        data.withUnsafeBufferPointer { all in
            MarkdownRenderer.relativeLinks(utf8: UnsafeBufferPointer(rebasing: all[bodyStart...]), firstLine: bodyLine)
        }
    }

    /// True when `u` is valid UTF-8 holding no NUL and no carriage return. Never true for
    /// bytes that `String(validating:)` refuses (standard UTF-8: no overlong form, no
    /// surrogate, nothing past U+10FFFF, no cut sequence).
    static func isPlainText(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = u.count
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            // Eight ASCII bytes at a time while none is NUL or CR; else straight to the first
            // byte that is not (the lowest flag of each test is exact, those above it may not be).
            if i + 8 <= n {
                let w = UnsafeRawPointer(u.baseAddress! + i).loadUnaligned(as: UInt64.self)
                let cr = w ^ (0x0D &* ones)
                let flags = w & highs | (w &- ones) & ~w & highs | (cr &- ones) & ~cr & highs
                if flags == 0 {
                    i += 8
                    continue
                }
                i += flags.trailingZeroBitCount >> 3
            }
            let b = u[i]
            if b < 0x80 {
                if b == 0 || b == 0x0D { return false }
                i += 1
                continue
            }
            // The length of the sequence and the range of its second byte (Unicode, table 3-7).
            let count: Int, low: UInt8, high: UInt8
            switch b {
            case 0xC2...0xDF: (count, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (count, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (count, low, high) = (3, 0x80, 0xBF)
            case 0xED: (count, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (count, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (count, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (count, low, high) = (4, 0x80, 0x8F)
            default: return false
            }
            guard i + count <= n, u[i + 1] >= low, u[i + 1] <= high else { return false }
            for k in 2..<count where u[i + k] & 0xC0 != 0x80 { return false }
            i += count
        }
        return true
    }
}
