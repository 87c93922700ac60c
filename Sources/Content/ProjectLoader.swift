import Foundation
import Markdown
import Model

/// Reads a project folder (FORMAT.md §1): `content/site.yml`, `content/territoires/`,
/// `content/pages/`. Files are read and decoded in parallel; the result does not depend
/// on the order the file system lists them.
public enum ProjectLoader {
    /// `html: false` (for `ctg check`) collects the Markdown links without rendering HTML.
    /// `bodiesUpTo` (with `html: false`, for `ctg build`): the bodies of the conventions are
    /// rendered to HTML as they are read, and kept, when the project has at most that many
    /// conventions. A body is then parsed once instead of twice (for its links, then for its
    /// page) and its file is not read again; the HTML of 2,000 bodies is about 50 MB.
    public static func load(root: String, html: Bool = true, bodiesUpTo: Int = 0) async throws -> Project {
        try await load(root: root, cache: nil, html: html, bodiesUpTo: bodiesUpTo).project
    }

    /// Loads a project, reusing from `cache` every convention and page whose files have
    /// not changed since (same size and modification time): what `ctg serve` does on each save.
    /// `changed`, when the caller knows it (a file-system watcher), lists every project-relative
    /// path created, written, renamed or deleted since `cache` was made: the others are reused
    /// without being looked at, and the folder is listed again only when files came or went.
    public static func load(root: String, cache: LoadCache?, changed: Set<String>? = nil,
                            html: Bool = true, bodiesUpTo: Int = 0) async throws -> (project: Project, cache: LoadCache) {
        let fm = FileManager.default
        let contentDir = join(root, "content")
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: contentDir, isDirectory: &isDir), isDir.boolValue else {
            throw ProjectError("dossier « \(contentDir) » introuvable : ctg attend un dossier de projet qui contient « content/ » (voir « ctg new convention » pour commencer)")
        }
        let known = changed.flatMap { c in cache.map { (c, $0) } }
        let layout = known.flatMap { LoadCache.Layout(updating: $1.layout, changed: $0, root: root) }
            ?? LoadCache.Layout(list(root: root, under: "content"))
        let (conventionSources, bundleExtras, pageFiles, fileSet) = (layout.conventionSources, layout.bundleExtras, layout.pageFiles, layout.fileSet)
        // A file the watcher did not name is as the cache saw it: no need to stat it.
        let mustLook: @Sendable (String) -> Bool = { f in known.map { $0.0.contains(f) } ?? true }

        let siteResult = known.flatMap { k in k.0.contains("content/site.yml") ? nil : k.1.site } ?? SiteDecoder.load(root: root)
        let extras = bundleExtras
        let old = cache?.entries ?? [:]
        let bodies = !html && conventionSources.count <= bodiesUpTo
        // The long texts of the front matters, made once for the project (see `TextesLongs`).
        let loaded = await TextesLongs.$courant.withValue(TextesLongs()) { await parallelMap(conventionSources) { src -> (Convention?, [Finding], LoadCache.Entry) in
            let ex = src.bundle.flatMap { extras[$0] } ?? []
            // A convention with a results sheet is read again when its sheet changes too.
            let feuille = old[src.file].flatMap { e -> String? in
                if case let .convention(c?) = e.value { return Tableur.chemin(of: c) } else { return nil }
            }
            if let e = old[src.file], !mustLook(src.file), !ex.contains(where: mustLook), !(feuille.map(mustLook) ?? false),
               case let .convention(c) = e.value {
                return (c, e.findings, e)
            }
            let sig = LoadCache.signature(root: root, files: [src.file] + ex + (feuille.map { [$0] } ?? []))
            if let e = old[src.file], e.signature == sig, case let .convention(c) = e.value { return (c, e.findings, e) }
            let (c, f) = loadConvention(root: root, file: src.file, bundle: src.bundle, extras: ex, html: html, body: bodies)
            let lue = c.flatMap(Tableur.chemin)
            let signature = lue == feuille ? sig : LoadCache.signature(root: root, files: [src.file] + ex + (lue.map { [$0] } ?? []))
            return (c, f, LoadCache.Entry(signature: signature, value: .convention(c), findings: f))
        } }
        let pages = await parallelMap(pageFiles) { file -> (PageLibre?, [Finding], LoadCache.Entry) in
            if let e = old[file], !mustLook(file), case let .page(p) = e.value { return (p, e.findings, e) }
            let sig = LoadCache.signature(root: root, files: [file])
            if let e = old[file], e.signature == sig, case let .page(p) = e.value { return (p, e.findings, e) }
            let (p, f) = loadPage(root: root, file: file, html: html)
            return (p, f, LoadCache.Entry(signature: sig, value: .page(p), findings: f))
        }
        var newCache = LoadCache()
        newCache.layout = layout
        newCache.site = siteResult
        for (i, src) in conventionSources.enumerated() { newCache.entries[src.file] = loaded[i].2 }
        for (i, file) in pageFiles.enumerated() { newCache.entries[file] = pages[i].2 }

        var findings = siteResult.findings
        // Never followed: a link could name any file of the machine (RULES.md, lien-symbolique).
        findings += layout.links.map(symbolicLinkFinding)
        findings += list(root: root, under: "templates").links.map(symbolicLinkFinding)
        var conventions: [Convention] = []
        for (c, f, _) in loaded {
            findings += f
            if let c { conventions.append(c) }
        }
        var pageList: [PageLibre] = []
        for (p, f, _) in pages {
            findings += f
            if let p { pageList.append(p) }
        }
        // Bundle folders without index.md hold no convention: say so rather than drop them silently.
        for (bundle, list) in bundleExtras.sorted(by: { $0.key < $1.key }) where !fileSet.contains(bundle + "/index.md") {
            if let first = list.sorted().first(where: { $0.hasSuffix(".md") }) {
                findings.append(Finding(.cleManquante, at: .start(of: first),
                                        "le dossier « \(bundle) » n'a pas de fichier « index.md » : une convention en dossier doit avoir son « index.md »"))
            }
        }
        let project = Project(root: root, site: siteResult.site, conventions: conventions.sorted { $0.file < $1.file },
                              pages: pageList.sorted { $0.file < $1.file }, files: fileSet, findings: findings)
        return (project, newCache)
    }

    /// Loads one convention file; nil when its front matter cannot be read at all.
    /// `body`: with `html: false`, the body's HTML too (see `load(root:html:bodiesUpTo:)`).
    public static func loadConvention(root: String, file: String, bundle: String?, extras: [String], html: Bool = true,
                                      body: Bool = false) -> (Convention?, [Finding]) {
        guard let data = readBytes(join(root, file)) else { return (nil, []) }
        return convention(data, root: root, file: file, bundle: bundle, extras: extras, html: html, body: body)
    }

    /// `loadConvention` of bytes already read (the file's whole content): what the fuzzer
    /// (`scripts/fuzz.sh`) gives it. Its body is read again through the project's `lecteur`.
    public static func convention(_ data: [UInt8], root: String, file: String, bundle: String?, extras: [String],
                                  html: Bool = true, body: Bool = false) -> (Convention?, [Finding]) {
        let name = bundle.map { String($0.lastSlashPart) } ?? String(file.lastSlashPart.dropLast(3))
        var findings: [Finding] = []
        let path = join(root, file)
        var c = Convention(id: Ident(name, at: .start(of: file), explicit: false), file: file,
                           isBundle: bundle != nil, body: MarkdownText(text: "", firstLine: 1))
        let parsed: Result<YNode?, Finding>
        if !html, let plain = PlainFile(data) {
            // `ctg check` and `ctg build`: front matter and links read from the file's bytes.
            c.body = plain.body(path: path)
            parsed = plain.withYAML { FrontMatter.parse(utf8: $0, file: file, firstLine: 2) }
            c.document = body ? plain.rendered() : plain.relativeLinks()
        } else {
            let (split, fail) = Self.split(data, file: file)
            if let fail { return (nil, [fail]) }
            c.body = split.body
            // Only serve (which renders HTML at load) compares front matters between saves.
            if html { c.frontMatterHash = fnv1a(split.yaml) }
            parsed = FrontMatter.parse(split.yaml, file: file, firstLine: split.yamlFirstLine)
            // Without HTML (a file the byte path does not take), only the relative links are
            // needed; most bodies have none, and are not parsed for them.
            c.document = html || body ? MarkdownRenderer.render(c.body) : MarkdownRenderer.relativeLinks(c.body)
            if !html { c.body.unload(root: root, file: file) }
        }
        switch parsed {
        case let .failure(f):
            var f = f
            f.convention = name
            return (nil, [f])
        case let .success(root):
            var d = ConventionDecoder(file: file)
            if let root {
                d.decode(root, into: &c)
            } else {
                d.r.report(.yamlInvalide, .start(of: file), "l'en-tête YAML est vide : une convention a au moins « titre », « echelon », « territoire », « periode », « diagnostic » et « axes »")
                c.invalidKeys.insert("")
            }
            findings += d.r.findings
        }
        if !c.id.isExplicit && !isValidId(c.id.value) {
            findings.append(Finding(.idInvalide, at: .start(of: file),
                                    "le nom « \(name) » ne peut pas servir d'identifiant (minuscules sans accent, chiffres, tirets) : renommez-le ou donnez « id: \(suggestId(name)) »",
                                    convention: c.id.value))
        }
        if let bundle {
            for f in extras.sorted() {
                let rest = f.dropFirst(bundle.count + 1)
                if rest.hasSuffix(".md") && !rest.contains("/") {
                    let (annexe, af) = loadAnnexe(root: root, file: f, convention: c.id.value, html: html)
                    findings += af
                    if let annexe { c.annexes.append(annexe) }
                } else {
                    c.fichiers.append(f)
                }
            }
        }
        // Results kept in a sheet join those of the front matter (and leave the bundle's files).
        findings += Tableur.fusionner(into: &c, root: root)
        return (c, findings)
    }

    static func loadAnnexe(root: String, file: String, convention: String, html: Bool, data: [UInt8]? = nil) -> (Annexe?, [Finding]) {
        let slug = String((file.split(separator: "/").last ?? "").dropLast(3))
        var findings: [Finding] = []
        guard let (split, fail) = data.map({ Self.split($0, file: file, frontMatterOptional: true) })
                ?? read(root: root, file: file, frontMatterOptional: true) else { return (nil, []) }
        if var fail {
            fail.convention = convention
            return (nil, [fail])
        }
        var titre: String? = nil
        if !split.yaml.isEmpty || split.body.firstLine > 1 {
            let (t, f) = titleOnly(split, file: file, required: false)
            titre = t
            findings += f.map { var x = $0; x.convention = convention; return x }
        }
        if !isValidId(slug) {
            findings.append(Finding(.idInvalide, at: .start(of: file),
                                    "le nom de l'annexe « \(slug) » ne peut pas servir d'adresse de page (minuscules sans accent, chiffres, tirets) : renommez le fichier « \(suggestId(slug)).md »",
                                    convention: convention))
        }
        var a = Annexe(file: file, slug: slug, titre: "", body: split.body)
        a.document = MarkdownRenderer.render(split.body, html: html)
        if !html { a.body.unload(root: root, file: file) }
        a.titre = titre ?? a.document?.headings.first?.text ?? slug
        return (a, findings)
    }

    static func loadPage(root: String, file: String, html: Bool, data: [UInt8]? = nil) -> (PageLibre?, [Finding]) {
        let slug = String((file.split(separator: "/").last ?? "").dropLast(3))
        guard let (split, fail) = data.map({ Self.split($0, file: file) }) ?? read(root: root, file: file) else { return (nil, []) }
        if let fail { return (nil, [fail]) }
        var (titre, findings) = titleOnly(split, file: file, required: true)
        if !isValidId(slug) {
            findings.append(Finding(.idInvalide, at: .start(of: file),
                                    "le nom de la page « \(slug) » ne peut pas servir d'adresse (minuscules sans accent, chiffres, tirets) : renommez le fichier « \(suggestId(slug)).md »"))
            return (nil, findings)
        }
        var p = PageLibre(file: file, slug: slug, titre: titre ?? slug, body: split.body)
        p.document = MarkdownRenderer.render(split.body, html: html)
        if !html { p.body.unload(root: root, file: file) }
        return (p, findings)
    }

    /// The front matter of a page or annex: `titre` and nothing else.
    static func titleOnly(_ split: SplitFile, file: String, required: Bool) -> (String?, [Finding]) {
        switch FrontMatter.parse(split.yaml, file: file, firstLine: split.yamlFirstLine) {
        case let .failure(f):
            return (nil, [f])
        case let .success(node):
            var r = Reader(file: file)
            guard let node else {
                if required { r.report(.cleManquante, .start(of: file), "la clé obligatoire « titre » est absente de l'en-tête") }
                return (nil, r.findings)
            }
            guard let m = r.map(node, at: .start(of: file), path: "", known: ["titre"], required: required ? ["titre"] : [], what: "l'en-tête") else {
                return (nil, r.findings)
            }
            let t = r.string(m, "titre", required: required)
            return (t?.value, r.findings)
        }
    }

    /// Reads and splits a file. Returns nil if it vanished; a finding if it is not readable text
    /// with a front matter.
    static func read(root: String, file: String, frontMatterOptional: Bool = false) -> (SplitFile, Finding?)? {
        guard let data = readBytes(join(root, file)) else { return nil }
        return split(data, file: file, frontMatterOptional: frontMatterOptional)
    }

    /// An annex of a bundle (`content/territoires/x/annexe.md`) read from its bytes, as
    /// `loadConvention` reads it from the disk (for the fuzzer).
    public static func annexe(_ data: [UInt8], root: String, file: String, convention: String, html: Bool) -> (Annexe?, [Finding]) {
        loadAnnexe(root: root, file: file, convention: convention, html: html, data: data)
    }

    /// A free page (`content/pages/x.md`) read from its bytes, as `load` reads it from the disk.
    public static func page(_ data: [UInt8], root: String, file: String, html: Bool) -> (PageLibre?, [Finding]) {
        loadPage(root: root, file: file, html: html, data: data)
    }

    /// `content/site.yml` read from its bytes, as `load` reads the file.
    public static func site(_ data: [UInt8]) -> (site: SiteConfig, findings: [Finding]) {
        SiteDecoder.decode(data)
    }

    /// `read` of bytes already read.
    static func split(_ data: [UInt8], file: String, frontMatterOptional: Bool = false) -> (SplitFile, Finding?) {
        let (text, badLine) = FrontMatter.decode(data)
        let empty = SplitFile(yaml: "", yamlFirstLine: 2, body: MarkdownText(text: "", firstLine: 1))
        guard let text else {
            return (empty, Finding(.yamlInvalide, at: SourceLocation(file: file, line: badLine, column: 1),
                                   "le fichier n'est pas un texte UTF-8 valide (octets illisibles en ligne \(badLine)) : enregistrez-le en UTF-8"))
        }
        if text.containsByte(0) {
            return (empty, Finding(.yamlInvalide, at: .start(of: file), "le fichier contient des octets nuls : ce n'est pas un texte Markdown"))
        }
        switch FrontMatter.split(text) {
        case let .success(s):
            return (s, nil)
        case let .failure(e):
            if frontMatterOptional && !text.hasPrefix("---") {
                return (SplitFile(yaml: "", yamlFirstLine: 2, body: MarkdownText(text: text, firstLine: 1)), nil)
            }
            if text.trimmed.isEmpty {
                return (empty, Finding(.yamlInvalide, at: .start(of: file), "le fichier est vide : il doit commencer par un en-tête YAML entre deux lignes « --- »"))
            }
            return (empty, Finding(.yamlInvalide, at: SourceLocation(file: file, line: e.line, column: 1), e.message))
        }
    }

    /// Every regular file under `root/dir`, project-relative with `/`, sorted; hidden
    /// files and symbolic links are skipped (a link could point outside the project).
    public static func listFiles(root: String, under dir: String) -> [String] {
        list(root: root, under: dir).files
    }

    /// The regular files and the symbolic links under `root/dir`, project-relative with `/`,
    /// sorted; hidden files (and editors' `~` backups) left out. A link is never followed,
    /// whether it names a file or a folder: the caller reports it (`symbolicLinkFinding`).
    public static func list(root: String, under dir: String) -> (files: [String], links: [String]) {
        var files: [String] = [], links: [String] = []
        // readdir's entry types, without a stat per file (FileManager's attributes were a
        // dictionary per file); other kinds (sockets, devices) are skipped.
        func walk(_ rel: String) {
            // The folder itself may be a link (content/ kept elsewhere); those under it are not.
            let fd = open(join(root, rel), O_RDONLY | O_DIRECTORY | O_CLOEXEC | (rel == dir ? 0 : O_NOFOLLOW))
            guard fd >= 0 else { return }
            defer { close(fd) }
            let entries = directoryEntries(fd).filter { !$0.name.hasPrefix(".") && !$0.name.hasSuffix("~") }
            for (name, kind) in entries.sorted(by: { $0.name < $1.name }) {
                let r = rel.isEmpty ? name : rel + "/" + name
                switch kind {
                case .folder: walk(r)
                case .file: files.append(r)
                case .link: links.append(r)
                case .other: break
                }
            }
        }
        walk(dir)
        return (files.sorted(), links.sorted())
    }

    /// The regular files of a folder (`templates/`), relative to it, sorted, found as `list`
    /// finds them: no link followed.
    public static func files(in folder: String) -> [String] {
        list(root: folder, under: "").files
    }

    /// `lien-symbolique` for the link at `path` (project-relative): where it stands, and what
    /// is left out because of it.
    static func symbolicLinkFinding(_ path: String) -> Finding {
        let what = path.hasPrefix("templates/")
            ? "ctg ne suit pas les liens, ce gabarit n'est pas lu et le gabarit intégré reste utilisé"
            : "ctg ne suit pas les liens, le fichier ou le dossier qu'il désigne n'est ni lu ni publié"
        return Finding(.lienSymbolique, at: .start(of: path),
                       "« \(path) » est un lien symbolique\u{00A0}: \(what)\u{202F}; mettez à sa place le fichier ou le dossier lui-même (une copie)")
    }
}

/// FNV-1a over the UTF-8 bytes of `s`: a cheap fingerprint (String's `hashValue` normalises
/// Unicode first, which costs more than the parse of a front matter's scalars).
func fnv1a(_ s: String) -> Int {
    var s = s
    return Int(bitPattern: UInt(s.withUTF8 { fnv1a($0) }))
}

/// FNV-1a over `bytes`.
func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes {
        h ^= UInt64(b)
        h = h &* 0x0000_0100_0000_01b3
    }
    return h
}

/// `a` + `/` + `b`, without doubling the slash.
public func join(_ a: String, _ b: String) -> String {
    if a.isEmpty || a == "." { return b }
    return a.hasSuffix("/") ? a + b : a + "/" + b
}

/// What a previous load read, by source file, with the signature of the files it came from.
public struct LoadCache: Sendable {
    public enum Value: Sendable {
        case convention(Convention?)
        case page(PageLibre?)
    }

    public struct Entry: Sendable {
        public var signature: [Int]
        public var value: Value
        public var findings: [Finding]
    }

    public var entries: [String: Entry] = [:]
    /// The files of `content/` the entries came from, sorted by kind.
    public var layout = Layout(files: [])
    /// `content/site.yml` as read, reused while it is not saved again.
    var site: (site: SiteConfig, findings: [Finding])? = nil

    public init() {}

    /// The files of `content/` and what each is: convention sources (single files and
    /// bundles' `index.md`), the other files of each bundle, free pages.
    public struct Layout: Sendable {
        public private(set) var files: [String]
        public private(set) var fileSet: Set<String>
        /// The symbolic links of `content/`, sorted: never followed, each reported.
        public private(set) var links: [String] = []
        var conventionSources: [(file: String, bundle: String?)] = []
        var bundleExtras: [String: [String]] = [:]
        var pageFiles: [String] = []

        /// `list`'s files and links of `content/`.
        init(_ listing: (files: [String], links: [String])) {
            self.init(files: listing.files)
            links = listing.links
        }

        /// Sorts `files` (project-relative, sorted) by kind (FORMAT.md §1).
        init(files: [String]) {
            self.files = files
            fileSet = Set(files)
            for f in files {
                let parts = f.split(separator: "/").map(String.init)
                guard parts.count >= 3 else { continue }
                if parts[1] == "territoires" {
                    if parts.count == 3, f.hasSuffix(".md") {
                        conventionSources.append((f, nil))
                    } else if parts.count >= 4 {
                        let bundle = parts[0...2].joined(separator: "/")
                        if parts.count == 4 && parts[3] == "index.md" {
                            conventionSources.append((f, bundle))
                        } else {
                            bundleExtras[bundle, default: []].append(f)
                        }
                    }
                } else if parts[1] == "pages", parts.count == 3, f.hasSuffix(".md") {
                    pageFiles.append(f)
                }
            }
        }

        /// `old` after the paths of `changed` were written, created or deleted: the same when
        /// no file came or went; nil when a folder is among them (list the folder again).
        init?(updating old: Layout, changed: Set<String>, root: String) {
            var set = old.fileSet
            var links = Set(old.links)
            for p in changed where p.hasPrefix("content/") {
                var st = stat()
                let exists = lstat(join(root, p), &st) == 0
                if exists && (st.st_mode & S_IFMT) == S_IFDIR { return nil }
                let visible = !p.split(separator: "/").contains { $0.hasPrefix(".") || $0.hasSuffix("~") }
                let listed = exists && (st.st_mode & S_IFMT) == S_IFREG && visible
                if listed { set.insert(p) } else { set.remove(p) }
                if exists && (st.st_mode & S_IFMT) == S_IFLNK && visible {
                    links.insert(p)
                } else {
                    links = links.filter { $0 != p && !$0.hasPrefix(p + "/") }
                }
            }
            if set == old.fileSet {
                self = old
            } else {
                self.init(files: set.sorted())
            }
            self.links = links.sorted()
        }
    }

    /// Size and modification time (ns) of each file, in order; -1 for a missing file.
    public static func signature(root: String, files: [String]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(files.count * 2)
        for f in files {
            var st = stat()
            if stat(join(root, f), &st) == 0 {
                out.append(Int(st.st_size))
                out.append(Int(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(st.st_mtim.tv_nsec))
            } else {
                out.append(-1)
                out.append(-1)
            }
        }
        return out
    }
}

extension MarkdownText {
    /// Lets the text go, keeping where to read it again.
    mutating func unload(root: String, file: String) {
        guard !text.isEmpty else { return }
        text = ""
        unloadedFrom = join(root, file)
    }
}

/// Reads again the text of a body that the loader let go (`MarkdownText.unloadedFrom`), as
/// the loader reads it: from the disk, or from files held in memory. A `Project` carries it
/// (`Project.lecteur`), so the rules and the pages read a file only through it.
public struct LecteurProjet: Sendable {
    /// By path (as in `unloadedFrom`); nil: the disk.
    private let fichiers: [String: [UInt8]]?

    /// The files of the project folder on disk.
    public static let disque = LecteurProjet(fichiers: nil)

    /// Files held in memory, by the path the loader gave them (`root/file`).
    public init(fichiers: [String: [UInt8]]?) { self.fichiers = fichiers }

    private func bytes(_ path: String) -> [UInt8]? {
        guard let fichiers else { return readBytes(path) }
        return fichiers[path]
    }

    /// The body with its text: read again, when it was let go (the file's current body; empty
    /// if the file is gone).
    public func texte(_ m: MarkdownText) -> MarkdownText {
        guard let path = m.unloadedFrom else { return m }
        guard let data = bytes(path) else { return MarkdownText(text: "", firstLine: m.firstLine) }
        return ProjectLoader.split(data, file: path).0.body
    }

    /// Calls `use` with the body's UTF-8 bytes and its first line, read again from the file
    /// when the text was let go, without making Strings of the file: the body is the file's
    /// bytes after the front matter. Those bytes are not validated again (they were when the
    /// project was loaded, and libcmark replaces any invalid sequence). A file with CR line
    /// ends, which the loader rewrites, goes through the loader's own `split` of those bytes.
    public func withUTF8<R>(_ m: MarkdownText, _ use: (UnsafeBufferPointer<UInt8>, Int) -> R) -> R {
        func viaText(_ m: MarkdownText) -> R {
            var t = m.text
            return t.withUTF8 { use($0, m.firstLine) }
        }
        guard let path = m.unloadedFrom else { return viaText(m) }
        guard let data = bytes(path) else { return viaText(MarkdownText(text: "", firstLine: m.firstLine)) }
        return data.withUnsafeBufferPointer { all -> R in
            let u = UnsafeBufferPointer(rebasing: all[FrontMatter.bomLength(all)...])
            guard u.count > 0, memchr(u.baseAddress!, 13, u.count) == nil,
                  case let .success(f) = FrontMatter.offsets(u) else {
                // The loader's own reading of the same bytes (CR line ends rewritten).
                return viaText(ProjectLoader.split(data, file: path).0.body)
            }
            return use(UnsafeBufferPointer(rebasing: u[f.body...]), f.bodyLine)
        }
    }
}

/// The bytes of a regular file, read straight into an array (no `Data` copied into an array
/// after it); nil when it cannot be read.
func readBytes(_ path: String) -> [UInt8]? {
    // A link put in place of a listed file since it was listed is not followed either.
    let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
    // Read into the array's memory as it is, not zeroed first (the zeroing was as costly as
    // the read); a file that grew meanwhile is read on in a second array.
    var failed = false
    var out = [UInt8](unsafeUninitializedCapacity: Int(st.st_size)) { buf, count in
        while count < buf.count {
            let r = Glibc.read(fd, buf.baseAddress! + count, buf.count - count)
            if r < 0 { if errno == EINTR { continue }; failed = true; return }
            if r == 0 { return }
            count += r
        }
    }
    if failed { return nil }
    guard out.count == Int(st.st_size) else { return out }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { more -> [UInt8]? in
        while true {
            let r = Glibc.read(fd, more.baseAddress!, more.count)
            if r < 0 { if errno == EINTR { continue }; return nil }
            if r == 0 { return out }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: more[..<r]))
        }
    }
}
