import Content
import CSystem
import Markdown
#if canImport(Glibc)
import Glibc
#endif
import Model

/// Markdown bodies as they appear on a page: links rewritten to the generated pages,
/// links to pages that are not on the site made plain text, headings fitted to the page.
extension SiteMap {
    static let sansLien = "ctg-sans-lien:"

    /// `document` with its HTML: a large build loads the bodies without rendering them and
    /// renders each when its page is made, its text read again through the project's reader.
    func rendered(_ document: MarkdownDocument?, body: MarkdownText) -> MarkdownDocument? {
        if let document, !document.htmlBytes.isEmpty { return document }
        return project.lecteur.withUTF8(body) { u, firstLine in
            if u.allSatisfy({ $0 == 32 || $0 == 10 || $0 == 9 || $0 == 13 }) { return document }
            return MarkdownRenderer.render(utf8: u, firstLine: firstLine, html: true)
        }
    }

    /// The HTML of the body of `source` (project-relative Markdown file) shown on `page`.
    func html(of document: MarkdownDocument?, body: MarkdownText, source: String, page: String) -> String {
        html(ofRendered: rendered(document, body: body), source: source, page: page)
    }

    /// The same, for a document whose HTML is there (see `rendered(_:body:)`).
    func html(ofRendered document: MarkdownDocument?, source: String, page: String) -> String {
        String(decoding: htmlBytes(ofRendered: document, source: source, page: page), as: UTF8.self)
    }

    /// The same, as UTF-8 bytes (a dashboard's body goes into the page as bytes).
    func htmlBytes(ofRendered document: MarkdownDocument?, source: String, page: String) -> [UInt8] {
        guard let document else { return [] }
        var dropped = false
        var urls: [String: String] = [:]
        for link in document.links {
            guard let marker = link.marker else { continue }
            switch target(of: link.destination, in: source) {
            case let .page(path, fragment):
                let frag = fragment.map { "#" + $0 } ?? ""
                urls[marker] = path == page && !frag.isEmpty ? frag : SitePath.encode(SitePath.relative(from: page, to: path)) + frag
            case .omitted, .unknown:
                dropped = true
                urls[marker] = SiteMap.sansLien + marker
            }
        }
        let html = urls.isEmpty ? document.htmlBytes : Self.replacingMarkers(document.htmlBytes, urls)
        return dropped ? Array(Self.unlinking(String(decoding: html, as: UTF8.self)).utf8) : html
    }

    /// `"ctg-lien:N"` (a relative link's placeholder, always the quoted value of an `href` or
    /// a `src`) replaced by its URL, escaped, in one pass: replacing each marker in turn copied
    /// the body once per link. Only there: a title or an alternative text may hold the same
    /// words (libcmark escapes their quotes), and a user's own `ctg-lien:` destination was
    /// emptied by `MarkdownRenderer`.
    static func replacingMarkers(_ html: [UInt8], _ urls: [String: String]) -> [UInt8] {
        let mark = Array("\"ctg-lien:".utf8)
        let href = Array(" href=".utf8), src = Array(" src=".utf8)
        var out: [UInt8] = []
        return html.withUnsafeBufferPointer { u in
            out.reserveCapacity(u.count + 256)
            var i = 0, copied = 0
            while let q = memchrIndex(u, 34, from: i) {
                i = q + 1
                guard q + mark.count <= u.count, u[q..<(q + mark.count)].elementsEqual(mark) else { continue }
                guard (q >= href.count && u[(q - href.count)..<q].elementsEqual(href))
                        || (q >= src.count && u[(q - src.count)..<q].elementsEqual(src)) else { continue }
                // The marker runs from after the quote to the next quote.
                guard let end = memchrIndex(u, 34, from: q + mark.count),
                      let url = urls[String(decoding: u[(q + 1)..<end], as: UTF8.self)] else { continue }
                out.append(contentsOf: u[copied...q])
                out.append(contentsOf: escapeHTML(url).utf8)
                copied = end
                i = end + 1
            }
            out.append(contentsOf: u[copied...])
            return out
        }
    }

    /// Replaces `<a href="ctg-sans-lien:…">text</a>` by its text and such an `<img>` by its
    /// alternative text: a link to nowhere helps no reader (the checker reports it).
    static func unlinking(_ html: String) -> String {
        // Images first, wherever they are (before a link, or inside one), then links.
        unlinking(unlinking(html, "<img src=\"" + sansLien), "<a href=\"" + sansLien)
    }

    /// `unlinking` of the tags that start with `opening`.
    private static func unlinking(_ html: String, _ opening: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: opening) {
            out += rest[..<start.lowerBound]
            let isImage = rest[start].hasPrefix("<img")
            guard let tagEnd = rest[start.upperBound...].firstIndex(of: ">") else { break }
            let tag = rest[start.lowerBound...tagEnd]
            rest = rest[rest.index(after: tagEnd)...]
            if isImage {
                if let alt = tag.range(of: "alt=\""), let q = tag[alt.upperBound...].firstIndex(of: "\"") {
                    out += tag[alt.upperBound..<q]
                }
            } else if let close = rest.range(of: "</a>") {
                out += rest[..<close.lowerBound]
                rest = rest[close.upperBound...]
            }
        }
        out += rest
        return out
    }
}

/// Fits a body under a section heading of a page: headings one level down (`h2` → `h3`),
/// and heading ids that another element of the page already uses renamed, so that every
/// id of the page stays unique.
func nestedBody(_ html: [UInt8], ids: inout NameSpace) -> [UInt8] {
    // Only two things change: `<hN` / `</hN` with N in 2…5 gain a level, and the value of
    // each ` id="x"` is claimed. Text holds neither (cmark writes `<` and `"` in text and
    // attribute values as `&lt;` and `&quot;`), so both are found by searching the whole
    // body, and the bytes between them are copied in one run each (copying tag by tag was
    // half a million appends for a thousand bodies).
    html.withUnsafeBufferPointer { u in
        var out: [UInt8] = []
        out.reserveCapacity(u.count + 64)
        let idMark: StaticString = " id=\""
        var copied = 0, i = 0
        var nextId = memmemIndex(u, idMark, from: 0) ?? u.count
        while true {
            let lt = memchrIndex(u, UInt8(ascii: "<"), from: i) ?? u.count
            if nextId < lt {
                let start = nextId + idMark.utf8CodeUnitCount
                guard let end = memchrIndex(u, UInt8(ascii: "\""), from: start) else {
                    nextId = u.count
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<start]))
                out.append(contentsOf: ids.claim(String(decoding: UnsafeBufferPointer(rebasing: u[start..<end]), as: UTF8.self)).utf8)
                copied = end
                nextId = memmemIndex(u, idMark, from: end) ?? u.count
                continue
            }
            guard lt < u.count else { break }
            let slash = lt + 1 < u.count && u[lt + 1] == UInt8(ascii: "/") ? 1 : 0
            let h = lt + 1 + slash, d = h + 1
            if d < u.count, u[h] == UInt8(ascii: "h"), u[d] >= UInt8(ascii: "2"), u[d] <= UInt8(ascii: "5") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...h]))
                out.append(u[d] + 1)
                copied = d + 1
            }
            i = lt + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...]))
        return out
    }
}

/// The index of the first `needle` in `u` at or after `from` (memmem).
func memmemIndex(_ u: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
    guard from < u.count, let base = u.baseAddress else { return nil }
    return needle.withUTF8Buffer { n -> Int? in
        guard let p = ctg_memmem(base + from, u.count - from, n.baseAddress, n.count) else { return nil }
        return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
    }
}

/// The index of the last `needle` in `u`: looked for from the end (it is near the end of a page).
func lastIndex(_ u: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Int? {
    needle.withUTF8Buffer { n -> Int? in
        var k = u.count - n.count
        while k >= 0 {
            if u[k] == n[0] && UnsafeBufferPointer(rebasing: u[k..<(k + n.count)]).elementsEqual(n) { return k }
            k -= 1
        }
        return nil
    }
}
