import Content
import Model
import Reports

/// What every rule sees: the project's readable conventions, the reference date and the
/// derived values some rules need (phases, renewals). Built once per check.
public struct RuleContext: Sendable {
    /// The project as the loader read it.
    public let project: Project
    /// `date_reference`, or the day of the check.
    public let date: Day
    /// Conventions whose front matter could be read (sorted by file); the others already
    /// have their `yaml-invalide` finding and nothing more is said about them.
    public let conventions: [Convention]
    /// Readable conventions by id (the first in file order when an id is duplicated).
    public let byId: [String: Convention]
    /// Renewals and local conventions at `date` (a phase depends on its renewal: `phase(of:)`);
    /// the rules read nothing else of it.
    public let report: ProjectReport
    /// Slugs of the fields of intervention: the Famille branch's and the project's own.
    public let champs: [String]
    /// Ids of conventions whose front matter could not be read (as written, or the file or
    /// bundle name): a reference to one of them is not `reference-inconnue`, the file has its
    /// own finding already.
    public let unreadableIds: Set<String>

    /// Prepares what the rules share: readable conventions, ids, phases at `date`.
    /// `report`, when the caller has it already, must be the project's at `date`.
    public init(project: Project, date: Day, report: ProjectReport? = nil) {
        self.project = project
        self.date = date
        conventions = project.conventions.filter { !$0.invalidKeys.contains("") }
        var byId: [String: Convention] = [:]
        for c in conventions where byId[c.id.value] == nil { byId[c.id.value] = c }
        self.byId = byId
        self.report = report ?? ProjectReport.forRules(conventions: conventions, date: date)
        champs = project.site.champs.map(\.0)
        var unreadable = Set(project.conventions.filter { $0.invalidKeys.contains("") }.map(\.id.value))
        let loaded = Set(project.conventions.map(\.file))
        for f in project.files where Checker.isConventionFile(f) && !loaded.contains(f) {
            let parts = f.split(separator: "/")
            unreadable.insert(parts.count == 4 ? String(parts[2]) : String(parts[2].dropLast(3)))
        }
        unreadableIds = unreadable.subtracting(byId.keys)
    }

    /// The period of `c` as other dates are measured against it: nil when absent, inverted,
    /// or of a length its framework refuses — not four years under `cnaf-2013`
    /// (`duree-quatre-ans`), under one or over five under `cnaf-2020` (`duree-ctg`): that rule
    /// says it once, and targets, actions or means measured against a wrong period would say
    /// it again — unless the project turned that rule off (then the period is taken as written).
    public func periode(of c: Convention) -> (debut: Day, fin: Day)? {
        guard let debut = c.periode?.debut?.value, let fin = c.periode?.fin?.value, debut <= fin else { return nil }
        switch cadre(of: c) {
        case .cnaf2013:
            if fin != debut.adding(years: 4).previous && project.site.regles[.dureeQuatreAns] != .off { return nil }
        case .cnaf2020:
            if !Cadre2020.dureeAdmise(du: debut, au: fin) && project.site.regles[.dureeCtg] != .off { return nil }
        }
        return (debut, fin)
    }

    /// The framework `c` follows (FORMAT.md §3): its own, else the project's, else its start's.
    public func cadre(of c: Convention) -> Cadre {
        Reports.cadre(of: c, site: project.site.cadre)
    }

    /// The phase of `c` at the reference date, renewal included (FORMAT.md §4).
    public func phase(of c: Convention) -> Phase {
        Reports.phase(of: c, renouvelee: report.renouveleePar[c.id.value] != nil, date: date)
    }
}

/// One problem a rule found: where, and what to tell the person who wrote the file.
/// The rule's id and severity are added by the checker, so a rule cannot report under
/// another rule's id.
struct Issue: Sendable {
    var location: SourceLocation
    var message: String
    /// The convention concerned; for rules that look at one convention, that one.
    var convention: String?

    init(_ location: SourceLocation, _ message: String, convention: String? = nil) {
        self.location = location
        self.message = message
        self.convention = convention
    }
}

/// A rule of the catalogue (RULES.md): its id and its check, which looks either at one
/// convention at a time or at the whole project (links, duplicates across files, overlaps).
struct Rule: Sendable {
    enum Check: Sendable {
        case convention(@Sendable (Convention, RuleContext) -> [Issue])
        case project(@Sendable (RuleContext) -> [Issue])
        /// A project rule that says most of what it says one convention at a time, from that
        /// convention and the list of the project's files alone: `each` runs on every
        /// convention, readable or not, and `rest` on the whole project. Its findings name the
        /// convention its issues name, if any. `ctg serve` reruns `each` on saved files only.
        case split(each: @Sendable (Convention, RuleContext) -> [Issue], rest: @Sendable (RuleContext) -> [Issue])
    }

    let id: RuleID
    let check: Check
    /// The frameworks whose conventions the rule looks at, as its catalogue entry declares
    /// them (RULES.md, *Frameworks*). Only a per-convention rule may belong to one framework:
    /// a rule across files looks at conventions of both.
    let cadres: Set<Cadre>

    init(_ id: RuleID, convention check: @escaping @Sendable (Convention, RuleContext) -> [Issue]) {
        self.id = id
        self.check = .convention(check)
        cadres = Catalogue.info(id).cadres
    }

    init(_ id: RuleID, project check: @escaping @Sendable (RuleContext) -> [Issue]) {
        self.id = id
        self.check = .project(check)
        cadres = Set(Cadre.allCases)
    }

    init(_ id: RuleID, each: @escaping @Sendable (Convention, RuleContext) -> [Issue], rest: @escaping @Sendable (RuleContext) -> [Issue]) {
        self.id = id
        check = .split(each: each, rest: rest)
        cadres = Set(Cadre.allCases)
    }

    /// True when `c` follows one of the rule's frameworks.
    func applies(to c: Convention, _ context: RuleContext) -> Bool {
        cadres.count == Cadre.allCases.count || cadres.contains(context.cadre(of: c))
    }

    /// Runs the rule; findings carry its id, its default severity and the convention's id.
    func run(_ context: RuleContext) -> [Finding] {
        switch check {
        case .convention:
            return context.conventions.flatMap { run(on: $0, context) }
        case .project, .split:
            return context.project.conventions.flatMap { runEach(on: $0, context) } + runAcross(context)
        }
    }

    /// What a project rule says of the whole project (for a split rule: besides what
    /// `runEach` says of each convention).
    func runAcross(_ context: RuleContext) -> [Finding] {
        switch check {
        case .convention: return []
        case let .project(f), let .split(_, f): return findings(f(context))
        }
    }

    /// What a split rule says of one convention (readable or not).
    func runEach(on c: Convention, _ context: RuleContext) -> [Finding] {
        guard case let .split(each, _) = check else { return [] }
        return findings(each(c, context))
    }

    private func findings(_ issues: [Issue]) -> [Finding] {
        issues.map { Finding(id, at: $0.location, $0.message, convention: $0.convention) }
    }

    /// Runs a per-convention rule on one convention (nothing for a project rule).
    func run(on c: Convention, _ context: RuleContext) -> [Finding] {
        guard case let .convention(f) = check, applies(to: c, context) else { return [] }
        return f(c, context).map { Finding(id, at: $0.location, $0.message, convention: $0.convention ?? c.id.value) }
    }

    var isPerConvention: Bool {
        if case .convention = check { return true }
        return false
    }

    var isSplit: Bool {
        if case .split = check { return true }
        return false
    }
}

extension Convention {
    /// True when the value at `path` was present but unreadable (the loader reported it).
    func isInvalid(_ path: String) -> Bool { invalidKeys.contains(path) }

    /// True when `path` or anything inside it was present but unreadable.
    func hasInvalid(under path: String) -> Bool {
        invalidKeys.contains { $0 == path || $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") }
    }

    /// True when an item of the list at `path` (`axes`, `axes[1].objectifs`) was dropped
    /// because it could not be read: the list is then not really empty.
    func hasUnreadableItem(in path: String) -> Bool {
        invalidKeys.contains { k in
            k.hasPrefix(path + "[") && k.hasSuffix("]") && !k.dropFirst(path.count).contains(".")
        }
    }
}

/// How a message names an item of the plan: its title or label, else its id.
func nom(_ titre: Located<String>?, _ id: Ident) -> String {
    guard let t = titre?.value else { return Francais.q(id.value) }
    return Francais.q(t.count > 60 ? String(t.prefix(59)) + "…" : t)
}
