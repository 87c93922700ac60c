import Model

/// What needs attention first in a convention at the reference date (issue « briefing »):
/// its indicators `en-retard` or `non-atteint`, and its actions past their deadline and
/// neither done nor dropped, by their place in the plan.
public struct PointsAttention: Sendable, Equatable {
    public struct Indicateur: Sendable, Equatable {
        public var axe: Int
        public var objectif: Int
        public var indicateur: Int
        public var etat: EtatIndicateur
        public var taux: Int?
    }

    public struct Action: Sendable, Equatable {
        public var axe: Int
        public var objectif: Int
        public var action: Int
    }

    public var indicateurs: [Indicateur] = []
    public var actions: [Action] = []

    public var isEmpty: Bool { indicateurs.isEmpty && actions.isEmpty }
}

extension Reports {
    /// The points of attention of `c`, whose summary is `resume`, at `date`: indicators first
    /// `non-atteint` then `en-retard`, each in plan order; then late actions, in plan order.
    public static func pointsAttention(_ c: Convention, resume: ConventionResume, date: Day) -> PointsAttention {
        var out = PointsAttention()
        var retard: [PointsAttention.Indicateur] = []
        let axes = c.axes?.value ?? []
        for k in axes.indices {
            let objectifs = axes[k].objectifs?.value ?? []
            for j in objectifs.indices {
                let inds = objectifs[j].indicateurs?.value ?? []
                for i in inds.indices {
                    let e = resume.indicateur(axe: k, objectif: j, indicateur: i) ?? {
                        let r = Reports.resume(inds[i], date: date)
                        return IndicateurEtat(taux: r.taux, etat: r.etat)
                    }()
                    let point = PointsAttention.Indicateur(axe: k, objectif: j, indicateur: i, etat: e.etat, taux: e.taux)
                    if e.etat == .nonAtteint { out.indicateurs.append(point) } else if e.etat == .enRetard { retard.append(point) }
                }
                let acts = objectifs[j].actions?.value ?? []
                for x in acts.indices where echeanceDepassee(acts[x], date: date) {
                    out.actions.append(.init(axe: k, objectif: j, action: x))
                }
            }
        }
        out.indicateurs += retard
        return out
    }
}
