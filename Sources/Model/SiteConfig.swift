/// A rule's setting in `site.yml` (`regles:`).
public enum RuleSetting: Sendable, Hashable {
    case off
    case severity(Severity)
}

/// `content/site.yml` (FORMAT.md §2).
public struct SiteConfig: Sendable {
    public var file: String
    public var titre: String
    public var caf: String
    public var url: String?
    public var dateReference: Day?
    /// The board meeting the site is prepared for (`seance:`): on the dossier's cover.
    public var seance: Day?
    /// Extra fields of intervention, slug → label, in file order.
    public var champsSupplementaires: [(String, String)]
    public var regles: [RuleID: RuleSetting]
    /// The framework of conventions that name none (`cadre:`, FORMAT.md §2).
    public var cadre: Cadre?
    /// `secret_statistique:` (FORMAT.md §2): counts of people from 1 to this minus one are not
    /// published; 0 turns it off.
    public var secretStatistique = 5

    public init(file: String = "content/site.yml", titre: String = "Conventions territoriales globales",
                caf: String = "Caf", url: String? = nil, dateReference: Day? = nil,
                champsSupplementaires: [(String, String)] = [], regles: [RuleID: RuleSetting] = [:]) {
        self.file = file
        self.titre = titre
        self.caf = caf
        self.url = url
        self.dateReference = dateReference
        self.champsSupplementaires = champsSupplementaires
        self.regles = regles
    }

    /// Every field of intervention: the Famille branch's, then the project's own. A field of
    /// the branch that the project declared too (v2 added `inclusion-numerique`, which projects
    /// used to declare) keeps the project's label, in the branch's place.
    public var champs: [(String, String)] {
        guard !champsSupplementaires.isEmpty else { return Vocabulaire.champs }
        let propres = Dictionary(champsSupplementaires, uniquingKeysWith: { a, _ in a })
        let branche = Set(Vocabulaire.champs.map(\.0))
        return Vocabulaire.champs.map { ($0.0, propres[$0.0] ?? $0.1) } + champsSupplementaires.filter { !branche.contains($0.0) }
    }

    /// The French label of a field.
    public func libelleChamp(_ slug: String) -> String { Vocabulaire.libelle(slug, in: champs) }
}
