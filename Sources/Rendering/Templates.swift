import Content
import Foundation
import Mustache

/// A template that could not be read or used: where, and why, in French.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template file (the project's folder joined with its name), or the template's name
    /// for a built-in one.
    public var file: String
    /// 1-based; 0 when the problem is not at a place in the file.
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): erreur de gabarit : \(message)" : "\(file): erreur de gabarit : \(message)"
    }
}

/// HTML escaping of `& < > " '`, as the library's, with a fast path for text that has none of them.
struct EscapedHTML: MustacheContentType {
    func escapeText(_ text: String) -> String { escapeHTML(text) }
}

/// The templates of a site: the built-in set (compiled into the binary, see
/// `BuiltinTemplates`), with the project's own files laid over it by name. Parsed once.
struct TemplateSet: Sendable {
    var library: MustacheLibrary
    /// The stylesheet: the built-in one or the project's `templates/style.css`.
    var css: String
    /// Names of the templates the project replaced or added, sorted.
    var overridden: [String]
    /// The page templates that go through the interpreter: those that use, directly or
    /// through their partials and layout, a template the project replaced (computed from
    /// the templates' own includes: the built-in ones' by the compiler, the project's here).
    var interpreted: Set<String>

    /// `compiled: false` renders every page through the interpreter: the tests that compare both ways.
    init(projectTemplates: String?, compiled: Bool = true) throws {
        var css = BuiltinTemplates.assets["style.css"] ?? ""
        var overridden: [String] = []
        var own: [(name: String, text: String, path: String)] = []
        if let dir = projectTemplates {
            for rel in Self.files(in: dir) {
                let path = (dir.hasSuffix("/") ? dir : dir + "/") + rel
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw TemplateError(file: path, line: 0, column: 0, message: "le fichier n'est pas un texte UTF-8 valide : enregistrez-le en UTF-8")
                }
                // A file identical to the built-in one (a project that copied them all before
                // changing one) replaces nothing: the built-in stays, and so does its compiled code.
                if rel == "style.css" {
                    guard text != css else { continue }
                    css = text
                    overridden.append(rel)
                } else if rel.hasSuffix(".mustache") {
                    let name = String(rel.dropLast(".mustache".count))
                    guard text != BuiltinTemplates.templates[name] else { continue }
                    own.append((name, text, path))
                    overridden.append(name)
                }
            }
        }
        var includes = BuiltinTemplates.includes
        for t in own { includes[t.name] = Self.includes(t.text) }
        let replaced = Set(own.map(\.name))
        interpreted = compiled ? Set(includes.keys.filter { !Self.uses($0, includes).isDisjoint(with: replaced) }) : Set(includes.keys)
            // Only those the interpreted pages use: the parser's time grows with the square of a
        // template's length, and the convention's is the longest.
        let needed = interpreted.reduce(into: Set<String>()) { $0.formUnion(Self.uses($1, includes)) }
        var library = MustacheLibrary()
        for (name, source) in BuiltinTemplates.templates.sorted(by: { $0.key < $1.key })
        where needed.contains(name) && !replaced.contains(name) {
            try library.register(Self.parse(source, file: name), named: name)
        }
        for t in own {
            library.register(try Self.parse(t.text, file: t.path), named: t.name)
        }
        self.library = library
        self.css = css
        self.overridden = overridden
    }

    /// Whether the page template `name` is written by its compiled code (`Generated/Gabarits.swift`).
    func compiled(_ name: String) -> Bool { !interpreted.contains(name) }

    /// `name` and every template it uses, through partials and parents, transitively.
    static func uses(_ name: String, _ includes: [String: [String]]) -> Set<String> {
        var seen: Set<String> = [name], todo = [name]
        while let t = todo.popLast() {
            for i in includes[t] ?? [] where seen.insert(i).inserted { todo.append(i) }
        }
        return seen
    }

    /// The templates a project's template names (`{{>name}}`, `{{<name}}`); every built-in one
    /// when it changes its delimiters, which a scan of `{{` cannot follow.
    static func includes(_ text: String) -> [String] {
        if text.contains("{{=") { return Array(BuiltinTemplates.templates.keys) }
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            let tag = rest[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if let first = tag.first, first == ">" || first == "<" {
                out.append(tag.dropFirst().trimmingCharacters(in: .whitespaces))
            }
            rest = rest[close.upperBound...]
        }
        return out
    }

    /// Renders the template `name`; a name the set lacks is an error, never an empty page.
    func render(_ context: Any, _ name: String) throws -> String {
        guard let out = library.render(context, withTemplate: name) else {
            throw TemplateError(file: name, line: 0, column: 0, message: "le gabarit « \(name) » est introuvable")
        }
        return out
    }

    /// Every template starts with this line (removed from the output, as a standalone tag):
    /// `{{x}}` then escapes through `EscapedHTML`. The library's default escaping looks up each
    /// Character in a dictionary, and escaping was a tenth of the build of a large site.
    static let pragma = "{{% CONTENT_TYPE: CTG_HTML}}\n"

    private static let registered: Bool = {
        MustacheContentTypes.register(EscapedHTML(), named: "CTG_HTML")
        return true
    }()

    static func parse(_ source: String, file: String) throws -> MustacheTemplate {
        precondition(registered)
        do {
            return try MustacheTemplate(string: pragma + source)
        } catch let e as MustacheTemplate.ParserError {
            // The added first line does not count.
            throw TemplateError(file: file, line: max(1, e.context.lineNumber - 1), column: e.context.columnNumber, message: message(e.error))
        }
    }

    static func message(_ error: Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "gabarit illisible (\(error))" }
        switch e {
        case .sectionCloseNameIncorrect: return "cette balise de fermeture ne correspond pas à la section ouverte"
        case .unfinishedName: return "balise non terminée : « }} » attendu"
        case .expectedSectionEnd: return "section jamais fermée : une balise « {{/nom}} » manque"
        case .invalidSetDelimiter: return "changement de délimiteurs mal formé"
        case .transformAppliedToInheritanceSection: return "une transformation ne s'applique pas à un bloc hérité"
        case .illegalTokenInsideInheritSection: return "seuls des blocs « {{$nom}} » peuvent figurer dans un gabarit hérité"
        case .textInsideInheritSection: return "du texte figure dans un gabarit hérité hors d'un bloc « {{$nom}} »"
        case .invalidConfigVariableSyntax: return "variable de configuration mal formée"
        case .unrecognisedConfigVariable: return "variable de configuration inconnue"
        }
    }

    /// `*.mustache` (in subfolders too: `partials/x.mustache`) and `style.css`, sorted, relative.
    /// A symbolic link is never followed (the loader reports it, `lien-symbolique`).
    static func files(in dir: String) -> [String] {
        ProjectLoader.files(in: dir).filter { $0.hasSuffix(".mustache") || $0 == "style.css" }
    }
}
