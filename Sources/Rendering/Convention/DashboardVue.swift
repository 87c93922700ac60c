import Model
import Reports

/// The page of a convention (`convention.mustache`): its dashboard. Its board's dossier
/// (`DossierPageVue`) shows the same blocks in the order a board reads them.
struct DashboardVue: PageVue {
    static let gabarit = "convention"
    var convention: ConventionVue
    /// What needs attention first, right under the title.
    var attention: AttentionVue
    /// `--depuis`: « Depuis le … », its changes since ANCIEN; none without a change.
    var changementsDepuis: Optionnel<DepuisVue>
    /// `--revue`: the convention's findings at the top of its page.
    var revueConvention: RevueConvention?
    /// « Sur cette page »: the sections the page has, in order.
    var sommaire: SommaireVue
    /// The link to the board's dossier.
    var urlDossier: String

    struct RevueConvention: Vue {
        var constats: Liste<ConstatVue>
        var bilan: String
        var aucun: Bool
    }

}

/// The contents of a page (`partials/sommaire`): « Sur cette page » on a dashboard, hidden in
/// print; the dossier's, printed on its cover.
struct SommaireVue: Vue {
    var titre: String
    var imprime: Bool
    var items: [Item]

    struct Item: Vue {
        var ancre: String
        var libelle: String
    }
}

/// `{{#convention}}` of the page of a convention.
struct ConventionVue: Vue {
    var titre: String
    var id: String
    var projet: Bool
    var phase: PhaseVue
    var echelon: String?
    var echelonPhrase: String?
    var territoire: TerritoireVue?
    /// The framework it follows (FORMAT.md §3), and how it was known.
    var cadre: CadreVue
    var signataires: Liste<Signataire>
    var periode: Periode?
    var dateDiagnostic: String?
    var deliberationCA: String?
    var signature: String?
    /// The timeline: its SVG, its milestones as a numbered list, the share of the period elapsed.
    var frise: HTML?
    var jalons: Liste<Jalon>
    var avancement: String?
    var chiffres: ChiffresVue
    var axes: AxesVue?
    var moyens: MoyensVue?
    /// The services funded by the bonus territoire; nil when none.
    var bonus: BonusVue?
    var diagnostic: DiagnosticVue?
    var articulation: ArticulationVue?
    var gouvernance: GouvernanceVue?
    var evaluation: EvaluationVue?
    /// The body, rendered; nil when it is blank.
    var recit: Octets?
    var liees: Liste<LienConvention>
    var annexes: Liste<LienAnnexe>
    /// The section « Conventions liées et annexes » is there.
    var liens: Bool
    var constatsIdentite: Liste<ConstatVue>
    var constatsPlan: Liste<ConstatVue>
    var constatsRecit: Liste<ConstatVue>

    struct TerritoireVue: Vue {
        var nom: String?
        var type: String?
        var code: String?
        var departement: Lien?
        var communes: Liste<String>
        /// The territory as the referential names it; nil for a code it does not know.
        var officiel: Optionnel<Officiel>
        /// The territory on the map of its département (inline SVG), and what it shows.
        var carte: Octets?
        var legendeCarte: String?
    }

    struct Officiel: Vue {
        var nom: String
        var nature: String
        var population: String?
        var nombreCommunes: String?
        /// For a commune: the EPCI it belongs to.
        var epci: String?
    }

    struct CadreVue: Vue {
        /// `cnaf-2020`.
        var code: String
        /// « circulaire Cnaf du 16 janvier 2020 ».
        var libelle: String
        /// How it was known when the convention names none.
        var deduit: String?
    }

    struct Signataire: Vue {
        var nom: String?
        var type: String?
        var representant: String?
    }

    struct Periode: Vue {
        var texte: String
        var debut: String
        var fin: String
    }

    struct Jalon: Vue {
        var numero: String
        var libelle: String
        var date: String
        var iso: String
    }

    struct LienAnnexe: Vue {
        var titre: String
        var url: String
    }
}

/// A labelled link.
struct Lien: Vue {
    var libelle: String
    var url: String
}

/// The axes of the plan, each with its tables and indicators.
struct AxesVue: Vue {
    var items: [AxeVue]
}

/// The timeline of a convention: the same on its dashboard and its dossier.
struct CalendrierVue {
    var frise: HTML?
    var jalons: Liste<ConventionVue.Jalon>
    var avancement: String?
}

/// The key figures of a convention.
struct ChiffresVue: Vue {
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
    /// The sum of the budgets of the plan's actions; nil when none has one.
    var budgetActions: String?
    /// The money the Caf decides (action sociale): the headline, with the total beside it.
    var actionSocialeCourt: String?
    var actionSocialeExact: String?
    var moyensCourt: String?
    var moyensExact: String?
    var moyensPeriode: String?
    /// Indicator counts by state, every state in its fixed order.
    var etats: [EtatCompte]
}

/// The money table: a row per year, the total when there are several.
struct MoyensVue: Vue {
    var captionId: String
    var lignes: Liste<Annee>
    var total: Total?
    var constats: Liste<ConstatVue>

    struct Annee: Vue {
        var annee: String
        var prestationsLegales: String
        var actionSociale: String
        var total: String
    }

    struct Total: Vue {
        var periode: String
        var prestationsLegales: String
        var actionSociale: String
        var total: String
    }
}

struct DiagnosticVue: Vue {
    var date: String?
    var partenaires: Liste<String>
    var besoins: Liste<String>
    var typesTerritoire: Liste<String>
    var page: Page?
    var constats: Liste<ConstatVue>

    struct Page: Vue {
        var url: String
        var titre: String
    }
}

struct ArticulationVue: Vue {
    var champs: Liste<Champ>
    var schemas: Liste<String>
    var existantes: Existantes?
    var constats: Liste<ConstatVue>

    struct Champ: Vue {
        var libelle: String
        var url: String?
    }

    struct Existantes: Vue {
        var captionId: String
        var lignes: [Existante]
    }

    struct Existante: Vue {
        var intitule: String
        var type: String?
        var debut: String?
        var fin: String?
        var devenir: String?
    }
}

struct GouvernanceVue: Vue {
    var pilotage: Liste<String>
    var technique: Liste<String>
    var constats: Liste<ConstatVue>
}

struct EvaluationVue: Vue {
    /// Nil when the convention has no evaluation, only findings about it.
    var type: String?
    var date: String?
    var synthese: String?
    var constats: Liste<ConstatVue>
}

/// A link to a convention when it has a page on this site; its title alone otherwise.
struct LienConvention: Vue {
    var relation: String?
    var titre: String
    /// Its page, when it has one on this site.
    var url: String?
    /// Its phase, when it has a page (empty otherwise).
    var phase: String
    var absente: Bool
}
