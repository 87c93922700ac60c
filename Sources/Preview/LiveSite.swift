import Content
import Foundation
import Model
import Rendering
import Reports
import Rules
import Site

/// The site as `ctg serve` holds it: every file in memory, rebuilt on each save with what
/// did not change reused — files not re-read, pages of untouched conventions not
/// re-rendered — and the last good version of a convention file that no longer reads.
public actor LiveSite {
    public let root: String
    /// Output path → bytes.
    private(set) var files: [String: Data] = [:]
    /// Bumped whenever a file or the list of problems changes: pages poll it to reload.
    public private(set) var version = 0
    /// Errors to show over every page until they are fixed.
    public private(set) var problems: [Finding] = []
    private var cache: LoadCache? = nil
    private var lastGood: [String: Convention] = [:]
    private var renderer: SiteRenderer? = nil
    private var templatesSignature: [String: [Int]] = [:]
    /// Output paths of each convention's own pages (dashboard, annexes, copies), by id.
    private var pagesOf: [String: [String]] = [:]
    /// What other pages show of each convention (id, title, phase, territory, links): when it
    /// changes, the conventions that link to it are re-rendered too.
    private var facts: [String: String] = [:]
    /// Outputs of everything that is not one convention's (home, indexes, open data…).
    private var indexPaths: Set<String> = []

    /// `ctg serve --depuis ANCIEN`: the previous build every rebuild is compared with.
    public let ancien: Instantane?

    public init(root: String, ancien: Instantane? = nil) {
        self.root = root
        self.ancien = ancien
    }

    /// What one rebuild did.
    public struct Rebuild: Sendable {
        public var changedFiles: Int
        public var seconds: Double
        public var errors: Int
        /// Conventions whose pages were rendered again (all of them on a full build).
        public var conventionsRendered: Int
        /// Time of each phase, for `CTG_PROFIL=1`.
        public var laps: [String] = []
        /// The first build of the site, not a rebuild after a save.
        public var first = false
    }

    /// Reloads what changed, checks, renders in review mode what the change affects, and
    /// swaps the files in. `changed`, when a watcher knows it, lists every project-relative
    /// path saved, created, renamed or deleted since the last rebuild: nothing else is looked at.
    @discardableResult
    public func rebuild(changed: Set<String>? = nil) async throws -> Rebuild {
        let start = DispatchTime.now()
        var last = start.uptimeNanoseconds
        var laps: [String] = []
        func lap(_ name: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            laps.append("\(name) \((now - last) / 1_000_000) ms")
            last = now
        }
        let oldCache = cache
        var (project, newCache) = try await ProjectLoader.load(root: root, cache: cache, changed: changed)
        cache = newCache
        lap("chargement")
        // What changed since the last build.
        let changedSources = Set(newCache.entries.compactMap { k, e in oldCache?.entries[k]?.signature == e.signature ? nil : k })
            .union((oldCache?.entries.keys).map { Set($0).subtracting(newCache.entries.keys) } ?? [])
        // A convention file that no longer reads keeps its last good pages.
        let present = Set(project.conventions.map(\.file))
        let sources = newCache.entries
        var kept = false
        for (file, c) in lastGood where !present.contains(file) && sources[file] != nil {
            project.conventions.append(c)
            kept = true
        }
        if kept { project.conventions.sort { $0.file < $1.file } }
        for c in project.conventions where changedSources.contains(c.file) || lastGood[c.file] == nil { lastGood[c.file] = c }
        for file in changedSources where sources[file] == nil { lastGood[file] = nil }

        let templatesTouched = changed.map { $0.contains { $0.hasPrefix("templates/") } } ?? true
        let tsig = templatesTouched ? templateSignature() : templatesSignature
        let renderer: SiteRenderer
        if let r = self.renderer, tsig == templatesSignature {
            renderer = r
        } else {
            renderer = try SiteRenderer(projectTemplates: Builder.templatesFolder(root))
            self.renderer = renderer
            templatesSignature = tsig
            pagesOf = [:]
        }
        lap("lecture")

        // Derived values and findings of unchanged conventions are reused: a save costs the
        // saved conventions' work, not the project's.
        let date = project.site.dateReference ?? Builder.today()
        let report = await ProjectReport.compute(conventions: project.conventions, date: date, reusing: self.report, changed: changedSources)
        // Rules that look across files read these facts of every convention: while none
        // changed, nor the list of files or the settings, the per-convention findings of
        // unchanged files are reused, and the findings of the rules across files too.
        var newRuleFacts = ruleFacts.filter { !changedSources.contains($0.key) }
        for c in project.conventions where newRuleFacts[c.file] == nil { newRuleFacts[c.file] = Self.ruleFacts(of: c) }
        if newRuleFacts.count != project.conventions.count {
            newRuleFacts = Dictionary(project.conventions.map { ($0.file, Self.ruleFacts(of: $0)) }, uniquingKeysWith: { a, _ in a })
        }
        let sameSettings = date == self.report?.date && !changedSources.contains { !$0.hasPrefix("content/territoires/") }
        let sameFacts = sameSettings && newRuleFacts == ruleFacts && project.files == knownFiles
        let unchanged: Set<String> = sameFacts ? present.subtracting(changedSources) : []
        knownFiles = project.files
        let (findings, nextCheckCache) = await Checker.check(project, date: date, report: report, reusing: checkCache,
                                                             unchanged: unchanged, acrossUnchanged: sameFacts)
        checkCache = nextCheckCache
        ruleFacts = newRuleFacts
        self.report = report
        lap("contrôle")
        // The live-reload script is put in by `withScript`, on bytes: cheaper than the
        // renderer's String surgery on every page.
        let options = RenderOptions(revue: true, projets: true)
        let plan = renderer.siteMap(project: project, report: report, findings: findings, options: options)
        // `--depuis`: the changes of each convention follow its saves. They depend on its own
        // entry of conventions.json only (and the date, which is structural), so what is
        // rendered again below is what a save changes.
        let map = try ancien.map { plan.avecEvolutions(try Ancien.comparer($0, avec: plan)) } ?? plan
        lap("plan du site")

        // Which conventions to render again: all on the first build, after a template change
        // or when the set of conventions, pages or settings changed; otherwise the changed
        // ones and those whose pages show a changed one's facts.
        var byConvention: [String: [Finding]] = [:]
        for f in findings { if let id = f.convention { byConvention[id, default: []].append(f) } }
        let newFacts = Dictionary(project.conventions.map { ($0.id.value, Self.facts(of: $0, report)) }, uniquingKeysWith: { a, _ in a })
        let siteSig = LoadCache.signature(root: root, files: ["content/site.yml"])
        let structural = pagesOf.isEmpty || Set(newFacts.keys) != Set(facts.keys) || siteSig != siteSignature
            || changedSources.contains { !$0.hasPrefix("content/territoires/") }
        var toRender: Set<String>
        if structural {
            toRender = Set(newFacts.keys)
        } else {
            toRender = Set(project.conventions.filter { c in changedSources.contains(c.file) }.map(\.id.value))
            let moved = Set(newFacts.keys.filter { newFacts[$0] != facts[$0] })
            if !moved.isEmpty {
                for c in project.conventions where Self.links(c, report).contains(where: moved.contains) {
                    toRender.insert(c.id.value)
                }
            }
            // A convention whose findings changed shows them on its page.
            for id in Set(byConvention.keys).union(problemsByConvention.keys)
            where newFacts[id] != nil && byConvention[id] != problemsByConvention[id] {
                toRender.insert(id)
            }
        }
        facts = newFacts
        siteSignature = siteSig
        // Index pages (home, départements, fields, report, open data) show front matters and
        // findings, never bodies: a save of a body alone leaves them as they are.
        let newFront = Dictionary(project.conventions.map { ($0.id.value, $0.frontMatterHash) }, uniquingKeysWith: { a, _ in a })
        let unattachedNow = findings.count { $0.convention == nil }
        let indexesStale = structural || newFront != frontHashes || byConvention != problemsByConvention
            || unattachedNow != unattached
        frontHashes = newFront
        unattached = unattachedNow

        var next = structural ? [:] : files
        var changed = 0
        func put(_ path: String, _ content: SiteRenderer.OutputBytes) {
            let data = served(path, content)
            if files[path] != data { changed += 1 }
            next[path] = data
        }
        let ids = toRender.sorted()
        if structural { staleConventions = []; ownerOf = [:] }
        // The pages of these conventions are made when they are asked for (most are never
        // opened in a session: holding every page of 5,000 conventions took 3.5 GB), from
        // the newest site map; the saved convention's own pages are made right away.
        let eager = Set(project.conventions.filter { changedSources.contains($0.file) }.map(\.id.value))
        for id in ids {
            let paths = renderer.conventionPaths(id, in: map)
            for p in pagesOf[id] ?? [] where !paths.contains(p) { next[p] = nil; ownerOf[p] = nil; changed += 1 }
            pagesOf[id] = paths
            for p in paths {
                if next[p] != nil { changed += 1 }
                next[p] = nil
                ownerOf[p] = id
            }
            if structural || eager.count > 8 || !eager.contains(id) { staleConventions.insert(id) }
        }
        pendingMap = map
        generation += 1
        if !structural && eager.count <= 8 {
            let now = ids.filter(eager.contains)
            let rendered = await parallelMap(now) { id in Result { try renderer.renderConventionBytes(id, in: map) } }
            for (id, r) in zip(now, rendered) {
                staleConventions.remove(id)
                let out = try r.get()
                // A copied file never replaces a generated page of the same path.
                for f in out where f.content.isCopy { put(f.path, f.content) }
                for f in out where !f.content.isCopy { put(f.path, f.content) }
            }
        }
        lap("conventions")
        if indexesStale || !stale.isEmpty {
            // Index pages and open data (tens of MB on a large project) are made when they
            // are asked for, or soon after in the background: never on the save's path. Those
            // still to make from an earlier save are made from this map too.
            let jobs = renderer.indexJobs(map)
            if indexesStale {
                let paths = Set(jobs.map(\.path))
                for p in indexPaths where !paths.contains(p) { next[p] = nil; changed += 1 }
                indexPaths = paths
                changed += jobs.count
            }
            let wanted = jobs.filter { indexesStale || stale[$0.path] != nil }
            stale = Dictionary(wanted.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            staleOrder = wanted.map(\.path)
        }
        lap("index")
        if structural { changed += files.keys.count { next[$0] == nil } }

        let newProblems = findings.filter { $0.severity == .error }
        if changed > 0 || newProblems != problems { bump() }
        files = next
        problems = newProblems
        problemsByConvention = byConvention
        if !stale.isEmpty { warmIndexes() }
        lap("fin")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return Rebuild(changedFiles: changed, seconds: seconds, errors: newProblems.count, conventionsRendered: ids.count, laps: laps,
                       first: oldCache == nil)
    }

    // MARK: Pages made on demand

    /// The newest site map: what a convention's pages or an index file out of date are made
    /// from when they are asked for.
    private var pendingMap: SiteMap? = nil
    /// Bumped with every new `pendingMap`: what was made from an older one is dropped.
    private var generation = 0

    /// Conventions whose pages are not in `files` yet.
    private var staleConventions: Set<String> = []
    /// The convention each of its output paths belongs to.
    private var ownerOf: [String: String] = [:]

    /// Makes the pages of a stale convention (off the actor) and stores them, unless a
    /// rebuild came meanwhile (then from its newer map).
    private func refreshConvention(_ id: String) async {
        while staleConventions.contains(id), let map = pendingMap, let renderer {
            let started = generation
            let out = await Task.detached { try? renderer.renderConventionBytes(id, in: map) }.value
            guard generation == started, staleConventions.contains(id) else { continue }
            staleConventions.remove(id)
            for f in out ?? [] where f.content.isCopy { store(f.path, f.content) }
            for f in out ?? [] where !f.content.isCopy { store(f.path, f.content) }
        }
    }

    private func store(_ path: String, _ content: SiteRenderer.OutputBytes) {
        files[path] = served(path, content)
    }

    /// A file as served: a page with the live-reload script, a bundle file as it is on disk.
    private nonisolated func served(_ path: String, _ content: SiteRenderer.OutputBytes) -> Data {
        switch content {
        case let .bytes(b): return Data(path.hasSuffix(".html") ? Self.withScript(b) : b)
        case let .copy(from): return FileManager.default.contents(atPath: join(root, from)) ?? Data()
        }
    }

    /// Index files whose bytes in `files` are out of date, by path, with what renders them
    /// from `pendingMap`; `staleOrder` is the order the background renders them in.
    private var stale: [String: SiteRenderer.IndexJob] = [:]
    private var staleOrder: [String] = []
    private var warming = false

    /// Renders the stale index file at `path` (off the actor: saves and other requests go
    /// on meanwhile) and stores it, unless a rebuild made it stale again in the meantime.
    private func refresh(_ path: String) async {
        while let job = stale[path], let map = pendingMap, let renderer {
            let started = generation
            let bytes = await Task.detached { try? renderer.render(job, in: map) }.value
            // A rebuild that came meanwhile made a new job for this path: render that one.
            guard generation == started, stale[path] != nil else { continue }
            stale[path] = nil
            // A file that does not render keeps its last bytes, like a page of a broken save.
            if let bytes { store(path, .bytes(bytes)) }
        }
    }

    /// Renders every stale index file in the background, a little after the save: a
    /// browser that asks for one first gets it at once, made for it.
    private func warmIndexes() {
        guard !warming else { return }
        warming = true
        Task.detached(priority: .background) { [weak self] in
            try? await Task.sleep(nanoseconds: 300_000_000)
            await self?.warmAll()
        }
    }

    private func warmAll() async {
        while let path = staleOrder.first(where: { stale[$0] != nil }) {
            await refresh(path)
        }
        warming = false
    }

    // MARK: Live reload

    /// Pages waiting for the next version (long polls), by ticket.
    private var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var nextTicket = 0

    private func bump() {
        version += 1
        let all = waiters
        waiters = [:]
        for w in all.values { w.resume() }
    }

    /// Long polls waiting for a change (for the tests: a client that left waits no more).
    var waiting: Int { waiters.count }

    private func wake(_ ticket: Int) {
        waiters.removeValue(forKey: ticket)?.resume()
    }

    private var problemsByConvention: [String: [Finding]] = [:]
    private var frontHashes: [String: Int] = [:]
    private var checkCache: Checker.Cache? = nil
    private var report: ProjectReport? = nil
    private var ruleFacts: [String: String] = [:]
    private var knownFiles: Set<String> = []
    private var siteSignature: [Int] = []
    private var unattached = 0

    /// Every output path of the site, sorted.
    public func paths() -> [String] {
        Set(files.keys).union(stale.keys).union(ownerOf.compactMap { staleConventions.contains($0.value) ? $0.key : nil }).sorted()
    }

    /// The bytes of an output path: an index file or a convention's page out of date is made first.
    public func file(_ path: String) async -> Data? {
        if stale[path] != nil { await refresh(path) }
        if let id = ownerOf[path], staleConventions.contains(id) { await refreshConvention(id) }
        return files[path]
    }

    private func templateSignature() -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for f in ProjectLoader.listFiles(root: root, under: "templates") { out[f] = LoadCache.signature(root: root, files: [f]) }
        return out
    }

    /// What the pages of other conventions show of `c`.
    static func facts(of c: Convention, _ report: ProjectReport) -> String {
        let phase = report.phase(c.id.value)?.rawValue ?? ""
        return [c.titre?.value ?? "", phase, c.file, c.accordCadre?.value ?? "", c.renouvelle?.value ?? "",
                c.territoire?.nom?.value ?? "", c.territoire?.codeDepartement ?? ""].joined(separator: "\u{1F}")
    }

    /// What the rules that look across files read of `c` (RULES.md: id-duplique,
    /// reference-inconnue, chevauchement, accord-cadre-coherent, evaluation-avant-renouvellement).
    static func ruleFacts(of c: Convention) -> String {
        let t = c.territoire
        return [c.id.value, c.echelon?.value.rawValue ?? "", t?.type?.value.rawValue ?? "", t?.code?.value ?? "",
                t?.codeDepartement ?? "", c.periode?.debut?.value.iso ?? "", c.periode?.fin?.value.iso ?? "",
                c.signature?.value.iso ?? "", c.evaluation?.date?.value.iso ?? "", c.evaluation?.type?.value.rawValue ?? "",
                c.accordCadre?.value ?? "", c.renouvelle?.value ?? "", c.invalidKeys.contains("") ? "!" : "",
                // Where the findings of id-duplique and chevauchement stand.
                "\(c.id.location.line):\(c.id.location.column)", c.id.isExplicit ? "id" : "",
                c.periode.map { "\($0.location.line):\($0.location.column)" } ?? ""]
            .joined(separator: "\u{1F}")
    }

    /// Ids of the conventions whose facts the page of `c` shows.
    static func links(_ c: Convention, _ report: ProjectReport) -> [String] {
        var out = [c.accordCadre?.value, c.renouvelle?.value, report.renouveleePar[c.id.value]].compactMap { $0 }
        out += report.conventionsLocales[c.id.value] ?? []
        return out
    }

    /// Waits until the version differs from `seen` (or `timeout` passes): woken by the
    /// rebuild itself, so that open pages reload as soon as it is done.
    public func waitForChange(after seen: Int, timeout: Double) async -> Int {
        guard version == seen else { return version }
        let ticket = nextTicket
        nextTicket += 1
        Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
            await self?.wake(ticket)
        }
        // A client that leaves cancels its poll: its waiter goes at once, not after `timeout`.
        await withTaskCancellationHandler {
            await withCheckedContinuation { c in
                if Task.isCancelled { c.resume() } else { waiters[ticket] = c }
            }
        } onCancel: {
            Task { [weak self] in await self?.wake(ticket) }
        }
        return version
    }

    /// `page` with `script` before its last `</body>` (as `RenderOptions.liveReloadScript` does).
    static func withScript(_ page: [UInt8]) -> [UInt8] { SiteRenderer.inserting(scriptBytes, beforeBodyEndOf: page) }

    private static let scriptBytes = Array(script.utf8)

    /// Injected before `</body>` of every page in serve mode only (never in `ctg build`):
    /// reloads the page when the site changes and lists the errors over it.
    public static let script = """
    <script>(function(){var v=null;function show(p){var d=document.getElementById('ctg-serve-problemes');if(!p.length){if(d)d.remove();return}if(!d){d=document.createElement('div');d.id='ctg-serve-problemes';d.setAttribute('role','alert');d.style.cssText='position:fixed;bottom:0;left:0;right:0;max-height:40vh;overflow:auto;background:#fff;color:#1a1a1a;border-top:4px solid #b00020;padding:1em;font:14px/1.5 monospace;z-index:9999';document.body.appendChild(d)}d.textContent='';var h=document.createElement('strong');h.textContent='ctg serve : '+p.length+' erreur'+(p.length>1?'s':'')+' — les dernières pages valides restent affichées';d.appendChild(h);p.forEach(function(f){var l=document.createElement('div');l.textContent=f.file+':'+f.line+':'+f.column+' : erreur['+f.rule+'] : '+f.message;d.appendChild(l)})}function poll(){fetch('/__ctg/etat'+(v===null?'':'?v='+v),{cache:'no-store'}).then(function(r){return r.json()}).then(function(s){if(v!==null&&s.version!==v){location.reload();return}v=s.version;show(s.problemes);poll()}).catch(function(){setTimeout(poll,1000)})}poll()})();</script>
    """
}

extension SiteRenderer.OutputBytes {
    var isCopy: Bool {
        if case .copy = self { return true }
        return false
    }
}
