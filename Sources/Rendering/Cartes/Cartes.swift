import Dispatch
import Territoires

/// Maps as inline SVG (issue 20): no script, no tiles, no network — they work opened from a
/// USB stick and printed. Each has `role="img"`, a title and a description that give its
/// figures (the page's table says the same); covered communes are hatched as well as
/// coloured, so nothing is said by colour alone.
enum Cartes {
    /// The hatching of covered communes, defined once per map (ids are per page, so each map
    /// prefixes its own).
    static func motifs(_ s: inout String, id: String) {
        s += "<defs><pattern id=\"\(id)-hachure\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        s += "<rect width=\"6\" height=\"6\" class=\"carte-fond-couvert\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"carte-trait-couvert\"/></pattern></defs>"
    }

    static func debut(_ s: inout String, id: String, cadrage: Cadrage, titre: String, description: String) {
        s += "<svg class=\"carte\" role=\"img\" viewBox=\"0 0 \(Int(cadrage.largeur)) \(Int(cadrage.hauteur))\" aria-labelledby=\"\(id)-titre \(id)-desc\">"
        s += "<title id=\"\(id)-titre\">\(escapeHTML(titre))</title><desc id=\"\(id)-desc\">\(escapeHTML(description))</desc>"
        motifs(&s, id: id)
    }

    /// A département's outline framed for the small map of a dashboard: made once per
    /// département of the site (each of its dashboards draws it).
    struct ContourDepartement: Sendable {
        let departement: Departement
        let cadrage: Cadrage
        let chemin: String
    }

    /// The outlines of these départements (codes the referential does not know are left
    /// out), made on every core before the pages.
    static func contours(_ codes: [String]) -> [String: ContourDepartement] {
        let deps = codes.compactMap { Referentiel.departement($0) }
        var out = [ContourDepartement?](repeating: nil, count: deps.count)
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let b = buffer
            DispatchQueue.concurrentPerform(iterations: deps.count) { i in
                guard let contour = deps[i].contour else { return }
                let cadrage = Cadrage(englobant: contour.englobant, largeur: 320, marge: 4)
                var o: [UInt8] = []
                contour.ecrireCheminSVG(cadrage, dans: &o)
                b[i] = ContourDepartement(departement: deps[i], cadrage: cadrage, chemin: String(decoding: o, as: UTF8.self))
            }
        }
        var dict: [String: ContourDepartement] = [:]
        for c in out.compactMap({ $0 }) { dict[c.departement.code] = c }
        return dict
    }

    /// A convention's territory within its département: the département's outline, the
    /// territory's communes hatched (the whole département for a départemental convention).
    static func territoire(id: String, contour d: ContourDepartement, communes: [Commune], titre: String, description: String) -> String {
        let cadrage = d.cadrage
        var s = ""
        s.reserveCapacity(d.chemin.utf8.count * 2 + 2_048)
        debut(&s, id: id, cadrage: cadrage, titre: titre, description: description)
        if communes.isEmpty {
            s += "<path class=\"carte-couverte\" fill=\"url(#\(id)-hachure)\" d=\"\(d.chemin)\"/>"
        } else {
            // The outline once, filled and stroked: it is most of the map's bytes.
            s += "<path class=\"carte-departement carte-contour-plein\" d=\"\(d.chemin)\"/><path class=\"carte-couverte\" fill=\"url(#\(id)-hachure)\" d=\""
            var o: [UInt8] = []
            for k in communes where k.departement == d.departement.code { k.contour?.ecrireCheminSVG(cadrage, dans: &o) }
            s += String(decoding: o, as: UTF8.self)
            s += "\"/>"
            s += "</svg>"
            return s
        }
        s += "<path class=\"carte-contour\" d=\"\(d.chemin)\"/></svg>"
        return s
    }

    /// A département's coverage: every commune, those covered by a local convention in force
    /// hatched and linked to that convention's dashboard, the others plain.
    static func couverture(id: String, _ c: CouvertureDepartement, liens: [(url: String, titre: String, indice: Int)],
                           titre: String, description: String) -> String? {
        guard let contour = c.departement.contour else { return nil }
        let cadrage = Cadrage(englobant: contour.englobant, largeur: 640, marge: 4)
        var s = ""
        debut(&s, id: id, cadrage: cadrage, titre: titre, description: description)
        var o = Array(s.utf8)
        o.reserveCapacity(200_000)
        func ajoute(_ t: String) { o.append(contentsOf: t.utf8) }
        ajoute("<path class=\"carte-commune\" d=\"")
        for k in c.departement.communes where c.parCommune[k.code] == nil { k.contour?.ecrireCheminSVG(cadrage, dans: &o) }
        ajoute("\"/>")
        // Each convention's communes in one link: a commune covered twice goes with the first.
        for l in liens {
            ajoute("<a href=\"\(escapeHTML(l.url))\"><title>\(escapeHTML(l.titre))</title><path class=\"carte-couverte\" fill=\"url(#\(id)-hachure)\" d=\"")
            for k in c.departement.communes where c.parCommune[k.code]?.first == l.indice { k.contour?.ecrireCheminSVG(cadrage, dans: &o) }
            ajoute("\"/></a>")
        }
        ajoute("<path class=\"carte-contour\" d=\"")
        contour.ecrireCheminSVG(cadrage, dans: &o)
        ajoute("\"/></svg>")
        return String(decoding: o, as: UTF8.self)
    }
}
