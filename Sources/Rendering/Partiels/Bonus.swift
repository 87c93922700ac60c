import Model
import Reports
import Territoires

/// The bonus territoire as a table (`partials/bonus`): one row per funded service, then its
/// totals by type. On a dashboard (its convention's services) and on a département page (the
/// services of its conventions in force, each row naming its convention).
struct BonusVue: Vue {
    var captionId: String
    var legende: String
    /// True on a département page: each row names its convention.
    var avecConvention: Bool
    var lignes: [Ligne]
    var totaux: [Total]
    var constats: Liste<ConstatVue>
    /// No service to list (only findings about the block): no table.
    var vide: Bool

    struct Ligne: Vue {
        /// The row's convention (département page only). Not `convention`: the dashboard's
        /// view has one, which a nil here would let the lookup find.
        var lienConvention: Lien?
        var type: String
        var typeLibelle: String
        var equipement: String
        var commune: String?
        var places: String?
        var depuis: String?
        var depuisIso: String?
    }

    struct Total: Vue {
        var type: String
        var typeLibelle: String
        var equipements: String
        var places: String
    }

    /// The rows of `c`'s services; `lien` names the convention on each (département page).
    static func lignes(_ c: Convention, lien: Lien? = nil) -> [Ligne] {
        (c.bonusTerritoire?.value ?? []).map { b in
            let type = b.type?.value
            let commune = b.commune.map { v in Referentiel.commune(v.value).map { "\($0.nom) (\(v.value))" } ?? v.value }
            return Ligne(lienConvention: lien, type: type?.sigle ?? "non précisé", typeLibelle: type?.libelle ?? "type non précisé",
                         equipement: b.nom?.value ?? "(sans nom)", commune: commune,
                         places: b.places.map { Format.entier($0.value) }, depuis: b.debut.map { Format.date($0.value) },
                         depuisIso: b.debut?.value.iso)
        }
    }

    /// Totals by type, in the order of the list of types.
    static func totaux(_ parType: [TotalBonus]) -> [Total] {
        parType.map { t in
            Total(type: t.type.sigle, typeLibelle: t.type.libelle, equipements: Format.pluriel(t.equipements, "équipement"),
                  places: t.places > 0 ? Format.pluriel(t.places, "place") : "sans objet")
        }
    }

    /// Sums of several conventions' totals, by type.
    static func somme(_ listes: [[TotalBonus]]) -> [TotalBonus] {
        var parType: [TypeBonus: TotalBonus] = [:]
        for t in listes.joined() {
            parType[t.type, default: TotalBonus(type: t.type, equipements: 0, places: 0)].equipements += t.equipements
            parType[t.type]?.places += t.places
        }
        return TypeBonus.allCases.compactMap { parType[$0] }
    }
}
