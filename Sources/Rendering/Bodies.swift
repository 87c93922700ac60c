import Markdown
import Model

/// Markdown bodies as they appear on a page: links rewritten to the generated pages,
/// links to pages that are not on the site made plain text, headings fitted to the page.
extension SiteMap {
    static let sansLien = "ctg-sans-lien:"

    /// The HTML of the body of `source` (project-relative Markdown file) shown on `page`.
    func html(of document: MarkdownDocument?, source: String, page: String) -> String {
        guard let document else { return "" }
        var dropped = false
        let html = document.resolvingLinks { link in
            switch target(of: link.destination, in: source) {
            case let .page(path, fragment):
                let frag = fragment.map { "#" + $0 } ?? ""
                if path == page && !frag.isEmpty { return frag }
                return SitePath.encode(SitePath.relative(from: page, to: path)) + frag
            case .omitted, .unknown:
                dropped = true
                return SiteMap.sansLien + (link.marker ?? "")
            }
        }
        return dropped ? Self.unlinking(html) : html
    }

    /// Replaces `<a href="ctg-sans-lien:…">text</a>` by its text and such an `<img>` by its
    /// alternative text: a link to nowhere helps no reader (the checker reports it).
    static func unlinking(_ html: String) -> String {
        var out = ""
        var rest = Substring(html)
        while let start = rest.range(of: "<a href=\"" + sansLien) ?? rest.range(of: "<img src=\"" + sansLien) {
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
func nestedBody(_ html: String, ids: inout NameSpace) -> String {
    // One pass over the bytes: `<hN` / `</hN` with N in 2…5 gain a level; ` id="x"` is claimed.
    let u = Array(html.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(u.count + 64)
    let idMark: [UInt8] = Array(" id=\"".utf8)
    var i = 0
    while i < u.count {
        let c = u[i]
        if c == UInt8(ascii: "<") {
            let slash = i + 1 < u.count && u[i + 1] == UInt8(ascii: "/") ? 1 : 0
            let h = i + 1 + slash, d = h + 1
            if d < u.count, u[h] == UInt8(ascii: "h"), u[d] >= UInt8(ascii: "2"), u[d] <= UInt8(ascii: "5") {
                out.append(contentsOf: u[i...h])
                out.append(u[d] + 1)
                i = d + 1
                continue
            }
        } else if c == UInt8(ascii: " "), i + idMark.count <= u.count, u[i..<(i + idMark.count)].elementsEqual(idMark) {
            let start = i + idMark.count
            if let end = u[start...].firstIndex(of: UInt8(ascii: "\"")) {
                out.append(contentsOf: idMark)
                out.append(contentsOf: ids.claim(String(decoding: u[start..<end], as: UTF8.self)).utf8)
                i = end
                continue
            }
        }
        out.append(c)
        i += 1
    }
    return String(decoding: out, as: UTF8.self)
}
