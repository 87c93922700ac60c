import Model
import Reports

/// The mark of a table cell whose value changed since ANCIEN (`partials/modifie`, with
/// `--depuis` only): a word in a badge, not a colour alone, its meaning for screen readers,
/// and the old value when there was one.
struct MarqueVue: Vue {
    /// « modifié », « nouvelle », « retiré »: agreeing with what the cell holds.
    var mot: String
    /// « depuis le 31 mars 2016 ».
    var depuis: String
    /// What the cell showed before: « 905 », « 850 en 2013 », « 1er septembre 2016 ».
    var ancienne: String?
}

/// One convention's changes since ANCIEN, looked up by the cell of the objectifs-résultats
/// and actions tables they concern: by indicator or action id, and by year for a series.
struct MarquesConvention {
    /// « depuis le 31 mars 2016 ».
    let depuis: String
    let changements: [Changement]

    enum Genre { case masculin, feminin }

    /// The reference of indicator `id`.
    func reference(_ id: String) -> MarqueVue? {
        changements.first { $0.type == .referenceModifiee && $0.indicateur == id }.map { marque($0, .feminin, affiche: true) }
    }

    /// The final target of indicator `id`, shown for year `annee` (nil: none shown).
    func cible(_ id: String, annee: Int?) -> MarqueVue? {
        serie(id, [.cibleModifiee], annee: annee, .feminin)
    }

    /// The last result of indicator `id`, shown for year `annee` (nil: none shown).
    func dernier(_ id: String, annee: Int?) -> MarqueVue? {
        serie(id, [.resultatAjoute, .resultatModifie], annee: annee, .masculin)
    }

    /// The état of indicator `id`.
    func etat(_ id: String) -> MarqueVue? {
        changements.first { $0.type == .etatModifie && $0.indicateur == id }.map { marque($0, .masculin, affiche: true) }
    }

    /// A cell of action `id`'s row: its état, échéance or budget (`type`), `affiche` when the
    /// cell shows a value now.
    func action(_ id: String, _ type: TypeChangement, affiche: Bool) -> MarqueVue? {
        let genre: Genre = type == .echeanceModifiee ? .feminin : .masculin
        return changements.first { $0.type == type && $0.action == id }.map { marque($0, genre, affiche: affiche) }
    }

    /// The cell of a series that shows its value of year `annee`: marked by a change of that
    /// year, or by a later value removed (the cell showed it before); a cell that shows none
    /// by the latest value removed.
    private func serie(_ id: String, _ types: [TypeChangement], annee: Int?, _ genre: Genre) -> MarqueVue? {
        let leurs = changements.filter { types.contains($0.type) && $0.indicateur == id }
        let c: Changement?
        if let annee {
            c = leurs.first { $0.annee == annee } ?? leurs.last { ($0.annee ?? Int.min) > annee && $0.apres == nil }
        } else {
            c = leurs.last { $0.apres == nil }
        }
        guard let c else { return nil }
        var m = marque(c, genre, affiche: annee != nil)
        if let a = m.ancienne, let y = c.annee, y != annee { m.ancienne = "\(a) en \(y)" }
        return m
    }

    private func marque(_ c: Changement, _ genre: Genre, affiche: Bool) -> MarqueVue {
        let f = genre == .feminin ? "e" : ""
        let mot = c.avant == nil ? (genre == .feminin ? "nouvelle" : "nouveau") : affiche ? "modifié" + f : "retiré" + f
        return MarqueVue(mot: mot, depuis: depuis, ancienne: Evolutions.ancienneValeur(c))
    }
}

extension SiteMap {
    /// The marks of entry `k`'s tables; nil without `--depuis` or without a change.
    func marques(entry k: Int) -> MarquesConvention? {
        guard options.evolutions != nil, let cs = changementsParConvention[entries[k].id], !cs.isEmpty else { return nil }
        return MarquesConvention(depuis: "depuis " + depuisTexte, changements: cs)
    }
}
