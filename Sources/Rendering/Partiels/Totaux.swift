import Model
import Reports

/// The totals of a set of conventions (`partials/totaux`): by phase, then what is in force at
/// `date_reference` — its indicators by state, its money — with ended and future conventions'
/// money apart, so that a total never mixes a finished contract with a running one. Home and
/// département pages.
struct TotauxVue: Vue {
    var conventions: String
    var conventionsTexte: String
    /// « dont 3 en cours » when some are not in force.
    var enCoursTexte: String?
    /// The action sociale of the conventions in force: the headline, with the total beside it.
    var actionSocialeEnCours: String?
    var actionSocialeEnCoursExact: String?
    var totalEnCours: String?
    var totalEnCoursExact: String?
    var phases: [PhaseTotal]
    var indicateurs: String
    var etats: [EtatCompte]
    /// True when no convention is in force: the states' table is not drawn.
    var aucuneEnCours: Bool
    var captionPhases: String
    var captionEtats: String
    var captionMoyens: String
    var moyens: Liste<GroupeMoyens>
    /// Local conventions' territories lie inside départemental ones': the rows do not add up.
    var moyensSuperposes: Bool

    struct PhaseTotal: Vue {
        var libelle: String
        var code: String
        var nombre: String
    }

    /// The money of the conventions of one group of phases (in force, ended, future, drafts).
    struct GroupeMoyens: Vue {
        var groupe: String
        var lignes: [LigneMoyens]
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
    /// The action sociale (the headline) and the total with the prestations légales.
    var actionSociale: String?
    var actionSocialeExact: String?
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
            actionSociale: r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosCourtActionSociale,
            actionSocialeExact: r.moyensParAnnee.isEmpty ? nil : r.moyensTotal.eurosActionSociale,
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

    /// The groups of phases whose money is totalled apart, in the order the table shows them.
    enum GroupeTotaux: CaseIterable {
        case enCours, aVenir, terminees, projets

        init(_ p: Phase) {
            switch p {
            case .enCours: self = .enCours
            case .aVenir: self = .aVenir
            case .echue, .evaluee, .renouvelee: self = .terminees
            case .projet: self = .projets
            }
        }

        func libelle(date: Day) -> String {
            switch self {
            case .enCours: return "Conventions en cours au \(Format.date(date))"
            case .aVenir: return "Conventions à venir"
            case .terminees: return "Conventions terminées (échues, évaluées ou renouvelées)"
            case .projets: return "Conventions en projet"
            }
        }
    }

    func totaux(_ indices: [Int], idPrefix: String) -> TotauxVue {
        var phases: [Phase: Int] = [:]
        var etats: [EtatIndicateur: Int] = [:]
        var indicateurs = 0
        var enCours = 0
        var moyens: [GroupeTotaux: [Echelon?: MoyensLigne]] = [:]
        for i in indices {
            let r = entries[i].resume
            phases[r.phase, default: 0] += 1
            let groupe = GroupeTotaux(r.phase)
            // The states of indicators are those of the conventions in force: a renewed
            // convention's or a future one's would count twice or too early.
            if groupe == .enCours {
                enCours += 1
                for (e, n) in r.etats { etats[e, default: 0] += n }
                indicateurs += r.indicateurs
            }
            guard !r.moyensParAnnee.isEmpty else { continue }
            moyens[groupe, default: [:]][entries[i].convention.echelon?.value, default: .zero(annee: nil)].add(r.moyensTotal)
        }
        let ordreEchelons: [Echelon?] = [.departemental, .local, nil]
        let groupes = GroupeTotaux.allCases.compactMap { g -> TotauxVue.GroupeMoyens? in
            guard let parEchelon = moyens[g] else { return nil }
            return .init(groupe: g.libelle(date: date), lignes: ordreEchelons.compactMap { k in
                guard let l = parEchelon[k] else { return nil }
                return .init(
                    echelon: k == .departemental ? "Départementales" : k == .local ? "Locales" : "Échelon non renseigné",
                    prestationsLegales: l.eurosPrestationsLegales, actionSociale: l.eurosActionSociale, total: l.eurosTotal)
            })
        }
        // The headline: the money of the conventions in force, when it is one sum. With both
        // échelons in force there is none (a départemental convention's territory holds local
        // ones', possibly not all of them): the table's rows say it.
        let enVigueur = moyens[.enCours].flatMap { $0.count == 1 ? $0.first?.value : nil }
        return TotauxVue(
            conventions: Format.entier(indices.count),
            conventionsTexte: indices.count > 1 ? "conventions" : "convention",
            enCoursTexte: enCours == indices.count ? nil : "dont \(Format.entier(enCours)) en cours au \(Format.date(date))",
            actionSocialeEnCours: enVigueur?.eurosCourtActionSociale,
            actionSocialeEnCoursExact: enVigueur?.eurosActionSociale,
            totalEnCours: enVigueur?.eurosCourtTotal,
            totalEnCoursExact: enVigueur?.eurosTotal,
            phases: Phase.allCases.sorted { $0.rang < $1.rang }.compactMap { p in
                phases[p].map { .init(libelle: p.libelle, code: p.rawValue, nombre: Format.entier($0)) }
            },
            indicateurs: Format.entier(indicateurs),
            etats: EtatCompte.liste(etats),
            aucuneEnCours: enCours == 0,
            captionPhases: "\(idPrefix)-phases",
            captionEtats: "\(idPrefix)-etats",
            captionMoyens: "\(idPrefix)-moyens",
            moyens: Liste(groupes),
            moyensSuperposes: groupes.contains { $0.lignes.count > 1 })
    }
}
