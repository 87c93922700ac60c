/// An EPCI à fiscalité propre (communauté de communes CC, d'agglomération CA, urbaine CU,
/// métropole ME), known by its SIREN.
public struct EPCI: Sendable, Hashable, CustomStringConvertible {
    /// The record's number in EPCI (SIREN order).
    let index: Int

    init(index: Int) { self.index = index }

    @inline(__always) var record: Int { Section.epci.offset + index * Taille.epci }

    /// Its SIREN, nine digits.
    public var siren: String {
        let v = Octets.u32(record)
        let s = String(v)
        return String(repeating: "0", count: max(0, 9 - s.count)) + s
    }

    /// Its official name (« Métropole Européenne de Lille »).
    public var nom: String { Octets.chaine(Octets.u32(record + 4)) }

    /// Its legal form as the data write it: `CC`, `CA`, `CU` or `ME` (métropole).
    public var type: String { Octets.ascii(record + 8, 4) }

    /// Its member communes, in code order (some EPCI span two départements).
    public var membres: Communes { Communes(liste: Octets.u32(record + 12), count: Octets.u16(record + 16)) }

    /// The sum of its members' populations municipales.
    public var population: Int? {
        let v = Octets.u32(record + 20)
        return v == Octets.none32 ? nil : v
    }

    /// Its outline: the borders of its members that no other member shares (in the plane of
    /// its members' départements).
    public var contour: Contour? {
        guard let premier = membres.first else { return nil }
        return Contour(geometrie: Octets.u32(record + 24), projection: Departement(index: Octets.u8(premier.record + 6)).projection)
    }

    public var description: String { "\(nom) (\(siren))" }
}
