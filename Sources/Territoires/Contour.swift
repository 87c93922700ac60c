/// An axis-aligned box of a drawing plane, bounds included.
public struct Rectangle: Sendable, Hashable {
    public var minX: Int, minY: Int, maxX: Int, maxY: Int

    public init(minX: Int, minY: Int, maxX: Int, maxY: Int) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }

    public var largeur: Int { maxX - minX }
    public var hauteur: Int { maxY - minY }

    /// The smallest box holding both (to frame several territories on one map).
    public func union(_ o: Rectangle) -> Rectangle {
        Rectangle(minX: min(minX, o.minX), minY: min(minY, o.minY), maxX: max(maxX, o.maxX), maxY: max(maxY, o.maxY))
    }

    public func contient(_ o: Rectangle) -> Bool {
        o.minX >= minX && o.maxX <= maxX && o.minY >= minY && o.maxY <= maxY
    }
}

/// How a drawing plane maps onto an SVG `viewBox`: a scale, and the plane's point at the
/// box's top left corner (SVG's y runs down, the plane's up).
public struct Cadrage: Sendable, Hashable {
    /// SVG units per unit of the plane.
    public let echelle: Double
    /// The plane coordinates of the SVG origin (left, top).
    public let gauche: Double, haut: Double
    /// The size of the `viewBox`.
    public let largeur: Double, hauteur: Double

    /// Fits `englobant` into a box `largeur` wide, with `marge` SVG units on each side; the
    /// height follows from the territory's shape.
    public init(englobant r: Rectangle, largeur: Double, marge: Double = 0) {
        let w = Double(max(r.largeur, 1)), h = Double(max(r.hauteur, 1))
        let echelle = max(largeur - 2 * marge, 1) / w
        self.echelle = echelle
        self.largeur = largeur
        self.hauteur = (h * echelle + 2 * marge).rounded(.up)
        gauche = Double(r.minX) - marge / echelle
        haut = Double(r.maxY) + marge / echelle
    }

    /// Fits `englobant` into a `largeur` × `hauteur` box, centred, keeping its proportions.
    public init(englobant r: Rectangle, largeur: Double, hauteur: Double, marge: Double = 0) {
        let w = Double(max(r.largeur, 1)), h = Double(max(r.hauteur, 1))
        let echelle = min(max(largeur - 2 * marge, 1) / w, max(hauteur - 2 * marge, 1) / h)
        self.echelle = echelle
        self.largeur = largeur
        self.hauteur = hauteur
        gauche = Double(r.minX) - (largeur - w * echelle) / 2 / echelle
        haut = Double(r.maxY) + (hauteur - h * echelle) / 2 / echelle
    }

    /// The SVG abscissa of a plane x.
    @inline(__always) public func x(_ v: Int) -> Double { (Double(v) - gauche) * echelle }
    /// The SVG ordinate of a plane y.
    @inline(__always) public func y(_ v: Int) -> Double { (haut - Double(v)) * echelle }
}

/// A simplified outline: rings of points in the plane of its département, outer rings
/// counter-clockwise and holes clockwise (y up), with their bounding box.
///
/// Neighbouring communes share their simplified borders point for point (the file stores
/// each border once), so a map of communes has neither gaps nor overlaps along them.
public struct Contour: Sendable, Hashable {
    /// A point of a drawing plane (`Projection`), in integer units, y towards the north.
    public struct Point: Sendable, Hashable {
        public var x: Int
        public var y: Int
        public init(x: Int, y: Int) { self.x = x; self.y = y }
    }

    /// Its rings, open (the last point is not repeated).
    public let anneaux: [[Point]]
    /// The bounding box of all its rings.
    public let englobant: Rectangle
    /// The plane its coordinates belong to.
    public let projection: Projection

    /// The outline stored at `geometrie` in GEOMETRY (nil for none, or when no ring is left).
    init?(geometrie: Int, projection: Projection) {
        var arcs = LecteurArcs()
        self.init(geometrie: geometrie, projection: projection, arcs: &arcs)
    }

    /// The same, reading its arcs through `arcs`: outlines that share borders read each
    /// block of ARCS once when they share a reader.
    init?(geometrie: Int, projection: Projection, arcs lecteur: inout LecteurArcs) {
        var anneaux: [[Point]] = []
        var anneau: [Point] = []
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        Contour.parcourir(geometrie: geometrie) { k, inverse in
            lecteur.ajouter(k, inverse: inverse, a: &anneau)
        } finAnneau: {
            if anneau.count > 1, anneau.first == anneau.last { anneau.removeLast() }
            for p in anneau {
                minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
            if !anneau.isEmpty { anneaux.append(anneau) }
            anneau = []
        }
        guard !anneaux.isEmpty else { return nil }
        self.anneaux = anneaux
        englobant = Rectangle(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
        self.projection = projection
    }

    /// The SVG path data (`d`) of its rings through `cadrage`, coordinates to a tenth of a
    /// unit: the same outline and cadrage always give the same bytes. Points that round to
    /// the previous one are left out, and so are rings that shrink below three points.
    ///
    /// Each ring starts at its first point (`M`, absolute) and goes on in steps from one point
    /// to the next (`l`, relative), numbers as short as SVG reads them (`-.8-1.2 .5`): the
    /// points are the same to the tenth as absolute coordinates would give, in far fewer
    /// bytes: a map is written into every dashboard and dossier (bench/README.md).
    public func cheminSVG(_ cadrage: Cadrage) -> String {
        var s = ""
        ecrireCheminSVG(cadrage, dans: &s)
        return s
    }

    /// `cheminSVG(_:)` appended to `s`: the bytes version's output, the one source of the path.
    public func ecrireCheminSVG(_ cadrage: Cadrage, dans s: inout String) {
        var o: [UInt8] = []
        ecrireCheminSVG(cadrage, dans: &o)
        s += String(decoding: o, as: UTF8.self)
    }

    /// `cheminSVG(_:)` appended to `octets` as UTF-8: the digits written in place, where a
    /// String per number was most of the cost of a département's map.
    public func ecrireCheminSVG(_ cadrage: Cadrage, dans octets: inout [UInt8]) {
        var dixiemes: [Point] = []
        for anneau in anneaux {
            dixiemes.removeAll(keepingCapacity: true)
            for p in anneau { Contour.ajouter(cadrage.dixiemes(p), a: &dixiemes) }
            Contour.ecrire(anneau: &dixiemes, dans: &octets)
        }
    }

    /// Appends `q` to a ring in tenths unless it repeats the last point.
    @inline(__always) static func ajouter(_ q: Point, a dixiemes: inout [Point]) {
        if dixiemes.last != q { dixiemes.append(q) }
    }

    /// One ring of points in tenths (no point repeating the one before it) as path data:
    /// points back at the first one at its end are left out, and a ring of fewer than three
    /// points is not written. The one writer of `cheminSVG(_:)` and `cheminsSVG(_:cadrage:)`.
    static func ecrire(anneau dixiemes: inout [Point], dans octets: inout [UInt8]) {
        while dixiemes.count > 1, dixiemes.first! == dixiemes.last! { dixiemes.removeLast() }
        guard dixiemes.count >= 3 else { return }
        // Written at a pointer into room made for the longest numbers, then appended at once:
        // appended byte by byte, an Array checks its uniqueness and its capacity each time.
        let n = dixiemes.count
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4 + 2 * Plume.auPlus * n) { tampon in
            var plume = Plume(tampon.baseAddress!)
            plume.octet(77)   // M
            plume.nombre(dixiemes[0].x)
            plume.octet(32)
            plume.nombre(dixiemes[0].y)
            plume.octet(108)   // l
            for k in 1..<n {
                plume.court(dixiemes[k].x - dixiemes[k - 1].x, separe: k > 1)
                plume.court(dixiemes[k].y - dixiemes[k - 1].y, separe: true)
            }
            plume.octet(90)   // Z
            octets.append(contentsOf: UnsafeBufferPointer(rebasing: tampon[..<plume.ecrits(depuis: tampon.baseAddress!)]))
        }
    }

    /// Tenths as SVG's shortest number, after a space when `separe` and the number is not
    /// negative (its minus sign separates it): 123 → " 12.3", -5 → "-.5", 5 → " .5", 0 → " 0".
    static func ecrireCourt(_ dixiemes: Int, separe: Bool, dans o: inout [UInt8]) {
        Plume.ajouter(a: &o) { $0.court(dixiemes, separe: separe) }
    }

    /// Tenths as a decimal number: 123 → "12.3", 120 → "12", -5 → "-0.5".
    static func ecrire(_ dixiemes: Int, dans o: inout [UInt8]) {
        Plume.ajouter(a: &o) { $0.nombre(dixiemes) }
    }
}

/// Writes path data at a pointer, into room the caller made: `auPlus` bytes a number.
struct Plume {
    /// At least the most a number takes: a space or a sign, the 18 digits of the whole part
    /// of `Int.max` tenths, the point and the tenth (21).
    static let auPlus = 22
    private var p: UnsafeMutablePointer<UInt8>

    init(_ debut: UnsafeMutablePointer<UInt8>) { p = debut }

    func ecrits(depuis debut: UnsafeMutablePointer<UInt8>) -> Int { p - debut }

    @inline(__always) mutating func octet(_ b: UInt8) {
        p.pointee = b
        p += 1
    }

    /// Tenths as SVG's shortest number (`Contour.ecrireCourt`).
    @inline(__always) mutating func court(_ dixiemes: Int, separe: Bool) {
        if dixiemes >= 0 && separe { octet(32) }
        let v = dixiemes.magnitude
        guard v < 10 && v > 0 else { return nombre(dixiemes) }
        if dixiemes < 0 { octet(45) }
        octet(46)
        octet(UInt8(48 + v))
    }

    /// Tenths as a decimal number (`Contour.ecrire`).
    mutating func nombre(_ dixiemes: Int) {
        if dixiemes < 0 { octet(45) }
        let v = dixiemes.magnitude
        var entier = v / 10
        // The digits of the whole part, from the right, then in place.
        var n = 0, t = entier
        repeat { n += 1; t /= 10 } while t > 0
        var q = p + n
        repeat {
            q -= 1
            q.pointee = UInt8(48 + entier % 10)
            entier /= 10
        } while entier > 0
        p += n
        if v % 10 != 0 { octet(46); octet(UInt8(48 + v % 10)) }
    }

    /// What `ecrire` writes, appended to `o`.
    static func ajouter(a o: inout [UInt8], _ ecrire: (inout Plume) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: auPlus) { tampon in
            var plume = Plume(tampon.baseAddress!)
            ecrire(&plume)
            o.append(contentsOf: UnsafeBufferPointer(rebasing: tampon[..<plume.ecrits(depuis: tampon.baseAddress!)]))
        }
    }
}

extension Contour {
    /// The outlines of `communes`, in their order (nil where a commune has none), read
    /// through one `LecteurArcs`: neighbours share their borders, so a département's map
    /// reads each block of arcs once instead of once for each arc of each commune.
    public static func des<S: Sequence>(_ communes: S) -> [Contour?] where S.Element == Commune {
        var arcs = LecteurArcs()
        return communes.map { $0.contour(arcs: &arcs) }
    }

    /// The path data of each of `communes` through `cadrage`, one after the other: commune
    /// `r`'s is `octets[debuts[r] ..< debuts[r + 1]]`, the bytes `des(communes)` would give
    /// through `ecrireCheminSVG(_:dans:)` (none for a commune without an outline). Neighbours
    /// share their borders, so each arc is read and brought to tenths once, for both, and
    /// no outline is made: a département's map draws all its communes.
    public static func cheminsSVG<S: Sequence>(_ communes: S, cadrage: Cadrage) -> (octets: [UInt8], debuts: [Int])
    where S.Element == Commune {
        var arcs = LecteurArcs(cadrage: cadrage)
        var octets: [UInt8] = [], debuts = [0]
        var anneau: [Point] = []
        for commune in communes {
            parcourir(geometrie: commune.geometrie) { k, inverse in
                arcs.ajouterDixiemes(k, inverse: inverse, a: &anneau)
            } finAnneau: {
                ecrire(anneau: &anneau, dans: &octets)
                anneau.removeAll(keepingCapacity: true)
            }
            debuts.append(octets.count)
        }
        return (octets, debuts)
    }

    /// Reads the outline stored at `geometrie` in GEOMETRY (nothing for `Octets.none32`):
    /// for each ring, `arc` with each of its arcs in order (its number, and whether the ring
    /// runs it backwards), then `finAnneau`. The one reader of GEOMETRY's layout.
    @inline(__always) static func parcourir(geometrie: Int, arc: (_ k: Int, _ inverse: Bool) -> Void, finAnneau: () -> Void) {
        guard geometrie != Octets.none32 else { return }
        var o = Section.geometry.offset + geometrie
        var ref = 0
        for _ in 0..<Octets.varint(&o) {
            for _ in 0..<Octets.varint(&o) {
                ref += Octets.signed(&o)
                arc(ref >> 1, ref & 1 == 1)
            }
            finAnneau()
        }
    }
}

extension Cadrage {
    /// A plane point's SVG coordinates in tenths, rounded: what path data writes.
    @inline(__always) func dixiemes(_ p: Contour.Point) -> Contour.Point {
        Contour.Point(x: Int((x(p.x) * 10).rounded()), y: Int((y(p.y) * 10).rounded()))
    }
}

/// Arcs of ARCS already read, by block. The points of a block are relative to one another,
/// so reading arc `k` alone walks its block from the start; a reader keeps each block's
/// arcs as it walks them, and outlines read through one reader (a département's communes,
/// which share their borders) walk each block once.
struct LecteurArcs {
    /// A block's arcs read so far, and where its next arc starts. Their points follow one
    /// another in one array (arc r is `points[debuts[r] ..< debuts[r + 1]]`): an array an arc
    /// was an allocation for each of the hundreds of thousands of arcs a site draws.
    private struct Bloc {
        var points: [Contour.Point] = []
        var debuts: [Int] = [0]
        var octet: Int
        var x = 0, y = 0
        var lus: Int { debuts.count - 1 }
    }
    /// The blocks read so far, and where each block number's is: one lookup an arc.
    private var blocs: [Bloc] = []
    private var rangs: [Int: Int] = [:]
    /// Set, the arcs kept are in this cadrage's tenths (`ajouterDixiemes`) rather than in
    /// plane units: each arc's points are then brought to tenths once.
    private let cadrage: Cadrage?

    init(cadrage: Cadrage? = nil) { self.cadrage = cadrage }

    /// Appends arc `k` (backwards when `inverse`) to `a`, leaving out its first point when
    /// it continues `a` (it is then the last point of the previous arc).
    mutating func ajouter(_ k: Int, inverse: Bool, a: inout [Contour.Point]) {
        let points = arc(k)
        if inverse {
            a.append(contentsOf: a.isEmpty ? points.reversed()[...] : points.reversed().dropFirst())
        } else {
            a.append(contentsOf: a.isEmpty ? points[...] : points.dropFirst())
        }
    }

    /// Appends arc `k` in tenths of the reader's cadrage (backwards when `inverse`) to a ring
    /// in tenths, as `ajouter` does (its first point left out when it continues `a`), and
    /// leaving out each point that repeats the one before it (`Contour.ajouter`).
    mutating func ajouterDixiemes(_ k: Int, inverse: Bool, a: inout [Contour.Point]) {
        let points = arc(k)
        let suite = a.isEmpty ? 0 : 1
        if inverse {
            for p in points.reversed().dropFirst(suite) { Contour.ajouter(p, a: &a) }
        } else {
            for p in points.dropFirst(suite) { Contour.ajouter(p, a: &a) }
        }
    }

    /// The points of arc `k`, its block read up to it if not yet.
    private mutating func arc(_ k: Int) -> ArraySlice<Contour.Point> {
        let numero = k / Taille.arcsParBloc, rang = k % Taille.arcsParBloc
        let b: Int
        if let r = rangs[numero] {
            b = r
        } else {
            b = blocs.count
            var bloc = Bloc(octet: Section.arcs.offset + Octets.u32(Section.arcindex.offset + 4 * numero))
            // Room for the block's arcs at once: a border is read arc after arc, and the lists
            // grew from empty again and again for each block.
            bloc.debuts.reserveCapacity(Taille.arcsParBloc + 1)
            bloc.points.reserveCapacity(8 * Taille.arcsParBloc)
            blocs.append(bloc)
            rangs[numero] = b
        }
        if blocs[b].lus <= rang { LecteurArcs.lire(&blocs[b], jusqua: rang, cadrage: cadrage) }
        return blocs[b].points[blocs[b].debuts[rang] ..< blocs[b].debuts[rang + 1]]
    }

    /// Reads the block's arcs up to `rang` included.
    private static func lire(_ b: inout Bloc, jusqua rang: Int, cadrage: Cadrage?) {
        while b.lus <= rang {
            let n = Octets.varint(&b.octet)
            for _ in 0..<n {
                b.x += Octets.signed(&b.octet); b.y += Octets.signed(&b.octet)
                let p = Contour.Point(x: b.x, y: b.y)
                b.points.append(cadrage.map { $0.dixiemes(p) } ?? p)
            }
            b.debuts.append(b.points.count)
        }
    }
}
