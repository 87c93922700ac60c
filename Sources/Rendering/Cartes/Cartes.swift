import Dispatch
import Synchronization
import Territoires

/// Maps as inline SVG (issue 20): no script, no tiles, no network — they work opened from a
/// USB stick and printed. Each has `role="img"`, a title and a description that give its
/// figures (the page's table says the same); covered communes are hatched as well as
/// coloured, so nothing is said by colour alone.
enum Cartes {
    /// The hatching of covered communes, defined once per map (ids are per page, so each map
    /// prefixes its own).
    /// `pas`: the hatching's spacing, in map units (the coverage map's communes are small,
    /// its hatching finer).
    static func motifs(_ s: inout String, id: String, pas: Int) {
        s += "<defs><pattern id=\"\(id)-hachure\" width=\"\(pas)\" height=\"\(pas)\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        s += "<rect width=\"\(pas)\" height=\"\(pas)\" class=\"carte-fond-couvert\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"\(pas)\" class=\"carte-trait-couvert\"/></pattern></defs>"
    }

    /// `role`: `img` for a picture; `group` for a map that holds links (the children of an
    /// image are presentational, so its links would be lost to the keyboard and to screen
    /// readers), named and described by the same title and description.
    /// The map's opening (`<svg>`, its title, description and hatching) as bytes, with room
    /// for `place` more: a map is written as bytes (its paths are), and handed to the page as
    /// they are (`Octets`), never checked again as a String.
    static func debut(id: String, classe: String = "carte", role: String = "img", pas: Int = 6, cadrage: Cadrage, titre: String, description: String,
                      place: Int) -> [UInt8] {
        var s = ""
        s += "<svg class=\"\(classe)\" role=\"\(role)\" viewBox=\"0 0 \(Int(cadrage.largeur)) \(Int(cadrage.hauteur))\" aria-labelledby=\"\(id)-titre \(id)-desc\">"
        s += "<title id=\"\(id)-titre\">\(escapeHTML(titre))</title><desc id=\"\(id)-desc\">\(escapeHTML(description))</desc>"
        motifs(&s, id: id, pas: pas)
        var o: [UInt8] = []
        o.reserveCapacity(s.utf8.count + place)
        o.ajoute(s)
        return o
    }

    /// A département drawn once for all its maps — the coverage map of its page and the
    /// small map of each of its dashboards share one frame (`cadrage`, 320 units wide, shown
    /// up to 640 px): its outline and the path of each of its communes, made once.
    struct ContourDepartement: Sendable {
        let departement: Departement
        let cadrage: Cadrage
        /// The outline's path data.
        let chemin: String
        /// The path data of the département's communes, one after the other, in the order of
        /// `departement.communes`: commune `r`'s is `chemins[debuts[r] ..< debuts[r + 1]]`.
        let chemins: [UInt8]
        let debuts: [Int]

        init?(_ departement: Departement) {
            guard let contour = departement.contour else { return nil }
            self.departement = departement
            cadrage = Cadrage(englobant: contour.englobant, largeur: 320, marge: 4)
            chemin = contour.cheminSVG(cadrage)
            (chemins, debuts) = Contour.cheminsSVG(departement.communes, cadrage: cadrage)
        }

        /// Appends the path data of commune `rang` of the département to `o`.
        func ecrire(commune rang: Int, dans o: inout [UInt8]) {
            o.append(contentsOf: chemins[debuts[rang] ..< debuts[rang + 1]])
        }
    }

    /// Départements already drawn in this process: the drawing depends on the referential
    /// only, so a build draws each once and `ctg serve` keeps them from one rebuild to the next.
    private static let dessines = Mutex<[String: ContourDepartement]>([:])

    /// The drawings of these départements (codes the referential does not know are left
    /// out), those not yet drawn made on every core.
    static func contours(_ codes: [String]) -> [String: ContourDepartement] {
        let manquants = dessines.withLock { d in codes.filter { d[$0] == nil } }.compactMap { Referentiel.departement($0) }
        if !manquants.isEmpty {
            var faits = [ContourDepartement?](repeating: nil, count: manquants.count)
            faits.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let b = buffer
                DispatchQueue.concurrentPerform(iterations: manquants.count) { i in b[i] = ContourDepartement(manquants[i]) }
            }
            dessines.withLock { d in for c in faits.compactMap({ $0 }) { d[c.departement.code] = c } }
        }
        return dessines.withLock { d in d.filter { codes.contains($0.key) } }
    }

    /// A convention's territory within its département: the département's outline, the
    /// territory's communes hatched (the whole département for a départemental convention).
    static func territoire(id: String, contour d: ContourDepartement, communes: [Commune], titre: String, description: String) -> [UInt8] {
        // Room for the outline and about as many bytes of hatched communes.
        var o = debut(id: id, cadrage: d.cadrage, titre: titre, description: description, place: 2 * d.chemin.utf8.count + 1_024)
        if communes.isEmpty {
            o.ajoute("<path class=\"carte-couverte\" fill=\"url(#\(id)-hachure)\" d=\"")
            o.ajoute(d.chemin)
            o.ajoute("\"/>")
        } else {
            // The outline once, filled and stroked: it is most of the map's bytes.
            o.ajoute("<path class=\"carte-departement carte-contour-plein\" d=\"")
            o.ajoute(d.chemin)
            o.ajoute("\"/><path class=\"carte-couverte\" fill=\"url(#\(id)-hachure)\" d=\"")
            for k in communes { if let r = d.departement.rang(k) { d.ecrire(commune: r, dans: &o) } }
            o.ajoute("\"/></svg>")
            return o
        }
        o.ajoute("<path class=\"carte-contour\" d=\"")
        o.ajoute(d.chemin)
        o.ajoute("\"/></svg>")
        return o
    }

    /// A département's coverage: every commune, those covered by a local convention in force
    /// hatched and linked to that convention's dashboard, the others plain.
    static func couverture(id: String, _ c: CouvertureDepartement, dessin d: ContourDepartement, liens: [(url: String, titre: String, indice: Int)],
                           titre: String, description: String) -> [UInt8] {
        var o = debut(id: id, classe: "carte carte-couverture", role: "group", pas: 3, cadrage: d.cadrage, titre: titre, description: description,
                      place: d.chemins.count + d.chemin.utf8.count + 4_096)
        // The first convention covering each commune (nil: none); a commune covered twice goes with the first.
        let premiere = c.departement.communes.map { c.parCommune[$0.code]?.first }
        o.ajoute("<path class=\"carte-commune\" d=\"")
        for r in premiere.indices where premiere[r] == nil { d.ecrire(commune: r, dans: &o) }
        o.ajoute("\"/>")
        // Each convention's communes in one link, named by its <title>.
        for l in liens {
            o.ajoute("<a href=\"\(escapeHTML(l.url))\"><title>\(escapeHTML(l.titre))</title><path class=\"carte-couverte\" fill=\"url(#\(id)-hachure)\" d=\"")
            for r in premiere.indices where premiere[r] == l.indice { d.ecrire(commune: r, dans: &o) }
            o.ajoute("\"/></a>")
        }
        o.ajoute("<path class=\"carte-contour\" d=\"")
        o.ajoute(d.chemin)
        o.ajoute("\"/></svg>")
        return o
    }
}

private extension Array where Element == UInt8 {
    /// Appends a text's UTF-8 bytes (a map's markup, its path data).
    mutating func ajoute(_ t: String) { append(contentsOf: t.utf8) }
}
