import Content
import Foundation
import Model
@testable import Rules
import Testing

@Suite("Rules: the catalogue")
struct RulesCatalogueTests {
    @Test("one entry per rule id, in RULES.md order, with every field filled")
    func complete() {
        #expect(Catalogue.all.map(\.id) == RuleID.allCases)
        for r in Catalogue.all {
            #expect(!r.resume.isEmpty && !r.resume.contains("\n"), "\(r.id)")
            #expect(r.verifie.count > 40, "\(r.id)")
            // Why: the 2013 circular quoted, or, for a rule of the 2020 framework alone, what
            // the sources report of its circular — said in ctg's words, never quoted.
            if r.cadreUnique == .cnaf2020 {
                #expect(r.citations.isEmpty && !r.paraphrases.isEmpty, "\(r.id)")
            } else {
                #expect(!r.citations.isEmpty && r.paraphrases.isEmpty, "\(r.id)")
            }
            #expect(r.citations.allSatisfy { $0.paragraphe.hasPrefix("§ ") || $0.paragraphe == "introduction" }, "\(r.id)")
            #expect(!r.exempleFaux.isEmpty && !r.exempleJuste.isEmpty && r.exempleFaux != r.exempleJuste, "\(r.id)")
            #expect(r.severity == r.id.defaultSeverity)
        }
    }

    @Test("frameworks: duree-quatre-ans under cnaf-2013 alone, the five 2020 rules under cnaf-2020 alone, every other rule under both (RULES.md, Frameworks)")
    func cadres() {
        let seuls2013 = Catalogue.all.filter { $0.cadreUnique == .cnaf2013 }.map(\.id)
        let seuls2020 = Catalogue.all.filter { $0.cadreUnique == .cnaf2020 }.map(\.id)
        #expect(seuls2013 == [.dureeQuatreAns])
        #expect(seuls2020 == [.dureeCtg, .dureeConseillee, .socleChamps, .transitionCej, .bonusTerritoire])
        #expect(Catalogue.all.allSatisfy { !$0.cadres.isEmpty })
        // The checker's rules declare what the catalogue says; a rule across files is of both.
        for rule in Checker.rules {
            #expect(rule.cadres == Catalogue.info(rule.id).cadres, "\(rule.id)")
            if !rule.isPerConvention { #expect(rule.cadres == Set(Cadre.allCases), "\(rule.id)") }
        }
    }

    @Test("a 2020 rule's why is a summary with its sources, never a quotation of the circular")
    func paraphrases() {
        for r in Catalogue.all {
            for p in r.paraphrases {
                #expect(!p.texte.contains("«") && !p.texte.contains("»") && !p.texte.contains("\""), "\(r.id): \(p.texte)")
                #expect(!p.sources.isEmpty, "\(r.id)")
            }
        }
        let text = Catalogue.explanation(Catalogue.info(.dureeCtg))
        #expect(text.contains("Pourquoi (circulaire Cnaf du 16 janvier 2020) :\n  Son texte n'est pas à la disposition de ctg : ce qui suit résume, sans les citer,"))
        #expect(!text.contains("Pourquoi (circulaire Cnaf n° 2013-205)"))
    }

    @Test("every rule the checker runs or the loader reports is in the catalogue")
    func checkerAndCatalogueAgree() {
        let run = Set(Checker.rules.map(\.id)).union(Checker.loaderRules)
        #expect(run == Set(RuleID.allCases))
        #expect(Checker.rules.count == Set(Checker.rules.map(\.id)).count)
    }

    /// Words of five letters or more, lowercased, accents and ligatures folded.
    static func words(_ s: String) -> [String] {
        let folded = s.lowercased().replacingOccurrences(of: "œ", with: "oe")
            .folding(options: .diacriticInsensitive, locale: Locale(identifier: "fr_FR"))
        return folded.split(whereSeparator: { !$0.isLetter }).map(String.init).filter { $0.count >= 5 }
    }

    @Test("quotations are the circular's own words (its scanning slips aside)")
    func quotations() throws {
        let circular = try String(contentsOfFile: rulesFixture("circulaire-cnaf-2013-205.txt"), encoding: .utf8)
        let known = Set(Self.words(circular))
        for r in Catalogue.all {
            for c in r.citations {
                let w = Self.words(c.texte.replacingOccurrences(of: "[…]", with: ""))
                let found = w.filter(known.contains).count
                #expect(Double(found) >= 0.9 * Double(w.count), "\(r.id): « \(c.texte) »")
            }
        }
    }

    @Test("examples are YAML (but the one of yaml-invalide, and the Markdown of lien-casse)")
    func examplesParse() {
        for r in Catalogue.all where r.id != .lienCasse {
            for (which, text) in [("juste", r.exempleJuste), ("faux", r.exempleFaux)] {
                let yaml = text.replacingOccurrences(of: "---\n", with: "").replacingOccurrences(of: "\n---", with: "")
                let ok: Bool
                if case .success = FrontMatter.parse(yaml, file: "x.md", firstLine: 2) { ok = true } else { ok = false }
                #expect(ok == !(r.id == .yamlInvalide && which == "faux"), "\(r.id) \(which)")
            }
        }
    }
}
