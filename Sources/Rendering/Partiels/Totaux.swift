import Model
import Reports

/// The totals of a set of conventions (`partials/totaux`): by phase, indicators by state,
/// money by échelon. Home and département pages.
struct TotauxVue: Vue {
    var conventions: String
    var conventionsTexte: String
    var phases: [PhaseTotal]
    var indicateurs: String
    var etats: [EtatCompte]
    var captionPhases: String
    var captionEtats: String
    var captionMoyens: String
    var moyens: Liste<LigneMoyens>
    /// Local conventions' territories lie inside départemental ones': the rows do not add up.
    var moyensSuperposes: Bool

    struct PhaseTotal: Vue {
        var libelle: String
        var code: String
        var nombre: String
    }

    struct LigneMoyens: Vue {
        var echelon: String
        var prestationsLegales: String
        var actionSociale: String
        var total: String
    }
}

/// How many indicators are in one state, with the state's label and badge.
struct EtatCompte: Vue {
    var code: String
    var libelle: String
    var icone: String
    var html: HTML
    var nombre: String
    var zero: Bool

    /// Every state, in its fixed order, with its count (zero included).
    static func liste(_ counts: [EtatIndicateur: Int]) -> [EtatCompte] {
        EtatIndicateur.allCases.map { e in
            let v = EtatVue.of(e)
            return EtatCompte(code: v.code, libelle: v.libelle, icone: v.icone, html: v.html,
                              nombre: Format.entier(counts[e] ?? 0), zero: (counts[e] ?? 0) == 0)
        }
    }
}

/// A phase's code and label.
struct PhaseVue: Vue {
    var code: String
    var libelle: String
    init(_ p: Phase) {
        code = p.rawValue
        libelle = p.libelle
    }
}

/// The conventions of one phase in one place, as a table (`partials/tableau-conventions`).
struct GroupePhase: Vue {
    var phase: PhaseVue
    /// « Conventions en cours »: the heading over the table, whose caption (the same words
    /// and the place) is for screen readers only.
    var titre: String
    var nombre: String
    var captionId: String
    var caption: String
    var lignes: [LigneConvention]
}

/// One row of a table of conventions, with its key figures.
struct LigneConvention: Vue {
    var titre: String
    var url: String
    var projet: Bool
    var phase: PhaseVue
    var territoire: String?
    var typeTerritoire: String?
    var echelon: String?
    var periode: String?
    var actions: String?
    var indicateurs: String?
    var moyens: String?
    var moyensExact: String?
}

extension SiteMap {
    func ligneConvention(_ i: Int, frame: PageFrame) -> LigneConvention {
        let e = entries[i]
        let r = e.resume
        let c = e.convention
        var periode: String? = nil
        if let d = c.periode?.debut?.value, let f = c.periode?.fin?.value {
            periode = "\(Format.moisAnnee(d)) – \(Format.moisAnnee(f))"
        }
        let bons = (r.etats[.atteint] ?? 0) + (r.etats[.enBonneVoie] ?? 0)
        return LigneConvention(
            titre: e.titre,
            url: frame.url(e.path),
            projet: r.phase == .projet,
            phase: PhaseVue(r.phase),
            territoire: c.territoire?.nom?.value,
            typeTerritoire: c.territoire?.type?.value.libelle,
            echelon: c.echelon?.value.libelle,
            periode: periode,
            actions: r.actions > 0 ? "\(Format.entier(r.actionsRealisees)) sur \(Format.entier(r.actions))" : nil,
            indicateurs: r.indicateurs > 0 ? "\(Format.entier(bons)) sur \(Format.entier(r.indicateurs))" : nil,
            moyens: r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosCourtTotal,
            moyensExact: r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosTotal)
    }

    /// Conventions grouped by phase (living ones first), one table per phase.
    func parPhase(_ indices: [Int], frame: PageFrame, idPrefix: String, lieu: String) -> [GroupePhase] {
        var groups: [Phase: [Int]] = [:]
        for i in indices { groups[entries[i].resume.phase, default: []].append(i) }
        return Phase.allCases.sorted { $0.rang < $1.rang }.compactMap { p -> GroupePhase? in
            guard let list = groups[p] else { return nil }
            let sorted = list.sorted { (entries[$0].titre, $0) < (entries[$1].titre, $1) }
            return GroupePhase(phase: PhaseVue(p), titre: "Conventions \(Self.phaseAdjectif(p))", nombre: Format.entier(list.count), captionId: "\(idPrefix)-\(p.rawValue)",
                               caption: "\(lieu)\u{00A0}: conventions \(Self.phaseAdjectif(p))",
                               lignes: sorted.map { ligneConvention($0, frame: frame) })
        }
    }

    static func phaseAdjectif(_ p: Phase) -> String {
        switch p {
        case .projet: return "en projet"
        case .aVenir: return "à venir"
        case .enCours: return "en cours"
        case .evaluee: return "évaluées"
        case .echue: return "échues"
        case .renouvelee: return "renouvelées"
        }
    }

    func totaux(_ indices: [Int], idPrefix: String) -> TotauxVue {
        var phases: [Phase: Int] = [:]
        var etats: [EtatIndicateur: Int] = [:]
        var indicateurs = 0
        var moyens: [Echelon?: MoyensLigne] = [:]
        for i in indices {
            let r = entries[i].resume
            phases[r.phase, default: 0] += 1
            for (e, n) in r.etats { etats[e, default: 0] += n }
            indicateurs += r.indicateurs
            guard !r.moyensParAnnee.isEmpty else { continue }
            moyens[entries[i].convention.echelon?.value, default: .zero(annee: nil)].add(r.moyensTotal)
        }
        let lignesMoyens = ([Echelon.departemental, .local] as [Echelon?] + [nil]).compactMap { k -> TotauxVue.LigneMoyens? in
            guard let l = moyens[k] else { return nil }
            return .init(
                echelon: k == .departemental ? "Conventions départementales" : k == .local ? "Conventions locales" : "Échelon non renseigné",
                prestationsLegales: l.eurosPrestationsLegales, actionSociale: l.eurosActionSociale, total: l.eurosTotal)
        }
        return TotauxVue(
            conventions: Format.entier(indices.count),
            conventionsTexte: indices.count > 1 ? "conventions" : "convention",
            phases: Phase.allCases.sorted { $0.rang < $1.rang }.compactMap { p in
                phases[p].map { .init(libelle: p.libelle, code: p.rawValue, nombre: Format.entier($0)) }
            },
            indicateurs: Format.entier(indicateurs),
            etats: EtatCompte.liste(etats),
            captionPhases: "\(idPrefix)-phases",
            captionEtats: "\(idPrefix)-etats",
            captionMoyens: "\(idPrefix)-moyens",
            moyens: Liste(lignesMoyens),
            moyensSuperposes: moyens[.departemental] != nil && moyens[.local] != nil)
    }
}
