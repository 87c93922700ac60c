import Content
import Foundation
import Model
import Rendering
import Reports
import Rules

/// What `ctg build` is asked to do.
public struct BuildOptions: Sendable {
    public var root: String
    /// Output folder; default `root/public`.
    public var output: String
    public var projets: Bool
    public var revue: Bool
    /// `--depuis ANCIEN`: a previous build (its folder or its `donnees/conventions.json`);
    /// the site then shows what changed since (`evolutions/index.html`, « Depuis le … »).
    public var depuis: String?

    public init(root: String, output: String? = nil, projets: Bool = false, revue: Bool = false, depuis: String? = nil) {
        self.root = root
        self.output = output ?? join(root, "public")
        self.projets = projets
        self.revue = revue
        self.depuis = depuis
    }
}

/// A checked project: what `ctg check` reports and what the build renders.
public struct CheckedProject: Sendable {
    public var project: Project
    public var findings: [Finding]
    public var date: Day
    public var report: ProjectReport

    public var errors: Int { findings.count { $0.severity == .error } }
    public var warnings: Int { findings.count { $0.severity == .warning } }
}

/// What a build did.
public struct BuildResult: Sendable {
    public var checked: CheckedProject
    /// True when the site was written; false when errors stopped it (the old site stays).
    public var written: Bool
    public var files: [String]
    public var pages: Int { files.count { $0.hasSuffix(".html") } }
    /// Ids of the conventions left out of the site as drafts (no `signature`, without
    /// `--projets` or `--revue`), sorted: a convention never vanishes from a site unsaid.
    public var projetsOmis: [String] = []
    /// Seconds spent in each phase, in order: for `CTG_PROFIL=1` and the benchmark.
    public var timings: [(phase: String, seconds: Double)] = []
}

/// Measures phases of a build.
struct Stopwatch {
    private var last = DispatchTime.now().uptimeNanoseconds
    private var lastCPU = Self.cpu()
    private(set) var laps: [(phase: String, seconds: Double)] = []
    mutating func lap(_ phase: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        let cpu = Self.cpu()
        let detail = Self.memory().map { String(format: " (processeur %.0f ms, mémoire %@)", (cpu - lastCPU) * 1000, $0) } ?? ""
        laps.append((phase + detail, Double(now - last) / 1e9))
        last = now
        lastCPU = cpu
    }

    /// User and system time of the process so far, in seconds.
    static func cpu() -> Double {
        var u = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(u.ru_utime) + s(u.ru_stime)
    }

    /// Resident and peak memory so far, from /proc (Linux), in MiB: « 120 Mio, pic 180 Mio ».
    static func memory() -> String? {
        guard ProcessInfo.processInfo.environment["CTG_PROFIL"] != nil,
              let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        func kib(_ key: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key + ":") }) else { return nil }
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        guard let rss = kib("VmRSS"), let hwm = kib("VmHWM") else { return nil }
        return "\(rss / 1024) Mio, pic \(hwm / 1024) Mio"
    }
}

/// The build: load → check → derive → render → write atomically. Commands are thin layers over it.
public enum Builder {
    /// The day of the build, where `site.yml` sets no `date_reference`.
    public static func today() -> Day {
        var t = time(nil)
        var tmv = tm()
        guard localtime_r(&t, &tmv) != nil,
              let d = Day(year: Int(tmv.tm_year) + 1900, month: Int(tmv.tm_mon) + 1, day: Int(tmv.tm_mday)) else { return .epoch }
        return d
    }

    /// Loads and checks a project (`ctg check`); throws `ProjectError` when it cannot be read at
    /// all. Its report holds what the rules read, not the summaries of the conventions (see
    /// `ProjectReport.forRules`): render with a project checked by `check(project:)`.
    public static func check(root: String) async throws -> CheckedProject {
        let project = try await ProjectLoader.load(root: root, html: false)
        let date = project.site.dateReference ?? today()
        return await check(project, date: date, report: ProjectReport.forRules(conventions: project.conventions, date: date))
    }

    /// Checks a loaded project reusing what an earlier check found for unchanged conventions
    /// (see `Checker.check(_:date:report:reusing:unchanged:)`).
    public static func check(project: Project, reusing cache: Checker.Cache?, unchanged: Set<String>) async -> (CheckedProject, Checker.Cache) {
        let date = project.site.dateReference ?? today()
        let report = await ProjectReport.compute(conventions: project.conventions, date: date)
        let (findings, next) = await Checker.check(project, date: date, report: report, reusing: cache, unchanged: unchanged)
        return (CheckedProject(project: project, findings: findings, date: date, report: report), next)
    }

    /// Checks a loaded project and derives its values.
    public static func check(project: Project) async throws -> CheckedProject {
        let date = project.site.dateReference ?? today()
        return await check(project, date: date, report: ProjectReport.compute(conventions: project.conventions, date: date))
    }

    private static func check(_ project: Project, date: Day, report: ProjectReport) async -> CheckedProject {
        let findings = await Checker.check(project, date: date, report: report)
        let checked = CheckedProject(project: project, findings: findings, date: date, report: report)
        ProcessLifetime.keep(checked)
        return checked
    }

    /// Renders every file of the site of a checked project.
    public static func render(_ checked: CheckedProject, revue: Bool, projets: Bool,
                              liveReloadScript: String? = nil, evolutions: Comparaison? = nil) async throws -> [OutputFile] {
        let renderer = try SiteRenderer(projectTemplates: templatesFolder(checked.project.root))
        let options = RenderOptions(revue: revue, projets: projets, liveReloadScript: liveReloadScript, evolutions: evolutions)
        return try await renderer.render(project: checked.project, report: checked.report,
                                         findings: checked.findings, options: options)
    }

    /// The project's `templates/` folder, when it has one.
    public static func templatesFolder(_ root: String) -> String? {
        var isDir: ObjCBool = false
        let t = join(root, "templates")
        return FileManager.default.fileExists(atPath: t, isDirectory: &isDir) && isDir.boolValue ? t : nil
    }

    /// `ctg build`: with any error (and no `--revue`) nothing is written and the previous
    /// site stays intact. An `ANCIEN` (`--depuis`) that cannot be read throws `Ancien.Erreur`
    /// before anything is read or written.
    public static func build(_ options: BuildOptions) async throws -> BuildResult {
        var clock = Stopwatch()
        let ancien = try options.depuis.map { chemin throws(Ancien.Erreur) in try Ancien.lire(chemin) }
        let writer = OutputWriter(output: options.output, projectRoot: options.root)
        try writer.validate()
        // The templates are parsed while the content is read: parsed after, they were a
        // serial step between two that use every core. A template error is still reported
        // after the check, as before.
        async let parsedRenderer = Result { try SiteRenderer(projectTemplates: templatesFolder(options.root)) }
        // Bodies are rendered to HTML as they are read up to 2,000 conventions, page by page
        // beyond, not all held at once (see `ProjectLoader.load(root:html:bodiesUpTo:)`).
        let project = try await ProjectLoader.load(root: options.root, html: false, bodiesUpTo: 2_000)
        clock.lap("lecture")
        let checked = try await check(project: project)
        clock.lap("contrôle")
        if checked.errors > 0 && !options.revue {
            return BuildResult(checked: checked, written: false, files: [], timings: clock.laps)
        }
        // Pages are written as they are rendered, from every core: the site is never held in
        // memory whole, and the disk works while the next page is made.
        let renderer = try await parsedRenderer.get()
        var renderOptions = RenderOptions(revue: options.revue, projets: options.projets || options.revue)
        if let ancien {
            renderOptions.evolutions = try Ancien.comparer(ancien, avec: checked, projets: renderOptions.projets)
            clock.lap("comparaison")
        }
        let staged = try writer.stage()
        let paths: [String]
        do {
            paths = try await renderer.render(project: checked.project, report: checked.report, findings: checked.findings,
                                              options: renderOptions, into: staged)
        } catch let error as TemplateError {
            writer.discard(staged)
            throw error
        } catch {
            writer.discard(staged)
            throw OutputWriter.wrap(error, options.output)
        }
        clock.lap("rendu et écriture")
        try writer.commit(staged)
        clock.lap("remplacement")
        let omis = renderOptions.projets ? [] : checked.project.conventions.compactMap { c -> String? in
            checked.report.resumes[c.id.value]?.phase == .projet ? c.id.value : nil
        }.sorted()
        return BuildResult(checked: checked, written: true, files: paths, projetsOmis: omis, timings: clock.laps)
    }
}
