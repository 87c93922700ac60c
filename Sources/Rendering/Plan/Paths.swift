import Foundation
import Markdown
import Model

/// Paths of the site map (FORMAT.md §6), relative to the output folder, and the relative
/// URLs between them: the site must work opened from disk, so every link names a file
/// (`x/index.html`), never a folder or a root-relative path.
enum SitePath {
    static let accueil = "index.html"
    static let style = "assets/style.css"
    static let controle = "controle/index.html"
    static let accessibilite = "accessibilite/index.html"
    /// What changed since a previous build (`--depuis` only).
    static let evolutions = "evolutions/index.html"
    static let conventionsJSON = "donnees/conventions.json"
    static let indicateursCSV = "donnees/indicateurs.csv"
    static let couvertureCSV = "donnees/couverture.csv"
    static let sitemap = "sitemap.xml"

    static func convention(_ slug: String) -> String { "territoires/\(slug)/index.html" }
    /// Folder of a convention's board dossier (`territoires/ID/dossier/index.html`). An annex
    /// page keeps its FORMAT.md §6 place (`territoires/ID/ANNEX/index.html`) whatever its
    /// name: when an annex is called `dossier`, the board's dossier takes `dossier-2/`.
    static let dossierFolder = "dossier"
    static func annexe(_ convention: String, _ slug: String) -> String { "territoires/\(convention)/\(slug)/index.html" }
    static func departement(_ slug: String) -> String { "departements/\(slug)/index.html" }
    static func champ(_ slug: String) -> String { "champs/\(slug)/index.html" }
    static func page(_ slug: String) -> String { "pages/\(slug)/index.html" }

    /// The URL of `target` seen from the page `from` (both output paths with `/`):
    /// `territoires/a/index.html` → `territoires/b/index.html` gives `../b/index.html`.
    static func relative(from: String, to target: String) -> String {
        relative(fromDir: folders(of: from), to: target)
    }

    /// The folders of a page path: `territoires/a/index.html` → `[territoires, a]`.
    static func folders(of page: String) -> [Substring] {
        Array(page.slashParts.dropLast())
    }

    /// `relative(from:to:)` with the folders of the page already split (a page links to many).
    static func relative(fromDir: [Substring], to target: String) -> String {
        let to = target.slashParts
        var common = 0
        while common < fromDir.count, common < to.count - 1, fromDir[common] == to[common] { common += 1 }
        var out = String(repeating: "../", count: fromDir.count - common)
        for (i, part) in to[common...].enumerated() {
            if i > 0 { out += "/" }
            out += part
        }
        return out
    }

    /// The prefix that leads from `page` back to the site's root: `../../` for `territoires/x/index.html`.
    static func racine(of page: String) -> String {
        String(repeating: "../", count: page.utf8.count { $0 == UInt8(ascii: "/") })
    }

    /// `a/b/../c/./d` → `a/c/d`; nil when `..` climbs above the start.
    static func normalize(_ path: String) -> String? {
        var out: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if out.isEmpty { return nil }
                out.removeLast()
            } else {
                out.append(part)
            }
        }
        return out.joined(separator: "/")
    }

    /// The folder of a project-relative file (`content/territoires/x.md` → `content/territoires`).
    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        return String(file[..<slash])
    }

    /// Percent-encodes a path for an `href`, keeping `/`: copied files may have spaces or accents.
    static func encode(_ path: String) -> String {
        // Generated paths are [a-z0-9-/.]: only copied files may need escapes.
        if !path.containsByte(where: { !(($0 >= 97 && $0 <= 122) || ($0 >= 45 && $0 <= 57) || $0 == 95) }) { return path }
        return path.addingPercentEncoding(withAllowedCharacters: pathAllowed) ?? path
    }

    static let pathAllowed: CharacterSet = {
        var s = CharacterSet.urlPathAllowed
        s.remove(charactersIn: "?#;&'\"")
        return s
    }()
}

/// A name that can safely be a folder of the site and part of a URL: only `[a-z0-9-]`.
/// Valid ids are kept as they are; anything else is folded (`Roubaix 2014` → `roubaix-2014`),
/// and nil when nothing is left, so the caller picks a fallback: no id may put a file
/// outside the output folder or collide with another page.
func safeSlug(_ s: String) -> String? {
    if isValidId(s) { return s }
    let folded = slug(s)
    return folded.isEmpty ? nil : folded
}

/// Gives out unique names in one namespace (the folders of one level, the ids of one page):
/// the wanted name when free, else the name with `-2`, `-3`…
struct NameSpace: Equatable {
    private(set) var used: Set<String> = []

    init(reserved: some Sequence<String> = []) { used = Set(reserved) }

    /// Room for `capacity` names from the start: no table grown and rehashed on the way.
    init(capacity: Int) { used = Set(minimumCapacity: capacity) }

    mutating func claim(_ wanted: String) -> String {
        if used.insert(wanted).inserted { return wanted }
        var name = wanted, n = 2
        while used.contains(name) { name = "\(wanted)-\(n)"; n += 1 }
        used.insert(name)
        return name
    }

    func contains(_ name: String) -> Bool { used.contains(name) }
}
