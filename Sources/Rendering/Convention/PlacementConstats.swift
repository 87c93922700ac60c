import Model

/// A block of the dashboard that findings (constats) can be shown beside.
enum Bloc: Hashable {
    /// Line 1: the whole file, or a top-level key that is absent.
    case general
    case identite, plan, moyens, bonus, diagnostic, articulation, gouvernance, evaluation, recit
    case axe(Int)
    /// Axe, objectif, indicator (positions in the file).
    case indicateur(Int, Int, Int)
    case actions(Int)
    /// Another file of the convention (annex, bundle file): listed at the top only.
    case autre
}

/// Which block of the dashboard each finding of a convention belongs to: the block whose
/// key or item starts last at or before the finding's line (YAML keys may come in any
/// order, so the blocks are sorted by line, not by meaning).
struct PlacementConstats {
    private var byBloc: [Bloc: [Finding]] = [:]
    private var ancres: [Finding: String] = [:]

    init(entry: ConventionEntry, constats findings: [Finding], anchors: DashboardBuilder.Anchors) {
        guard !findings.isEmpty else { return }
        let c = entry.convention
        var starts: [(line: Int, bloc: Bloc, ancre: String)] = []
        func add(_ loc: SourceLocation?, _ bloc: Bloc, _ ancre: String) {
            if let loc, loc.file == c.file { starts.append((loc.line, bloc, ancre)) }
        }
        if c.id.isExplicit { add(c.id.location, .identite, "Identite") }
        add(c.titre?.keyLocation, .identite, "Identite")
        add(c.echelon?.keyLocation, .identite, "Identite")
        add(c.territoire?.location, .identite, "Identite")
        add(c.signataires?.keyLocation, .identite, "Identite")
        add(c.periode?.location, .identite, "Identite")
        add(c.deliberationCA?.keyLocation, .identite, "Identite")
        add(c.signature?.keyLocation, .identite, "Identite")
        add(c.accordCadre?.keyLocation, .identite, "Identite")
        add(c.renouvelle?.keyLocation, .identite, "Identite")
        add(c.diagnostic?.location, .diagnostic, "Diagnostic")
        add(c.champs?.keyLocation, .articulation, "Articulation")
        add(c.schemas?.keyLocation, .articulation, "Articulation")
        add(c.conventionsExistantes?.keyLocation, .articulation, "Articulation")
        add(c.moyens?.keyLocation, .moyens, "Moyens")
        add(c.bonusTerritoire?.keyLocation, .bonus, "Bonus")
        add(c.cadre?.keyLocation, .identite, "Identite")
        add(c.gouvernance?.location, .gouvernance, "Gouvernance")
        add(c.evaluation?.location, .evaluation, "Evaluation")
        add(c.axes?.keyLocation, .plan, "Plan")
        for (k, axe) in (c.axes?.value ?? []).enumerated() {
            let a = anchors.axes[k]
            add(axe.location, .axe(k), a)
            for (j, o) in (axe.objectifs?.value ?? []).enumerated() {
                add(o.location, .axe(k), anchors.objectifs[k][j])
                for (i, ind) in (o.indicateurs?.value ?? []).enumerated() {
                    add(ind.location, .indicateur(k, j, i), anchors.indicateurs[k][j][i])
                }
                for (x, act) in (o.actions?.value ?? []).enumerated() {
                    add(act.location, .actions(k), anchors.actions[k][j][x])
                }
            }
        }
        starts.sort { $0.line < $1.line }
        let bodyLine = c.body.firstLine
        for f in findings {
            let bloc: Bloc
            var ancre: String? = nil
            if f.location.file != c.file {
                bloc = .autre
            } else if f.location.line <= 1 {
                bloc = .general
                ancre = "Identite"
            } else if f.location.line >= bodyLine && bodyLine > 1 {
                bloc = .recit
                ancre = "Presentation"
            } else if let s = Self.last(in: starts, atOrBefore: f.location.line) {
                bloc = s.bloc
                ancre = s.ancre
            } else {
                bloc = .general
                ancre = "Identite"
            }
            byBloc[bloc, default: []].append(f)
            if let ancre { ancres[f] = ancre }
        }
    }

    /// Binary search: the last start whose line is <= `line`.
    private static func last(in starts: [(line: Int, bloc: Bloc, ancre: String)], atOrBefore line: Int) -> (line: Int, bloc: Bloc, ancre: String)? {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid].line <= line { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : starts[lo - 1]
    }

    func at(_ bloc: Bloc) -> [Finding] { byBloc.isEmpty ? [] : byBloc[bloc] ?? [] }

    /// The anchor of the element the finding is about, on the dashboard.
    func ancre(of f: Finding) -> String? { ancres[f] }
}
