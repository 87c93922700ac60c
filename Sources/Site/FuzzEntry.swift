import Content
import Model
import Rendering
import Reports
import Rules

/// One input's bytes through the reading path, in memory: what the fuzzer
/// (`scripts/fuzz.sh`, `fuzz/ctg-fuzz`) and the test that replays its corpus
/// (`Tests/CTGTests/Fixtures/fuzz/`) both call. No file is read or written.
///
/// The bytes are read as `content/site.yml`, then as a convention twice (a single file and a
/// bundle's `index.md`, so that the rules that compare conventions see two), as the bundle's
/// annex, as a free page and as a CSV results sheet of the first convention; the project is
/// checked as `ctg check` checks it, and its site rendered as `ctg build --revue` renders it
/// (errors or not). Whatever the bytes, this
/// returns: a trap here is a bug of ctg.
public enum FuzzEntry {
    /// Never read: the files are held in memory (`Project.lecteur`).
    static let root = "/ctg-fuzz"
    static let files = ["content/territoires/fuzz.md", "content/territoires/fuzz-bis/index.md"]
    static let annexFile = "content/territoires/fuzz-bis/annexe.md"
    static let pageFile = "content/pages/fuzz.md"
    static let sheetFile = "content/territoires/fuzz.csv"
    static let site: [UInt8] = Array("titre: CTG à l'essai\ncaf: Caf de l'essai\ndate_reference: 2016-06-30\n".utf8)
    static let date = Day(year: 2016, month: 6, day: 30) ?? .epoch
    /// The built-in templates, parsed once.
    static let renderer: SiteRenderer? = try? SiteRenderer(projectTemplates: nil)

    /// What one input gave.
    public struct Outcome: Sendable {
        /// The findings of the bytes read as `content/site.yml`.
        public var site: [Finding]
        /// The findings of the project whose conventions, annex and page are the bytes.
        public var check: [Finding]
        /// The files of the site rendered with `--revue`; nil when rendering threw.
        public var rendered: Int?

        /// What is wrong with this outcome for an input of `bytes`, beyond a crash: a finding
        /// placed outside the file, an empty message, libyaml's English (outside what the
        /// message quotes of the file), a site not rendered.
        /// Empty when all is well; the fuzzer stops on anything else, the corpus test fails.
        public func anomalies(for bytes: [UInt8]) -> [String] {
            let lines = FuzzEntry.lineCount(bytes)
            var out: [String] = []
            for f in site + check {
                if f.location.line < 1 || f.location.line > lines || f.location.column < 1 {
                    out.append("constat hors du fichier (\(lines) lignes) : \(f)")
                }
                if f.message.isEmpty { out.append("constat sans message : \(f)") }
                let own = FuzzEntry.unquoted(f.message)
                if FuzzEntry.english.contains(where: { own.contains($0) }) { out.append("constat en anglais : \(f)") }
            }
            if rendered == nil { out.append("le site n'a pas été rendu") }
            return out
        }
    }

    /// Words of libyaml's English messages, never to be shown.
    static let english = ["while scanning", "while parsing", "did not find", "found character", "found unexpected",
                          "are not allowed", "could not find"]

    /// A message without what it quotes between « and » (the file's own text, which may be
    /// anything).
    static func unquoted(_ message: String) -> String {
        var out = "", depth = 0
        for ch in message {
            if ch == "«" { depth += 1 } else if ch == "»" { depth = max(0, depth - 1) } else if depth == 0 { out.append(ch) }
        }
        return out
    }

    /// The lines of a file as ctg counts them: LF, CRLF and CR end a line; a last line without
    /// an end counts.
    static func lineCount(_ b: [UInt8]) -> Int {
        var n = 1
        var i = 0
        while i < b.count {
            if b[i] == 10 {
                n += 1
            } else if b[i] == 13 {
                n += 1
                if i + 1 < b.count && b[i + 1] == 10 { i += 1 }
            }
            i += 1
        }
        return n
    }

    /// Reads, checks and renders `bytes` (see the type's note).
    public static func run(_ bytes: [UInt8]) async -> Outcome {
        let site = ProjectLoader.site(bytes).findings
        // As `ctg check` reads: no HTML, the body's links only.
        let checked = Checker.check(project(bytes, body: false), date: date)
        // As `ctg build` reads (bodies rendered as they are read), then renders.
        let built = project(bytes, body: true)
        let report = await ProjectReport.compute(conventions: built.conventions, date: date)
        var rendered: Int? = nil
        if let renderer {
            let findings = await Checker.check(built, date: date, report: report)
            let files = try? await renderer.render(project: built, report: report, findings: findings,
                                                   options: RenderOptions(revue: true, projets: true))
            rendered = files?.count
        }
        // The bytes as a results sheet of the first convention read (`tableur:`, CSV).
        var sheet: [Finding] = []
        if var c = built.conventions.first {
            sheet = Tableur.joindre(Tableur.lireCSV(bytes), fichier: sheetFile, into: &c)
        }
        return Outcome(site: site, check: checked + sheet, rendered: rendered)
    }

    /// A project of `site` whose two conventions, annex and free page are `bytes`.
    static func project(_ bytes: [UInt8], body: Bool) -> Project {
        let (config, siteFindings) = ProjectLoader.site(site)
        var findings = siteFindings
        var conventions: [Convention] = []
        for file in files {
            let bundle = file.hasSuffix("/index.md") ? String(file.dropLast("/index.md".count)) : nil
            let (c, f) = ProjectLoader.convention(bytes, root: root, file: file, bundle: bundle, extras: [],
                                                  html: false, body: body)
            findings += f
            guard var c else { continue }
            if bundle != nil {
                let (a, af) = ProjectLoader.annexe(bytes, root: root, file: annexFile, convention: c.id.value, html: false)
                findings += af
                if let a { c.annexes.append(a) }
            }
            conventions.append(c)
        }
        let (page, pf) = ProjectLoader.page(bytes, root: root, file: pageFile, html: false)
        findings += pf
        let all = files + [annexFile, pageFile]
        var p = Project(root: root, site: config, conventions: conventions, pages: page.map { [$0] } ?? [],
                        files: Set(all + ["content/site.yml"]), findings: findings)
        p.lecteur = LecteurProjet(fichiers: Dictionary(uniqueKeysWithValues: all.map { (join(root, $0), bytes) }))
        return p
    }
}
