import Content
import Foundation
import Model
import Reports

/// What a file of the site holds.
public enum OutputContent: Sendable, Equatable {
    case text(String)
    /// A copy of a project file (project-relative source, e.g. a bundle's image).
    case copy(from: String)
}

/// One file of the site: its path relative to the output folder, with `/`.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    public var content: OutputContent
    public init(path: String, content: OutputContent) {
        self.path = path
        self.content = content
    }
}

/// Turns a loaded, checked project into every file of its site (FORMAT.md §6). Templates
/// are parsed once, at init; rendering is pure: same input, same bytes.
public struct SiteRenderer: Sendable {
    let templates: TemplateSet

    /// Built-in templates, overridden by name by the files of `projectTemplates` (a folder;
    /// nil or missing = built-in only). A template that does not parse throws `TemplateError`
    /// with its file, line and column.
    public init(projectTemplates: String?) throws {
        templates = try TemplateSet(projectTemplates: projectTemplates)
    }

    /// Names of the templates the project replaced or added.
    public var overriddenTemplates: [String] { templates.overridden }

    /// The site map of a project: which conventions get pages, under which folders, which
    /// findings go where. Compute once, then render all or part of the site from it.
    public func siteMap(project: Project, report: ProjectReport, findings: [Finding], options: RenderOptions) -> SiteMap {
        SiteMap(project: project, report: report, findings: findings, options: options)
    }

    /// Every file of the site: pages, stylesheet, open data, sitemap, copied bundle files,
    /// sorted by path. Conventions are rendered in parallel.
    public func render(project: Project, report: ProjectReport, findings: [Finding], options: RenderOptions) async throws -> [OutputFile] {
        let map = siteMap(project: project, report: report, findings: findings, options: options)
        async let indexes = renderIndexes(map)
        let perConvention = await parallelMap(map.conventionIds.indices.map { $0 }) { i in
            Result { try self.renderConvention(at: i, in: map) }
        }
        var files = try await indexes
        for r in perConvention { files += try r.get() }
        return Self.finish(files)
    }

    /// The pages of one convention: dashboard, annex pages, copied bundle files. Empty when
    /// the convention has no page on this site (a draft left out, an unknown id).
    public func renderConvention(_ id: String, in map: SiteMap) throws -> [OutputFile] {
        guard let i = map.entryById[id] else { return [] }
        return try renderConvention(at: i, in: map)
    }

    func renderConvention(at i: Int, in map: SiteMap) throws -> [OutputFile] {
        let e = map.entries[i]
        var out = [OutputFile(path: e.path, content: .text(try page(DashboardBuilder(map: map, index: i).context(), "convention", map)))]
        for k in e.convention.annexes.indices {
            out.append(OutputFile(path: e.annexPath(k), content: .text(try page(map.annexeContext(entry: i, annexe: k), "annexe", map))))
        }
        out.append(OutputFile(path: e.dossierPath, content: .text(try page(map.dossierContext(entry: i), "convention", map))))
        for f in e.convention.fichiers {
            if let target = map.sources[f] { out.append(OutputFile(path: target, content: .copy(from: f))) }
        }
        return out
    }

    /// Everything that is not one convention's: home, départements, fields, free pages,
    /// accessibility statement, findings report (revue), stylesheet, open data, sitemap.
    public func renderIndexes(_ map: SiteMap) async throws -> [OutputFile] {
        enum Job: Sendable { case home, departement(Int), champ(Int), page(Int), controle, accessibilite }
        var jobs: [Job] = [.home, .accessibilite]
        jobs += map.departements.indices.map { .departement($0) }
        jobs += map.champs.indices.map { .champ($0) }
        jobs += map.pages.indices.map { .page($0) }
        if map.options.revue { jobs.append(.controle) }
        let rendered = await parallelMap(jobs) { job -> Result<OutputFile, Error> in
            Result {
                switch job {
                case .home: return OutputFile(path: SitePath.accueil, content: .text(try self.page(map.homeContext(), "accueil", map)))
                case let .departement(k): return OutputFile(path: map.departements[k].path, content: .text(try self.page(map.departementContext(k), "departement", map)))
                case let .champ(k): return OutputFile(path: map.champs[k].path, content: .text(try self.page(map.champContext(k), "champ", map)))
                case let .page(k): return OutputFile(path: map.pages[k].path, content: .text(try self.page(map.pageContext(k), "page", map)))
                case .controle: return OutputFile(path: SitePath.controle, content: .text(try self.page(map.controleContext(), "controle", map)))
                case .accessibilite: return OutputFile(path: SitePath.accessibilite, content: .text(try self.page(map.accessibiliteContext(), "accessibilite", map)))
                }
            }
        }
        var out = try rendered.map { try $0.get() }
        out.append(OutputFile(path: SitePath.style, content: .text(templates.css)))
        out.append(OutputFile(path: SitePath.conventionsJSON, content: .text(map.conventionsJSON())))
        out.append(OutputFile(path: SitePath.indicateursCSV, content: .text(map.indicateursCSV())))
        let pages = out.map(\.path) + map.entries.flatMap { e in [e.path, e.dossierPath] + e.convention.annexes.indices.map { e.annexPath($0) } }
        out.append(OutputFile(path: SitePath.sitemap, content: .text(map.sitemapXML(pages: pages))))
        return out
    }

    /// Renders one page and, in serve mode, injects the live-reload script before `</body>`.
    func page(_ context: Ctx, _ template: String, _ map: SiteMap) throws -> String {
        let html = try templates.render(context, template)
        guard let script = map.options.liveReloadScript, let end = html.range(of: "</body>", options: .backwards) else { return html }
        return html.replacingCharacters(in: end, with: script + "</body>")
    }

    /// Sorted by path; a copied file never replaces a generated page of the same path.
    static func finish(_ files: [OutputFile]) -> [OutputFile] {
        var seen: [String: Int] = [:]
        var out: [OutputFile] = []
        for f in files {
            if let k = seen[f.path] {
                if case .copy = out[k].content, case .text = f.content { out[k] = f }
                continue
            }
            seen[f.path] = out.count
            out.append(f)
        }
        return out.sorted { $0.path < $1.path }
    }
}
