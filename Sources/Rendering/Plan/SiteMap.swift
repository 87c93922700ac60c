import Content
import Model
import Reports
import Rules

/// How the site is rendered.
public struct RenderOptions: Sendable {
    /// Show every finding on the pages concerned and on `controle/index.html`; drafts included.
    public var revue: Bool
    /// Include drafts (phase `projet`), with a visible « Projet » banner.
    public var projets: Bool
    /// Injected before `</body>` of every page, only when non-nil (serve mode).
    public var liveReloadScript: String?
    /// `--depuis ANCIEN`: what changed since that build, shown on `evolutions/index.html`,
    /// linked from the home page, and on each convention's dashboard and dossier. Nil: the
    /// site is what it is without the option, byte for byte.
    public var evolutions: Comparaison?

    public init(revue: Bool = false, projets: Bool = false, liveReloadScript: String? = nil, evolutions: Comparaison? = nil) {
        self.revue = revue
        self.projets = projets
        self.liveReloadScript = liveReloadScript
        self.evolutions = evolutions
    }
}

/// One convention that has pages on the site.
/// A class: pages, tables and files take the entries of the conventions they show, and a
/// copy of the struct retained each of its fields and its summary's.
final class ConventionEntry: Sendable {
    let convention: Convention
    /// Folder name under `territoires/`: the id when valid, else a safe fallback.
    let slug: String
    let resume: ConventionResume
    /// Folder names of the annex pages, parallel to `convention.annexes`.
    let annexSlugs: [String]
    /// Folder name of the board's dossier page: `dossier`, unless an annex or a bundle file
    /// already has that place.
    let dossierSlug: String
    /// The département code as written (`59`, `2A`), nil when absent.
    let departement: String?
    /// Its dashboard's path, and the board's dossier: everything about the convention, in
    /// print order. Made once: every page that links to the convention asks.
    let path: String
    let dossierPath: String
    /// The folder of its file in the project (its bundle's, for a bundle).
    let bundleFolder: String

    init(convention: Convention, slug: String, resume: ConventionResume, annexSlugs: [String], dossierSlug: String,
         departement: String?) {
        self.convention = convention
        self.slug = slug
        self.resume = resume
        self.annexSlugs = annexSlugs
        self.dossierSlug = dossierSlug
        self.departement = departement
        path = SitePath.convention(slug)
        dossierPath = SitePath.annexe(slug, dossierSlug)
        bundleFolder = SitePath.folder(of: convention.file)
    }

    var id: String { convention.id.value }
    var titre: String { convention.titre?.value ?? "Convention \(convention.id.value)" }
    func annexPath(_ i: Int) -> String { SitePath.annexe(slug, annexSlugs[i]) }
    /// Its pages: dashboard, board's dossier, annex pages.
    var pagePaths: [String] { [path, dossierPath] + convention.annexes.indices.map { annexPath($0) } }
    /// Its bundle files copied beside its pages: (output path, project-relative source).
    func copies(_ map: SiteMap) -> [(path: String, from: String)] {
        convention.fichiers.compactMap { f in map.sources[f].map { ($0, f) } }
    }
}

/// A département with pages: its code, folder and conventions.
struct DepartementEntry: Sendable {
    let code: String
    let slug: String
    let libelle: String
    /// Indices into `SiteMap.entries`.
    let conventions: [Int]
    var path: String { SitePath.departement(slug) }
}

/// A field of intervention with a page: every axe of that field across territories.
struct ChampEntry: Sendable {
    let code: String
    let slug: String
    let libelle: String
    /// (entry index, axe index), in entry order then axe order.
    let axes: [(entry: Int, axe: Int)]
    /// Entries that list the field in `champs` without an axe for it.
    let sansAxe: [Int]
    var path: String { SitePath.champ(slug) }
}

/// A free page of `content/pages/`.
struct PageEntry: Sendable {
    let page: PageLibre
    let slug: String
    var path: String { SitePath.page(slug) }
}

/// Where a link of a Markdown body leads.
enum LinkTarget: Equatable {
    /// An output path of the site (with the fragment as written, if any).
    case page(String, fragment: String?)
    /// A file of the project that has no page on this site (a draft left out): shown as plain text.
    case omitted
    /// No such file (the checker reports `lien-casse`): shown as plain text.
    case unknown
}

/// The site map of one project, computed once and shared by every page: which conventions
/// are shown and under which folder, what every source file becomes, the indexes by
/// département and by field, and which findings go where. Lookups are by dictionary, so
/// rendering stays linear in the number of conventions.
public struct SiteMap: Sendable {
    let project: Project
    let report: ProjectReport
    private(set) var options: RenderOptions
    let entries: [ConventionEntry]
    /// Entry index by convention id (the first convention of a duplicated id).
    let entryById: [String: Int]
    let departements: [DepartementEntry]
    let departementByCode: [String: Int]
    let champs: [ChampEntry]
    let champByCode: [String: Int]
    let pages: [PageEntry]
    /// Project-relative source file → output path: conventions, annexes, free pages, copied files.
    let sources: [String: String]
    /// Source files of conventions left out (drafts without `--projets`).
    let omitted: Set<String>
    /// Findings shown on the pages (all of them in revue mode, none otherwise), sorted.
    let constats: [Finding]
    /// « la Caf du Nord », for every page's header and footer (`Format.avecArticle`).
    let cafArticle: String
    /// How withheld values (secret statistique) are shown.
    let publication: Publication
    /// The outlines of the site's départements, for the map of each dashboard (none when
    /// the map was made without them, see `SiteRenderer.siteMap`).
    let contours: [String: Cartes.ContourDepartement]
    /// The coverage of each of `departements` (FORMAT.md §4), in their order.
    let couvertures: [CouvertureDepartement?]
    /// Findings by entry index (of its files, or naming its id).
    let constatsParEntree: [Int: [Finding]]
    /// Findings by source file, for annexes and free pages.
    let constatsParFichier: [String: [Finding]]
    /// `--depuis`: the changes of each convention id, in the comparison's order.
    private(set) var changementsParConvention: [String: [Changement]]
    /// The anchors of each entry's plan (see `anchors(of:)`), when a whole
    /// render computed them first: a convention appears on its dashboard and on the page of
    /// each of its fields.
    var anchors: [DashboardBuilder.Anchors] = []

    public var date: Day { report.date }

    /// Ids of the conventions that get pages, in file order.
    public var conventionIds: [String] { entries.map(\.id) }

    init(project: Project, report: ProjectReport, findings: [Finding], options: RenderOptions, cartes: Bool = true) {
        self.project = project
        self.report = report
        self.options = options
        let includeDrafts = options.projets || options.revue

        // Conventions: valid ids keep their name; others get a safe one after them, so a
        // fallback never takes the folder of a real id.
        var candidates: [(Convention, ConventionResume)] = []
        var omitted: Set<String> = []
        var firstOfId: Set<String> = []
        for c in project.conventions {
            let first = firstOfId.insert(c.id.value).inserted
            let resume = first ? (report.resumes[c.id.value] ?? Reports.resume(c, renouvelee: report.renouveleePar[c.id.value] != nil, date: report.date))
                : Reports.resume(c, renouvelee: false, date: report.date)
            if resume.phase == .projet && !includeDrafts {
                omitted.insert(c.file)
                for a in c.annexes { omitted.insert(a.file) }
                for f in c.fichiers { omitted.insert(f) }
                continue
            }
            candidates.append((c, resume))
        }
        var folders = NameSpace()
        var slugs = [String?](repeating: nil, count: candidates.count)
        for (i, (c, _)) in candidates.enumerated() where isValidId(c.id.value) && !folders.contains(c.id.value) {
            slugs[i] = folders.claim(c.id.value)
        }
        for i in candidates.indices where slugs[i] == nil {
            slugs[i] = folders.claim(safeSlug(candidates[i].0.id.value) ?? "convention-\(i + 1)")
        }

        var entries: [ConventionEntry] = []
        var entryById: [String: Int] = [:]
        var sources: [String: String] = [:]
        for (i, (c, resume)) in candidates.enumerated() {
            let slug = slugs[i]!
            var annexNames = NameSpace()
            let annexSlugs = c.annexes.map { annexNames.claim(safeSlug($0.slug) ?? "annexe") }
            // The annexes first: their pages are FORMAT.md §6's; the dossier is ours.
            var dossierSlug = annexNames.claim(SitePath.dossierFolder)
            if c.isBundle {
                let bundle = SitePath.folder(of: c.file) + "/"
                while c.fichiers.contains(bundle + dossierSlug + "/index.html") {
                    dossierSlug = annexNames.claim(SitePath.dossierFolder)
                }
            }
            let e = ConventionEntry(convention: c, slug: slug, resume: resume, annexSlugs: annexSlugs,
                                    dossierSlug: dossierSlug, departement: c.territoire?.codeDepartement)
            if entryById[e.id] == nil { entryById[e.id] = entries.count }
            sources[c.file] = e.path
            for (k, a) in c.annexes.enumerated() { sources[a.file] = e.annexPath(k) }
            let bundle = e.bundleFolder
            if c.isBundle {
                for f in c.fichiers where f.hasPrefix(bundle + "/") {
                    sources[f] = "territoires/\(slug)/" + f.dropFirst(bundle.count + 1)
                }
            }
            entries.append(e)
        }
        self.entries = entries
        self.entryById = entryById
        self.omitted = omitted

        // Free pages.
        var pageNames = NameSpace()
        pages = project.pages.map { p in
            let entry = PageEntry(page: p, slug: pageNames.claim(safeSlug(p.slug) ?? "page"))
            sources[p.file] = entry.path
            return entry
        }
        self.sources = sources

        // Départements, in official order (2A and 2B after 19).
        var byCode: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() { byCode[e.departement ?? "", default: []].append(i) }
        var depNames = NameSpace()
        var deps: [DepartementEntry] = []
        for code in byCode.keys.sorted(by: { SiteMap.departementKey($0) < SiteMap.departementKey($1) }) {
            // A valid code is the folder as written (FORMAT.md §6: `departements/2A/`); any
            // other (shown with --revue only) is made safe.
            let folder = Codes.isDepartement(code) ? code : (safeSlug(code.lowercased()) ?? "departement")
            let slug = depNames.claim(code.isEmpty ? "sans-departement" : folder)
            deps.append(DepartementEntry(code: code, slug: slug,
                                         libelle: code.isEmpty ? "Département non renseigné" : Departements.libelle(code),
                                         conventions: byCode[code]!))
        }
        departements = deps
        departementByCode = Dictionary(deps.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })

        // Fields: the Famille branch's order, then the project's own, then unknown ones.
        var axesByChamp: [String: [(Int, Int)]] = [:]
        var listedByChamp: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() {
            var withAxe: Set<String> = []
            for (k, a) in (e.convention.axes?.value ?? []).enumerated() {
                guard let ch = a.champ?.value else { continue }
                axesByChamp[ch, default: []].append((i, k))
                withAxe.insert(ch)
            }
            for ch in e.convention.champs?.value ?? [] where !withAxe.contains(ch.value) {
                if listedByChamp[ch.value]?.last != i { listedByChamp[ch.value, default: []].append(i) }
            }
        }
        let known = project.site.champs
        let rank = Dictionary(known.enumerated().map { ($1.0, $0) }, uniquingKeysWith: { a, _ in a })
        let used = Set(axesByChamp.keys).union(listedByChamp.keys)
        let ordered = used.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        var champNames = NameSpace()
        champs = ordered.map { code in
            ChampEntry(code: code, slug: champNames.claim(safeSlug(code) ?? "champ"),
                       libelle: project.site.libelleChamp(code),
                       axes: (axesByChamp[code] ?? []).map { (entry: $0.0, axe: $0.1) },
                       sansAxe: listedByChamp[code] ?? [])
        }
        champByCode = Dictionary(champs.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })

        // Findings: only shown in revue mode.
        let shown = options.revue ? findings.sorted() : []
        constats = shown
        cafArticle = Format.avecArticle(project.site.caf)
        publication = Publication(secret: SecretStatistique(seuil: project.site.secretStatistique), revue: options.revue)
        contours = cartes ? Cartes.contours(deps.map(\.code)) : [:]
        couvertures = Self.couvertures(deps, entries: entries)
        var entryOfFile: [String: Int] = [:]
        for (i, e) in entries.enumerated() {
            entryOfFile[e.convention.file] = i
            for a in e.convention.annexes { entryOfFile[a.file] = i }
            for f in e.convention.fichiers { entryOfFile[f] = i }
        }
        var byEntry: [Int: [Finding]] = [:]
        var byFile: [String: [Finding]] = [:]
        for f in shown {
            byFile[f.location.file, default: []].append(f)
            if let i = entryOfFile[f.location.file] ?? f.convention.flatMap({ entryById[$0] }) {
                byEntry[i, default: []].append(f)
            }
        }
        constatsParEntree = byEntry
        constatsParFichier = byFile
        changementsParConvention = Dictionary(grouping: options.evolutions?.changements ?? [], by: \.convention)
    }

    /// The same map showing `evolutions` (`--depuis`): what `ctg serve` makes once it has
    /// compared this map's `conventions.json` with ANCIEN.
    public func avecEvolutions(_ evolutions: Comparaison?) -> SiteMap {
        var map = self
        map.options.evolutions = evolutions
        map.changementsParConvention = Dictionary(grouping: evolutions?.changements ?? [], by: \.convention)
        return map
    }

    /// Sort key of a département code: `2A`, `2B` between `19` and `21`, overseas last.
    static func departementKey(_ code: String) -> String {
        switch code.uppercased() {
        case "": return "~"
        case "2A": return "020.1"
        case "2B": return "020.2"
        default: return code.count < 3 ? String(repeating: "0", count: 3 - code.count) + code : code
        }
    }

    /// The entry of a convention id, when it has pages on this site.
    func entry(id: String) -> ConventionEntry? { entryById[id].map { entries[$0] } }

    /// Where a link of the Markdown file `source` leads (FORMAT.md §3): the destination is
    /// relative to the file's folder, may carry `#fragment` and percent-escapes.
    func target(of destination: String, in source: String) -> LinkTarget {
        var path = Substring(destination), fragment: String? = nil
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = path[..<hash]
        }
        if let q = path.firstIndex(of: "?") { path = path[..<q] }
        let decoded = String(path).removingPercentEncoding ?? String(path)
        let base = SitePath.folder(of: source)
        if decoded.isEmpty {
            // `#x` alone is not relative; `?x` or an empty path leads to the page itself.
            return sources[source].map { .page($0, fragment: fragment) } ?? .unknown
        }
        guard let file = SitePath.normalize(base.isEmpty ? decoded : base + "/" + decoded) else { return .unknown }
        for candidate in [file, file + "/index.md"] {
            if let out = sources[candidate] { return .page(out, fragment: fragment) }
            if omitted.contains(candidate) { return .omitted }
        }
        return .unknown
    }
}
