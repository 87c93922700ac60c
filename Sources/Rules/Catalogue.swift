import Foundation
import Model

/// The families of the catalogue, as RULES.md groups its rules.
public enum Famille: String, Sendable, CaseIterable {
    case lecture, convention, territoires, diagnostic, plan, objectifsResultats = "objectifs-resultats"

    /// The family's French heading.
    public var libelle: String {
        switch self {
        case .lecture: return "Lecture des fichiers"
        case .convention: return "La convention"
        case .territoires: return "Les territoires (référentiel officiel)"
        case .diagnostic: return "Le diagnostic partagé"
        case .plan: return "Champs, priorités et plan d'actions"
        case .objectifsResultats: return "Objectifs-résultats et évaluation"
        }
    }
}

/// A sentence of the circular Cnaf n° 2013-205, quoted with its section.
public struct Citation: Sendable, Hashable {
    /// The sentence as the circular says it (scanning slips of the source text corrected).
    public let texte: String
    /// Its place: "§ 2e partie 2", "introduction".
    public let paragraphe: String

    /// `« texte » (§ …)`.
    public var formatted: String { "« \(texte) » (\(paragraphe))" }
}

/// Everything `ctg explain` says of one rule: what it checks, why (the circular), and a
/// wrong and a right example of front matter.
public struct RuleInfo: Sendable, Identifiable {
    /// The rule's stable id.
    public let id: RuleID
    /// Its family, as RULES.md groups them.
    public let famille: Famille
    /// One line, for lists and SARIF's short description.
    public let resume: String
    /// What it checks, in full.
    public let verifie: String
    /// Why: the circular's sentences.
    public let citations: [Citation]
    /// Front matter that triggers the rule (an excerpt).
    public let exempleFaux: String
    /// The same, corrected.
    public let exempleJuste: String

    /// The rule's severity before any `regles:` setting.
    public var severity: Severity { id.defaultSeverity }

    /// The circular's sentences, quoted with their sections.
    public var pourquoi: String { citations.map(\.formatted).joined(separator: " ") }
}

/// The catalogue of rules, in RULES.md order: `ctg explain`, SARIF and the site's findings page.
public enum Catalogue {
    /// Every rule, one entry per `RuleID`, in RULES.md order.
    public static let all: [RuleInfo] = lecture + convention + referentiel + diagnosticEtPlan + objectifsResultats

    /// The entry of a rule.
    public static func info(_ id: RuleID) -> RuleInfo {
        all.first { $0.id == id }!
    }

    /// The entry of a rule named by the user, or the closest id (for "vouliez-vous dire").
    public static func lookup(_ name: String) -> Result<RuleInfo, UnknownRule> {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let id = RuleID(rawValue: key) { return .success(info(id)) }
        let ids = all.map(\.id.rawValue)
        return .failure(UnknownRule(name: name, closest: Suggestion.closest(to: key, in: ids) ?? sharedWords(key, ids)))
    }

    /// The id sharing the most words (of three letters or more) with `name`: `duree-4-ans`
    /// is far from `duree-quatre-ans` letter by letter, but says two of its three words.
    static func sharedWords(_ name: String, _ ids: [String]) -> String? {
        let words = Set(name.split(whereSeparator: { !$0.isLetter }).filter { $0.count >= 3 })
        var best: (String, Int)? = nil
        for id in ids {
            let n = Set(id.split(separator: "-")).intersection(words).count
            if n > 0 && n > (best?.1 ?? 0) { best = (id, n) }
        }
        return best?.0
    }

    /// A rule id that is not in the catalogue.
    public struct UnknownRule: Error, Sendable {
        /// The name as the user wrote it.
        public let name: String
        /// The id it most resembles, for "vouliez-vous dire".
        public let closest: String?
    }

    /// The text of `ctg explain RULE`.
    public static func explanation(_ r: RuleInfo) -> String {
        """
        \(r.id.rawValue) (\(r.severity.libelle)) — \(r.famille.libelle)

        \(r.resume)

        Ce que la règle vérifie :
          \(r.verifie)

        Pourquoi (circulaire Cnaf n° 2013-205) :
        \(r.citations.map { "  \($0.formatted)" }.joined(separator: "\n"))

        Exemple qui déclenche la règle :
        \(indent(r.exempleFaux))

        Le même, corrigé :
        \(indent(r.exempleJuste))

        Régler sa gravité dans content/site.yml :
          regles:
            \(r.id.rawValue): off        # off | warning | error

        """
    }

    /// The text of `ctg explain` alone: every rule, one line each, by family.
    public static func list() -> String {
        var out = "Règles de ctg check (ctg explain RÈGLE pour le détail) :\n"
        let width = all.map(\.id.rawValue.count).max() ?? 0
        for f in Famille.allCases {
            out += "\n\(f.libelle)\n"
            for r in all where r.famille == f {
                let pad = String(repeating: " ", count: width - r.id.rawValue.count)
                let sev = r.severity == .error ? "erreur       " : "avertissement"
                out += "  \(r.id.rawValue)\(pad)  \(sev)  \(r.resume)\n"
            }
        }
        return out
    }

    private static func indent(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
