import Model

extension Reports {
    /// The framework `c` follows (FORMAT.md §3, *Framework*): its `cadre`, else `site`'s
    /// (`site.yml`), else `cnaf-2020` when `periode.debut` is on or after 1 January 2020 and
    /// `cnaf-2013` before, or when `periode.debut` is missing or unreadable.
    public static func cadre(of c: Convention, site: Cadre?) -> Cadre {
        if let written = c.cadre?.value { return written }
        if let site { return site }
        guard let debut = c.periode?.debut?.value else { return .cnaf2013 }
        return debut >= Cadre.debut2020 ? .cnaf2020 : .cnaf2013
    }

    /// The bonus territoire of `c`, summed by type: how many services and places, in the
    /// order of the list of types; types without a service are left out.
    public static func totauxBonus(_ c: Convention) -> [TotalBonus] {
        var parType: [TypeBonus: TotalBonus] = [:]
        for b in c.bonusTerritoire?.value ?? [] {
            guard let t = b.type?.value else { continue }
            parType[t, default: TotalBonus(type: t, equipements: 0, places: 0)].add(b)
        }
        return TypeBonus.allCases.compactMap { parType[$0] }
    }
}

/// The services of one type of bonus territoire in a convention, and their places.
public struct TotalBonus: Sendable, Hashable {
    public var type: TypeBonus
    /// The number of services (entries of `bonus_territoire`).
    public var equipements: Int
    /// The sum of their `places` (those that give none count for nothing).
    public var places: Int

    public init(type: TypeBonus, equipements: Int, places: Int) {
        self.type = type
        self.equipements = equipements
        self.places = places
    }

    mutating func add(_ b: BonusTerritoire) {
        equipements += 1
        places += b.places?.value ?? 0
    }
}
