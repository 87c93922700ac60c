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

/// Where a site is written as it is rendered (the build's staging folder, `StagedSite`).
public protocol OutputSink: Sendable {
    /// Every path the site will have, sorted, before any file is written.
    func prepare(_ paths: [String]) throws
    /// One file; called from several threads at once, once per path.
    func write(_ file: OutputFile) throws
    /// One file given as its bytes (pages and data of a build, never turned into Strings).
    func write(path: String, utf8: [UInt8]) throws
    /// The same, from memory the caller keeps (a page as it was written, not copied).
    func write(path: String, buffer: UnsafeBufferPointer<UInt8>) throws
    /// One large file given in pieces: `produce` calls its argument with each piece, in order.
    func write(path: String, pieces produce: (([UInt8]) throws -> Void) throws -> Void) throws
}

extension OutputSink {
    public func write(path: String, buffer: UnsafeBufferPointer<UInt8>) throws {
        try write(path: path, utf8: Array(buffer))
    }
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

    /// With `compiled: false`, every page goes through the interpreter (the tests that compare both ways).
    init(projectTemplates: String?, compiled: Bool) throws {
        templates = try TemplateSet(projectTemplates: projectTemplates, compiled: compiled)
    }

    /// Names of the templates the project replaced or added.
    public var overriddenTemplates: [String] { templates.overridden }

    /// The site map of a project: which conventions get pages, under which folders, which
    /// findings go where. Compute once, then render all or part of the site from it.
    /// `cartes: false` leaves the départements undrawn: a map that only gives the open data
    /// (`ctg diff`) has no page to draw them on.
    public func siteMap(project: Project, report: ProjectReport, findings: [Finding], options: RenderOptions,
                        cartes: Bool = true) -> SiteMap {
        SiteMap(project: project, report: report, findings: findings, options: options, cartes: cartes)
    }

    /// Every file of the site: pages, stylesheet, open data, sitemap, copied bundle files,
    /// sorted by path. Files are rendered on every core.
    public func render(project: Project, report: ProjectReport, findings: [Finding], options: RenderOptions) async throws -> [OutputFile] {
        let map = await withAnchors(siteMap(project: project, report: report, findings: findings, options: options))
        let collected = try await forEachJob(Self.plan(map)) { job in try self.render(job, map).map(\.outputFile) }
        return Self.finish(collected.flatMap { $0 })
    }

    /// The whole site, written as it is made: every path goes to `sink.prepare` first, then
    /// each file to `sink.write` as soon as it is rendered, from every core. The site is never
    /// held in memory whole (a large site's pages are far more than the project).
    /// Returns every path written, sorted. The files are those of `render(project:…)`.
    public func render(project: Project, report: ProjectReport, findings: [Finding], options: RenderOptions,
                       into sink: some OutputSink) async throws -> [String] {
        let map = await withAnchors(siteMap(project: project, report: report, findings: findings, options: options))
        let plan = Self.plan(map)
        try sink.prepare(plan.paths)
        _ = try await forEachJob(plan) { job -> Bool in
            for f in try self.render(job, map) {
                switch f.content {
                case let .bytes(b): try sink.write(path: f.path, utf8: b)
                case let .page(p): try sink.write(path: f.path, buffer: p.buffer)
                case let .pieces(produce): try sink.write(path: f.path, pieces: produce)
                case let .copy(from): try sink.write(OutputFile(path: f.path, content: .copy(from: from)))
                }
            }
            return true
        }
        ProcessLifetime.keep(map)
        return plan.paths
    }

    /// `map` with the anchors of every entry computed once, on every core.
    func withAnchors(_ map: SiteMap) async -> SiteMap {
        var map = map
        // Without their name spaces (a set of every id per convention, kept for the whole
        // render): the dashboard computes its own again.
        map.anchors = await parallelMap(Array(map.entries.indices)) { [map] i in
            var a = DashboardBuilder.Anchors(of: map.entries[i].convention)
            a.ids = NameSpace()
            return a
        }
        return map
    }

    /// The dashboard, annex pages and board's dossier of one convention.
    func renderPages(ofConvention i: Int, in map: SiteMap) throws -> [RenderedFile] {
        let e = map.entries[i]
        let shared = DashboardShared()
        // Room for the whole page at once: a buffer that grows copies what it holds, and nearly
        // every dashboard outgrew an estimate from its indicators alone (each one's chart and
        // rows, each action's row, the body). Room never written to costs no memory.
        let body = e.convention.document?.htmlBytes.count ?? 0
        let capacity = 65_536 + 8_192 * e.resume.indicateurs + 1_536 * e.resume.actions + body
        let dashboard = DashboardBuilder(map: map, index: i, shared: shared).vue()
        var out = [RenderedFile(e.path, page: try page(dashboard, map, capacity: capacity))]
        for k in e.convention.annexes.indices {
            out.append(RenderedFile(e.annexPath(k), page: try page(map.annexeVue(entry: i, annexe: k, shared: shared), map)))
        }
        // The dossier holds no chart: about half of a dashboard.
        out.append(RenderedFile(e.dossierPath, page: try page(map.dossierVue(entry: i, shared: shared), map, capacity: capacity / 2 + body)))
        return out
    }

    /// A page written to its file as it is made, in pieces: a field's page of a large site is
    /// tens of megabytes. Whole when interpreted or given the live-reload script.
    func pageEnMorceaux<V: PageVue & SendableMetatype>(_ path: String, _ map: SiteMap, _ vues: @escaping @Sendable () -> (layout: LayoutVue, page: V)) throws -> RenderedFile {
        guard templates.compiled(V.gabarit), map.options.liveReloadScript == nil else {
            return RenderedFile(path, page: try page(vues(), map, capacity: 1 << 17))
        }
        return RenderedFile(path) { emit in
            let (layout, page) = vues()
            var h = HTMLBuffer(capacity: 1 << 17)
            // The buffer lets `emit` go before `vidant` returns.
            try withoutActuallyEscaping(emit) { emit in try h.vidant(dans: emit) { h in page.write(&h, layout: layout) } }
        }
    }

    /// A page the compiled code wrote into `h`, handed over as it is, or given the
    /// live-reload script.
    func finished(_ h: consuming HTMLBuffer, _ map: SiteMap) -> PageBytes {
        guard map.options.liveReloadScript != nil else { return h.take() }
        return PageBytes(liveReload(h.bytes, map))
    }

    /// Everything that is not one convention's: home, départements, fields, free pages,
    /// accessibility statement, findings report (revue), stylesheet, open data, sitemap.
    public func renderIndexes(_ map: SiteMap) async throws -> [OutputFile] {
        let jobs = Self.plan(map).jobs.filter { if case .convention = $0 { return false } else if case .copy = $0 { return false } else { return true } }
        return try await forEachJob(SitePlan(jobs: jobs, paths: [])) { job in try self.render(job, map).map(\.outputFile) }.flatMap { $0 }
    }

    /// One file of `renderIndexes`, to render on its own: a server renders an index page
    /// or the open data when it is asked for, not on every save.
    public struct IndexJob: Sendable {
        let job: Job
        /// The output path of the file the job makes.
        public let path: String
    }

    /// What `renderIndexes` renders, one job a file, without rendering anything; the order
    /// is the build's (open data and fields first, the stylesheet and sitemap last).
    public func indexJobs(_ map: SiteMap) -> [IndexJob] {
        Self.plan(map).jobs.compactMap { job in job.path(map).map { IndexJob(job: job, path: $0) } }
    }

    /// The file of one job of `indexJobs(map)`: the bytes `renderIndexes(map)` gives for its path.
    public func render(_ job: IndexJob, in map: SiteMap) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for f in try render(job.job, map) where f.path == job.path { bytes = try f.bytes() ?? bytes }
        return bytes
    }

    /// A file of the site as a server keeps it: a page's UTF-8 bytes, or a copy of a project file.
    public enum OutputBytes: Sendable, Equatable {
        case bytes([UInt8])
        case copy(from: String)
    }

    /// The pages of one convention (dashboard, annex pages, board's dossier) as the bytes
    /// they are made as, and its copied bundle files: turning them into Strings and back costs
    /// as much as rendering them. Empty when the convention has no page on this site (a draft
    /// left out, an unknown id).
    public func renderConventionBytes(_ id: String, in map: SiteMap) throws -> [(path: String, content: OutputBytes)] {
        guard let i = map.entryById[id] else { return [] }
        var out: [(path: String, content: OutputBytes)] = try renderPages(ofConvention: i, in: map).map { f in
            (f.path, .bytes(try f.bytes() ?? []))
        }
        out += map.entries[i].copies(map).map { ($0.path, .copy(from: $0.from)) }
        return out
    }

    /// The paths `renderConventionBytes(id, in: map)` gives, without rendering anything.
    public func conventionPaths(_ id: String, in map: SiteMap) -> [String] {
        guard let i = map.entryById[id] else { return [] }
        let e = map.entries[i]
        return e.pagePaths + e.copies(map).map(\.path)
    }

    /// A file as a render makes it: pages and data as UTF-8 bytes (they are written as they
    /// are; only the `[OutputFile]` APIs turn them into Strings), or a copy.
    struct RenderedFile: Sendable {
        enum Content: Sendable {
            case bytes([UInt8])
            /// A page as it was written (`HTMLBuffer.take()`).
            case page(PageBytes)
            /// A large file made piece by piece as it is written (open data).
            case pieces(@Sendable ((([UInt8]) throws -> Void)) throws -> Void)
            case copy(from: String)
        }
        let path: String
        let content: Content
        init(_ path: String, _ bytes: [UInt8]) { self.path = path; content = .bytes(bytes) }
        init(_ path: String, page: PageBytes) { self.path = path; content = .page(page) }
        init(_ path: String, copy from: String) { self.path = path; content = .copy(from: from) }
        init(_ path: String, pieces: @escaping @Sendable ((([UInt8]) throws -> Void)) throws -> Void) {
            self.path = path
            content = .pieces(pieces)
        }

        /// The bytes of a page or of data, its pieces put together; nil for a copy.
        func bytes() throws -> [UInt8]? {
            switch content {
            case let .bytes(b): return b
            case let .page(p): return p.array
            case let .pieces(produce):
                var all: [UInt8] = []
                try produce { all += $0 }
                return all
            case .copy: return nil
            }
        }

        var outputFile: OutputFile {
            if case let .copy(from) = content { return OutputFile(path: path, content: .copy(from: from)) }
            return OutputFile(path: path, content: .text(String(decoding: (try? bytes()) ?? [], as: UTF8.self)))
        }
    }

    func render(_ job: Job, _ map: SiteMap) throws -> [RenderedFile] {
        func one(_ path: String, _ bytes: [UInt8]) -> [RenderedFile] { [RenderedFile(path, bytes)] }
        switch job {
        case let .unique(k): return [RenderedFile(PageUnique.toutes[k].path, page: try PageUnique.toutes[k].rendre(self, map))]
        case let .departement(k): return [RenderedFile(map.departements[k].path, page: try page(map.departementVue(k), map, capacity: 32_768))]
        case let .champ(k): return [try pageEnMorceaux(map.champs[k].path, map) { map.champVue(k) }]
        case let .page(k): return [RenderedFile(map.pages[k].path, page: try page(map.pageLibreVue(k), map))]
        case .style: return one(SitePath.style, Array(templates.css.utf8))
        case .conventionsJSON: return [RenderedFile(SitePath.conventionsJSON) { try map.conventionsJSON($0) }]
        case .indicateursCSV: return [RenderedFile(SitePath.indicateursCSV) { try map.indicateursCSV($0) }]
        case .couvertureCSV: return [RenderedFile(SitePath.couvertureCSV) { try map.couvertureCSV($0) }]
        case .sitemap: return one(SitePath.sitemap, Array(map.sitemapXML(pages: Self.pagePaths(map)).utf8))
        case let .convention(i): return try renderPages(ofConvention: i, in: map)
        case let .copy(path, from): return [RenderedFile(path, copy: from)]
        }
    }

    /// Runs the jobs on every core, each worker taking the next job when it is done with one;
    /// the results keep the order of the jobs. The first error stops the others.
    func forEachJob<R: Sendable>(_ plan: SitePlan, _ work: @escaping @Sendable (Job) throws -> R) async throws -> [R] {
        let jobs = plan.jobs
        return try await withThrowingTaskGroup(of: (Int, R).self) { group in
            var results = [R?](repeating: nil, count: jobs.count)
            var next = 0
            for _ in 0..<min(activeCores(), jobs.count) {
                let k = next, job = jobs[k]
                group.addTask { (k, try work(job)) }
                next += 1
            }
            while let (k, r) = try await group.next() {
                results[k] = r
                if next < jobs.count {
                    let k = next, job = jobs[k]
                    group.addTask { (k, try work(job)) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }

    /// One page from its view: written by the template's compiled code while the project keeps
    /// every template the page uses, through the interpreter otherwise (same bytes); in serve
    /// mode, with the live-reload script.
    func page<V: PageVue>(_ vues: (layout: LayoutVue, page: V), _ map: SiteMap, capacity: Int = 16_384) throws -> PageBytes {
        guard templates.compiled(V.gabarit) else {
            return PageBytes(liveReload(Array(try templates.render(ContextePage(page: vues.page, layout: vues.layout), V.gabarit).utf8), map))
        }
        var h = HTMLBuffer(capacity: capacity)
        vues.page.write(&h, layout: vues.layout)
        return finished(h, map)
    }

    /// In serve mode, the live-reload script injected before `</body>`.
    func liveReload(_ bytes: [UInt8], _ map: SiteMap) -> [UInt8] {
        guard let script = map.options.liveReloadScript else { return bytes }
        return Self.inserting(Array(script.utf8), beforeBodyEndOf: bytes)
    }

    /// `page` with `script` before its last `</body>` (unchanged without one): on bytes, the
    /// page is not turned into a String and back.
    public static func inserting(_ script: [UInt8], beforeBodyEndOf page: [UInt8]) -> [UInt8] {
        guard let i = page.withUnsafeBufferPointer({ lastIndex($0, "</body>") }) else { return page }
        return Array(page[..<i]) + script + page[i...]
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
