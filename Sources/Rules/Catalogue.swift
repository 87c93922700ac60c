import Foundation
import Model

/// The families of the catalogue, as RULES.md groups its rules.
public enum Famille: String, Sendable, CaseIterable {
    case lecture, convention, territoires, diagnostic, plan, objectifsResultats = "objectifs-resultats"
    case cadre2020 = "cadre-2020"
    case tableurs

    /// The family's French heading.
    public var libelle: String {
        switch self {
        case .lecture: return "Lecture des fichiers"
        case .convention: return "La convention"
        case .territoires: return "Les territoires (référentiel officiel)"
        case .diagnostic: return "Le diagnostic partagé"
        case .plan: return "Champs, priorités et plan d'actions"
        case .objectifsResultats: return "Objectifs-résultats et évaluation"
        case .cadre2020: return "Le cadre 2020"
        case .tableurs: return "Les résultats tenus dans un tableur"
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

/// What public sources report of the circular Cnaf of 16 January 2020, whose text ctg does
/// not have (CADRE-2020.md): said in ctg's own words, with the sources named — never
/// presented as the circular's words.
public struct Paraphrase: Sendable, Hashable {
    /// What the sources report, in ctg's words (no quotation marks: it is no quotation).
    public let texte: String
    /// The public sources that report it.
    public let sources: String

    /// `texte (d'après sources)`.
    public var formatted: String { "\(texte) (d'après \(sources))" }
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
    /// The frameworks whose conventions it checks (RULES.md, *Frameworks*).
    public let cadres: Set<Cadre>
    /// Why, for a rule of the 2020 framework: what public sources report of its circular.
    public let paraphrases: [Paraphrase]

    public init(id: RuleID, famille: Famille, resume: String, verifie: String, citations: [Citation] = [],
                paraphrases: [Paraphrase] = [], exempleFaux: String, exempleJuste: String,
                cadres: Set<Cadre> = Set(Cadre.allCases)) {
        self.id = id
        self.famille = famille
        self.resume = resume
        self.verifie = verifie
        self.citations = citations
        self.paraphrases = paraphrases
        self.exempleFaux = exempleFaux
        self.exempleJuste = exempleJuste
        self.cadres = cadres
    }

    /// The framework it belongs to, when only one: nil for a rule of both.
    public var cadreUnique: Cadre? { cadres.count == 1 ? cadres.first : nil }

    /// Which conventions it checks, in French: « cnaf-2020 seulement (circulaire Cnaf du 16 janvier 2020) ».
    public var cadresLibelle: String {
        if let c = cadreUnique { return "\(c.rawValue) seulement (\(c.libelle))" }
        return "les deux (\(Cadre.allCases.map(\.rawValue).joined(separator: " et ")))"
    }

    /// The rule's severity before any `regles:` setting.
    public var severity: Severity { id.defaultSeverity }

    /// The circular's sentences, quoted with their sections; for a rule of the 2020
    /// framework, what the sources report of its circular, said as such.
    public var pourquoi: String {
        (citations.map(\.formatted) + paraphrases.map { "Circulaire Cnaf du 16 janvier 2020, d'après des sources publiques (texte non cité)\u{00A0}: \($0.formatted)." })
            .joined(separator: " ")
    }
}

/// The catalogue of rules, in RULES.md order: `ctg explain`, SARIF and the site's findings page.
public enum Catalogue {
    /// Every rule, one entry per `RuleID`, in RULES.md order.
    public static let all: [RuleInfo] = lecture + convention + referentiel + diagnosticEtPlan + objectifsResultats + cadre2020 + tableurs

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
        Cadre : \(r.cadresLibelle)

        \(r.resume)

        Ce que la règle vérifie :
          \(r.verifie)

        \(pourquoi(r))

        Exemple qui déclenche la règle :
        \(indent(r.exempleFaux))

        Le même, corrigé :
        \(indent(r.exempleJuste))

        Régler sa gravité dans content/site.yml :
          regles:
            \(r.id.rawValue): off        # off | warning | error

        """
    }

    /// The "why" of `ctg explain RULE`: the 2013 circular's sentences, quoted; for a rule of
    /// the 2020 framework, what the sources report of its circular, named as a summary.
    static func pourquoi(_ r: RuleInfo) -> String {
        var parts: [String] = []
        if !r.citations.isEmpty {
            parts.append("Pourquoi (circulaire Cnaf n° 2013-205) :\n" + r.citations.map { "  \($0.formatted)" }.joined(separator: "\n"))
        }
        if !r.paraphrases.isEmpty {
            parts.append("""
                Pourquoi (circulaire Cnaf du 16 janvier 2020) :
                  Son texte n'est pas à la disposition de ctg : ce qui suit résume, sans les citer, ce qu'en
                  rapportent des sources publiques, nommées après chaque point.
                """ + "\n" + r.paraphrases.map { "  - \($0.formatted)" }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    /// The text of `ctg explain` alone: every rule, one line each, by framework (the rules of
    /// both, by family, then those of one framework only).
    public static func list() -> String {
        var out = "Règles de ctg check (ctg explain RÈGLE pour le détail) :\n"
        let width = all.map(\.id.rawValue.count).max() ?? 0
        func line(_ r: RuleInfo) -> String {
            let pad = String(repeating: " ", count: width - r.id.rawValue.count)
            let sev = r.severity == .error ? "erreur       " : "avertissement"
            return "  \(r.id.rawValue)\(pad)  \(sev)  \(r.resume)\n"
        }
        let communes = all.filter { $0.cadreUnique == nil }
        out += "\nRÈGLES DES DEUX CADRES (cnaf-2013 et cnaf-2020)\n"
        for f in Famille.allCases where communes.contains(where: { $0.famille == f }) {
            out += "\n\(f.libelle)\n"
            for r in communes where r.famille == f { out += line(r) }
        }
        for c in Cadre.allCases {
            out += "\nCADRE \(c.rawValue) SEULEMENT (\(c.libelle))\n\n"
            for r in all where r.cadreUnique == c { out += line(r) }
        }
        out += "\nLe cadre d'une convention : sa clé « cadre », sinon celle de content/site.yml, sinon cnaf-2020\nsi sa période commence le 1er janvier 2020 ou après, cnaf-2013 avant.\n"
        return out
    }

    private static func indent(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
    }
}
