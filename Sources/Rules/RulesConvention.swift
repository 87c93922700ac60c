import Content
import Model

/// The convention (RULES.md, "§ 2e partie, introduction"): "la Ctg se concrétise par la
/// signature d'un accord cadre politique entre la Caf et une ou plusieurs collectivités
/// territoriales, sur une période pluriannuelle de quatre ans : le conseil général à
/// l'échelon départemental ; et/ou la commune ou la communauté de communes à l'échelon
/// local." The board's part and the two échelons come from § 1re partie 2.
enum RulesConvention {
    static let rules = [signataires, echelonCoherent, dureeQuatreAns, chronologie, deliberationCA,
                        CodeTerritoire.rule, chevauchement, accordCadreCoherent]

    static let collectivites: Set<SignataireType> = [.departement, .commune, .epci]

    /// Types of the signataires (empty when the key is absent), or nil when one of them
    /// could not be read or has no type: the loader reported that, and one defect is one finding.
    static func signataireTypes(_ c: Convention) -> Set<SignataireType>? {
        if c.isInvalid("signataires") { return nil }
        if c.invalidKeys.contains(where: { $0.hasPrefix("signataires[") && ($0.hasSuffix("]") || $0.hasSuffix(".type")) }) { return nil }
        let list = c.signataires?.value ?? []
        if list.contains(where: { $0.type == nil }) { return nil }
        return Set(list.compactMap { $0.type?.value })
    }

    /// The échelon, when the territory agrees with it: when it does not, echelon-coherent
    /// says so, and rules that depend on the échelon stay silent.
    static func echelonFiable(_ c: Convention) -> Echelon? {
        guard let e = c.echelon?.value else { return nil }
        guard let t = c.territoire?.type?.value else { return e }
        return (e == .departemental) == (t == .departement) ? e : nil
    }

    // MARK: signataires-caf-collectivite

    static let signataires = Rule(.signatairesCafCollectivite, convention: { c, _ in
        guard let types = signataireTypes(c) else { return [] }
        let caf = types.contains(.caf), collectivite = !types.isDisjoint(with: collectivites)
        if caf && collectivite { return [] }
        let constat: String
        if c.signataires?.value.isEmpty ?? true {
            constat = c.signataires == nil ? "la clé « signataires » est absente" : "la liste « signataires » est vide"
        } else if !caf && !collectivite {
            constat = "ni la Caf (type « caf ») ni une collectivité territoriale (type « departement », « commune » ou « epci ») ne figure parmi les signataires"
        } else if !caf {
            constat = "la Caf (type « caf ») ne figure pas parmi les signataires"
        } else {
            constat = "aucune collectivité territoriale (type « departement », « commune » ou « epci ») ne figure parmi les signataires"
        }
        return [Issue(c.signataires?.keyLocation ?? c.start, "\(constat) : une CTG est signée par la Caf et une ou plusieurs collectivités territoriales")]
    })

    // MARK: echelon-coherent

    static let echelonCoherent = Rule(.echelonCoherent, convention: { c, _ in
        guard let e = c.echelon else { return [] }
        let wanted: Set<TerritoireType> = e.value == .departemental ? [.departement] : [.commune, .epci]
        let wantedSig: Set<SignataireType> = e.value == .departemental ? [.departement] : [.commune, .epci]
        let words = e.value == .departemental ? "« departement »" : "« commune » ou « epci »"
        var faults: [String] = []
        if let t = c.territoire?.type?.value, !wanted.contains(t) {
            faults.append("le territoire est de type « \(t.rawValue) »")
        }
        // Without any collectivité among the signataires, signataires-caf-collectivite says it.
        if let types = signataireTypes(c), !types.isDisjoint(with: collectivites), types.isDisjoint(with: wantedSig) {
            faults.append("aucun signataire n'est de type \(words)")
        }
        guard !faults.isEmpty else { return [] }
        let expected = e.value == .departemental
            ? "une convention départementale porte sur un département (territoire de type « departement ») et est signée avec lui"
            : "une convention locale porte sur une commune ou une intercommunalité (territoire de type « commune » ou « epci ») et est signée avec elle"
        return [Issue(e.keyLocation, "échelon « \(e.value.rawValue) » incohérent : \(Francais.liste(faults)) ; \(expected)")]
    })

    // MARK: duree-quatre-ans

    static let dureeQuatreAns = Rule(.dureeQuatreAns, convention: { c, _ in
        guard let p = c.periode, let debut = p.debut?.value, let fin = p.fin?.value else { return [] }
        let attendue = debut.adding(years: 4).previous
        if fin == attendue { return [] }
        if fin < debut {
            return [Issue(p.location, "la période finit le \(Francais.date(fin)), avant de commencer le \(Francais.date(debut)) ; une CTG couvre quatre ans : elle devrait finir le \(Francais.date(attendue))")]
        }
        return [Issue(p.location, "la période va du \(Francais.date(debut)) au \(Francais.date(fin)), soit \(Francais.duree(du: debut, au: fin)) ; une CTG couvre quatre ans : avec ce début, elle finit le \(Francais.date(attendue))")]
    })

    // MARK: chronologie

    /// Diagnostic before signature; board before (or on) signature; signature within the
    /// period's end; evaluation not before the period. Each broken pair is one finding,
    /// on its first-named date.
    static let chronologie = Rule(.chronologie, convention: { c, ctx in
        var issues: [Issue] = []
        let signature = c.signature?.value
        if let d = c.diagnostic?.date, let s = signature, !(d.value < s) {
            issues.append(Issue(d.location, "le diagnostic est daté du \(Francais.date(d.value)), pas avant la signature du \(Francais.date(s)) : la convention s'appuie sur un diagnostic partagé fait en amont"))
        }
        if let d = c.deliberationCA, let s = signature, !(d.value <= s) {
            issues.append(Issue(d.location, "la délibération du conseil d'administration (\(Francais.date(d.value))) vient après la signature (\(Francais.date(s))) : le conseil d'administration se prononce avant que la convention soit signée"))
        }
        let periode = ctx.periode(of: c)
        if let s = c.signature, let fin = periode?.fin, !(s.value <= fin) {
            issues.append(Issue(s.location, "la convention est signée le \(Francais.date(s.value)), après la fin de sa période (\(Francais.date(fin)))"))
        }
        if let e = c.evaluation?.date, let debut = periode?.debut, !(e.value >= debut) {
            issues.append(Issue(e.location, "l'évaluation est datée du \(Francais.date(e.value)), avant le début de la période (\(Francais.date(debut))) : elle évalue ce que la convention a produit"))
        }
        return issues
    })

    // MARK: deliberation-ca

    static let deliberationCA = Rule(.deliberationCA, convention: { c, _ in
        guard let s = c.signature, c.deliberationCA == nil, !c.isInvalid("deliberation_ca") else { return [] }
        return [Issue(c.start, "la convention est signée (le \(Francais.date(s.value))) mais « deliberation_ca » ne donne pas la date de la délibération du conseil d'administration de la Caf qui l'a approuvée")]
    })

    // MARK: chevauchement

    /// Two signed conventions for one territoire whose periods overlap: the one that starts
    /// later is reported (on a tie, the file whose path sorts later), once, naming every
    /// earlier one it overlaps.
    static let chevauchement = Rule(.chevauchement, project: { ctx in
        typealias Entry = (c: Convention, periode: Periode, debut: Day, fin: Day)
        var groups: [String: [Entry]] = [:]
        for c in ctx.conventions where c.signature != nil {
            guard let t = c.territoire?.type?.value, let code = c.territoire?.code?.value,
                  let p = c.periode, let (d, f) = ctx.periode(of: c) else { continue }
            groups["\(t.rawValue) \(code)", default: []].append((c, p, d, f))
        }
        var issues: [Issue] = []
        for (territoire, entries) in groups.sorted(by: { $0.key < $1.key }) {
            let list = entries.sorted { ($0.debut, $0.c.file) < ($1.debut, $1.c.file) }
            for (i, x) in list.enumerated() {
                let earlier = list[..<i].filter { $0.debut <= x.fin && x.debut <= $0.fin }
                guard !earlier.isEmpty else { continue }
                // A convention copied into a second file has its own id twice (id-duplique says
                // so at the id): naming the id here read as if it overlapped itself.
                let copie = earlier.contains { $0.c.id.value == x.c.id.value }
                let names = earlier.map { e in
                    let periode = "du \(Francais.date(e.debut)) au \(Francais.date(e.fin))"
                    return e.c.id.value == x.c.id.value
                        ? "celle du fichier \(Francais.q(e.c.file)) (\(periode)), qui porte le même identifiant \(Francais.q(e.c.id.value))"
                        : "celle de \(Francais.q(e.c.id.value)) (\(periode))"
                }
                let fin = copie
                    ? "\u{00A0}: deux fichiers décrivent-ils la même convention\u{202F}? Gardez-en un seul, ou donnez à chacun son identifiant (« id ») et ses dates"
                    : " : une seule CTG signée couvre un territoire à un moment donné ; corrigez les dates, ou faites commencer la nouvelle après la fin de l'ancienne"
                issues.append(Issue(x.periode.location,
                                    "la période du \(Francais.date(x.debut)) au \(Francais.date(x.fin)) chevauche \(Francais.liste(names)), signée pour le même territoire (\(territoire))\(fin)"))
            }
        }
        return issues
    })

    // MARK: accord-cadre-coherent

    static let accordCadreCoherent = Rule(.accordCadreCoherent, convention: { c, ctx in
        // Naming itself is reference-inconnue's.
        guard let ac = c.accordCadre, ac.value != c.id.value else { return [] }
        if echelonFiable(c) == .departemental {
            return [Issue(ac.keyLocation, "une convention départementale n'a pas d'« accord_cadre » : c'est elle, l'accord-cadre, dans lequel s'inscrivent les conventions locales du département")]
        }
        guard let cadre = ctx.byId[ac.value] else { return [] }
        var faults: [String] = []
        if let e = echelonFiable(cadre), e != .departemental {
            faults.append("elle est d'échelon « \(e.rawValue) », pas « departemental »")
        }
        if let d1 = c.territoire?.codeDepartement, let d2 = cadre.territoire?.codeDepartement,
           Codes.isDepartement(d1), Codes.isDepartement(d2), d1 != d2 {
            faults.append("elle couvre le département \(d2), et cette convention le département \(d1)")
        }
        if let (d1, f1) = ctx.periode(of: c), let (d2, f2) = ctx.periode(of: cadre), !(d1 <= f2 && d2 <= f1) {
            faults.append("sa période (du \(Francais.date(d2)) au \(Francais.date(f2))) ne recoupe pas celle de cette convention")
        }
        guard !faults.isEmpty else { return [] }
        return [Issue(ac.keyLocation, "« accord_cadre » nomme \(Francais.q(cadre.id.value)), qui ne peut pas être l'accord-cadre de cette convention : \(Francais.liste(faults))")]
    })
}
