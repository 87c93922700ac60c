import Content
import Model

/// Objectifs-résultats and evaluation (§ 2e partie 3): "La Ctg prévoit une évaluation
/// systématique et s'inscrit dans une logique objectifs-résultats" ; "L'évaluation est un
/// préalable à tout renouvellement." An objectif is measured by indicators, each with a
/// reference, an unit and targets within the period; results cannot precede the
/// reference nor be known in advance.
enum ObjectifsResultats {
    static let rules = [objectifSansIndicateur, indicateurIncomplet, cibleHorsPeriode, resultatInvalide,
                        evaluationAvantRenouvellement, evaluationAttendue]

    // MARK: objectif-sans-indicateur

    static let objectifSansIndicateur = Rule(.objectifSansIndicateur, convention: { c, _ in
        var issues: [Issue] = []
        for a in c.axes?.value ?? [] {
            for o in a.objectifs?.value ?? [] where (o.indicateurs?.value ?? []).isEmpty {
                let path = o.path + ".indicateurs"
                if c.isInvalid(path) || c.hasUnreadableItem(in: path) { continue }
                issues.append(Issue(o.location, "l'objectif \(nom(o.libelle, o.id)) n'a pas d'indicateur (« indicateurs ») : dans une logique objectifs-résultats, chaque objectif se mesure"))
            }
        }
        return issues
    })

    // MARK: indicateur-incomplet

    static let indicateurIncomplet = Rule(.indicateurIncomplet, convention: { c, _ in
        var issues: [Issue] = []
        for i in c.indicateursDuPlan {
            let p = i.path
            var faults: [String] = []
            if i.unite == nil && !c.isInvalid(p + ".unite") { faults.append("son unité (« unite »)") }
            if let r = i.reference {
                if r.annee == nil && !c.isInvalid(p + ".reference.annee") { faults.append("l'année de sa référence (« reference.annee »)") }
                if r.valeur == nil && !c.isInvalid(p + ".reference.valeur") { faults.append("la valeur de sa référence (« reference.valeur »)") }
            } else if !c.isInvalid(p + ".reference") {
                faults.append("sa référence (« reference: { annee: …, valeur: … } »)")
            }
            if (i.cibles?.value ?? []).isEmpty && !c.hasInvalid(under: p + ".cibles") {
                faults.append("ses cibles (« cibles: { année: valeur } »)")
            }
            guard !faults.isEmpty else { continue }
            issues.append(Issue(i.location, "il manque à l'indicateur \(nom(i.libelle, i.id)) \(Francais.liste(faults)) : un indicateur mesure le chemin parcouru depuis une référence vers une cible"))
        }
        return issues
    })

    // MARK: cible-hors-periode

    static let cibleHorsPeriode = Rule(.cibleHorsPeriode, convention: { c, ctx in
        guard let periode = ctx.periode(of: c) else { return [] }
        let debut = periode.debut.year, fin = periode.fin.year
        var issues: [Issue] = []
        for i in c.indicateursDuPlan {
            for t in i.cibles?.value ?? [] where t.annee < debut || t.annee > fin {
                issues.append(Issue(t.anneeLocation, "la cible de \(t.annee) est hors de la période de la convention (\(debut) à \(fin)) : une convention s'engage sur ce qu'elle atteint pendant sa période"))
            }
        }
        return issues
    })

    // MARK: resultat-invalide

    /// A result year before the reference year, after the year of fin, or after the year
    /// of the reference date (a result cannot be known in advance).
    static let resultatInvalide = Rule(.resultatInvalide, convention: { c, ctx in
        var issues: [Issue] = []
        let fin = ctx.periode(of: c)?.fin.year
        for i in c.indicateursDuPlan {
            let ref = i.reference?.annee?.value
            for r in i.resultats?.value ?? [] {
                let why: String
                if let ref, r.annee < ref {
                    why = "précède l'année de référence (\(ref)) : un résultat mesure le chemin parcouru depuis la référence"
                } else if let fin, r.annee > fin {
                    why = "est après la fin de la convention (\(fin)) : il relève de la convention suivante"
                } else if r.annee > ctx.date.year {
                    why = "est postérieur à la date de référence (\(Francais.date(ctx.date))) : un résultat ne peut pas être connu d'avance"
                } else {
                    continue
                }
                issues.append(Issue(r.anneeLocation, "le résultat de \(r.annee) \(why)"))
            }
        }
        return issues
    })

    // MARK: evaluation-avant-renouvellement

    /// `renouvelle` names a convention without an evaluation dated on or before this one's
    /// signature (or debut when unsigned).
    static let evaluationAvantRenouvellement = Rule(.evaluationAvantRenouvellement, convention: { c, ctx in
        guard let r = c.renouvelle, r.value != c.id.value, let ancienne = ctx.byId[r.value] else { return [] }
        guard let ev = ancienne.evaluation else {
            if ancienne.isInvalid("evaluation") { return [] }
            return [Issue(r.keyLocation, "« renouvelle » nomme \(Francais.q(r.value)), qui n'a pas d'évaluation (« evaluation », intermédiaire ou finale) : l'évaluation est un préalable à tout renouvellement")]
        }
        // An evaluation whose date is unreadable is the other file's finding (type-invalide);
        // one without a date is not dated before anything.
        guard let d = ev.date?.value else {
            if ancienne.isInvalid("evaluation") || ancienne.isInvalid("evaluation.date") { return [] }
            return [Issue(r.keyLocation, "« renouvelle » nomme \(Francais.q(r.value)), dont l'évaluation n'est pas datée (« evaluation.date ») : l'évaluation, datée avant la signature, est un préalable à tout renouvellement")]
        }
        let limite: (quoi: String, jour: Day)?
        if let s = c.signature?.value {
            limite = ("sa signature", s)
        } else if let debut = c.periode?.debut?.value {
            limite = ("son début", debut)
        } else {
            limite = nil
        }
        guard let (quoi, jour) = limite, d > jour else { return [] }
        return [Issue(r.keyLocation, "l'évaluation de \(Francais.q(r.value)) est datée du \(Francais.date(d)), après \(quoi) (\(Francais.date(jour))) : l'évaluation est un préalable à tout renouvellement")]
    })

    // MARK: evaluation-attendue

    static let evaluationAttendue = Rule(.evaluationAttendue, convention: { c, ctx in
        guard ctx.phase(of: c) == .echue, let p = c.periode, let fin = p.fin?.value,
              !c.isInvalid("evaluation"), !c.isInvalid("evaluation.type") else { return [] }
        // A period that ends before it starts is the duration rule's finding, not an end.
        if let debut = p.debut?.value, fin < debut { return [] }
        let seule = c.evaluation?.type?.value == .intermediaire ? "n'a qu'une évaluation intermédiaire" : "n'a pas d'évaluation finale"
        return [Issue(p.location, "la convention a pris fin le \(Francais.date(fin)) et \(seule) (« evaluation » de type « finale ») : la Ctg prévoit une évaluation systématique, préalable à tout renouvellement")]
    })
}
