import Model
import Testing

/// Paths of the base project's files, short.
enum F {
    static let roubaix = "content/territoires/roubaix-2014.md"
    static let r2010 = "content/territoires/roubaix-2010.md"
    static let nord = "content/territoires/nord-2014/index.md"
    static let annexe = "content/territoires/nord-2014/diagnostic.md"
    static let mel = "content/territoires/mel-2015.md"
    static let page = "content/pages/methode.md"
    static let bis = "content/territoires/roubaix-bis.md"
    static let site = "content/site.yml"
}

/// A change to one file's text.
typealias Edit = @Sendable (String) -> String

/// The text of a file that the fixture writes as a symbolic link to `target`.
func symbolicLink(to target: String) -> String { RulesFixture.linkPrefix + target }

/// An edit of `file`, for cases that change several files.
func edit(_ file: String, _ f: @escaping Edit) -> (String, Edit) { (file, f) }

/// Where the expected finding points, in the edited text of its file.
enum Anchor: Sendable {
    /// Line 1, column 1.
    case start
    /// The `nth` occurrence of a text, plus `shift` columns.
    case text(String, nth: Int = 1, shift: Int = 0)
    /// A sheet's cell: its row and its column's number (RULES.md, *Spreadsheets*).
    case cell(line: Int, column: Int)
}

/// One change to the base project and the finding it must give, alone.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let rule: RuleID
    let name: String
    /// Edits, by file (a file absent from the base is created from "").
    let edits: [(String, @Sendable (String) -> String)]
    /// The file and place of the one finding expected.
    let file: String
    let anchor: Anchor

    init(_ rule: RuleID, _ name: String, _ file: String, _ anchor: Anchor,
         edit: @escaping @Sendable (String) -> String) {
        self.init(rule, name, file, anchor, edits: [(file, edit)])
    }

    init(_ rule: RuleID, _ name: String, _ file: String, _ anchor: Anchor,
         edits: [(String, @Sendable (String) -> String)]) {
        self.rule = rule
        self.name = name
        self.file = file
        self.anchor = anchor
        self.edits = edits
    }

    var testDescription: String { "\(rule.rawValue) — \(name)" }

    /// The base project's files with the edits applied.
    var files: [String: String] {
        var f = RulesFixture.files
        for (file, edit) in edits { f[file] = edit(f[file] ?? "") }
        return f
    }
}

/// A change that must give no finding at all: the rule's near miss.
struct NearMiss: Sendable, CustomTestStringConvertible {
    let rule: RuleID
    let name: String
    let edits: [(String, @Sendable (String) -> String)]

    init(_ rule: RuleID, _ name: String, _ file: String, edit: @escaping @Sendable (String) -> String) {
        self.init(rule, name, edits: [(file, edit)])
    }

    init(_ rule: RuleID, _ name: String, edits: [(String, @Sendable (String) -> String)]) {
        self.rule = rule
        self.name = name
        self.edits = edits
    }

    var testDescription: String { "\(rule.rawValue) — \(name)" }

    var files: [String: String] {
        var f = RulesFixture.files
        for (file, edit) in edits { f[file] = edit(f[file] ?? "") }
        return f
    }
}

/// The finding fields a test compares, printed readably on failure.
struct Seen: Hashable, CustomStringConvertible {
    let rule: RuleID
    let severity: Severity
    let file: String
    let line: Int
    let column: Int

    init(_ f: Finding) {
        rule = f.rule
        severity = f.severity
        file = f.location.file
        line = f.location.line
        column = f.location.column
    }

    init(rule: RuleID, severity: Severity, file: String, line: Int, column: Int) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.line = line
        self.column = column
    }

    var description: String { "\(file):\(line):\(column) \(severity.rawValue)[\(rule.rawValue)]" }
}
