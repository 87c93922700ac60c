import Foundation
import Model
@testable import Rendering
import Testing

/// The framework and the bonus territoire on the pages and in the open data (issue 21): the
/// fixture's beta-2015 has three services (two EAJE, one written `ram`, read as RPE).
@Suite("Rendering: framework and bonus territoire")
struct RenderingBonusTests {
    @Test("the dashboard says the framework in its identity block and lists the bonus with totals by type")
    func dashboard() async throws {
        let site = try await RenderingFixture.site()
        let html = try #require(site["territoires/beta-2015/index.html"])
        #expect(html.contains("<dt>Cadre</dt><dd>lettre circulaire Cnaf n° 2013-205 du 18 décembre 2013 <span class=\"note\">(cnaf-2013, d&#39;après le début de la période, avant 2020)</span></dd>"))
        // Figures the French way: 1 250 with the thin space Format puts between groups of digits.
        #expect(Format.entier(1250) != "1250")
        #expect(html.contains("<th scope=\"row\">Établissement d&#39;accueil du jeune enfant (EAJE)</th><td class=\"num\" data-label=\"Équipements\">2\u{00A0}équipements</td><td class=\"num\" data-label=\"Places\">\(Format.entier(1250))\u{00A0}places</td>"))
        #expect(html.contains("<th scope=\"row\">Multi-accueil Les Petits Pas &amp; Cie</th><td data-label=\"Commune\">Saint-Quentin (02691)</td>"))
        #expect(html.contains("<abbr title=\"Relais petite enfance\">RPE</abbr>"))
        #expect(!html.contains(">ram<") && !html.contains("RAM"))
        // The dossier has the same block.
        #expect(try #require(site["territoires/beta-2015/dossier/index.html"]).contains("<h2 id=\"Bonus\">Bonus territoire</h2>"))
        // A convention without bonus has no such block.
        #expect(!(try #require(site["territoires/alpha-2014/index.html"])).contains("id=\"Bonus\""))
    }

    @Test("the département page lists the bonus of its conventions in force, each row naming its convention")
    func departement() async throws {
        let site = try await RenderingFixture.site()
        let html = try #require(site["departements/02/index.html"])
        #expect(html.contains("<caption id=\"Tableau-bonus\"><span class=\"legende-tableau\">Équipements financés par le bonus territoire des conventions en cours au 30\u{00A0}juin 2016</span></caption>"))
        #expect(html.contains("<tr><th scope=\"col\">Convention</th><th scope=\"col\">Type</th>"))
        #expect(html.contains("<td data-label=\"Convention\"><a href=\"../../territoires/beta-2015/index.html\">"))
        #expect(html.components(separatedBy: "<td data-label=\"Convention\">").count - 1 == 3)
    }

    @Test("conventions.json gives each convention's framework and its bonus as written, ram as rpe, with totals")
    func openData() async throws {
        let site = try await RenderingFixture.site()
        let text = try #require(site["donnees/conventions.json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let conventions = try #require(root["conventions"] as? [[String: Any]])
        #expect(conventions.map { $0["cadre"] as? String } == ["cnaf-2013", "cnaf-2013"])
        let beta = conventions[1]
        let bonus = try #require(beta["bonus_territoire"] as? [[String: Any]])
        #expect(bonus.map { $0["type"] as? String } == ["eaje", "rpe", "eaje"])
        #expect(bonus[0]["nom"] as? String == "Multi-accueil Les Petits Pas & Cie")
        #expect(bonus[0]["commune"] as? String == "02691")
        #expect(bonus[0]["places"] as? Int == 1240)
        #expect(bonus[0]["debut"] as? String == "2015-09-01")
        #expect(bonus[1]["places"] is NSNull && bonus[2]["debut"] is NSNull)
        let totaux = try #require(beta["bonus_territoire_totaux"] as? [[String: Any]])
        #expect(totaux.count == 2)
        #expect(totaux[0]["type"] as? String == "eaje" && totaux[0]["equipements"] as? Int == 2 && totaux[0]["places"] as? Int == 1250)
        #expect(totaux[1]["type"] as? String == "rpe" && totaux[1]["equipements"] as? Int == 1 && totaux[1]["places"] as? Int == 0)
        #expect((conventions[0]["bonus_territoire"] as? [Any])?.isEmpty == true)
    }
}
