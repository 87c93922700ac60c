import Content
import Foundation
import Model

/// `lien-casse` (RULES.md, reading the files) and the resolution of relative paths it
/// shares with `diagnostic.page`. The site is made to be opened from disk too (FORMAT.md
/// §6), so a link is good only when it names, relative to its own file, a file of `content/`.
/// "En affirmant les priorités institutionnelles et en communiquant mieux sur les politiques
/// mises en œuvre" (introduction): a published convention must not lead nowhere.
enum Liens {
    /// Where a relative destination leads.
    enum Resolution: Equatable {
        /// The project-relative path of an existing file.
        case found(String)
        /// Only a `#fragment` or `?query`: the page itself.
        case samePage
        /// Why it leads nowhere, in French.
        case broken(String)
    }

    /// Every relative link of every convention body, annex and free page.
    static let lienCasse = Rule(.lienCasse, each: { c, ctx in
        var issues = broken(c.document, c.body, file: c.file, convention: c.id.value, project: ctx.project)
        for a in c.annexes { issues += broken(a.document, a.body, file: a.file, convention: c.id.value, project: ctx.project) }
        return issues
    }, rest: { ctx in
        ctx.project.pages.flatMap { broken($0.document, $0.body, file: $0.file, convention: nil, project: ctx.project) }
    })

    /// The relative links of one Markdown file that lead nowhere among the project's files
    /// (its body read again through the project's reader to place them).
    static func broken(_ doc: MarkdownDocument?, _ body: MarkdownText, file: String, convention: String?, project: Project) -> [Issue] {
        let files = project.files
        guard let doc, doc.links.contains(where: \.isRelative) else { return [] }
        var issues: [Issue] = []
        // A destination resolves the same way wherever it stands in a file: resolve each
        // once, and look for the place of broken ones only (links that share a broken
        // destination are all broken, so each still gets its own place).
        var resolved: [String: Resolution] = [:]
        var locator: LinkLocator? = nil
        for link in doc.links where link.isRelative {
            let resolution = resolved[link.destination] ?? resolve(link.destination, from: file, files: files)
            resolved[link.destination] = resolution
            if case let .broken(reason) = resolution {
                if locator == nil { locator = LinkLocator(project.lecteur.texte(body)) }
                guard let at = locator?.locate(link) else { continue }  // never nil: made just above
                let what = link.isImage ? "l'image" : "le lien"
                issues.append(Issue(SourceLocation(file: file, line: at.line, column: at.column),
                                    "\(what) \(Francais.q(link.destination)) ne mène à aucun fichier : \(reason)",
                                    convention: convention))
            }
        }
        return issues
    }

    /// Resolves `destination` written in `file` (both as in the project): `#fragment` and
    /// `?query` dropped, percent-escapes decoded, `.` and `..` folded against the folder of
    /// `file`. An absolute `/x` is broken: it would leave the site opened from disk.
    static func resolve(_ destination: String, from file: String, files: Set<String>) -> Resolution {
        var path = destination
        // By bytes: `#` and `?` are ASCII, and a Character walk costs more than the rest.
        if let cut = path.utf8.firstIndex(where: { $0 == 35 || $0 == 63 }) { path = String(path[..<cut]) }
        if path.isEmpty { return .samePage }
        if path.utf8.contains(37) { path = path.removingPercentEncoding ?? path }  // %
        if path.hasPrefix("/") {
            return .broken("\(Francais.q(path)) est un chemin absolu, qui ne mène nulle part quand le site est ouvert depuis le disque ; écrivez le chemin depuis le fichier qui contient le lien")
        }
        let folder = file.split(separator: "/").dropLast().map(String.init)
        var parts = folder
        for p in path.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == ".." {
                guard !parts.isEmpty else {
                    return .broken("\(Francais.q(path)) remonte au-delà du dossier du projet")
                }
                parts.removeLast()
            } else {
                parts.append(String(p))
            }
        }
        let target = parts.joined(separator: "/")
        if files.contains(target) && !path.hasSuffix("/") { return .found(target) }
        let written = path.hasSuffix("/") ? String(path.dropLast()) : path
        if files.contains(target + "/index.md") {
            return .broken("\(Francais.q(target)) est un dossier ; pour la convention qu'il contient, écrivez \(Francais.q(written + "/index.md"))")
        }
        if !target.hasPrefix("content/") {
            return .broken("\(Francais.q(target)) est hors du dossier « content/ », qui seul est publié")
        }
        let candidates = files.map { relative(from: folder, to: $0) }
        return .broken("le fichier \(Francais.q(target)) n'existe pas\(Suggestion.phrase(for: written, in: candidates.sorted()))")
    }

    /// The path of `file` as written from `folder` (`../pages/x.md`).
    static func relative(from folder: [String], to file: String) -> String {
        let parts = file.split(separator: "/").map(String.init)
        var common = 0
        while common < folder.count, common < parts.count - 1, folder[common] == parts[common] { common += 1 }
        return (Array(repeating: "..", count: folder.count - common) + parts[common...]).joined(separator: "/")
    }
}

/// Finds where a link's destination is written in a Markdown text. cmark gives the line
/// of the block that holds a link; the destination itself may be further down (a long
/// paragraph) or in a reference definition. Columns count Unicode scalars, like YAML's.
struct LinkLocator {
    let lines: [Substring]
    let firstLine: Int
    /// How many lines after its block's first line a destination is looked for.
    static let reach = 400
    /// Places already given to a link, so that two links to one file get their own places.
    var used: Set<[Int]> = []

    init(_ body: MarkdownText) {
        lines = body.text.split(separator: "\n", omittingEmptySubsequences: false)
        firstLine = body.firstLine
    }

    /// The line and column of the destination of `link`, or its block's line, column 1.
    mutating func locate(_ link: MarkdownLink) -> (line: Int, column: Int) {
        let start = max(0, link.line - firstLine)
        if !link.destination.isEmpty, start < lines.count {
            // A block rarely spans more lines than this; the cap keeps a huge body linear.
            for i in start..<min(lines.count, start + LinkLocator.reach) {
                if let col = column(of: link.destination, in: lines[i], line: i) {
                    used.insert([i, col])
                    return (firstLine + i, col)
                }
            }
        }
        return (link.line, 1)
    }

    /// The first unused place on `line` where `dest` stands as a destination: after `(`,
    /// `<`, or a reference definition's `]:`.
    private func column(of dest: String, in line: Substring, line i: Int) -> Int? {
        var from = line.startIndex
        while let r = line.range(of: dest, range: from..<line.endIndex) {
            let before = line[..<r.lowerBound]
            let col = before.unicodeScalars.count + 1
            let trimmed = before.reversed().drop { $0 == " " || $0 == "\t" }
            let isDestination = before.last == "(" || before.last == "<"
                || (trimmed.first == ":" && trimmed.dropFirst().first == "]")
            if isDestination && !used.contains([i, col]) { return col }
            from = line.index(after: r.lowerBound)
        }
        return nil
    }
}
