import Content
import Model

/// What the convention displays and rationalises (RULES.md, last table): the means the
/// Caf deploys (§ 2e partie 1: "un vecteur d'affichage des priorités institutionnelles et des
/// moyens financiers déployés par les Caf sur les territoires concernés, tant au titre des
/// prestations légales que des interventions sociales"), the existing contracts it
/// rationalises (§ 2e partie 3), the thematic schemes it articulates (§ 1re partie 3) and
/// its "pilotage resserré" (§ 1re partie 2).
enum Engagements {
    static let rules = [moyensAffiches, rationalisation, schemasArticulation, gouvernance]

    // MARK: moyens-affiches

    static let moyensAffiches = Rule(.moyensAffiches, convention: { c, ctx in
        let pourquoi = "la convention affiche, année par année, les moyens que la Caf déploie sur le territoire au titre des prestations légales et de l'action sociale"
        guard let moyens = c.moyens else {
            if c.isInvalid("moyens") { return [] }
            return [Issue(c.start, "la clé « moyens » est absente : \(pourquoi)")]
        }
        if moyens.value.isEmpty {
            if c.hasUnreadableItem(in: "moyens") { return [] }
            return [Issue(moyens.keyLocation, "la liste « moyens » est vide : \(pourquoi)")]
        }
        let periode = ctx.periode(of: c)
        var issues: [Issue] = []
        for row in moyens.value {
            var manque: [String] = []
            if row.prestationsLegales == nil && !c.isInvalid(row.path + ".prestations_legales") {
                manque.append("des prestations légales (« prestations_legales »)")
            }
            if row.actionSociale == nil && !c.isInvalid(row.path + ".action_sociale") {
                manque.append("de l'action sociale (« action_sociale »)")
            }
            var constat: [String] = []
            if row.annee == nil && !c.isInvalid(row.path + ".annee") {
                constat.append("la ligne ne dit pas son année (« annee »)")
            }
            if let y = row.annee?.value, let (debut, fin) = periode.map({ ($0.debut.year, $0.fin.year) }), y < debut || y > fin {
                constat.append("l'année \(y) est hors de la période de la convention (\(debut) à \(fin))")
            }
            if !manque.isEmpty {
                let annee = constat.isEmpty ? (row.annee.map { "pour \($0.value), " } ?? "") : ""
                constat.append("\(annee)il manque le montant \(Francais.liste(manque))")
            }
            guard !constat.isEmpty else { continue }
            issues.append(Issue(row.location, "\(Francais.liste(constat)) : \(pourquoi)"))
        }
        return issues
    })

    // MARK: rationalisation

    static let rationalisation = Rule(.rationalisation, convention: { c, _ in
        var issues: [Issue] = []
        for e in c.conventionsExistantes?.value ?? [] where e.devenir == nil && !c.isInvalid(e.path + ".devenir") {
            let quoi = e.intitule.map { "la convention existante \(Francais.q($0.value))" } ?? "cette convention existante"
            issues.append(Issue(e.location, "\(quoi) ne dit pas ce qu'elle devient (« devenir » : « integre », « maintenu » ou « echu ») : la CTG rationalise les conventions existantes du territoire"))
        }
        return issues
    })

    // MARK: schemas-articulation

    static let schemasArticulation = Rule(.schemasArticulation, convention: { c, _ in
        let pourquoi = "la convention dit avec quels schémas thématiques elle s'articule (par exemple « schemas: [sdsf] », ou « autre »)"
        guard let s = c.schemas else {
            if c.isInvalid("schemas") { return [] }
            return [Issue(c.start, "la clé « schemas » est absente : \(pourquoi)")]
        }
        guard s.value.isEmpty else { return [] }
        return [Issue(s.keyLocation, "la liste « schemas » est vide : \(pourquoi)")]
    })

    // MARK: gouvernance

    static let gouvernance = Rule(.gouvernance, convention: { c, _ in
        let pourquoi = "la démarche s'appuie sur un pilotage resserré : nommez les membres du comité de pilotage (« gouvernance: comite_pilotage: [...] »)"
        guard let g = c.gouvernance else {
            if c.isInvalid("gouvernance") { return [] }
            return [Issue(c.start, "la clé « gouvernance » est absente : \(pourquoi)")]
        }
        guard (g.comitePilotage?.value ?? []).isEmpty, !c.isInvalid("gouvernance.comite_pilotage") else { return [] }
        return [Issue(g.location, "la gouvernance ne nomme pas de comité de pilotage (« comite_pilotage ») : \(pourquoi)")]
    })
}
