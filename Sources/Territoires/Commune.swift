/// A commune of the referential (INSEE COG), or a commune déléguée, associée or an
/// arrondissement municipal with the commune it belongs to.
///
/// A handle on a record of the embedded file: copying it copies an index, and each property
/// reads its field in place, so a rule may look up thousands of codes without allocating.
public struct Commune: Sendable, Hashable, CustomStringConvertible {
    /// What the code names in the COG (its `TYPECOM`).
    public enum Kind: Sendable, Hashable {
        /// A commune (COM): a current code.
        case commune
        /// A commune déléguée (COMD) of a commune nouvelle: its code is no longer a commune's.
        case deleguee
        /// A commune associée (COMA), merged into another commune.
        case associee
        /// An arrondissement municipal (ARM) of Paris, Lyon or Marseille.
        case arrondissement
    }

    /// The record's number in COMMUNES (the communes, COM, come first).
    let index: Int

    init(index: Int) { self.index = index }

    @inline(__always) var record: Int { Section.communes.offset + index * Taille.commune }

    /// The INSEE code, five characters (`59512`, `2A004`).
    public var code: String { Octets.ascii(record, 5) }

    /// The official name, with its article (« Le Havre », « L'Abergement-Clémenciat »).
    public var nom: String { Octets.chaine(Octets.u32(record + 8)) }

    public var kind: Kind {
        switch Octets.u8(record + 5) {
        case 0: return .commune
        case 1: return .deleguee
        case 2: return .associee
        default: return .arrondissement
        }
    }

    /// The population municipale (INSEE, populations légales, at the COG's geography); nil
    /// where the data have none (the communes of Mayotte).
    public var population: Int? {
        let v = Octets.u32(record + 12)
        return v == Octets.none32 ? nil : v
    }

    /// The code of its département (that of its commune for a déléguée, associée or
    /// arrondissement).
    public var departement: String { Departement(index: Octets.u8(record + 6)).code }

    /// The commune a déléguée, associée or arrondissement belongs to (the one whose code a
    /// convention should now use); nil for a commune.
    public var parent: Commune? {
        let p = Octets.u16(record + 16)
        return p == Octets.none16 ? nil : Commune(index: p)
    }

    /// The EPCI à fiscalité propre the commune is a member of; nil for the four island
    /// communes that belong to none, and for a déléguée, associée or arrondissement (ask its
    /// `parent`).
    public var epci: EPCI? {
        let e = Octets.u16(record + 18)
        return e == Octets.none16 ? nil : EPCI(index: e)
    }

    /// Its simplified outline, in the plane of its département (communes only; nil for the
    /// few communes the data give no outline for).
    public var contour: Contour? {
        var arcs = LecteurArcs()
        return contour(arcs: &arcs)
    }

    func contour(arcs: inout LecteurArcs) -> Contour? {
        Contour(geometrie: geometrie, projection: Departement(index: Octets.u8(record + 6)).projection, arcs: &arcs)
    }

    /// Where its outline is stored in GEOMETRY (`Octets.none32` for none).
    var geometrie: Int { Octets.u32(record + 20) }

    public var description: String { "\(nom) (\(code))" }
}

/// Communes of the referential as a collection read in place: a range of records (all
/// communes, those of a département) or a list of the file (an EPCI's members, a postal
/// code's communes), in code order. `Array(_:)` makes an array of it when needed.
public struct Communes: RandomAccessCollection, Sendable, Hashable {
    /// A range of COMMUNES records, or (when `liste` is true) of LISTS items.
    let debut: Int, fin: Int, liste: Bool

    init(range: Range<Int>) { debut = range.lowerBound; fin = range.upperBound; liste = false }
    init(liste offset: Int, count: Int) { debut = offset; fin = offset + count; liste = true }

    public var startIndex: Int { 0 }
    public var endIndex: Int { fin - debut }

    public subscript(position: Int) -> Commune {
        precondition(position >= 0 && position < fin - debut, "index hors de la liste")
        if !liste { return Commune(index: debut + position) }
        return Commune(index: Octets.u16(Section.lists.offset + 2 * (debut + position)))
    }

    /// The total population municipale of these communes; nil when none has one.
    public var population: Int? {
        var total = 0, connue = false
        for c in self { if let p = c.population { total += p; connue = true } }
        return connue ? total : nil
    }
}
