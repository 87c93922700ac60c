/// How serious a finding is: an error stops `ctg build`, a warning does not.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
    case warning
    case error

    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }

    /// The French word shown to people.
    public var libelle: String { self == .error ? "erreur" : "avertissement" }
}

/// One problem found in a project: a value, compared whole by tests.
public struct Finding: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rule: RuleID
    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// Id of the convention concerned, when the finding is about one.
    public var convention: String?

    public init(_ rule: RuleID, at location: SourceLocation, _ message: String,
                severity: Severity? = nil, convention: String? = nil) {
        self.rule = rule
        self.severity = severity ?? rule.defaultSeverity
        self.location = location
        self.message = message
        self.convention = convention
    }

    /// Stable order of reports: file, line, column, rule, then message.
    public static func < (a: Finding, b: Finding) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.rule != b.rule { return a.rule.rawValue < b.rule.rawValue }
        return a.message < b.message
    }

    public var description: String {
        "\(location): \(severity.libelle)[\(rule.rawValue)]: \(message)"
    }
}

extension Finding: Error {}
