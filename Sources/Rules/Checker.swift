import Content
import Model
import Reports

/// `ctg check`: every rule of the catalogue (RULES.md) over a loaded project.
public enum Checker {
    /// Every rule the loader does not already apply, family by family, in catalogue order.
    static let rules: [Rule] = Lecture.rules + RulesConvention.rules + ReglesTerritoires.rules + DiagnosticPartage.rules
        + PlanActions.rules + ObjectifsResultats.rules + Engagements.rules + Cadre2020.rules

    /// Rule ids reported while reading files (Content's loader), not by a `Rule` here.
    static let loaderRules: Set<RuleID> = [.yamlInvalide, .cleInconnue, .cleManquante, .typeInvalide, .idInvalide,
                                           .signatureDouteuse, .lienSymbolique, .aCompleter,
                                           .tableurInvalide, .indicateurInconnu, .valeurEnDouble]

    /// The loader's findings and every rule's, with the project's `regles:` applied (off →
    /// dropped; warning/error → severity changed), in report order (file, line, column, rule).
    /// `date` is `site.date_reference`, or the day of the check.
    public static func check(_ project: Project, date: Day) -> [Finding] {
        let context = RuleContext(project: project, date: date)
        var findings = project.findings
        for rule in rules { findings += rule.run(context) }
        return apply(project.site.regles, to: withConventions(findings, project)).sorted()
    }

    /// Every finding in a convention's file, or in one of its annexes, names that convention
    /// (FORMAT.md §5), whichever rule made it: rules that look across files, and findings
    /// about a file that could not be read (its convention then has its default id).
    static func withConventions(_ findings: [Finding], _ project: Project) -> [Finding] {
        guard findings.contains(where: { $0.convention == nil }) else { return findings }
        var byFile: [String: String] = [:]
        for c in project.conventions {
            byFile[c.file] = c.id.value
            for a in c.annexes { byFile[a.file] = c.id.value }
        }
        return findings.map { f in
            guard f.convention == nil, let id = byFile[f.location.file] ?? bundleId(f.location.file, byFile) else { return f }
            var g = f
            g.convention = id
            return g
        }
    }

    /// The same findings, with the per-convention rules run on every core; `report` is the
    /// project's at `date` (computed once by the caller, who needs it too).
    public static func check(_ project: Project, date: Day, report: ProjectReport) async -> [Finding] {
        await check(project, date: date, report: report, reusing: nil).findings
    }

    /// What a check found, for a later check to reuse: the findings of the per-convention
    /// rules (and of the per-convention part of split rules), by convention file, and those of
    /// the rules that look across files, all before `regles:`.
    public struct Cache: Sendable {
        public var byFile: [String: [Finding]] = [:]
        public var acrossFiles: [Finding]? = nil
        public init() {}
    }

    /// The same findings, running the per-convention rules only on the conventions that are
    /// not in `reusing` with `unchanged` files (`ctg serve` after a save). The caller must
    /// pass `unchanged` only when no other convention's facts that rules read across files
    /// (ids, échelons, territories, periods, signatures, evaluations), the list of files and
    /// the settings did not change; `acrossUnchanged` says that the facts the rules that look
    /// across files read (the same, with the places of ids and periods, and the free pages)
    /// did not change either: their findings are reused too.
    public static func check(_ project: Project, date: Day, report: ProjectReport,
                             reusing cache: Cache?, unchanged: Set<String> = [],
                             acrossUnchanged: Bool = false) async -> (findings: [Finding], cache: Cache) {
        let context = RuleContext(project: project, date: date, report: report)
        let perConvention = rules.filter(\.isPerConvention)
        let split = rules.filter(\.isSplit)
        let parts = await parallelMap(project.conventions) { c -> (String, [Finding]) in
            if unchanged.contains(c.file), let old = cache?.byFile[c.file] { return (c.file, old) }
            let readable = !c.invalidKeys.contains("")
            return (c.file, (readable ? perConvention.flatMap { $0.run(on: c, context) } : [])
                + split.flatMap { $0.runEach(on: c, context) })
        }
        var next = Cache()
        var findings = project.findings
        for (file, fs) in parts {
            next.byFile[file] = fs
            findings += fs
        }
        let across = (acrossUnchanged ? cache?.acrossFiles : nil)
            ?? rules.filter { !$0.isPerConvention }.flatMap { $0.runAcross(context) }
        next.acrossFiles = across
        findings += across
        return (apply(project.site.regles, to: withConventions(findings, project)).sorted(), next)
    }

    /// Applies the `regles:` settings of `site.yml` to findings.
    public static func apply(_ regles: [RuleID: RuleSetting], to findings: [Finding]) -> [Finding] {
        guard !regles.isEmpty else { return findings }
        return findings.compactMap { f in
            switch regles[f.rule] {
            case .none: return f
            case .off: return nil
            case let .severity(s):
                var g = f
                g.severity = s
                return g
            }
        }
    }
}

extension Checker {
    /// The framework of each readable convention (FORMAT.md §3), by id in id order (the
    /// first in file order when an id is duplicated): what the JSON and SARIF reports carry.
    public static func cadres(_ project: Project) -> [(id: String, cadre: Cadre)] {
        var seen: [String: Cadre] = [:]
        for c in project.conventions where !c.invalidKeys.contains("") && seen[c.id.value] == nil {
            seen[c.id.value] = Reports.cadre(of: c, site: project.site.cadre)
        }
        return seen.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The number of convention files of a project (`content/territoires/x.md` and
    /// `content/territoires/x/index.md`), readable or not: what a report says it checked.
    public static func conventionFiles(_ project: Project) -> Int {
        project.files.count(where: isConventionFile)
    }

    /// The convention of a file that no loaded convention holds (unreadable): for
    /// `content/territoires/x.md` its default id `x`; for any file of the bundle
    /// `content/territoires/x/`, the id of `x/index.md`, else `x`.
    static func bundleId(_ file: String, _ byFile: [String: String]) -> String? {
        let parts = file.split(separator: "/")
        guard parts.count >= 3, parts[0] == "content", parts[1] == "territoires" else { return nil }
        if parts.count == 3 { return file.hasSuffix(".md") ? String(parts[2].dropLast(3)) : nil }
        return byFile["content/territoires/\(parts[2])/index.md"] ?? String(parts[2])
    }

    /// True for `content/territoires/x.md` and `content/territoires/x/index.md`.
    static func isConventionFile(_ f: String) -> Bool {
        let parts = f.split(separator: "/")
        guard parts.count >= 3, parts[0] == "content", parts[1] == "territoires" else { return false }
        return (parts.count == 3 && f.hasSuffix(".md")) || (parts.count == 4 && parts[3] == "index.md")
    }
}
