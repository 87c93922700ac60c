import Content
import Model

/// Shared diagnostic (§ 2e partie 2): "Chaque Ctg est obligatoirement et systématiquement
/// adossée à un diagnostic partagé des besoins du territoire." Its content follows the
/// introduction of the 2e partie: the needs of the public and of the territory.
enum DiagnosticPartage {
    static let rules = [diagnosticPartage, besoinsTerritoire]

    /// No `diagnostic`, no `diagnostic.date`, or fewer than two `partenaires` (shared means
    /// at least the Caf and one other).
    static let diagnosticPartage = Rule(.diagnosticPartage, convention: { c, _ in
        guard let d = c.diagnostic else {
            if c.isInvalid("diagnostic") { return [] }
            return [Issue(c.start, "la clé « diagnostic » est absente : chaque CTG s'appuie sur un diagnostic partagé des besoins du territoire (au moins « date » et « partenaires »)")]
        }
        var faults: [String] = []
        if d.date == nil && !c.isInvalid("diagnostic.date") {
            faults.append("sa date (« date »)")
        }
        if !c.isInvalid("diagnostic.partenaires") {
            let names = Set((d.partenaires?.value ?? []).map(\.value).filter { !$0.isEmpty })
            if names.count < 2 {
                faults.append(names.isEmpty ? "ses partenaires (« partenaires », au moins deux)"
                                            : "un deuxième partenaire (« partenaires » n'en nomme qu'un)")
            }
        }
        guard !faults.isEmpty else { return [] }
        return [Issue(d.location, "il manque au diagnostic \(Francais.liste(faults)) : un diagnostic partagé est daté et mené avec au moins deux partenaires")]
    })

    /// A `diagnostic` whose `besoins` or `type_territoire` is missing or empty.
    static let besoinsTerritoire = Rule(.besoinsTerritoire, convention: { c, _ in
        guard let d = c.diagnostic else { return [] }
        var faults: [String] = []
        if (d.besoins?.value ?? []).isEmpty && !c.isInvalid("diagnostic.besoins") {
            faults.append("les besoins du public (« besoins »)")
        }
        if (d.typeTerritoire?.value ?? []).isEmpty && !c.isInvalid("diagnostic.type_territoire") {
            faults.append("les besoins du territoire (« type_territoire »)")
        }
        guard !faults.isEmpty else { return [] }
        return [Issue(d.location, "le diagnostic ne dit pas \(Francais.liste(faults)) : la convention doit être adaptée aux besoins du public et à ceux du territoire")]
    })
}
