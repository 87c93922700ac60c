import Content
import Model
import Territoires

/// The rules that check a convention's territory against the official referential
/// (RULES.md, *Territories*; FORMAT.md §3): `code-inconnu`, `code-ancien`, `nom-territoire`,
/// `communes-epci`. A code these rules read is well formed (`code-territoire` says when it is
/// not, once); a placeholder of `ctg new` is `a-completer`'s.
enum ReglesTerritoires {
    static let rules: [Rule] = [codeInconnu, codeAncien, nomTerritoire, communesEpci]

    /// Names and memberships are the COG's of 1 January 2025: a convention that ended before
    /// is checked against its own territory as written (the Métropole européenne de Lille
    /// had fewer communes in 2015).
    static let dateReferentiel = Day(year: 2025, month: 1, day: 1)!

    static func suitLeReferentiel(_ c: Convention) -> Bool {
        guard let fin = c.periode?.fin?.value else { return false }
        return fin >= dateReferentiel
    }

    /// A code to look up: well formed, and not a placeholder.
    static func aVerifier(_ v: Located<String>, commune: Bool) -> Bool {
        guard !Repere.estACompleter(v.value) else { return false }
        return commune ? Codes.communeProblem(v.value) == nil : Codes.sirenProblem(v.value) == nil
    }

    /// The EPCI of a convention's territory, when its SIREN is known to the referential.
    static func epci(of c: Convention) -> EPCI? {
        guard c.territoire?.type?.value == .epci, let code = c.territoire?.code?.value else { return nil }
        return Referentiel.epci(code)
    }

    // MARK: code-inconnu

    static let codeInconnu = Rule(.codeInconnu, convention: { c, _ in
        var issues: [Issue] = []
        guard let t = c.territoire else { return issues }
        let nom = t.nom?.value
        func commune(_ v: Located<String>, key: String, aide: Bool) {
            guard aVerifier(v, commune: true), Referentiel.commune(v.value) == nil else { return }
            issues.append(Issue(v.location, "« \(key) »\u{00A0}: aucune commune n'a le code Insee « \(v.value) » dans le Code officiel géographique au 1er\u{00A0}janvier 2025\(aideCommune(v.value, nom: aide ? nom : nil, departement: t.departement?.value))"))
        }
        func epci(_ v: Located<String>, key: String, aide: Bool) {
            guard aVerifier(v, commune: false), Referentiel.epci(v.value) == nil else { return }
            var phrase = "« \(key) »\u{00A0}: aucun EPCI n'a le SIREN « \(v.value) » dans le Code officiel géographique au 1er\u{00A0}janvier 2025"
            if aide, let nom, let proche = Referentiel.plusProche(nom: nom, epci: true, departement: t.departement?.value) {
                phrase += "\u{202F}; l'EPCI dont le nom est le plus proche de « \(nom) » est « \(proche.nom) », SIREN \(proche.code)"
            }
            issues.append(Issue(v.location, phrase))
        }
        if let code = t.code {
            switch t.type?.value {
            case .commune: commune(code, key: "territoire.code", aide: true)
            case .epci: epci(code, key: "territoire.code", aide: true)
            case .departement, nil: break   // every well-formed département code exists
            }
        }
        for v in t.communes?.value ?? [] { commune(v, key: "territoire.communes", aide: false) }
        for s in c.signataires?.value ?? [] {
            guard let code = s.code else { continue }
            let key = "code" + (s.nom.map { " » du signataire « \($0.value)" } ?? "")
            switch s.type?.value {
            case .commune: commune(code, key: key, aide: false)
            case .epci: epci(code, key: key, aide: false)
            default: break
            }
        }
        for b in c.bonusTerritoire?.value ?? [] {
            if let code = b.commune { commune(code, key: cleBonus(b), aide: false) }
        }
        return issues
    })

    /// How messages name a bonus's commune: « commune » du bonus « Multi-accueil… ».
    static func cleBonus(_ b: BonusTerritoire) -> String {
        "commune" + (b.nom.map { " » du bonus « \($0.value)" } ?? "")
    }

    /// The help of an unknown commune code: a postal code gives the communes it serves; else
    /// the commune whose official name is closest to the territory's name.
    static func aideCommune(_ code: String, nom: String?, departement: String?) -> String {
        let postales = Referentiel.communes(codePostal: code)
        if let premiere = postales.first {
            if postales.count == 1 {
                return "\u{202F}; \(code) est un code postal \(Francais.de(premiere.nom))\u{202F}; son code Insee est \(premiere.code)"
            }
            let liste = postales.prefix(5).map { "\($0.nom) (\($0.code))" }.joined(separator: ", ")
            return "\u{202F}; \(code) est un code postal, celui \(Francais.de(liste))\(postales.count > 5 ? "…" : "")\u{202F}: écrivez le code Insee de la commune"
        }
        if let nom, let proche = Referentiel.plusProche(nom: nom, epci: false, departement: departement) {
            return "\u{202F}; la commune dont le nom est le plus proche de « \(nom) » est « \(proche.nom) », code Insee \(proche.code)"
        }
        return ""
    }

    // MARK: code-ancien

    static let codeAncien = Rule(.codeAncien, convention: { c, _ in
        var issues: [Issue] = []
        guard let t = c.territoire else { return issues }
        func commune(_ v: Located<String>, key: String) {
            guard aVerifier(v, commune: true), let k = Referentiel.commune(v.value), let parent = k.parent else { return }
            let genre: String
            switch k.kind {
            case .deleguee: genre = "commune déléguée de"
            case .associee: genre = "commune associée à"
            case .commune, .arrondissement: return   // a current code, or a part of Paris, Lyon, Marseille
            }
            issues.append(Issue(v.location, "« \(key) »\u{00A0}: « \(v.value) » est le code de \(k.nom), \(genre) \(parent.nom)\u{202F}; le code Insee de la commune est \(parent.code)"))
        }
        if let code = t.code, t.type?.value == .commune { commune(code, key: "territoire.code") }
        for v in t.communes?.value ?? [] { commune(v, key: "territoire.communes") }
        for s in c.signataires?.value ?? [] where s.type?.value == .commune {
            if let code = s.code { commune(code, key: "code" + (s.nom.map { " » du signataire « \($0.value)" } ?? "")) }
        }
        for b in c.bonusTerritoire?.value ?? [] {
            if let code = b.commune { commune(code, key: cleBonus(b)) }
        }
        return issues
    })

    // MARK: nom-territoire

    static let nomTerritoire = Rule(.nomTerritoire, convention: { c, _ in
        guard suitLeReferentiel(c), let t = c.territoire, let nom = t.nom, let code = t.code?.value,
              !Repere.estACompleter(nom.value) else { return [] }
        let officiel: String
        let estEpci: Bool
        switch t.type?.value {
        case .commune:
            guard let k = Referentiel.commune(code), k.kind == .commune else { return [] }
            (officiel, estEpci) = (k.nom, false)
        case .epci:
            guard let e = Referentiel.epci(code) else { return [] }
            (officiel, estEpci) = (e.nom, true)
        case .departement:
            guard let d = Referentiel.departement(code) else { return [] }
            (officiel, estEpci) = (d.nom, false)
        case nil:
            return []
        }
        guard Referentiel.motsDuNom(nom.value, epci: estEpci) != Referentiel.motsDuNom(officiel, epci: estEpci) else { return [] }
        return [Issue(nom.location, "« territoire.nom » vaut « \(nom.value) », mais le nom officiel du code « \(code) » est « \(officiel) »\u{202F}: vérifiez le code, ou écrivez « nom: \(officiel) »")]
    })

    // MARK: communes-epci

    static let communesEpci = Rule(.communesEpci, convention: { c, _ in
        guard suitLeReferentiel(c), let listees = c.territoire?.communes, let e = epci(of: c) else { return [] }
        let membres = e.membres
        let codesMembres = Set(membres.map(\.code))
        let codesListes = Set(listees.value.map(\.value))
        let manquantes = membres.filter { !codesListes.contains($0.code) }
        let enTrop = listees.value.map(\.value).filter { !codesMembres.contains($0) && !Repere.estACompleter($0) }
        guard !manquantes.isEmpty || !enTrop.isEmpty else { return [] }
        func nomme(_ codes: [String]) -> String {
            codes.prefix(5).map { code in Referentiel.commune(code).map { "\($0.nom) (\(code))" } ?? code }.joined(separator: ", ")
                + (codes.count > 5 ? " et \(codes.count - 5) autre\(codes.count - 5 > 1 ? "s" : "")" : "")
        }
        var parts: [String] = []
        if !manquantes.isEmpty { parts.append("\(manquantes.count) membre\(manquantes.count > 1 ? "s" : "") n'\(manquantes.count > 1 ? "y sont" : "y est") pas\u{00A0}: \(nomme(manquantes.map(\.code)))") }
        if !enTrop.isEmpty { parts.append("\(enTrop.count) commune\(enTrop.count > 1 ? "s" : "") n'\(enTrop.count > 1 ? "en sont" : "en est") pas membre\(enTrop.count > 1 ? "s" : "")\u{00A0}: \(nomme(enTrop))") }
        return [Issue(listees.location, "« territoire.communes » ne sont pas les \(membres.count) communes membres de « \(e.nom) » au 1er\u{00A0}janvier 2025\u{202F}; \(parts.joined(separator: "\u{202F}; ")) (sans « communes », ses membres sont pris)")]
    })
}
