import Content
import Model
import Territoires

/// The rules of the 2020 framework (RULES.md, *The 2020 framework*), for conventions that
/// follow the circular Cnaf of 16 January 2020: its text is not at hand, what public sources
/// report of it is `CADRE-2020.md` — four to five years, a common core of fields plus one,
/// the Cej not renewed, the « bonus territoire » on the signatories' territory.
enum Cadre2020 {
    static let rules = [dureeCtg, dureeConseillee, socleChamps, transitionCej, bonusTerritoire]

    /// A period of one year at least and five at most: `fin` between the day before
    /// `debut` + 1 year and the day before `debut` + 5 years.
    static func dureeAdmise(du debut: Day, au fin: Day) -> Bool {
        fin >= debut.adding(years: 1).previous && fin <= debut.adding(years: 5).previous
    }

    // MARK: duree-ctg

    static let dureeCtg = Rule(.dureeCtg, convention: { c, _ in
        guard let p = c.periode, let debut = p.debut?.value, let fin = p.fin?.value, !dureeAdmise(du: debut, au: fin) else { return [] }
        let auPlusTot = debut.adding(years: 1).previous, auPlusTard = debut.adding(years: 5).previous
        let regle = "une CTG du cadre 2020 dure d'un à cinq ans (quatre ou cinq le plus souvent)"
        if fin < debut {
            return [Issue(p.location, "la période finit le \(Francais.date(fin)), avant de commencer le \(Francais.date(debut))\u{202F}; \(regle)\u{00A0}: avec ce début, elle finit entre le \(Francais.date(auPlusTot)) et le \(Francais.date(auPlusTard))")]
        }
        let borne = fin < auPlusTot ? "au plus tôt le \(Francais.date(auPlusTot))" : "au plus tard le \(Francais.date(auPlusTard))"
        return [Issue(p.location, "la période va du \(Francais.date(debut)) au \(Francais.date(fin)), soit \(Francais.duree(du: debut, au: fin))\u{202F}; \(regle)\u{00A0}: avec ce début, elle finit \(borne)")]
    })

    // MARK: duree-conseillee

    static let dureeConseillee = Rule(.dureeConseillee, convention: { c, _ in
        guard let p = c.periode, let debut = p.debut?.value, let fin = p.fin?.value, dureeAdmise(du: debut, au: fin) else { return [] }
        let quatre = debut.adding(years: 4).previous, cinq = debut.adding(years: 5).previous
        guard fin != quatre && fin != cinq else { return [] }
        return [Issue(p.location, "la période va du \(Francais.date(debut)) au \(Francais.date(fin)), soit \(Francais.duree(du: debut, au: fin))\u{202F}; une CTG du cadre 2020 couvre d'ordinaire quatre ou cinq années entières\u{00A0}: avec ce début, elle finirait le \(Francais.date(quatre)) ou le \(Francais.date(cinq))")]
    })

    // MARK: socle-champs

    static let socleChamps = Rule(.socleChamps, convention: { c, _ in
        guard !c.isInvalid("champs") else { return [] }
        let socle = Vocabulaire.socle2020
        let attendu = "une CTG du cadre 2020 couvre au moins le socle petite enfance, jeunesse et parentalité (\(Francais.valeurs(socle))) et au moins un autre champ (accès aux droits, logement, handicap, inclusion numérique…)"
        guard let champs = c.champs else {
            return [Issue(c.start, "la convention n'a pas de liste « champs »\u{202F}; \(attendu)")]
        }
        let ecrits = champs.value.map(\.value)
        let manquants = socle.filter { !ecrits.contains($0) }
        let autres = ecrits.filter { !socle.contains($0) }
        let constat: String
        // « ne contient pas « a », « b » ni « c » »: a negation lists with « ni ».
        let liste = manquants.count > 1
            ? manquants.dropLast().map(Francais.q).joined(separator: ", ") + " ni " + Francais.q(manquants[manquants.count - 1])
            : Francais.liste(manquants.map(Francais.q))
        switch (manquants.isEmpty, autres.isEmpty) {
        case (true, false): return []
        case (true, true): constat = "« champs » ne contient que le socle"
        case (false, false): constat = "« champs » ne contient pas \(liste)"
        case (false, true): constat = "« champs » ne contient pas \(liste), ni aucun autre champ"
        }
        return [Issue(champs.keyLocation, "\(constat)\u{202F}; \(attendu)")]
    })

    // MARK: transition-cej

    static let transitionCej = Rule(.transitionCej, convention: { c, _ in
        guard let debut = c.periode?.debut?.value else { return [] }
        var issues: [Issue] = []
        for e in c.conventionsExistantes?.value ?? [] where e.type?.value == "cej" {
            // Without a devenir, rationalisation says so: one defect, one finding.
            guard let fin = e.fin?.value, fin >= debut, let devenir = e.devenir?.value, devenir != .integre else { continue }
            let nom = e.intitule.map { " \(Francais.q($0.value))" } ?? ""
            issues.append(Issue(e.location, "le contrat enfance jeunesse\(nom) court jusqu'au \(Francais.date(fin)), au-delà du début de la convention (\(Francais.date(debut))), et son devenir est « \(devenir.rawValue) »\u{202F}; depuis 2020, un Cej n'est pas renouvelé\u{00A0}: la CTG et son bonus territoire prennent le relais (« devenir: integre »)"))
        }
        return issues
    })

    // MARK: bonus-territoire

    /// The communes of a convention's territory, as the referential knows them: nil when the
    /// territory cannot be checked (its code is unknown, malformed or still a placeholder:
    /// other rules say so).
    struct Perimetre {
        /// How the messages name the territory: « Roubaix (59512) », « des 95 communes de … ».
        let nom: String
        let contient: (String) -> Bool

        init?(_ c: Convention) {
            guard let t = c.territoire, let code = t.code?.value, !Repere.estACompleter(code) else { return nil }
            let listees = Set((t.communes?.value ?? []).map(\.value))
            switch t.type?.value {
            case .commune:
                guard let k = Referentiel.commune(code) else { return nil }
                nom = "\(k.nom) (\(code))"
                contient = { $0 == code || listees.contains($0) }
            case .epci:
                // The referential's members, and the communes the convention lists (an older
                // membership is taken as written; communes-epci compares the two).
                guard let e = ReglesTerritoires.epci(of: c) else { return nil }
                nom = "les \(e.membres.count) communes de \(Francais.q(e.nom))"
                let siren = e.siren
                contient = { listees.contains($0) || Referentiel.commune($0)?.epci?.siren == siren }
            case .departement:
                guard let d = Referentiel.departement(code) else { return nil }
                nom = "le département \(d.nom) (\(code))"
                contient = { Referentiel.commune($0)?.departement == code }
            case nil:
                return nil
            }
        }
    }

    static let bonusTerritoire = Rule(.bonusTerritoire, convention: { c, ctx in
        guard let bonus = c.bonusTerritoire?.value, !bonus.isEmpty else { return [] }
        let perimetre = Perimetre(c)
        let periode = ctx.periode(of: c)
        var issues: [Issue] = []
        for (i, b) in bonus.enumerated() {
            let nom = b.nom.map { Francais.q($0.value) } ?? "n° \(i + 1)"
            let quoi = "le bonus territoire \(nom)\(b.type.map { " (\($0.value.sigle))" } ?? "")"
            // A malformed or unknown code is code-territoire's or code-inconnu's.
            if let v = b.commune, let perimetre, ReglesTerritoires.aVerifier(v, commune: true), let k = Referentiel.commune(v.value) {
                // A commune déléguée or associée (code-ancien) lies where its commune lies.
                let commune = k.parent ?? k
                if !perimetre.contient(v.value) && !perimetre.contient(commune.code) {
                    issues.append(Issue(v.location, "\(quoi) est à \(commune.nom) (\(commune.code)), hors du territoire de la convention, \(perimetre.nom)\u{202F}; le bonus territoire finance des équipements du territoire signataire"))
                }
            }
            if let d = b.debut, let periode, d.value < periode.debut || d.value > periode.fin {
                let bord = d.value < periode.debut ? "avant le début de la période (\(Francais.date(periode.debut)))" : "après la fin de la période (\(Francais.date(periode.fin)))"
                issues.append(Issue(d.location, "\(quoi) commence le \(Francais.date(d.value)), \(bord)\u{202F}; il est versé pendant la convention"))
            }
        }
        return issues
    })
}
