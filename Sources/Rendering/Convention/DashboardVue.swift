import Model
import Reports

/// What the page of a convention shows, typed: `DashboardBuilder.vue()` makes it,
/// `ConventionPage` writes it, and `ctx` gives the very same values to a project's own
/// templates (`convention.mustache` and its partials).
///
/// Why typed: the page was a tree of `[String: Any]` that `ConventionPage` read back key by
/// key, each value cast from `Any`. Building the dictionaries, hashing their keys, the casts
/// and freeing the tree cost about 8 % of a build's instructions, for values known when they
/// are made.
struct DashboardVue {
    var layout: LayoutVue
    var convention: ConventionVue
    /// `--revue`: the convention's findings at the top of its page.
    var revue: RevueConvention?
    /// « Sur cette page »: the sections the page has, in order.
    var sommaire: [(ancre: String, libelle: String)]
    /// The link to the board's dossier; nil on the dossier itself.
    var urlDossier: String?
    /// On the board's dossier: its cover note and annexes.
    var dossier: DossierVue?

    struct RevueConvention {
        var constats: Ctx?
        var bilan: String
        var aucun: Bool
    }

    struct DossierVue {
        var date: String
        var urlTableauDeBord: String
        var annexes: [(titre: String, ancre: String, url: String, contenu: String)]
    }

    /// The page's context for the templates, as it was built before the page was typed.
    var ctx: Ctx {
        var out = layout.ctx
        let conv = convention.ctx
        out["convention"] = conv
        if let revue {
            out["revueConvention"] = Rendering.ctx(["constats": revue.constats, "bilan": revue.bilan, "aucun": revue.aucun ? true : nil])
        }
        out["sommaire"] = liste(sommaire.map { ["ancre": $0.ancre, "libelle": $0.libelle] as Ctx }) ?? absent
        if let urlDossier { out["urlDossier"] = urlDossier }
        if let dossier {
            let annexes: [Any] = dossier.annexes.map { a in
                Rendering.ctx(["titre": a.titre, "ancre": a.ancre, "url": a.url, "contenu": a.contenu])
            }
            out["dossier"] = Rendering.ctx([
                "date": dossier.date,
                "urlTableauDeBord": dossier.urlTableauDeBord,
                "annexes": annexes.isEmpty ? nil : Rendering.ctx(["items": annexes]),
            ])
        }
        return out
    }
}

/// `{{#convention}}` of the page of a convention.
struct ConventionVue {
    var titre: String
    var id: String
    var projet: Bool
    var phase: Phase
    var echelon: String?
    var echelonPhrase: String?
    var territoire: TerritoireVue?
    var signataires: [(nom: String?, type: String?, representant: String?)]
    var periode: (texte: String, debut: String, fin: String)?
    var dateDiagnostic: String?
    var deliberationCA: String?
    var signature: String?
    var calendrier: CalendrierVue
    var chiffres: ChiffresVue
    var axes: (html: String?, items: LazyList<AxeVue>)?
    var moyens: MoyensVue?
    var diagnostic: DiagnosticVue?
    var articulation: ArticulationVue?
    var gouvernance: GouvernanceVue?
    var evaluation: EvaluationVue?
    /// The marker of the body's block; nil when the body is blank.
    var recit: String?
    var liees: [LienConvention]
    var annexes: [(titre: String, url: String)]
    var constatsIdentite: Ctx?
    var constatsPlan: Ctx?
    var constatsRecit: Ctx?

    /// The section « Conventions liées et annexes » is there.
    var liens: Bool { !liees.isEmpty || !annexes.isEmpty }

    struct TerritoireVue {
        var nom: String?
        var type: String?
        var code: String?
        var departement: (libelle: String, url: String)?
        var communes: [String]
    }

    var ctx: Ctx {
        var conv = Rendering.ctx([
            "titre": titre,
            "id": id,
            "projet": projet ? true : nil,
            "phase": Etiquette.phase(phase),
            "echelon": echelon,
            "echelonPhrase": echelonPhrase,
            "territoire": territoire.map { t in
                Rendering.ctx([
                    "nom": t.nom, "type": t.type, "code": t.code,
                    "departement": t.departement.map { ["libelle": $0.libelle, "url": $0.url] as Ctx },
                    "communes": liste(t.communes),
                ])
            },
            "signataires": liste(signataires.map { s in Rendering.ctx(["nom": s.nom, "type": s.type, "representant": s.representant]) }),
            "periode": periode.map { Rendering.ctx(["texte": $0.texte, "debut": $0.debut, "fin": $0.fin]) },
            "dateDiagnostic": dateDiagnostic,
            "deliberationCA": deliberationCA,
            "signature": signature,
        ])
        conv["frise"] = calendrier.frise ?? absent
        conv["jalons"] = liste(calendrier.jalons.map { j in
            ["numero": j.numero, "libelle": j.libelle, "date": j.date, "iso": j.iso] as Ctx
        }) ?? absent
        conv["avancement"] = calendrier.avancement ?? absent
        conv["chiffres"] = chiffres.ctx
        conv["axes"] = axes.map { Rendering.ctx(["html": $0.html, "items": $0.items]) } ?? absent
        conv["moyens"] = moyens?.ctx ?? absent
        conv["diagnostic"] = diagnostic?.ctx ?? absent
        conv["articulation"] = articulation?.ctx ?? absent
        conv["gouvernance"] = gouvernance?.ctx ?? absent
        conv["evaluation"] = evaluation?.ctx ?? absent
        conv["recit"] = recit ?? absent
        conv["liees"] = liste(liees.map(\.ctx)) ?? absent
        conv["annexes"] = liste(annexes.map { Rendering.ctx(["titre": $0.titre, "url": $0.url]) }) ?? absent
        conv["liens"] = liens ? true : absent
        conv["constatsIdentite"] = constatsIdentite ?? absent
        conv["constatsPlan"] = constatsPlan ?? absent
        conv["constatsRecit"] = constatsRecit ?? absent
        return conv
    }
}

/// The timeline: its SVG, its milestones as a numbered list, and the share of the period elapsed.
struct CalendrierVue {
    var frise: String?
    var jalons: [(numero: String, libelle: String, date: String, iso: String)]
    var avancement: String?
}

/// The key figures of a convention.
struct ChiffresVue {
    var axes: String
    var objectifs: String
    var indicateurs: String
    var actions: String
    var motAxes: String
    var motObjectifs: String
    var motIndicateurs: String
    var motRealisees: String
    var actionsRealisees: String
    var partRealisees: String?
    var moyensCourt: String?
    var moyensExact: String?
    var moyensPeriode: String?
    /// Indicator counts by state, every state in its fixed order.
    var etats: [EtatIndicateur: Int]

    var ctx: Ctx {
        Rendering.ctx([
            "axes": axes, "objectifs": objectifs, "indicateurs": indicateurs, "actions": actions,
            "motAxes": motAxes, "motObjectifs": motObjectifs, "motIndicateurs": motIndicateurs,
            "motRealisees": motRealisees, "actionsRealisees": actionsRealisees, "partRealisees": partRealisees,
            "moyensCourt": moyensCourt, "moyensExact": moyensExact, "moyensPeriode": moyensPeriode,
            "etats": Etiquette.etats(etats),
        ])
    }
}

/// The money table: a row per year, the total when there are several.
struct MoyensVue {
    struct Ligne {
        var prestationsLegales: String
        var actionSociale: String
        var total: String
    }
    var lignes: [(annee: String, montants: Ligne)]
    var total: (periode: String, montants: Ligne)?
    var constats: Ctx?
    static let captionId = "Tableau-moyens"

    var ctx: Ctx {
        func ligne(_ l: Ligne) -> Ctx { ["prestationsLegales": l.prestationsLegales, "actionSociale": l.actionSociale, "total": l.total] }
        return Rendering.ctx([
            "captionId": Self.captionId,
            "lignes": liste(lignes.map { l in ligne(l.montants).merging(["annee": l.annee]) { a, _ in a } }),
            "total": total.map { t in ligne(t.montants).merging(["periode": t.periode]) { a, _ in a } },
            "constats": constats,
        ])
    }
}

struct DiagnosticVue {
    /// False when the convention has no diagnostic, only findings about it.
    var present: Bool
    var date: String?
    var partenaires: [String]
    var besoins: [String]
    var typesTerritoire: [String]
    var page: (url: String, titre: String)?
    var constats: Ctx?

    var ctx: Ctx {
        guard present else { return ["constats": constats ?? absent] }
        return Rendering.ctx([
            "date": date,
            "partenaires": liste(partenaires),
            "besoins": liste(besoins),
            "typesTerritoire": liste(typesTerritoire),
            "page": page.map { Rendering.ctx(["url": $0.url, "titre": $0.titre]) },
            "constats": constats,
        ])
    }
}

struct ArticulationVue {
    var champs: [(libelle: String, url: String?)]
    var schemas: [String]
    var existantes: [(intitule: String, type: String?, debut: String?, fin: String?, devenir: String?)]
    var constats: Ctx?
    static let captionExistantes = "Tableau-existantes"

    var ctx: Ctx {
        let existantes: [Any] = self.existantes.map { x in
            Rendering.ctx(["intitule": x.intitule, "type": x.type, "debut": x.debut, "fin": x.fin, "devenir": x.devenir])
        }
        return Rendering.ctx([
            "champs": liste(champs.map { Rendering.ctx(["libelle": $0.libelle, "url": $0.url]) }),
            "schemas": liste(schemas),
            "existantes": existantes.isEmpty ? nil : ["captionId": Self.captionExistantes, "lignes": existantes] as Ctx,
            "constats": constats,
        ])
    }
}

struct GouvernanceVue {
    var pilotage: [String]
    var technique: [String]
    var constats: Ctx?

    var ctx: Ctx { Rendering.ctx(["pilotage": liste(pilotage), "technique": liste(technique), "constats": constats]) }
}

struct EvaluationVue {
    /// False when the convention has no evaluation, only findings about it.
    var present: Bool
    var type: String
    var date: String?
    var synthese: String?
    var constats: Ctx?

    var ctx: Ctx {
        guard present else { return ["constats": constats ?? absent] }
        return Rendering.ctx(["type": type, "date": date, "synthese": synthese, "constats": constats])
    }
}

/// A link to a convention when it has a page on this site; its title alone otherwise.
struct LienConvention {
    var relation: String?
    var titre: String
    /// Its page and phase, when it has one on this site.
    var page: (url: String, phase: String)?

    var ctx: Ctx {
        guard let page else { return Rendering.ctx(["relation": relation, "titre": titre, "absente": true]) }
        return Rendering.ctx(["relation": relation, "titre": titre, "url": page.url, "phase": page.phase])
    }
}

extension LayoutVue {
    /// The layout's values for the convention's templates while they still read dictionaries.
    var ctx: Ctx {
        var out = Rendering.ctx([
            "racine": racine,
            "titrePage": titrePage,
            "site": Rendering.ctx([
                "titre": site.titre, "caf": site.caf,
                "dateReference": site.dateReference, "dateReferenceIso": site.dateReferenceIso,
            ]),
            "nav": nav.map { Rendering.ctx(["libelle": $0.libelle, "url": $0.url, "courant": $0.courant ? true : nil]) } as [Any],
            "urlAccueil": urlAccueil,
            "urlStyle": urlStyle,
            "urlAccessibilite": urlAccessibilite,
            "urlConventionsJson": urlConventionsJson,
            "urlIndicateursCsv": urlIndicateursCsv,
            "urlControle": urlControle,
            "revue": revue ? true : nil,
        ])
        if !filAriane.items.isEmpty {
            out["filAriane"] = ["items": filAriane.items.map { Rendering.ctx(["libelle": $0.libelle, "url": $0.url]) }]
        }
        if let styleImpression { out["styleImpression"] = styleImpression }
        return out
    }
}
