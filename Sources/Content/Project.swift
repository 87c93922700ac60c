import Model

/// A project folder, loaded: site settings, conventions, free pages, and the findings
/// of reading them (the rules of the "Reading the files" family that need no other file).
public struct Project: Sendable {
    /// The project folder (DIR), as given.
    public var root: String
    public var site: SiteConfig
    /// Sorted by file path.
    public var conventions: [Convention]
    public var pages: [PageLibre]
    /// Every file under `content/`, project-relative with `/`: for links and `diagnostic.page`.
    public var files: Set<String>
    public var findings: [Finding]
    /// How the rules and the pages read again a body that the loader let go: the only way
    /// they reach a project file after loading (the disk, or files held in memory).
    public var lecteur: LecteurProjet = .disque

    public init(root: String, site: SiteConfig, conventions: [Convention], pages: [PageLibre],
                files: Set<String>, findings: [Finding]) {
        self.root = root
        self.site = site
        self.conventions = conventions
        self.pages = pages
        self.files = files
        self.findings = findings
    }

    /// Conventions by id (the first in file order when an id is duplicated).
    public var conventionsById: [String: Convention] {
        var out: [String: Convention] = [:]
        for c in conventions where out[c.id.value] == nil { out[c.id.value] = c }
        return out
    }
}

/// Why a project could not be read at all (exit code 2).
public struct ProjectError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
