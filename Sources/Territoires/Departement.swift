/// A département of the referential (the 101 of the COG: 96 metropolitan, Corsica's two
/// included, and five overseas).
public struct Departement: Sendable, Hashable, CustomStringConvertible {
    /// The record's number in DEPARTEMENTS (code order).
    let index: Int

    init(index: Int) { self.index = index }

    @inline(__always) var record: Int { Section.departements.offset + index * Taille.departement }

    /// Its code: `01`–`19`, `2A`, `2B`, `21`–`95`, `971`–`974`, `976`.
    public var code: String { Octets.ascii(record, 3) }

    /// Its name, without article (« Nord », « La Réunion » as INSEE writes it).
    public var nom: String { Octets.chaine(Octets.u32(record + 4)) }

    public var region: Region { Region(index: Octets.u8(record + 3)) }

    /// Its communes (COM only), in code order.
    public var communes: Communes {
        let first = Octets.u32(record + 12)
        return Communes(range: first ..< first + Octets.u16(record + 16))
    }

    /// The place of `commune` in `communes`; nil when it is not one of them.
    public func rang(_ commune: Commune) -> Int? {
        let r = commune.index - Octets.u32(record + 12)
        return r >= 0 && r < Octets.u16(record + 16) ? r : nil
    }

    /// The sum of its communes' populations municipales; nil where none is known (Mayotte).
    public var population: Int? {
        let v = Octets.u32(record + 8)
        return v == Octets.none32 ? nil : v
    }

    /// The plane its communes are drawn in: 0 for metropolitan France (Lambert-93), one of
    /// its own for each overseas département. Outlines of two planes never share a map.
    public var projection: Projection { Projection(index: Octets.u8(record + 18)) }

    /// Its outline: the borders of its communes that no other of its communes shares.
    public var contour: Contour? { Contour(geometrie: Octets.u32(record + 20), projection: projection) }

    public var description: String { "\(nom) (\(code))" }
}

/// A région of the COG (18).
public struct Region: Sendable, Hashable, CustomStringConvertible {
    let index: Int

    @inline(__always) var record: Int { Section.regions.offset + index * Taille.region }

    /// Its INSEE code (`32` Hauts-de-France).
    public var code: String { Octets.ascii(record, 2) }
    public var nom: String { Octets.chaine(Octets.u32(record + 4)) }
    public var description: String { "\(nom) (\(code))" }
}

/// The plane outlines are drawn in, in integer units of `metresParUnite`, y towards the
/// north: Lambert-93 (EPSG:2154) for metropolitan France, a local equirectangular projection
/// centred on each overseas département.
public struct Projection: Sendable, Hashable {
    let index: Int

    @inline(__always) var record: Int { Section.frames.offset + index * Taille.frame }

    /// True for Lambert-93, false for an overseas département's own plane.
    public var estLambert93: Bool { Octets.u32(record) == 0 }
    /// The size of a unit, in metres (the grid outlines were rounded to).
    public var metresParUnite: Int { Octets.u32(record + 4) }
    /// The centre of an equirectangular plane (longitude, latitude in degrees); nil for
    /// Lambert-93.
    public var centre: (longitude: Double, latitude: Double)? {
        if estLambert93 { return nil }
        return (Double(Octets.i32(record + 8)) / 1e6, Double(Octets.i32(record + 12)) / 1e6)
    }
}
