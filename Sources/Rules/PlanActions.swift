import Content
import Model

/// Fields, priorities and action plan. The fields of the Famille branch are those of
/// § 1re partie 1 ("l'offre de service proposée par les Caf concerne potentiellement les
/// politiques de l'enfance, de la jeunesse, du soutien à la parentalité, …") and
/// § 2e partie 1; the plan is § 2e partie 2: "vous veillerez à vous accorder avec la ou les
/// collectivités signataires sur les priorités et un plan d'actions détaillé."
enum PlanActions {
    static let rules = [champBrancheFamille, champsCouverts, planActions, actionIncomplete, actionHorsPeriode]

    // MARK: champ-branche-famille

    static let champBrancheFamille = Rule(.champBrancheFamille, convention: { c, ctx in
        var issues: [Issue] = []
        let values = (c.champs?.value ?? []) + (c.axes?.value ?? []).compactMap(\.champ)
        for v in values where !ctx.champs.contains(v.value) {
            issues.append(Issue(v.location, "\(Francais.q(v.value)) n'est pas un champ d'intervention de la branche Famille : champs possibles \(Francais.valeurs(ctx.champs)) (un champ propre au projet se déclare dans « champs_supplementaires » de site.yml)\(Suggestion.phrase(for: v.value, in: ctx.champs))"))
        }
        return issues
    })

    // MARK: champs-couverts

    /// An axe's `champ` missing from `champs` (once per field), or a `champs` entry that no
    /// axe covers. Values outside the Famille fields are champ-branche-famille's.
    static let champsCouverts = Rule(.champsCouverts, convention: { c, ctx in
        var issues: [Issue] = []
        let valid = Set(ctx.champs)
        let listed = Set((c.champs?.value ?? []).map(\.value))
        let axes = c.axes?.value ?? []
        // A misspelt entry of champs is champ-branche-famille's: it may be the missing one.
        // Under the 2020 framework an absent list is socle-champs's: one defect, one finding.
        let socleLeDit = c.champs == nil && ctx.cadre(of: c) == .cnaf2020
        if !c.isInvalid("champs") && !socleLeDit && (c.champs?.value ?? []).allSatisfy({ valid.contains($0.value) }) {
            var said: Set<String> = []
            for a in axes {
                guard let ch = a.champ, valid.contains(ch.value), !listed.contains(ch.value), said.insert(ch.value).inserted else { continue }
                let why = c.champs == nil ? "la convention n'a pas de liste « champs »" : "il n'est pas dans la liste « champs » de la convention"
                issues.append(Issue(ch.location, "l'axe \(nom(a.titre, a.id)) relève du champ \(Francais.q(ch.value)), mais \(why) : ajoutez-le, pour que la convention affiche tous les champs qu'elle couvre"))
            }
        }
        // Every axe's field must be known, and valid, before saying that none covers a field.
        let axesKnown = !axes.isEmpty && !c.isInvalid("axes") && !c.hasUnreadableItem(in: "axes")
            && axes.allSatisfy { $0.champ.map { valid.contains($0.value) } ?? false }
        if axesKnown {
            let covered = Set(axes.compactMap { $0.champ?.value })
            var said: Set<String> = []
            for v in c.champs?.value ?? [] where valid.contains(v.value) && !covered.contains(v.value) && said.insert(v.value).inserted {
                issues.append(Issue(v.location, "aucun axe ne relève du champ \(Francais.q(v.value)) : retirez-le de « champs », ou donnez-lui un axe (« champ: \(v.value) »)"))
            }
        }
        return issues
    })

    // MARK: plan-actions

    /// No axe; an axe without objectifs; an objectif without actions.
    static let planActions = Rule(.planActions, convention: { c, _ in
        guard let axes = c.axes else {
            if c.isInvalid("axes") { return [] }
            return [Issue(c.start, "la clé « axes » est absente : la convention décline ses priorités en axes, chacun avec ses objectifs et ses actions (plan d'actions détaillé)")]
        }
        if axes.value.isEmpty {
            if c.hasUnreadableItem(in: "axes") { return [] }
            return [Issue(axes.keyLocation, "la liste « axes » est vide : la convention décline ses priorités en axes, chacun avec ses objectifs et ses actions (plan d'actions détaillé)")]
        }
        var issues: [Issue] = []
        for a in axes.value {
            let objectifs = a.objectifs?.value ?? []
            if objectifs.isEmpty {
                let path = a.path + ".objectifs"
                if !c.isInvalid(path) && !c.hasUnreadableItem(in: path) {
                    issues.append(Issue(a.location, "l'axe \(nom(a.titre, a.id)) n'a pas d'objectif (« objectifs ») : chaque priorité se décline en objectifs, chacun avec ses actions"))
                }
                continue
            }
            for o in objectifs where (o.actions?.value ?? []).isEmpty {
                let path = o.path + ".actions"
                if c.isInvalid(path) || c.hasUnreadableItem(in: path) { continue }
                issues.append(Issue(o.location, "l'objectif \(nom(o.libelle, o.id)) n'a pas d'action (« actions ») : le plan d'actions détaillé dit comment chaque objectif sera atteint"))
            }
        }
        return issues
    })

    // MARK: action-incomplete

    static let actionIncomplete = Rule(.actionIncomplete, convention: { c, _ in
        var issues: [Issue] = []
        for x in c.actionsDuPlan {
            var faults: [String] = []
            if x.pilote == nil && !c.isInvalid(x.path + ".pilote") { faults.append("de pilote (« pilote »)") }
            if x.echeance == nil && !c.isInvalid(x.path + ".echeance") { faults.append("d'échéance (« echeance »)") }
            guard !faults.isEmpty else { continue }
            let manque = faults.count == 2 ? "ni pilote (« pilote ») ni échéance (« echeance »)" : "pas \(faults[0])"
            issues.append(Issue(x.location, "l'action \(nom(x.libelle, x.id)) n'a \(manque) : un plan d'actions détaillé dit qui conduit chaque action et pour quand"))
        }
        return issues
    })

    // MARK: action-hors-periode

    static let actionHorsPeriode = Rule(.actionHorsPeriode, convention: { c, ctx in
        guard let (debut, fin) = ctx.periode(of: c) else { return [] }
        var issues: [Issue] = []
        for x in c.actionsDuPlan {
            guard let e = x.echeance, e.value < debut || e.value > fin else { continue }
            issues.append(Issue(e.location, "l'échéance du \(Francais.date(e.value)) tombe \(e.value < debut ? "avant le début" : "après la fin") de la convention (du \(Francais.date(debut)) au \(Francais.date(fin))) : le plan d'actions programme ce que la convention réalise pendant sa période"))
        }
        return issues
    })
}
