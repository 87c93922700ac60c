import Content
import Foundation
import Model
import Rendering
import Site

/// The site as `ctg serve` holds it: every file in memory, rebuilt on each save with
/// what did not change reused, and the last good version of a file that no longer reads.
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
    private var watched: [String: [Int]] = [:]

    public init(root: String) { self.root = root }

    /// What one rebuild did.
    public struct Rebuild: Sendable {
        public var changedFiles: Int
        public var seconds: Double
        public var errors: Int
    }

    /// Reloads what changed, checks, renders in review mode, and swaps the files in.
    @discardableResult
    public func rebuild() async throws -> Rebuild {
        let start = DispatchTime.now()
        var (project, newCache) = try await ProjectLoader.load(root: root, cache: cache)
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

        let checked = try await Builder.check(project: project)
        let out = try await Builder.render(checked, revue: true, projets: true, liveReloadScript: LiveSite.script)
        var next: [String: Data] = [:]
        next.reserveCapacity(out.count)
        for f in out {
            switch f.content {
            case let .text(s): next[f.path] = Data(s.utf8)
            case let .copy(from): next[f.path] = FileManager.default.contents(atPath: join(root, from)) ?? Data()
            }
        }
        var changed = 0
        for (k, v) in next where files[k] != v { changed += 1 }
        changed += files.keys.count { next[$0] == nil }
        let newProblems = checked.findings.filter { $0.severity == .error }
        if changed > 0 || newProblems != problems { version += 1 }
        files = next
        problems = newProblems
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return Rebuild(changedFiles: changed, seconds: seconds, errors: newProblems.count)
    }

    /// The bytes of an output path.
    public func file(_ path: String) -> Data? { files[path] }

    /// True when a watched file (content/, templates/) was added, removed or saved since the last call.
    public func sourcesChanged() -> Bool {
        var now: [String: [Int]] = [:]
        for f in ProjectLoader.listFiles(root: root, under: "content") + ProjectLoader.listFiles(root: root, under: "templates") {
            now[f] = LoadCache.signature(root: root, files: [f])
        }
        defer { watched = now }
        return now != watched
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
