/// One Convention territoriale globale, as read from its file. Every field keeps where it
/// came from; a field is nil when absent or unreadable (the loader reported why).
///
/// A value with copy-on-write storage: its fields live in one shared box, so copying a
/// convention (into the site map, a cache, a sorted array) costs one retain instead of one
/// per field; the box is copied on the first change to a shared one.
public struct Convention: Sendable {
    /// The stored fields.
    public struct Fields: Sendable {
        public var id: Ident
        /// Project-relative path of the Markdown file (`content/territoires/x.md` or `.../x/index.md`).
        public var file: String
        public var isBundle: Bool
        public var titre: Located<String>?
        /// The framework as written (`cadre:`); `Reports.cadre(of:site:)` resolves it.
        public var cadre: Located<Cadre>?
        public var echelon: Located<Echelon>?
        public var territoire: Territoire?
        public var signataires: Located<[Signataire]>?
        public var periode: Periode?
        public var deliberationCA: Located<Day>?
        public var signature: Located<Day>?
        public var accordCadre: Located<String>?
        public var renouvelle: Located<String>?
        /// `tableur:` as written: a results sheet, relative to the convention's file.
        public var tableur: Located<String>?
        public var diagnostic: Diagnostic?
        public var champs: Located<[Located<String>]>?
        public var schemas: Located<[Located<String>]>?
        public var conventionsExistantes: Located<[ConventionExistante]>?
        public var moyens: Located<[MoyensAnnee]>?
        public var gouvernance: Gouvernance?
        public var axes: Located<[Axe]>?
        public var evaluation: Evaluation?
        /// Services funded by the bonus territoire (`bonus_territoire:`), in file order.
        public var bonusTerritoire: Located<[BonusTerritoire]>?
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
    }

    private final class Box: @unchecked Sendable {
        // Only changed while uniquely referenced (see `fields`'s modify).
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// Every field at once.
    public var fields: Fields {
        get { box.fields }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    public var id: Ident {
        get { box.fields.id }
        _modify { yield &fields.id }
    }
    /// Project-relative path of the Markdown file (`content/territoires/x.md` or `.../x/index.md`).
    public var file: String {
        get { box.fields.file }
        _modify { yield &fields.file }
    }
    public var isBundle: Bool {
        get { box.fields.isBundle }
        _modify { yield &fields.isBundle }
    }
    public var titre: Located<String>? {
        get { box.fields.titre }
        _modify { yield &fields.titre }
    }
    /// The framework as written (`cadre:`); `Reports.cadre(of:site:)` resolves it.
    public var cadre: Located<Cadre>? {
        get { box.fields.cadre }
        _modify { yield &fields.cadre }
    }
    public var echelon: Located<Echelon>? {
        get { box.fields.echelon }
        _modify { yield &fields.echelon }
    }
    public var territoire: Territoire? {
        get { box.fields.territoire }
        _modify { yield &fields.territoire }
    }
    public var signataires: Located<[Signataire]>? {
        get { box.fields.signataires }
        _modify { yield &fields.signataires }
    }
    public var periode: Periode? {
        get { box.fields.periode }
        _modify { yield &fields.periode }
    }
    public var deliberationCA: Located<Day>? {
        get { box.fields.deliberationCA }
        _modify { yield &fields.deliberationCA }
    }
    public var signature: Located<Day>? {
        get { box.fields.signature }
        _modify { yield &fields.signature }
    }
    public var accordCadre: Located<String>? {
        get { box.fields.accordCadre }
        _modify { yield &fields.accordCadre }
    }
    public var renouvelle: Located<String>? {
        get { box.fields.renouvelle }
        _modify { yield &fields.renouvelle }
    }
    public var tableur: Located<String>? {
        get { box.fields.tableur }
        _modify { yield &fields.tableur }
    }
    public var diagnostic: Diagnostic? {
        get { box.fields.diagnostic }
        _modify { yield &fields.diagnostic }
    }
    public var champs: Located<[Located<String>]>? {
        get { box.fields.champs }
        _modify { yield &fields.champs }
    }
    public var schemas: Located<[Located<String>]>? {
        get { box.fields.schemas }
        _modify { yield &fields.schemas }
    }
    public var conventionsExistantes: Located<[ConventionExistante]>? {
        get { box.fields.conventionsExistantes }
        _modify { yield &fields.conventionsExistantes }
    }
    public var moyens: Located<[MoyensAnnee]>? {
        get { box.fields.moyens }
        _modify { yield &fields.moyens }
    }
    public var gouvernance: Gouvernance? {
        get { box.fields.gouvernance }
        _modify { yield &fields.gouvernance }
    }
    public var axes: Located<[Axe]>? {
        get { box.fields.axes }
        _modify { yield &fields.axes }
    }
    public var evaluation: Evaluation? {
        get { box.fields.evaluation }
        _modify { yield &fields.evaluation }
    }
    /// Services funded by the bonus territoire (`bonus_territoire:`), in file order.
    public var bonusTerritoire: Located<[BonusTerritoire]>? {
        get { box.fields.bonusTerritoire }
        _modify { yield &fields.bonusTerritoire }
    }
    /// The Markdown body and the file line where it starts.
    public var body: MarkdownText {
        get { box.fields.body }
        _modify { yield &fields.body }
    }
    /// The body rendered (links still as placeholders until the site resolves them).
    public var document: MarkdownDocument? {
        get { box.fields.document }
        _modify { yield &fields.document }
    }
    /// Annex pages of a bundle (other `.md` files of its folder), sorted by path.
    public var annexes: [Annexe] {
        get { box.fields.annexes }
        _modify { yield &fields.annexes }
    }
    /// Other files of a bundle, copied beside the page: project-relative paths, sorted.
    public var fichiers: [String] {
        get { box.fields.fichiers }
        _modify { yield &fields.fichiers }
    }
    /// Keys whose value was present but unreadable: rules that look for an absent key skip them,
    /// so that one defect gives one finding. Paths as `periode.fin`, `axes[1].objectifs[2].actions`;
    /// `""` when the front matter itself is unreadable (empty, or not a mapping).
    public var invalidKeys: Set<String> {
        get { box.fields.invalidKeys }
        _modify { yield &fields.invalidKeys }
    }
    /// Hash of the front matter's text (this process only): a save that leaves it unchanged
    /// touched only the body, which no page but the convention's own shows.
    public var frontMatterHash: Int {
        get { box.fields.frontMatterHash }
        _modify { yield &fields.frontMatterHash }
    }

    public init(id: Ident, file: String, isBundle: Bool = false, body: MarkdownText = MarkdownText(text: "", firstLine: 1)) {
        box = Box(Fields(id: id, file: file, isBundle: isBundle, body: body, annexes: [], fichiers: [], invalidKeys: []))
    }

    public var start: SourceLocation { .start(of: file) }

    /// Every indicateur in plan order, without copying its axe and objectif (a copy of each,
    /// for each indicator, cost the per-convention rules more than their checks).
    public var indicateursDuPlan: some Sequence<Indicateur> {
        (axes?.value ?? []).lazy.flatMap { $0.objectifs?.value ?? [] }.flatMap { $0.indicateurs?.value ?? [] }
    }

    /// Every action in plan order, alone (see `indicateursDuPlan`).
    public var actionsDuPlan: some Sequence<Action> {
        (axes?.value ?? []).lazy.flatMap { $0.objectifs?.value ?? [] }.flatMap { $0.actions?.value ?? [] }
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
    /// Set when `text` was let go after loading (`ctg check` and `ctg build` keep only the
    /// links of the bodies; the body of 5,000 conventions was 80 MB): the file to read it
    /// from again. See `MarkdownText.loaded` (Content).
    public var unloadedFrom: String?

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

/// A service funded by the « bonus territoire Ctg » (FORMAT.md §3, `bonus_territoire`).
public struct BonusTerritoire: Sendable {
    public var location: SourceLocation
    /// Where this item sits in the front matter (`bonus_territoire[2]`), the prefix of its
    /// entries in `Convention.invalidKeys`.
    public var path: String = ""
    public var type: Located<TypeBonus>?
    public var nom: Located<String>?
    /// INSEE code of the commune where the service is.
    public var commune: Located<String>?
    public var places: Located<Int>?
    /// When the bonus starts.
    public var debut: Located<Day>?
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
    // The value first and the year in 32 bits: 56 bytes a point instead of 64, on every
    // yearly target and result of a project (the years are checked to lie within 1900–2200).
    public var valeur: Nombre
    public var anneeLocation: SourceLocation
    public var valeurLocation: SourceLocation
    private var annee32: Int32
    public var annee: Int {
        get { Int(annee32) }
        set { annee32 = Int32(clamping: newValue) }
    }
    public init(annee: Int, anneeLocation: SourceLocation, valeur: Nombre, valeurLocation: SourceLocation) {
        self.annee32 = Int32(clamping: annee)
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
    /// `nature:`; absent, inferred from the unit (`SecretStatistique.compteDesPersonnes`).
    public var nature: Located<NatureIndicateur>?
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
