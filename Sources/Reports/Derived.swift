import Foundation
import Model

/// Phase of a convention against the reference date (FORMAT.md §4).
public enum Phase: String, Sendable, Hashable, CaseIterable {
    case projet
    case aVenir = "a-venir"
    case enCours = "en-cours"
    case evaluee
    case echue
    case renouvelee

    public var libelle: String {
        switch self {
        case .projet: return "Projet"
        case .aVenir: return "À venir"
        case .enCours: return "En cours"
        case .evaluee: return "Évaluée"
        case .echue: return "Échue"
        case .renouvelee: return "Renouvelée"
        }
    }

    /// Order of the home page: the living ones first.
    public var rang: Int {
        switch self {
        case .enCours: return 0
        case .aVenir: return 1
        case .projet: return 2
        case .evaluee: return 3
        case .echue: return 4
        case .renouvelee: return 5
        }
    }
}

/// State of an indicator (FORMAT.md §4).
public enum EtatIndicateur: String, Sendable, Hashable, CaseIterable {
    case atteint
    case enBonneVoie = "en-bonne-voie"
    case enRetard = "en-retard"
    case nonAtteint = "non-atteint"
    case nonRenseigne = "non-renseigne"

    public var libelle: String {
        switch self {
        case .atteint: return "Atteint"
        case .enBonneVoie: return "En bonne voie"
        case .enRetard: return "En retard"
        case .nonAtteint: return "Non atteint"
        case .nonRenseigne: return "Non renseigné"
        }
    }

    /// Its place in `allCases`.
    public var rang: Int {
        switch self {
        case .atteint: return 0
        case .enBonneVoie: return 1
        case .enRetard: return 2
        case .nonAtteint: return 3
        case .nonRenseigne: return 4
        }
    }
}

/// What the pages and the open data say of one indicator.
public struct IndicateurResume: Sendable, Hashable {
    public var reference: Point?
    /// The target with the latest year.
    public var cibleFinale: Point?
    /// The result with the latest year not after the reference date's year.
    public var dernierResultat: Point?
    /// Achievement in %, rounded half away from zero; nil without result.
    public var taux: Int?
    public var etat: EtatIndicateur
}

/// The derived values of one indicator that cost a computation: its rate and state.
public struct IndicateurEtat: Sendable, Hashable {
    public var taux: Int?
    public var etat: EtatIndicateur

    public init(taux: Int?, etat: EtatIndicateur) {
        self.taux = taux
        self.etat = etat
    }
}

/// Counts and sums of one convention (FORMAT.md §4, "Convention summary").
public struct ConventionResume: Sendable {
    public var phase: Phase
    public var axes: Int
    public var objectifs: Int
    public var indicateurs: Int
    public var actions: Int
    public var actionsRealisees: Int
    /// Share of actions `realisee`, in %, rounded half away from zero; nil without action.
    public var partRealisees: Int?
    public var etats: [EtatIndicateur: Int]
    /// Rate and state of each indicator, in the order of the plan (`Convention.indicateursDuPlan`):
    /// the dashboard, the field pages and the open data read them here instead of computing
    /// them again.
    public var parIndicateur: [IndicateurEtat]
    public var actionsParEtat: [EtatAction: Int]
    public var moyensParAnnee: [MoyensLigne]
    public var moyensTotal: MoyensLigne

    /// Where each objectif's indicators are in `parIndicateur`: `[axe][objectif]`.
    public var plages: [[Range<Int>]] = []

    /// The rate and state of the `n`th indicator of the plan; nil when there is none.
    public func indicateur(_ n: Int) -> IndicateurEtat? {
        n >= 0 && n < parIndicateur.count ? parIndicateur[n] : nil
    }

    /// The rate and state of indicator `i` of objectif `j` of axe `k`; nil when there is none.
    public func indicateur(axe k: Int, objectif j: Int, indicateur i: Int) -> IndicateurEtat? {
        guard k >= 0, k < plages.count, j >= 0, j < plages[k].count, i >= 0 else { return nil }
        let n = plages[k][j].lowerBound + i
        return plages[k][j].contains(n) ? parIndicateur[n] : nil
    }
}

/// Money of one year, or of the whole period (`annee` nil).
public struct MoyensLigne: Sendable, Hashable {
    public var annee: Int?
    public var prestationsLegales: Decimal
    public var actionSociale: Decimal
    /// The same amounts in whole euros, when every amount summed is whole and every sum fits
    /// in 64 bits (nearly always): pages and open data format them without Decimal, whose
    /// division and printing were a twentieth of a build.
    public var euros: Euros?
    public var total: Decimal { prestationsLegales + actionSociale }

    public init(annee: Int?, prestationsLegales: Decimal, actionSociale: Decimal, euros: Euros?) {
        self.annee = annee
        self.prestationsLegales = prestationsLegales
        self.actionSociale = actionSociale
        self.euros = euros
    }

    /// A line of no euros, for sums.
    public static func zero(annee: Int?) -> MoyensLigne {
        MoyensLigne(annee: annee, prestationsLegales: 0, actionSociale: 0, euros: Euros(prestationsLegales: 0, actionSociale: 0))
    }

    /// Adds the amounts of `other`, in Decimal and in whole euros (its year is not read).
    public mutating func add(_ other: MoyensLigne) {
        prestationsLegales += other.prestationsLegales
        actionSociale += other.actionSociale
        euros = .sum(euros, other.euros)
    }

    /// Whole euros (see `MoyensLigne.euros`).
    public struct Euros: Sendable, Hashable {
        public var prestationsLegales: Int64
        public var actionSociale: Int64
        /// Nil when the sum does not fit.
        public var total: Int64? {
            let (t, overflow) = prestationsLegales.addingReportingOverflow(actionSociale)
            return overflow ? nil : t
        }

        public init(prestationsLegales: Int64, actionSociale: Int64) {
            self.prestationsLegales = prestationsLegales
            self.actionSociale = actionSociale
        }

        /// `a + b`, nil when a sum does not fit.
        public static func sum(_ a: Euros?, _ b: Euros?) -> Euros? {
            guard let a, let b else { return nil }
            let (p, o1) = a.prestationsLegales.addingReportingOverflow(b.prestationsLegales)
            let (s, o2) = a.actionSociale.addingReportingOverflow(b.actionSociale)
            return o1 || o2 ? nil : Euros(prestationsLegales: p, actionSociale: s)
        }

        /// An amount as whole euros: 0 when absent, nil when not whole or too large.
        public static func whole(_ n: Nombre?) -> Int64? {
            guard let n else { return 0 }
            guard let (m, e) = n.scaled, e >= 0, e <= 18 else { return nil }
            var v = m
            for _ in 0..<e {
                let (x, overflow) = v.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                v = x
            }
            return v
        }
    }
}

/// Pure functions Model → derived values: same model and reference date, same numbers.
public enum Reports {
    /// `x` rounded half away from zero to an integer.
    public static func roundHalfAwayFromZero(_ x: Decimal) -> Int {
        var a = x < 0 ? -x : x
        var r = Decimal()
        NSDecimalRound(&r, &a, 0, .plain)
        // Beyond Int, NSDecimalNumber's intValue wraps (a wrong figure): saturate instead.
        // Values ctg reads (Nombre.isComputable) can still make a taux of 10^32 %.
        if r.isNaN { return 0 }
        guard r < Decimal(Int.max) else { return x < 0 ? -Int.max : Int.max }
        let n = NSDecimalNumber(decimal: r).intValue
        return x < 0 ? -n : n
    }

    /// (V − R) / (C − R) × 100, rounded; when C = R, 100 if V reached R in the right
    /// direction, else 0.
    public static func taux(reference r: Decimal, cible c: Decimal, resultat v: Decimal, sens: Sens) -> Int {
        if c == r {
            let ok = sens == .hausse ? v >= r : v <= r
            return ok ? 100 : 0
        }
        return roundHalfAwayFromZero((v - r) / (c - r) * 100)
    }

    /// The taux of three numbers as written: exact integer arithmetic when they fit,
    /// Decimal otherwise (same result, a hundred times cheaper).
    public static func taux(reference r: Nombre, cible c: Nombre, resultat v: Nombre, sens: Sens) -> Int {
        guard let rs = r.scaled, let cs = c.scaled, let vs = v.scaled else {
            return taux(reference: r.decimal, cible: c.decimal, resultat: v.decimal, sens: sens)
        }
        let e = min(rs.exponent, cs.exponent, vs.exponent)
        func int(_ x: (mantissa: Int64, exponent: Int)) -> Int128? {
            var n = Int128(x.mantissa)
            for _ in 0..<(x.exponent - e) {
                let (m, o) = n.multipliedReportingOverflow(by: 10)
                if o { return nil }
                n = m
            }
            return n
        }
        guard let R = int(rs), let C = int(cs), let V = int(vs), abs(R) < Int128(1) << 100,
              abs(C) < Int128(1) << 100, abs(V) < Int128(1) << 100 else {
            return taux(reference: r.decimal, cible: c.decimal, resultat: v.decimal, sens: sens)
        }
        if C == R {
            return (sens == .hausse ? V >= R : V <= R) ? 100 : 0
        }
        let num = (V - R) * 100, den = C - R
        var (q, rem) = num.quotientAndRemainder(dividingBy: den)
        if 2 * abs(rem) >= abs(den) { q += (num < 0) != (den < 0) ? -1 : 1 }
        // A taux past Int (a tiny span C − R, a huge V) saturates rather than trapping.
        // (Int.min left out: its negation, abs(taux), would trap.)
        return Int(clamping: max(q, Int128(-Int.max)))
    }

    /// The summary of `i`; with `known`, its rate and state as `ConventionResume.indicateurs`
    /// holds them, not computed again.
    public static func resume(_ i: Indicateur, date: Day, known: IndicateurEtat? = nil) -> IndicateurResume {
        var ref: Point? = nil
        if let ra = i.reference?.annee, let rv = i.reference?.valeur {
            ref = Point(annee: ra.value, anneeLocation: ra.location, valeur: rv.value, valeurLocation: rv.location)
        }
        let cible = i.cibles?.value.last
        let dernier = i.resultats?.value.last { $0.annee <= date.year }
        var out = IndicateurResume(reference: ref, cibleFinale: cible, dernierResultat: dernier, taux: nil, etat: .nonRenseigne)
        if let known {
            out.taux = known.taux
            out.etat = known.etat
            return out
        }
        guard let ref, let cible, let dernier else { return out }
        let t = taux(reference: ref.valeur, cible: cible.valeur, resultat: dernier.valeur, sens: i.sensValue)
        out.taux = t
        let (r, tt, y) = (ref.annee, cible.annee, dernier.annee)
        if t >= 100 {
            out.etat = .atteint
        } else if y >= tt {
            out.etat = .nonAtteint
        } else if tt == r || auMoinsAttendu(t, annee: y, reference: ref, cibles: i.cibles?.value ?? [], finale: cible) {
            out.etat = .enBonneVoie
        } else {
            out.etat = .enRetard
        }
        return out
    }

    /// `taux >= E(y)`, compared exactly (FORMAT.md §4): E(y) is the share of the way from the
    /// reference R to the final target C that the path of targets has come at year y. The
    /// path runs straight from (r, R) to each target after r, in year order (the last one
    /// written of a year), then stays at C; with C = R, E(y) = 100 × (y − r) / (t − r).
    static func auMoinsAttendu(_ taux: Int, annee y: Int, reference: Point, cibles: [Point], finale: Point) -> Bool {
        let (r, t) = (reference.annee, finale.annee)
        // The path's points between the reference and the final target, by year; the last
        // one written of a year. Most indicators have a handful of targets: no dictionary.
        var milieu: [Point] = []
        for p in cibles where p.annee > r && p.annee < t {
            if let k = milieu.firstIndex(where: { $0.annee == p.annee }) { milieu[k] = p } else { milieu.append(p) }
        }
        milieu.sort { $0.annee < $1.annee }
        // Exact integers when the values fit (nearly always), Decimal otherwise: same answer.
        if let ok = attenduEntiers(taux, y: y, reference: reference, milieu: milieu, finale: finale) { return ok }
        return attendu(Decimal(taux), y: y, r: r, t: t, R: reference.valeur.decimal, C: finale.valeur.decimal,
                       milieu: milieu.map { ($0.annee, $0.valeur.decimal) }, zero: 0, nombre: { Decimal($0) }) { $0 * $1 }
    }

    /// `auMoinsAttendu` on the values scaled to one power of ten; nil when one does not fit.
    private static func attenduEntiers(_ taux: Int, y: Int, reference: Point, milieu: [Point], finale: Point) -> Bool? {
        // The reference, the final target, then the path's points; arrays sized once (every
        // indicator of every page asks).
        var scaled: [(mantissa: Int64, exponent: Int)] = []
        scaled.reserveCapacity(2 + milieu.count)
        for n in [reference.valeur, finale.valeur] { guard let s = n.scaled else { return nil }; scaled.append(s) }
        for p in milieu { guard let s = p.valeur.scaled else { return nil }; scaled.append(s) }
        guard let e = scaled.map(\.exponent).min() else { return nil }
        var ints: [Int128] = []
        ints.reserveCapacity(scaled.count)
        for x in scaled {
            var n = Int128(x.mantissa)
            for _ in 0..<(x.exponent - e) {
                let (m, o) = n.multipliedReportingOverflow(by: 10)
                if o { return nil }
                n = m
            }
            guard abs(n) < Int128(1) << 80 else { return nil }
            ints.append(n)
        }
        // Values below 2^80, years and taux far below 2^30: products stay below 2^127.
        guard taux.magnitude < 1 << 30 else { return nil }
        return attendu(Int128(taux), y: y, r: reference.annee, t: finale.annee, R: ints[0], C: ints[1],
                       milieu: zip(milieu, ints.dropFirst(2)).map { ($0.annee, $1) }, zero: 0, nombre: { Int128($0) }) { $0 * $1 }
    }

    /// E(y) of FORMAT.md §4 against `taux`, in any exact arithmetic `N`.
    private static func attendu<N: Comparable>(_ tx: N, y: Int, r: Int, t: Int, R: N, C: N, milieu: [(Int, N)], zero: N,
                                               nombre: (Int) -> N, _ fois: (N, N) -> N) -> Bool where N: AdditiveArithmetic {
        // E(y) = 100 × num / den; taux >= E(y) ⟺ taux × den >= 100 × num when den > 0.
        func compare(_ num: N, _ den: N) -> Bool {
            den > zero ? fois(tx, den) >= fois(nombre(100), num) : fois(tx, den) <= fois(nombre(100), num)
        }
        guard C != R, t > r else { return compare(nombre(y - r), nombre(t - r)) }
        guard y > r else { return compare(zero, C - R) }
        var path: [(annee: Int, valeur: N)] = [(r, R)]
        for m in milieu { path.append((m.0, m.1)) }
        path.append((t, C))
        var k = 1
        while k < path.count - 1 && path[k].annee <= y { k += 1 }
        let (a, b) = (path[k - 1], path[k])
        // P(y) − R = (va − R) + (vb − va) × (y − ya) / (yb − ya), over (C − R).
        let span = nombre(b.annee - a.annee)
        return compare(fois(a.valeur - R, span) + fois(b.valeur - a.valeur, nombre(y - a.annee)), fois(span, C - R))
    }

    /// The phase of `c`; `renouvelee` says whether a signed convention renews it.
    public static func phase(of c: Convention, renouvelee: Bool, date: Day) -> Phase {
        guard c.signature != nil else { return .projet }
        if renouvelee { return .renouvelee }
        guard let debut = c.periode?.debut?.value, let fin = c.periode?.fin?.value else { return .enCours }
        if date < debut { return .aVenir }
        if date <= fin { return .enCours }
        return c.evaluation?.type?.value == .finale ? .evaluee : .echue
    }

    public static func resume(_ c: Convention, renouvelee: Bool, date: Day) -> ConventionResume {
        // Counted in an array: a dictionary hashed the state of every indicator.
        var compte = [Int](repeating: 0, count: EtatIndicateur.allCases.count)
        var parIndicateur: [IndicateurEtat] = []
        var objectifs = 0
        for i in c.indicateursDuPlan {
            let r = resume(i, date: date)
            compte[r.etat.rang] += 1
            parIndicateur.append(IndicateurEtat(taux: r.taux, etat: r.etat))
        }
        var etats: [EtatIndicateur: Int] = [:]
        for e in EtatIndicateur.allCases { etats[e] = compte[e.rang] }
        var plages: [[Range<Int>]] = []
        var n = 0
        for a in c.axes?.value ?? [] {
            let os = a.objectifs?.value ?? []
            objectifs += os.count
            plages.append(os.map { o in
                let debut = n
                n += o.indicateurs?.value.count ?? 0
                return debut..<n
            })
        }
        var parEtat: [EtatAction: Int] = [:]
        for e in EtatAction.allCases { parEtat[e] = 0 }
        var actions = 0
        for x in c.actionsDuPlan {
            actions += 1
            if let e = x.etat?.value { parEtat[e, default: 0] += 1 }
        }
        let realisees = parEtat[.realisee] ?? 0
        var byYear: [Int: MoyensLigne] = [:]
        for m in c.moyens?.value ?? [] {
            guard let y = m.annee?.value else { continue }
            let row = MoyensLigne.Euros.whole(m.prestationsLegales?.value).flatMap { p in
                MoyensLigne.Euros.whole(m.actionSociale?.value).map { MoyensLigne.Euros(prestationsLegales: p, actionSociale: $0) }
            }
            byYear[y, default: .zero(annee: y)].add(MoyensLigne(annee: y, prestationsLegales: m.prestationsLegales?.value.decimal ?? 0,
                                                                actionSociale: m.actionSociale?.value.decimal ?? 0, euros: row))
        }
        let lignes = byYear.sorted { $0.key < $1.key }.map(\.value)
        var total = MoyensLigne.zero(annee: nil)
        for l in lignes { total.add(l) }
        return ConventionResume(
            phase: phase(of: c, renouvelee: renouvelee, date: date),
            axes: c.axes?.value.count ?? 0, objectifs: objectifs, indicateurs: parIndicateur.count,
            actions: actions, actionsRealisees: realisees,
            partRealisees: actions == 0 ? nil : roundHalfAwayFromZero(Decimal(realisees) * 100 / Decimal(actions)),
            etats: etats, parIndicateur: parIndicateur, actionsParEtat: parEtat,
            moyensParAnnee: lignes, moyensTotal: total, plages: plages)
    }

    /// An action past its deadline at `date`, neither done nor dropped.
    public static func echeanceDepassee(_ a: Action, date: Day) -> Bool {
        guard let e = a.echeance?.value, e < date else { return false }
        return a.etat?.value != .realisee && a.etat?.value != .abandonnee
    }
}

/// Derived values of a whole project at one reference date.
public struct ProjectReport: Sendable {
    public var date: Day
    /// By convention id; empty in a report made by `forRules(conventions:date:)`.
    public var resumes: [String: ConventionResume]
    /// Id of the signed convention that renews each renewed one.
    public var renouveleePar: [String: String]
    /// Ids of the local conventions under each accord-cadre, sorted.
    public var conventionsLocales: [String: [String]]
    /// The file of the convention each summary was made of, by id: what a later
    /// `compute(conventions:date:reusing:changed:)` checks before it reuses a summary.
    var sourceFiles: [String: String] = [:]

    init(date: Day, resumes: [String: ConventionResume], renouveleePar: [String: String], conventionsLocales: [String: [String]]) {
        self.date = date
        self.resumes = resumes
        self.renouveleePar = renouveleePar
        self.conventionsLocales = conventionsLocales
    }

    /// The same report, with the conventions summarised on every core.
    public static func compute(conventions: [Convention], date: Day) async -> ProjectReport {
        let (renouvelees, locales) = links(conventions)
        let resumes = await parallelMap(conventions) { c in
            (c.id.value, Reports.resume(c, renouvelee: renouvelees[c.id.value] != nil, date: date))
        }
        var out: [String: ConventionResume] = [:]
        for (id, r) in resumes where out[id] == nil { out[id] = r }
        var report = ProjectReport(date: date, resumes: out, renouveleePar: renouvelees, conventionsLocales: locales)
        for c in conventions where report.sourceFiles[c.id.value] == nil { report.sourceFiles[c.id.value] = c.file }
        return report
    }

    /// What the rules read of the derived values, the renewals and the local conventions, without
    /// a summary of each convention (every indicator's état, the means summed by year): `ctg check`
    /// prints none, and making them was about 5 % of its CPU time.
    public static func forRules(conventions: [Convention], date: Day) -> ProjectReport {
        let (renouvelees, locales) = links(conventions)
        return ProjectReport(date: date, resumes: [:], renouveleePar: renouvelees, conventionsLocales: locales)
    }

    /// The same report, made again only for the conventions whose file is in `changed` or
    /// whose renewal changed: the others keep their summary of `previous` (`ctg serve` after
    /// a save). `previous` must have been made of the same files, `changed` aside.
    public static func compute(conventions: [Convention], date: Day, reusing previous: ProjectReport?,
                               changed: Set<String>) async -> ProjectReport {
        guard let previous, previous.date == date else { return await compute(conventions: conventions, date: date) }
        let (renouvelees, locales) = links(conventions)
        var out: [String: ConventionResume] = [:]
        var files: [String: String] = [:]
        var todo: [Convention] = []
        for c in conventions where files[c.id.value] == nil {
            let id = c.id.value
            files[id] = c.file
            if !changed.contains(c.file), previous.sourceFiles[id] == c.file,
               (previous.renouveleePar[id] != nil) == (renouvelees[id] != nil), let r = previous.resumes[id] {
                out[id] = r
            } else {
                todo.append(c)
            }
        }
        let made = await parallelMap(todo) { c in Reports.resume(c, renouvelee: renouvelees[c.id.value] != nil, date: date) }
        for (c, r) in zip(todo, made) { out[c.id.value] = r }
        var report = ProjectReport(date: date, resumes: out, renouveleePar: renouvelees, conventionsLocales: locales)
        report.sourceFiles = files
        return report
    }

    /// Renewals by signed conventions, and local conventions by accord-cadre.
    static func links(_ conventions: [Convention]) -> ([String: String], [String: [String]]) {
        var renouvelees: [String: String] = [:]
        var locales: [String: [String]] = [:]
        for c in conventions {
            if c.signature != nil, let r = c.renouvelle?.value, renouvelees[r] == nil { renouvelees[r] = c.id.value }
            if let a = c.accordCadre?.value { locales[a, default: []].append(c.id.value) }
        }
        return (renouvelees, locales.mapValues { $0.sorted() })
    }

    public func phase(_ id: String) -> Phase? { resumes[id]?.phase }
}
