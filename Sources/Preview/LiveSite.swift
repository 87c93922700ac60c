import Content
import Foundation
import Model
import Rendering
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

    public init(root: String) { self.root = root }

    /// What one rebuild did.
    public struct Rebuild: Sendable {
        public var changedFiles: Int
        public var seconds: Double
        public var errors: Int
        /// Conventions whose pages were rendered again (all of them on a full build).
        public var conventionsRendered: Int
        /// Time of each phase, for `CTG_PROFIL=1`.
        public var laps: [String] = []
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
        // A convention file that no longer reads keeps its last good pages.
        let present = Set(project.conventions.map(\.file))
        let sources = Set(newCache.entries.keys)
        var kept = false
        for (file, c) in lastGood where !present.contains(file) && sources.contains(file) {
            project.conventions.append(c)
            kept = true
        }
        if kept { project.conventions.sort { $0.file < $1.file } }
        for c in project.conventions { lastGood[c.file] = c }
        for file in lastGood.keys where !sources.contains(file) { lastGood[file] = nil }

        // What changed since the last build.
        let changedSources = Set(newCache.entries.compactMap { k, e in oldCache?.entries[k]?.signature == e.signature ? nil : k })
            .union((oldCache?.entries.keys).map { Set($0).subtracting(newCache.entries.keys) } ?? [])
        let templatesTouched = changed.map { $0.contains { $0.hasPrefix("templates/") } } ?? true
        let tsig = templatesTouched ? templateSignature() : templatesSignature
        if renderer == nil || tsig != templatesSignature {
            renderer = try SiteRenderer(projectTemplates: Builder.templatesFolder(root))
            templatesSignature = tsig
            pagesOf = [:]
        }
        lap("lecture")
        // Rules that look across files read these facts of every convention: while none
        // changed, the per-convention findings of unchanged files are reused.
        let newRuleFacts = Dictionary(project.conventions.map { ($0.file, Self.ruleFacts(of: $0)) }, uniquingKeysWith: { a, _ in a })
        let unchanged: Set<String> = newRuleFacts == ruleFacts && project.files == knownFiles
            ? Set(project.conventions.map(\.file)).subtracting(changedSources) : []
        knownFiles = project.files
        let (checked, nextCheckCache) = await Builder.check(project: project, reusing: checkCache, unchanged: unchanged)
        checkCache = nextCheckCache
        ruleFacts = newRuleFacts
        lap("contrôle")
        let options = RenderOptions(revue: true, projets: true, liveReloadScript: LiveSite.script)
        let map = renderer!.siteMap(project: project, report: checked.report, findings: checked.findings, options: options)
        lap("plan du site")

        // Which conventions to render again: all on the first build, after a template change
        // or when the set of conventions, pages or settings changed; otherwise the changed
        // ones and those whose pages show a changed one's facts.
        let byConvention = Dictionary(grouping: checked.findings.filter { $0.convention != nil }, by: { $0.convention! })
        let newFacts = Dictionary(project.conventions.map { ($0.id.value, Self.facts(of: $0, checked)) }, uniquingKeysWith: { a, _ in a })
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
                for c in project.conventions where Self.links(c, checked).contains(where: moved.contains) {
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
        let indexesStale = structural || newFront != frontHashes || byConvention != problemsByConvention
            || checked.findings.count { $0.convention == nil } != unattached
        frontHashes = newFront
        unattached = checked.findings.count { $0.convention == nil }

        var next = structural ? [:] : files
        var changed = 0
        func put(_ f: OutputFile) {
            let data: Data
            switch f.content {
            case let .text(s): data = Data(s.utf8)
            case let .copy(from): data = FileManager.default.contents(atPath: join(root, from)) ?? Data()
            }
            if files[f.path] != data { changed += 1 }
            next[f.path] = data
        }
        let ids = toRender.sorted()
        let renderer = self.renderer!
        let rendered = await parallelMap(ids) { id in Result { try renderer.renderConvention(id, in: map) } }
        for (id, r) in zip(ids, rendered) {
            let out = try r.get()
            for p in pagesOf[id] ?? [] where !out.contains(where: { $0.path == p }) { next[p] = nil; changed += 1 }
            pagesOf[id] = out.map(\.path)
            for f in out where f.content.isCopy { put(f) }
            for f in out where !f.content.isCopy { put(f) }
        }
        lap("conventions")
        if indexesStale {
            let indexes = try await renderer.renderIndexes(map)
            let paths = Set(indexes.map(\.path))
            for p in indexPaths where !paths.contains(p) { next[p] = nil; changed += 1 }
            indexPaths = paths
            for f in indexes { put(f) }
        }
        lap("index")
        if structural { changed += files.keys.count { next[$0] == nil } }

        let newProblems = checked.findings.filter { $0.severity == .error }
        if changed > 0 || newProblems != problems { version += 1 }
        files = next
        problems = newProblems
        problemsByConvention = byConvention
        lap("fin")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return Rebuild(changedFiles: changed, seconds: seconds, errors: newProblems.count, conventionsRendered: ids.count, laps: laps)
    }

    private var problemsByConvention: [String: [Finding]] = [:]
    private var frontHashes: [String: Int] = [:]
    private var checkCache: Checker.Cache? = nil
    private var ruleFacts: [String: String] = [:]
    private var knownFiles: Set<String> = []
    private var siteSignature: [Int] = []
    private var unattached = 0

    /// The bytes of an output path.
    public func file(_ path: String) -> Data? { files[path] }

    private func templateSignature() -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for f in ProjectLoader.listFiles(root: root, under: "templates") { out[f] = LoadCache.signature(root: root, files: [f]) }
        return out
    }

    /// What the pages of other conventions show of `c`.
    static func facts(of c: Convention, _ checked: CheckedProject) -> String {
        let phase = checked.report.phase(c.id.value)?.rawValue ?? ""
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
                c.accordCadre?.value ?? "", c.renouvelle?.value ?? "", c.invalidKeys.contains("") ? "!" : ""]
            .joined(separator: "\u{1F}")
    }

    /// Ids of the conventions whose facts the page of `c` shows.
    static func links(_ c: Convention, _ checked: CheckedProject) -> [String] {
        var out = [c.accordCadre?.value, c.renouvelle?.value, checked.report.renouveleePar[c.id.value]].compactMap { $0 }
        out += checked.report.conventionsLocales[c.id.value] ?? []
        return out
    }

    /// Waits until the version differs from `seen` (or `timeout` passes).
    public func waitForChange(after seen: Int, timeout: Double) async -> Int {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        while version == seen && DispatchTime.now().uptimeNanoseconds < deadline {
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return version
    }

    /// Injected before `</body>` of every page in serve mode only (never in `ctg build`):
    /// reloads the page when the site changes and lists the errors over it.
    public static let script = """
    <script>(function(){var v=null;function show(p){var d=document.getElementById('ctg-serve-problemes');if(!p.length){if(d)d.remove();return}if(!d){d=document.createElement('div');d.id='ctg-serve-problemes';d.setAttribute('role','alert');d.style.cssText='position:fixed;bottom:0;left:0;right:0;max-height:40vh;overflow:auto;background:#fff;color:#1a1a1a;border-top:4px solid #b00020;padding:1em;font:14px/1.5 monospace;z-index:9999';document.body.appendChild(d)}d.textContent='';var h=document.createElement('strong');h.textContent='ctg serve : '+p.length+' erreur'+(p.length>1?'s':'')+' — les dernières pages valides restent affichées';d.appendChild(h);p.forEach(function(f){var l=document.createElement('div');l.textContent=f.file+':'+f.line+':'+f.column+' : erreur['+f.rule+'] : '+f.message;d.appendChild(l)})}function poll(){fetch('/__ctg/etat'+(v===null?'':'?v='+v),{cache:'no-store'}).then(function(r){return r.json()}).then(function(s){if(v!==null&&s.version!==v){location.reload();return}v=s.version;show(s.problemes);poll()}).catch(function(){setTimeout(poll,1000)})}poll()})();</script>
    """
}

extension OutputContent {
    var isCopy: Bool {
        if case .copy = self { return true }
        return false
    }
}
