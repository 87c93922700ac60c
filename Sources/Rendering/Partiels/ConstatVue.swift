import Model

/// One finding as `partials/constats` shows it, readable without colour: icon, « Erreur » or
/// « Avertissement », rule, message, place, and a link to the element at fault when it has one.
struct ConstatVue: Vue {
    var gravite: String
    var libelleGravite: String
    var icone: String
    var regle: String
    var message: String
    var emplacement: String
    var colonne: Int
    /// Stops the lookup: a finding without a link never takes its group's.
    var url: Optionnel<String>
}

extension PageFrame {
    func constatVue(_ f: Finding, url: String? = nil) -> ConstatVue {
        let erreur = f.severity == .error
        return ConstatVue(
            gravite: erreur ? "erreur" : "avertissement",
            libelleGravite: erreur ? "Erreur" : "Avertissement",
            icone: erreur ? "✖" : "⚠",
            regle: f.rule.rawValue,
            message: Format.typographie(f.message),
            emplacement: "\(f.location.file):\(f.location.line)",
            colonne: f.location.column,
            url: Optionnel(url))
    }

    /// The findings of a block, for `{{#constats}}{{>partials/constats}}{{/constats}}`.
    func constatsVue(_ fs: [Finding]) -> Liste<ConstatVue> { Liste(fs.map { constatVue($0) }) }
}
