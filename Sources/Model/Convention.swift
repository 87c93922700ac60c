/// One Convention territoriale globale, as read from its file. Every field keeps where it
/// came from; a field is nil when absent or unreadable (the loader reported why).
public struct Convention: Sendable {
    public var id: Ident
    /// Project-relative path of the Markdown file (`content/territoires/x.md` or `.../x/index.md`).
    public var file: String
    public var isBundle: Bool

    public var titre: Located<String>?
    public var echelon: Located<Echelon>?
    public var territoire: Territoire?
    public var signataires: Located<[Signataire]>?
    public var periode: Periode?
    public var deliberationCA: Located<Day>?
    public var signature: Located<Day>?
    public var accordCadre: Located<String>?
    public var renouvelle: Located<String>?
    public var diagnostic: Diagnostic?
    public var champs: Located<[Located<String>]>?
    public var schemas: Located<[Located<String>]>?
    public var conventionsExistantes: Located<[ConventionExistante]>?
    public var moyens: Located<[MoyensAnnee]>?
    public var gouvernance: Gouvernance?
    public var axes: Located<[Axe]>?
    public var evaluation: Evaluation?

    /// The Markdown body and the file line where it starts.
    public var body: MarkdownText
    /// The body rendered (links still as placeholders until the site resolves them).
    public var document: MarkdownDocument?
    /// Annex pages of a bundle (other `.md` files of its folder), sorted by path.
    public var annexes: [Annexe]
    /// Other files of a bundle, copied beside the page: project-relative paths, sorted.
    public var fichiers: [String]
    /// Keys whose value was present but unreadable: rules that look for an absent key skip them,
    /// so that one defect gives one finding. Paths as `periode.fin`, `axes[1].objectifs[2].actions`;
    /// `""` when the front matter itself is unreadable (empty, or not a mapping).
    public var invalidKeys: Set<String>
    /// Hash of the front matter's text (this process only): a save that leaves it unchanged
    /// touched only the body, which no page but the convention's own shows.
    public var frontMatterHash: Int = 0

    public init(id: Ident, file: String, isBundle: Bool = false, body: MarkdownText = MarkdownText(text: "", firstLine: 1)) {
        self.id = id
        self.file = file
        self.isBundle = isBundle
        self.body = body
        annexes = []
        fichiers = []
        invalidKeys = []
    }

    public var start: SourceLocation { .start(of: file) }

    /// Every indicateur in plan order, with its axe and objectif.
    public var allIndicateurs: [(axe: Axe, objectif: Objectif, indicateur: Indicateur)] {
        var out: [(Axe, Objectif, Indicateur)] = []
        for a in axes?.value ?? [] {
            for o in a.objectifs?.value ?? [] {
                for i in o.indicateurs?.value ?? [] { out.append((a, o, i)) }
            }
        }
        return out
    }

    /// Every action in plan order, with its axe and objectif.
    public var allActions: [(axe: Axe, objectif: Objectif, action: Action)] {
        var out: [(Axe, Objectif, Action)] = []
        for a in axes?.value ?? [] {
            for o in a.objectifs?.value ?? [] {
                for x in o.actions?.value ?? [] { out.append((a, o, x)) }
            }
        }
        return out
    }
}

/// An id: written in the file, or derived (file name; position in the plan).
public struct Ident: Hashable, Sendable, CustomStringConvertible {
    public var value: String
    public var location: SourceLocation
    public var isExplicit: Bool

    public init(_ value: String, at location: SourceLocation, explicit: Bool) {
        self.value = value
        self.location = location
        isExplicit = explicit
    }

    public var description: String { value }
}

/// Markdown text of a file, and the line of the file where it starts.
public struct MarkdownText: Sendable, Hashable {
    public var text: String
    public var firstLine: Int
    public init(text: String, firstLine: Int) {
        self.text = text
        self.firstLine = firstLine
    }
}

public struct Territoire: Sendable {
    public var location: SourceLocation
    public var nom: Located<String>?
    public var type: Located<TerritoireType>?
    public var code: Located<String>?
    public var departement: Located<String>?
    public var communes: Located<[Located<String>]>?

    public init(location: SourceLocation) { self.location = location }

    /// The département code: `departement`, or the code itself for a département.
    public var codeDepartement: String? {
        if type?.value == .departement { return code?.value ?? departement?.value }
        return departement?.value
    }
}

public struct Signataire: Sendable {
    public var location: SourceLocation
    /// Where this item sits in the front matter (`axes[1].objectifs[2]`), the prefix of its
    /// entries in `Convention.invalidKeys`.
    public var path: String = ""
    public var nom: Located<String>?
    public var type: Located<SignataireType>?
    public var representant: Located<String>?
    public var code: Located<String>?
    public init(location: SourceLocation) { self.location = location }
}

public struct Periode: Sendable {
    public var location: SourceLocation
    public var debut: Located<Day>?
    public var fin: Located<Day>?
    public init(location: SourceLocation) { self.location = location }
}

public struct Diagnostic: Sendable {
    public var location: SourceLocation
    public var date: Located<Day>?
    public var partenaires: Located<[Located<String>]>?
    public var besoins: Located<[Located<String>]>?
    public var typeTerritoire: Located<[Located<String>]>?
    public var page: Located<String>?
    public init(location: SourceLocation) { self.location = location }
}

public struct ConventionExistante: Sendable {
    public var location: SourceLocation
    /// Where this item sits in the front matter (`axes[1].objectifs[2]`), the prefix of its
    /// entries in `Convention.invalidKeys`.
    public var path: String = ""
    public var type: Located<String>?
    public var intitule: Located<String>?
    public var debut: Located<Day>?
    public var fin: Located<Day>?
    public var devenir: Located<Devenir>?
    public init(location: SourceLocation) { self.location = location }
}

public struct MoyensAnnee: Sendable {
    public var location: SourceLocation
    /// Where this item sits in the front matter (`axes[1].objectifs[2]`), the prefix of its
    /// entries in `Convention.invalidKeys`.
    public var path: String = ""
    public var annee: Located<Int>?
    public var prestationsLegales: Located<Nombre>?
    public var actionSociale: Located<Nombre>?
    public init(location: SourceLocation) { self.location = location }
}

public struct Gouvernance: Sendable {
    public var location: SourceLocation
    public var comitePilotage: Located<[Located<String>]>?
    public var comiteTechnique: Located<[Located<String>]>?
    public init(location: SourceLocation) { self.location = location }
}

public struct Evaluation: Sendable {
    public var location: SourceLocation
    public var date: Located<Day>?
    public var type: Located<TypeEvaluation>?
    public var synthese: Located<String>?
    public init(location: SourceLocation) { self.location = location }
}

public struct Axe: Sendable {
    public var location: SourceLocation
    /// Where this item sits in the front matter (`axes[1].objectifs[2]`), the prefix of its
    /// entries in `Convention.invalidKeys`.
    public var path: String = ""
    public var id: Ident
    public var titre: Located<String>?
    public var champ: Located<String>?
    public var objectifs: Located<[Objectif]>?
    public init(id: Ident, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

public struct Objectif: Sendable {
    public var location: SourceLocation
    /// Where this item sits in the front matter (`axes[1].objectifs[2]`), the prefix of its
    /// entries in `Convention.invalidKeys`.
    public var path: String = ""
    public var id: Ident
    public var libelle: Located<String>?
    public var indicateurs: Located<[Indicateur]>?
    public var actions: Located<[Action]>?
    public init(id: Ident, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

/// A yearly value of an indicator (target or result): the year key and the value.
public struct Point: Sendable, Hashable {
    public var annee: Int
    public var anneeLocation: SourceLocation
    public var valeur: Nombre
    public var valeurLocation: SourceLocation
    public init(annee: Int, anneeLocation: SourceLocation, valeur: Nombre, valeurLocation: SourceLocation) {
        self.annee = annee
        self.anneeLocation = anneeLocation
        self.valeur = valeur
        self.valeurLocation = valeurLocation
    }
}

public struct Reference: Sendable {
    public var location: SourceLocation
    public var annee: Located<Int>?
    public var valeur: Located<Nombre>?
    public init(location: SourceLocation) { self.location = location }
}

public struct Indicateur: Sendable {
    public var location: SourceLocation
    /// Where this item sits in the front matter (`axes[1].objectifs[2]`), the prefix of its
    /// entries in `Convention.invalidKeys`.
    public var path: String = ""
    public var id: Ident
    public var libelle: Located<String>?
    public var unite: Located<String>?
    public var sens: Located<Sens>?
    public var reference: Reference?
    /// Sorted by year.
    public var cibles: Located<[Point]>?
    /// Sorted by year.
    public var resultats: Located<[Point]>?
    public var source: Located<String>?
    public init(id: Ident, location: SourceLocation) {
        self.id = id
        self.location = location
    }
    public var sensValue: Sens { sens?.value ?? .hausse }
}

public struct Action: Sendable {
    public var location: SourceLocation
    /// Where this item sits in the front matter (`axes[1].objectifs[2]`), the prefix of its
    /// entries in `Convention.invalidKeys`.
    public var path: String = ""
    public var id: Ident
    public var libelle: Located<String>?
    public var pilote: Located<String>?
    public var partenaires: Located<[Located<String>]>?
    public var echeance: Located<Day>?
    public var etat: Located<EtatAction>?
    public var budget: Located<Nombre>?
    public init(id: Ident, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

/// An annex page of a bundle.
public struct Annexe: Sendable {
    /// Project-relative path of the `.md` file.
    public var file: String
    /// Folder name of the generated page: the file name without `.md`.
    public var slug: String
    public var titre: String
    public var body: MarkdownText
    public var document: MarkdownDocument?
    public init(file: String, slug: String, titre: String, body: MarkdownText) {
        self.file = file
        self.slug = slug
        self.titre = titre
        self.body = body
    }
}

/// A free page of `content/pages/`.
public struct PageLibre: Sendable {
    public var file: String
    public var slug: String
    public var titre: String
    public var body: MarkdownText
    public var document: MarkdownDocument?
    public init(file: String, slug: String, titre: String, body: MarkdownText) {
        self.file = file
        self.slug = slug
        self.titre = titre
        self.body = body
    }
}
