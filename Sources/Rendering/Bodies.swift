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
    var s = html
    for level in stride(from: 5, through: 2, by: -1) {
        s = s.replacingOccurrences(of: "<h\(level)", with: "<h\(level + 1)")
            .replacingOccurrences(of: "</h\(level)>", with: "</h\(level + 1)>")
    }
    var out = ""
    var rest = Substring(s)
    while let r = rest.range(of: " id=\"") {
        out += rest[..<r.upperBound]
        rest = rest[r.upperBound...]
        guard let q = rest.firstIndex(of: "\"") else { break }
        out += ids.claim(String(rest[..<q]))
        rest = rest[q...]
    }
    out += rest
    return out
}
