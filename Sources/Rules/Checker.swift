import Content
import Model
import Reports

/// `ctg check`: every rule of the catalogue (RULES.md) over a loaded project.
public enum Checker {
    /// Every rule the loader does not already apply, family by family, in catalogue order.
    static let rules: [Rule] = Lecture.rules + RulesConvention.rules + DiagnosticPartage.rules
        + PlanActions.rules + ObjectifsResultats.rules + Engagements.rules

    /// Rule ids reported while reading files (Content's loader), not by a `Rule` here.
    static let loaderRules: Set<RuleID> = [.yamlInvalide, .cleInconnue, .cleManquante, .typeInvalide, .idInvalide]

    /// The loader's findings and every rule's, with the project's `regles:` applied (off →
    /// dropped; warning/error → severity changed), in report order (file, line, column, rule).
    /// `date` is `site.date_reference`, or the day of the check.
    public static func check(_ project: Project, date: Day) -> [Finding] {
        let context = RuleContext(project: project, date: date)
        var findings = project.findings
        for rule in rules { findings += rule.run(context) }
        return apply(project.site.regles, to: findings).sorted()
    }

    /// The same findings, with the per-convention rules run on every core; `report` is the
    /// project's at `date` (computed once by the caller, who needs it too).
    public static func check(_ project: Project, date: Day, report: ProjectReport) async -> [Finding] {
        let context = RuleContext(project: project, date: date, report: report)
        let perConvention = rules.filter(\.isPerConvention)
        let parts = await parallelMap(context.conventions) { c in perConvention.flatMap { $0.run(on: c, context) } }
        var findings = project.findings + parts.flatMap { $0 }
        for rule in rules where !rule.isPerConvention { findings += rule.run(context) }
        return apply(project.site.regles, to: findings).sorted()
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
    /// The number of convention files of a project (`content/territoires/x.md` and
    /// `content/territoires/x/index.md`), readable or not: what a report says it checked.
    public static func conventionFiles(_ project: Project) -> Int {
        project.files.count(where: isConventionFile)
    }

    /// True for `content/territoires/x.md` and `content/territoires/x/index.md`.
    static func isConventionFile(_ f: String) -> Bool {
        let parts = f.split(separator: "/")
        guard parts.count >= 3, parts[0] == "content", parts[1] == "territoires" else { return false }
        return (parts.count == 3 && f.hasSuffix(".md")) || (parts.count == 4 && parts[3] == "index.md")
    }
}
