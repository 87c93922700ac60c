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
    case caf, departement, commune, epci, autre
    public var libelle: String {
        switch self {
        case .caf: return "Caf"
        case .departement: return "Département"
        case .commune: return "Commune"
        case .epci: return "Intercommunalité"
        case .autre: return "Autre"
        }
    }
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
    ]
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
