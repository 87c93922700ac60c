/// Closed and open lists of the format (FORMAT.md §3, RULES.md "Lists"), with the
/// French labels the pages show.

public enum Echelon: String, Sendable, Hashable, CaseIterable {
    case local, departemental
    public var libelle: String { self == .local ? "Local" : "Départemental" }
}

public enum TerritoireType: String, Sendable, Hashable, CaseIterable {
    case commune, epci, departement
    public var libelle: String {
        switch self {
        case .commune: return "Commune"
        case .epci: return "Intercommunalité (EPCI)"
        case .departement: return "Département"
        }
    }
}

public enum SignataireType: String, Sendable, Hashable, CaseIterable {
    case caf, departement, commune, epci, msa, etat, syndicat, autre
    public var libelle: String {
        switch self {
        case .caf: return "Caf"
        case .departement: return "Département"
        case .commune: return "Commune"
        case .epci: return "Intercommunalité"
        case .msa: return "Msa"
        case .etat: return "État"
        case .syndicat: return "Syndicat intercommunal"
        case .autre: return "Autre"
        }
    }
}

/// The framework a convention follows (FORMAT.md §3, *Framework*): the circular it was
/// signed under decides which rules apply (RULES.md, *Frameworks*).
public enum Cadre: String, Sendable, Hashable, CaseIterable, Comparable {
    case cnaf2013 = "cnaf-2013", cnaf2020 = "cnaf-2020"

    /// The circular, as the pages name it (« Cadre : … »).
    public var libelle: String {
        switch self {
        case .cnaf2013: return "lettre circulaire Cnaf n° 2013-205 du 18 décembre 2013"
        case .cnaf2020: return "circulaire Cnaf du 16 janvier 2020"
        }
    }

    /// The first day of the 2020 framework: a convention naming no framework follows it
    /// from this `periode.debut` on.
    public static let debut2020 = Day(year: 2020, month: 1, day: 1)!

    public static func < (a: Cadre, b: Cadre) -> Bool { a.rawValue < b.rawValue }
}

/// The services funded by the « bonus territoire Ctg » (RULES.md, *Lists*), which took over
/// the Cej's prestation de service enfance jeunesse (CADRE-2020.md).
public enum TypeBonus: String, Sendable, Hashable, CaseIterable {
    case eaje, rpe, laep, alsh

    /// Values read as another: the relais assistants maternels (`ram`) became the relais
    /// petite enfance (`rpe`) in 2021.
    public static let anciensNoms: [String: TypeBonus] = ["ram": .rpe]

    /// The short name, as tables and open data show it.
    public var sigle: String { rawValue.uppercased() }

    public var libelle: String {
        switch self {
        case .eaje: return "Établissement d'accueil du jeune enfant"
        case .rpe: return "Relais petite enfance"
        case .laep: return "Lieu d'accueil enfants-parents"
        case .alsh: return "Accueil de loisirs sans hébergement"
        }
    }
}

/// What an indicator's values are (`nature:`, FORMAT.md §3): `effectif`, counts of people,
/// which the secret statistique withholds when small; `autre` (ctg's own), anything else,
/// even when the unit names people.
public enum NatureIndicateur: String, Sendable, Hashable, CaseIterable {
    case effectif, autre
}

public enum Sens: String, Sendable, Hashable, CaseIterable {
    case hausse, baisse
    public var libelle: String { self == .hausse ? "à la hausse" : "à la baisse" }
}

public enum EtatAction: String, Sendable, Hashable, CaseIterable {
    case prevue, enCours = "en-cours", realisee, abandonnee
    public var libelle: String {
        switch self {
        case .prevue: return "Prévue"
        case .enCours: return "En cours"
        case .realisee: return "Réalisée"
        case .abandonnee: return "Abandonnée"
        }
    }
}

public enum TypeEvaluation: String, Sendable, Hashable, CaseIterable {
    case intermediaire, finale
    public var libelle: String { self == .finale ? "Évaluation finale" : "Évaluation intermédiaire" }
}

public enum Devenir: String, Sendable, Hashable, CaseIterable {
    case integre, maintenu, echu
    public var libelle: String {
        switch self {
        // The devenir of a contrat (masculine).
        case .integre: return "Intégré à la CTG"
        case .maintenu: return "Maintenu"
        case .echu: return "Échu"
        }
    }
}

/// Labelled vocabularies: slug → French label, in catalogue order.
public enum Vocabulaire {
    /// Fields of the Famille branch (§ 1re partie 1, § 2e partie 1).
    public static let champs: [(String, String)] = [
        ("petite-enfance", "Petite enfance"), ("enfance", "Enfance"), ("jeunesse", "Jeunesse"),
        ("parentalite", "Soutien à la parentalité"), ("aide-a-domicile", "Aide à domicile"),
        ("animation-vie-sociale", "Animation de la vie sociale"),
        ("logement-cadre-de-vie", "Logement et amélioration du cadre de vie"), ("insertion", "Insertion"),
        ("handicap", "Handicap"), ("acces-aux-droits", "Accès aux droits et aux services"),
        ("temps-libre", "Temps libre"), ("familles-vulnerables", "Familles vulnérables"),
        // v2: fields the Caf pages of the 2020 framework name (CADRE-2020.md).
        ("inclusion-numerique", "Inclusion numérique"), ("accompagnement-social", "Accompagnement social"),
    ]
    /// The common core of the 2020 framework: every CTG covers these, and one more field
    /// at least (RULES.md, `socle-champs`).
    public static let socle2020 = ["petite-enfance", "jeunesse", "parentalite"]
    /// Needs of the public (§ 2e partie, introduction).
    public static let besoins: [(String, String)] = [
        ("logement-indecent", "Logements indécents"), ("precarite", "Précarité économique et sociale"),
        ("familles-bi-actives", "Familles bi-actives"), ("transports", "Manque de transports"),
        ("expulsions", "Expulsions"), ("autre", "Autre"),
    ]
    /// Needs of the territory (§ 2e partie, introduction).
    public static let typesTerritoire: [(String, String)] = [
        ("urbain", "Urbain"), ("zone-urbaine-sensible", "Zone urbaine sensible"), ("rural", "Rural"),
        ("periurbain", "Périurbain"), ("desertification-services-publics", "Désertification des services publics"),
        ("enclavement", "Enclavement"), ("autre", "Autre"),
    ]
    /// Thematic schemes (§ 1re partie 3).
    public static let schemas: [(String, String)] = [
        ("sdsf", "Schéma départemental des services aux familles"),
        ("petite-enfance-parentalite", "Schéma petite enfance et parentalité"),
        ("animation-vie-sociale", "Schéma d'animation de la vie sociale"),
        ("plan-accessibilite-services", "Plan d'accessibilité aux services"),
        ("pacte-territorial-insertion", "Pacte territorial d'insertion"), ("autre", "Autre"),
    ]
    /// Existing contracts (§ 2e partie 3).
    public static let typesConventionExistante: [(String, String)] = [
        ("cej", "Contrat enfance jeunesse"), ("psu", "Prestation de service unique"),
        ("prestation-service", "Prestation de service"), ("autre", "Autre"),
    ]

    /// The label of `slug` in `list`, or the slug itself.
    public static func libelle(_ slug: String, in list: [(String, String)]) -> String {
        list.first { $0.0 == slug }?.1 ?? slug
    }
}
