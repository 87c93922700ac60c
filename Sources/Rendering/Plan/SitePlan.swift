/// The plan of a site (FORMAT.md §6): which files it has, where, and the jobs that make them.
extension SiteRenderer {
    /// One unit of work of a render: its files come out together.
    enum Job: Sendable {
        /// A page the site has once (`PageUnique.toutes[k]`).
        case unique(Int)
        case style, conventionsJSON, indicateursCSV, couvertureCSV, sitemap
        case departement(Int), champ(Int), page(Int), convention(Int)
        /// A bundle file copied as it is, to `path` (relative to the project folder: `from`).
        case copy(path: String, from: String)

        /// The path of the one file the job makes; nil for a convention's pages and copies.
        func path(_ map: SiteMap) -> String? {
            switch self {
            case let .unique(k): return PageUnique.toutes[k].path
            case .style: return SitePath.style
            case .conventionsJSON: return SitePath.conventionsJSON
            case .indicateursCSV: return SitePath.indicateursCSV
            case .couvertureCSV: return SitePath.couvertureCSV
            case .sitemap: return SitePath.sitemap
            case let .departement(k): return map.departements[k].path
            case let .champ(k): return map.champs[k].path
            case let .page(k): return map.pages[k].path
            case .convention, .copy: return nil
            }
        }
    }

    /// A page the site has once: its path, and how it is made from the site map. A new page
    /// of this kind is a line of `toutes`, with its view (and builder), template and test.
    struct PageUnique: Sendable {
        let path: String
        /// Made only with `--revue`; never in `sitemap.xml`.
        var revueSeulement = false
        /// Made only with `--depuis`; then in `sitemap.xml`.
        var depuisSeulement = false
        let rendre: @Sendable (SiteRenderer, SiteMap) throws -> PageBytes

        /// In the order of `sitemap.xml`.
        static let toutes: [PageUnique] = [
            PageUnique(path: SitePath.accueil) { try $0.page($1.accueilVue(), $1, capacity: 65_536) },
            PageUnique(path: SitePath.accessibilite) { try $0.page($1.accessibiliteVue(), $1) },
            PageUnique(path: SitePath.controle, revueSeulement: true) { try $0.page($1.controleVue(), $1) },
            PageUnique(path: SitePath.evolutions, depuisSeulement: true) { try $0.page($1.evolutionsVue(), $1, capacity: 32_768) },
        ]

        /// Those of the site of `map`, by their index in `toutes`.
        static func indices(_ map: SiteMap) -> [Int] {
            toutes.indices.filter { toutes[$0].existe(map) }
        }

        /// The site of `map` has this page.
        func existe(_ map: SiteMap) -> Bool {
            (!revueSeulement || map.options.revue) && (!depuisSeulement || map.options.evolutions != nil)
        }
    }

    /// The jobs of a whole site, the longest first so that both cores end together, and every
    /// path they will write. A copied file never replaces a generated page of the same path.
    struct SitePlan {
        var jobs: [Job]
        /// Sorted, each once.
        var paths: [String]
    }

    static func plan(_ map: SiteMap) -> SitePlan {
        var jobs: [Job] = [.indicateursCSV, .conventionsJSON, .couvertureCSV]
        jobs += map.champs.indices.map { .champ($0) }
        jobs += PageUnique.indices(map).map { .unique($0) }
        jobs += map.departements.indices.map { .departement($0) }
        jobs += map.entries.indices.map { .convention($0) }
        jobs += map.pages.indices.map { .page($0) }
        jobs += [.style, .sitemap]
        var paths = Set(PageUnique.indices(map).map { PageUnique.toutes[$0].path } + pagePaths(map)
            + [SitePath.style, SitePath.conventionsJSON, SitePath.indicateursCSV, SitePath.couvertureCSV, SitePath.sitemap])
        for e in map.entries {
            for c in e.copies(map) where paths.insert(c.path).inserted { jobs.append(.copy(path: c.path, from: c.from)) }
        }
        return SitePlan(jobs: jobs, paths: paths.sorted())
    }

    /// The HTML pages of the sitemap: every page but the findings report.
    static func pagePaths(_ map: SiteMap) -> [String] {
        PageUnique.toutes.filter { !$0.revueSeulement && $0.existe(map) }.map(\.path)
            + map.departements.map(\.path) + map.champs.map(\.path) + map.pages.map(\.path)
            + map.entries.flatMap(\.pagePaths)
    }
}
