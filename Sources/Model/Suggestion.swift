import Foundation

/// The closest valid word to a wrong one, for "vouliez-vous dire « parentalite » ?".
public enum Suggestion {
    /// The candidate nearest to `word` by edit distance (accents and case folded),
    /// when it is near enough to be a plausible slip.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = fold(word)
        var best: (String, Int)? = nil
        for c in candidates {
            let d = distance(w, fold(c))
            if d < best?.1 ?? Int.max { best = (c, d) }
        }
        guard let (c, d) = best else { return nil }
        let limit = max(2, min(w.count, c.count) / 3)
        if d <= limit { return c }
        // A prefix or containment is also a plausible slip (`petite` for `petite-enfance`).
        if w.count >= 4, fold(c).contains(w) || w.contains(fold(c)) { return c }
        return nil
    }

    /// " ; vouliez-vous dire « x » ?" or "".
    public static func phrase(for word: String, in candidates: some Sequence<String>) -> String {
        closest(to: word, in: candidates).map { " ; vouliez-vous dire « \($0) » ?" } ?? ""
    }

    static func fold(_ s: String) -> [Character] {
        Array(s.lowercased().map { c -> Character in
            switch c {
            case "à", "â", "ä": return "a"
            case "é", "è", "ê", "ë": return "e"
            case "î", "ï": return "i"
            case "ô", "ö": return "o"
            case "ù", "û", "ü": return "u"
            case "ç": return "c"
            case "_", " ": return "-"
            default: return c
            }
        })
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}

/// Ids are `[a-z0-9][a-z0-9-]*` (FORMAT.md §3): safe as a folder name and an anchor.
public func isValidId(_ s: String) -> Bool {
    guard let f = s.utf8.first, (f >= 97 && f <= 122) || (f >= 48 && f <= 57) else { return false }
    return s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
}

/// A valid id close to `s`: `Axe 1 Été` → `axe-1-ete`; `convention-1` when nothing of `s`
/// is left (only signs, or empty).
public func suggestId(_ s: String) -> String {
    let folded = slugify(s)
    return folded.isEmpty ? "convention-1" : folded
}

/// Lowercase ASCII letters, digits and single dashes: `ÉTÉ` → `ete`, `Axe 1 Été` → `axe-1-ete`.
public func slugify(_ text: String) -> String {
    var out = ""
    var dash = false
    for s in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
        if (s >= "a" && s <= "z") || (s >= "0" && s <= "9") {
            if dash && !out.isEmpty { out += "-" }
            dash = false
            out.unicodeScalars.append(s)
        } else if s.properties.generalCategory != .nonspacingMark {
            dash = true
        }
    }
    return out
}
