import CSystem
import Model

/// The board's dossier made from the dashboard's bytes, when that gives the very bytes the
/// templates would.
///
/// The dossier is the dashboard seen from one folder down (`territoires/ID/dossier/`), with
/// its own head, cover note and the annexes at the end. Rendered a second time, it cost a
/// tenth of a build; most of it is the same bytes. Moving one folder down changes a relative
/// URL in one way: `x` becomes `../x`, and `dossier/x` becomes `x`; in-page anchors (`#x`)
/// and URLs with a scheme stay. That holds for every link of the dashboard's body of blocks
/// but two kinds, made as `#x` on the dashboard and `../index.html#x` in the dossier: the
/// findings list of `--revue`, and a link of the body to an anchor of the convention's own
/// page. For those the dossier is rendered the usual way (`make` returns nil).
struct DossierRelocation {
    let map: SiteMap
    let index: Int

    /// The dossier's bytes from the dashboard's (`dashboard`, as written in Swift, without the
    /// live-reload script), or nil when they cannot be moved (see above) or do not have the
    /// expected shape.
    func make(dashboard: [UInt8], shared: DashboardShared) -> [UInt8]? {
        guard !map.options.revue, map.options.liveReloadScript == nil, bodyMoves(shared.document ?? nil) else { return nil }
        let e = map.entries[index]
        return dashboard.withUnsafeBufferPointer { u -> [UInt8]? in
            guard let article = find(u, "<article class=\"convention\" ", from: 0),
                  let lien = find(u, "<p class=\"lien-dossier\">", from: article),
                  let header = find(u, "\n</header>\n", from: lien),
                  let end = findLast(u, "</article>\n"), end > header else { return nil }
            let frame = PageFrame(map: map, path: e.dossierPath)
            var ariane = frame.filAriane(e, courant: false)
            ariane.append(("Dossier du conseil d'administration", nil))
            let layout = frame.layout(titre: "Dossier – \(e.titre)", filAriane: ariane,
                                      impression: (e.titre, "Dossier du conseil d'administration – situation au \(Format.date(map.date))"))
            var h = HTMLBuffer(capacity: u.count + 4096)
            Layout(page: layout).write(&h) { h in
                // The convention's header, its link to the dossier replaced by the cover note.
                h.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[article..<lien]))
                h.raw("\n<p class=\"dossier-couverture\">Dossier du conseil d'administration — situation au ")
                h.text(Format.date(map.date))
                h.raw(". Tout ce que le conseil lit sur cette convention, dans l'ordre : identité, calendrier, chiffres clés, objectifs et résultats, moyens, diagnostic, récit")
                if !e.convention.annexes.isEmpty { h.raw(", puis les annexes") }
                h.raw(". <a href=\"")
                h.text(frame.url(e.path))
                h.raw("\">Tableau de bord en ligne</a>.</p>\n</header>\n")
                Self.moveDown(UnsafeBufferPointer(rebasing: u[(header + 11)..<end]), into: &h.bytes)
                annexes(&h, shared: shared)
                h.raw("</article>\n")
            }
            return h.bytes
        }
    }

    /// Every annex in full, as the template's dossier section writes them.
    private func annexes(_ h: inout HTMLBuffer, shared: DashboardShared) {
        let e = map.entries[index]
        for k in e.convention.annexes.indices {
            let a = e.convention.annexes[k]
            let ancre = "Annexe-" + e.annexSlugs[k]
            h.raw("<section class=\"bloc annexe-dossier\" aria-labelledby=\"")
            h.text(ancre)
            h.raw("\">\n<h2 id=\"")
            h.text(ancre)
            h.raw("\">Annexe : ")
            h.text(a.titre)
            h.raw("</h2>\n<div class=\"recit\">\n")
            h.html(SiteMap.nested(map.html(ofRendered: shared.annexe(k, of: e.convention), source: a.file, page: e.dossierPath), prefix: ancre))
            h.raw("\n</div>\n</section>\n")
        }
    }

    /// False when the body links to an anchor of the convention's own page (`#x` on the
    /// dashboard, `../index.html#x` in the dossier).
    private func bodyMoves(_ document: MarkdownDocument?) -> Bool {
        guard let document else { return true }
        let e = map.entries[index]
        for link in document.links where link.marker != nil {
            if case let .page(path, fragment) = map.target(of: link.destination, in: e.convention.file), path == e.path, fragment != nil {
                return false
            }
        }
        return true
    }

    /// `html` with every relative URL of an `href` or `src` attribute moved one folder down.
    static func moveDown(_ u: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + u.count + 2048)
        var copied = 0
        // The next ` href="` and ` src="` (memmem: a page has thousands of quotes, a few
        // hundred links).
        var href = search(u, " href=\"", from: 0), src = search(u, " src=\"", from: 0)
        while href != nil || src != nil {
            let isHref = src == nil || (href != nil && href! < src!)
            let start = (isHref ? href! + 7 : src! + 6)  // the URL's first byte
            if isHref { href = search(u, " href=\"", from: start) } else { src = search(u, " src=\"", from: start) }
            guard let close = memchrIndex(u, 34, from: start) else { break }
            let v = UnsafeBufferPointer(rebasing: u[start..<close])
            guard !v.isEmpty, v[0] != 35, !hasScheme(v), !(v.count >= 2 && v[0] == 47 && v[1] == 47) else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<start]))
            if starts(v, with: "dossier/") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: v[8...]))
            } else {
                out.append(contentsOf: [46, 46, 47])  // ../
                out.append(contentsOf: v)
            }
            copied = close
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...]))
    }

    private static func search(_ u: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        guard from < u.count, let base = u.baseAddress else { return nil }
        return needle.withUTF8Buffer { n -> Int? in
            guard let p = ctg_memmem(base + from, u.count - from, n.baseAddress, n.count) else { return nil }
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// `mailto:x`, `https://x`: a letter, then letters, digits, `+ - .`, then `:`.
    static func hasScheme(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        func letter(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) }
        guard let first = v.first, letter(first) else { return false }
        for b in v.dropFirst() {
            if b == 58 { return true }
            guard letter(b) || (b >= 48 && b <= 57) || b == 43 || b == 45 || b == 46 else { return false }
        }
        return false
    }

    private static func starts(_ v: UnsafeBufferPointer<UInt8>, with s: StaticString) -> Bool {
        s.withUTF8Buffer { p in v.count >= p.count && v.prefix(p.count).elementsEqual(p) }
    }

    private func find(_ u: UnsafeBufferPointer<UInt8>, _ s: StaticString, from: Int) -> Int? {
        s.withUTF8Buffer { p -> Int? in
            var i = from
            while let k = memchrIndex(u, p[0], from: i) {
                if k + p.count <= u.count && UnsafeBufferPointer(rebasing: u[k..<(k + p.count)]).elementsEqual(p) { return k }
                i = k + 1
            }
            return nil
        }
    }

    private func findLast(_ u: UnsafeBufferPointer<UInt8>, _ s: StaticString) -> Int? {
        s.withUTF8Buffer { p -> Int? in
            var k = u.count - p.count
            while k >= 0 {
                if u[k] == p[0] && UnsafeBufferPointer(rebasing: u[k..<(k + p.count)]).elementsEqual(p) { return k }
                k -= 1
            }
            return nil
        }
    }
}
