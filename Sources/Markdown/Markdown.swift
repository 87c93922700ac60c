import CCmark
import CSystem
import Foundation
import Model

extension MarkdownDocument {
    /// The HTML with each relative link's placeholder replaced by `resolve(link)`
    /// (already a URL; it is HTML-escaped here). A link `resolve` leaves nil keeps its text.
    public func resolvingLinks(_ resolve: (MarkdownLink) -> String?) -> String {
        guard links.contains(where: { $0.isRelative }) else { return html }
        var out = html
        for link in links {
            guard let marker = link.marker else { continue }
            let url = resolve(link) ?? link.destination
            out = out.replacingOccurrences(of: "\"\(marker)\"", with: "\"\(escapeAttribute(url))\"")
        }
        return out
    }
}

/// The only code that touches libcmark: parse, walk, render, free.
public enum MarkdownRenderer {
    /// Renders `source` with cmark's safe defaults (raw HTML becomes a comment, unsafe
    /// URL schemes are emptied), headings demoted under the page's `<h1>`, an `id` on each
    /// heading, and relative links replaced by placeholders.
    /// With `html: false`, only the links are collected (what `ctg check` needs).
    public static func render(_ source: MarkdownText, html: Bool = true) -> MarkdownDocument {
        var text = source.text
        return text.withUTF8 { render(utf8: $0, firstLine: source.firstLine, html: html) }
    }

    /// The relative links of `source`, what `ctg check` needs of a convention's body: the
    /// document of `render(source, html: false)`, with no parse at all when no relative link
    /// can be in the text (`mayHoldRelativeLink`); its headings are then not collected.
    public static func relativeLinks(_ source: MarkdownText) -> MarkdownDocument {
        var text = source.text
        return text.withUTF8 { relativeLinks(utf8: $0, firstLine: source.firstLine) }
    }

    /// `relativeLinks` of Markdown given as UTF-8 bytes.
    public static func relativeLinks(utf8 u: UnsafeBufferPointer<UInt8>, firstLine: Int) -> MarkdownDocument {
        mayHoldRelativeLink(u) ? render(utf8: u, firstLine: firstLine, html: false)
                               : MarkdownDocument(html: "", links: [], headings: [])
    }

    /// False when Markdown `u` cannot hold a relative link or image: every `](` (where an
    /// inline link's destination starts) is followed by an empty destination, `#…`, `//…` or
    /// a scheme, and there is no `]:` (a link reference definition). A destination written
    /// with an escape or an entity counts as relative: cmark decodes those. Conservative: true
    /// does not mean there is one.
    static func mayHoldRelativeLink(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while let close = memchrIndex(u, 93, from: i) {  // ]
            i = close + 1
            guard i < u.count else { return false }
            if u[i] == 58 { return true }  // ]:
            guard u[i] == 40 else { continue }  // ](
            // The destination: after spaces and line breaks, and the `<` of `<dest>`.
            var j = i + 1
            while j < u.count, u[j] == 32 || u[j] == 9 || u[j] == 10 || u[j] == 13 { j += 1 }
            if j < u.count, u[j] == 60 { j += 1 }
            guard j < u.count else { return true }
            if u[j] == 41 || u[j] == 62 { continue }  // ) or >: an empty destination
            if isRelativeURL(UnsafeBufferPointer(rebasing: u[j...])) { return true }
        }
        return false
    }

    /// `render` of Markdown given as UTF-8 bytes (libcmark replaces invalid sequences), its
    /// first line being line `firstLine` of its file.
    public static func render(utf8: UnsafeBufferPointer<UInt8>, firstLine: Int, html: Bool = true) -> MarkdownDocument {
        // Every block libcmark allocates for this document (nodes, buffers, the HTML) comes
        // from this thread's arena and is released at once on return: malloc and free had
        // been two fifths of libcmark's time. Nothing of it outlives this call (links,
        // headings and HTML are copied into Strings).
        let arena = Self.arena
        defer { ctg_arena_reset() }
        let doc: OpaquePointer? = {
            guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, arena) else { return nil }
            if let base = utf8.baseAddress, utf8.count > 0 {
                base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { cmark_parser_feed(parser, $0, utf8.count) }
            }
            let doc = cmark_parser_finish(parser)
            cmark_parser_free(parser)
            return doc
        }()
        guard let doc else {
            return MarkdownDocument(html: "", links: [], headings: [])
        }

        var links: [MarkdownLink] = []
        var headingNodes: [OpaquePointer] = []
        var minLevel = 6
        var linkCount = 0
        let iter = cmark_iter_new(doc)
        defer { cmark_iter_free(iter) }
        var blockLine = 1
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            guard ev == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node))
            if line > 0 { blockLine = line }
            switch type {
            case CMARK_NODE_HEADING:
                headingNodes.append(node)
                minLevel = min(minLevel, Int(cmark_node_get_heading_level(node)))
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                let dest = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                var marker: String? = nil
                if isRelative(dest) {
                    linkCount += 1
                    marker = "ctg-lien:\(linkCount)"
                    cmark_node_set_url(node, marker)
                } else if isReservedMarker(dest) {
                    // The pages rewrite these destinations: written by the user, they would
                    // take another link's target. Emptied, as libcmark does with `javascript:`.
                    cmark_node_set_url(node, "")
                }
                links.append(MarkdownLink(destination: dest, line: firstLine + blockLine - 1,
                                          isImage: type == CMARK_NODE_IMAGE, marker: marker))
            default:
                break
            }
        }

        guard html else {
            // Headings only for an annex's title: their text, no ids.
            let headings = headingNodes.prefix(1).map { Heading(level: 2, id: "", text: plainText($0)) }
            return MarkdownDocument(html: "", links: links, headings: headings)
        }
        // The page has its own <h1>: a body that uses `#` is shifted one level down.
        let shift = minLevel == 1 ? 1 : 0
        var usedIds: Set<String> = []
        var headings: [Heading] = []
        for node in headingNodes {
            let level = min(6, Int(cmark_node_get_heading_level(node)) + shift)
            let text = plainText(node)
            var id = slug(text)
            if id.isEmpty { id = "section" }
            var unique = id, n = 2
            while usedIds.contains(unique) { unique = "\(id)-\(n)"; n += 1 }
            usedIds.insert(unique)
            if level <= 3 { headings.append(Heading(level: level, id: unique, text: text)) }
            // A custom block prints its literal enter/exit text around the heading's inline
            // children: the only way to give cmark's HTML an id on the heading.
            guard let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, arena) else { continue }
            cmark_node_set_on_enter(custom, "<h\(level) id=\"\(unique)\">")
            cmark_node_set_on_exit(custom, "</h\(level)>")
            while let child = cmark_node_first_child(node) {
                cmark_node_unlink(child)
                cmark_node_append_child(custom, child)
            }
            cmark_node_replace(node, custom)
        }

        guard let cstr = cmark_render_html(doc, CMARK_OPT_DEFAULT) else {
            return MarkdownDocument(html: "", links: links, headings: headings)
        }
        let bytes = cstr.withMemoryRebound(to: UInt8.self, capacity: 1) { Array(UnsafeBufferPointer(start: $0, count: strlen(cstr))) }
        return MarkdownDocument(htmlBytes: bytes, links: links, headings: headings)
    }

    /// libcmark's allocator: the calling thread's arena (`ctg_arena_*`, CSystem). libcmark
    /// keeps this pointer in the parser and in every node, so it lives as long as the
    /// process (a pointer to a local would only be valid during the call that takes it).
    /// Written once, then only read: its three function pointers are the same on every thread.
    nonisolated(unsafe) private static let arena: UnsafeMutablePointer<cmark_mem> = {
        let p = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
        p.initialize(to: cmark_mem(calloc: ctg_arena_calloc, realloc: ctg_arena_realloc, free: ctg_arena_free))
        return p
    }()

    /// True for a destination that starts as the placeholders of relative links do
    /// (`ctg-lien:`, `ctg-sans-lien:`, in any case): never a user's, whatever the text says.
    static func isReservedMarker(_ dest: String) -> Bool {
        let d = dest.lowercased()
        return d.hasPrefix("ctg-lien:") || d.hasPrefix("ctg-sans-lien:")
    }

    /// True for a destination inside the project: no scheme, no `//host`, not only `#anchor`.
    public static func isRelative(_ dest: String) -> Bool {
        var dest = dest
        return dest.withUTF8 { isRelativeURL($0) }
    }

    private static func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        let iter = cmark_iter_new(node)
        defer { cmark_iter_free(iter) }
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            guard ev == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            let t = cmark_node_get_type(n)
            if t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE, let lit = cmark_node_get_literal(n) {
                out += String(cString: lit)
            } else if t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK {
                out += " "
            }
        }
        return out
    }
}

/// `Éducation & jeunesse` → `education-jeunesse`: lowercase ASCII letters, digits and dashes.
public func slug(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var dash = false
    func put(_ b: UInt8) {
        if dash && !out.isEmpty { out.append(45) }
        dash = false
        out.append(b)
    }
    for ch in text.unicodeScalars {
        let v = ch.value
        if v < 128 {
            let b = UInt8(v)
            if b >= 97 && b <= 122 || b >= 48 && b <= 57 { put(b) }
            else if b >= 65 && b <= 90 { put(b + 32) }
            else { dash = true }
        } else if let f = foldedLatin(v) {
            put(f.0)
            if f.1 != 0 { put(f.1) }
        } else {
            let folded = foldAccents(Character(ch))
            if folded.utf8.count < 4, folded.utf8.allSatisfy({ $0 < 128 }) {
                for b in folded.utf8 { put(b) }
            } else {
                dash = true
            }
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// `foldAccents` of the accented letters it names, upper or lower case, by code point: a
/// heading's slug is made for every heading of every body, and lowercasing a Character and
/// comparing it with each case took most of it. Nil for any other scalar.
func foldedLatin(_ v: UInt32) -> (UInt8, UInt8)? {
    let a = UInt8(ascii: "a"), e = UInt8(ascii: "e")
    switch v {
    case 0xE0, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5: return (a, 0)
    case 0xE7, 0xC7: return (UInt8(ascii: "c"), 0)
    case 0xE8, 0xE9, 0xEA, 0xEB, 0xC8, 0xC9, 0xCA, 0xCB: return (e, 0)
    case 0xEC, 0xED, 0xEE, 0xEF, 0xCC, 0xCD, 0xCE, 0xCF: return (UInt8(ascii: "i"), 0)
    case 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6: return (UInt8(ascii: "o"), 0)
    case 0xF9, 0xFA, 0xFB, 0xFC, 0xD9, 0xDA, 0xDB, 0xDC: return (UInt8(ascii: "u"), 0)
    case 0xFD, 0xFF, 0xDD, 0x178: return (UInt8(ascii: "y"), 0)
    case 0x153, 0x152: return (UInt8(ascii: "o"), e)
    case 0xE6, 0xC6: return (a, e)
    case 0xF1, 0xD1: return (UInt8(ascii: "n"), 0)
    default: return nil
    }
}

func foldAccents(_ ch: Character) -> String {
    switch Character(ch.lowercased()) {
    case "à", "â", "ä", "á", "ã", "å": return "a"
    case "ç": return "c"
    case "é", "è", "ê", "ë": return "e"
    case "î", "ï", "í", "ì": return "i"
    case "ô", "ö", "ó", "ò", "õ": return "o"
    case "ù", "û", "ü", "ú": return "u"
    case "ÿ", "ý": return "y"
    case "œ": return "oe"
    case "æ": return "ae"
    case "ñ": return "n"
    default: return String(ch)
    }
}

/// Escapes text for an HTML attribute or element: `& < > " '`.
public func escapeAttribute(_ s: String) -> String {
    guard s.containsByte(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for c in s.unicodeScalars {
        switch c {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(c)
        }
    }
    return out
}
