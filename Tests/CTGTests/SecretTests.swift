import Foundation
import Model
@testable import Reports
@testable import CTGCommands
import Content
import Site
import Testing

/// The secret statistique (FORMAT.md §2 `secret_statistique`, §3 `nature`): small counts of
/// people are withheld from everything a public build writes; their taux too; targets and
/// état stay public; a review build shows staff the true values, marked.
@Suite("Secret statistique: small counts of people are published nowhere")
struct SecretTests {
    /// Roubaix with an indicator of families: reference 3.25 (withheld), results 2 in 2014
    /// (withheld) and 8 in 2015 (published), target 12 (public).
    static func roubaix(_ indicateur: [String] = []) -> String {
        let lignes = ["- id: familles-laep", "  libelle: Familles reçues au lieu d'accueil enfants-parents", "  unite: familles",
                      "  reference: { annee: 2013, valeur: 3.25 }", "  cibles: { 2017: 12 }", "  resultats: { 2014: 2, 2015: 8 }"] + indicateur
        let bloc = lignes.map { String(repeating: " ", count: 10) + $0 + "\n" }.joined()
        let apres = String(repeating: " ", count: 12) + "resultats: { 2016: 2.8 }\n"
        return ProjectFixture.roubaix.replacing1(apres, apres + bloc)
    }

    static func build(_ convention: String, site: String = ProjectFixture.site, revue: Bool = false) async throws -> ProjectFixture {
        let p = ProjectFixture(files: ["content/territoires/roubaix-2014.md": convention], siteYml: site)
        let r = try await Builder.build(BuildOptions(root: p.root, revue: revue))
        #expect(r.written, "\(r.checked.findings)")
        #expect(r.checked.findings.filter { $0.severity == .error } == [])
        return p
    }

    /// Every file the build wrote, as text.
    static func fichiers(_ p: ProjectFixture) throws -> [(String, String)] {
        let out = p.root + "/public"
        let chemins = try FileManager.default.subpathsOfDirectory(atPath: out)
        return chemins.sorted().compactMap { c in
            FileManager.default.contents(atPath: out + "/" + c).map { (c, String(decoding: $0, as: UTF8.self)) }
        }
    }

    /// 3.25 as any file could write it (« 3.25 », « 3,25 »), not inside another number.
    static func contient325(_ texte: String) -> Bool {
        let re = try! NSRegularExpression(pattern: "(?<![0-9])3[.,]25(?![0-9])")
        return re.firstMatch(in: texte, range: NSRange(texte.startIndex..., in: texte)) != nil
    }

    static func fichier(_ p: ProjectFixture, _ chemin: String) -> String? {
        FileManager.default.contents(atPath: p.root + "/public/" + chemin).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("a public build: 3.25 and the 2014 result appear in no file; « < 5 » in the tables, targets, état and 8 shown; taux withheld")
    func publique() async throws {
        let p = try await Self.build(Self.roubaix())
        defer { p.cleanup() }
        let tout = try Self.fichiers(p)
        #expect(tout.count > 10)
        for (chemin, texte) in tout {
            #expect(!Self.contient325(texte), "\(chemin)")
        }
        let page = try #require(tout.first { $0.0 == "territoires/roubaix-2014/index.html" }?.1)
        // The table of the axe: reference « < 5 », target 12, last result 8 (2015), taux withheld, état shown.
        #expect(page.contains(#"<td class="num" data-label="Référence">&lt;"# + "\u{00A0}5 <span class=\"annee\">en 2013</span></td>"))
        #expect(page.contains(#"<td class="num" data-label="Cible finale">12 <span class="annee">en 2017</span></td>"#))
        #expect(page.contains(#"<td class="num" data-label="Dernier résultat">8 <span class="annee">en 2015</span></td>"#))
        #expect(page.contains(#"<td class="num taux" data-label="Taux de réalisation">non publié (secret statistique)</td>"#))
        // Year by year: 2013 and 2014 withheld, 2015 shown; the chart draws neither and says so.
        #expect(page.contains("<tr><th scope=\"row\">2014</th><td class=\"vide\"><span class=\"sr-only\">aucune valeur</span></td><td class=\"vide\"><span class=\"sr-only\">aucune valeur</span></td><td>&lt;\u{00A0}5</td></tr>"))
        #expect(page.contains("<tr><th scope=\"row\">2015</th><td class=\"vide\"><span class=\"sr-only\">aucune valeur</span></td><td class=\"vide\"><span class=\"sr-only\">aucune valeur</span></td><td>8</td></tr>"))
        #expect(page.contains("<desc id=\"Graphique-familles-laep-desc\">Cibles\u{00A0}: 12 en 2017. Résultats\u{00A0}: 8 en 2015.</desc>"))
        #expect(page.contains("<p class=\"note-secret\">Les valeurs de 1 à 4 ne sont pas publiées (secret statistique)\u{00A0}: le graphique ne les trace pas.</p>"))
        // Open data: null with "secret": true; the CSV's cells empty, its secret column « oui ».
        let json = try #require(tout.first { $0.0 == "donnees/conventions.json" }?.1)
        #expect(json.contains(#""id":"familles-laep","#))
        #expect(json.contains(#""reference":{"annee":2013,"valeur":null,"secret":true},"cibles":{"2017":12},"resultats":{"2014":null,"2015":8},"cible_finale":{"annee":2017,"valeur":12},"dernier_resultat":{"annee":2015,"valeur":8},"taux":null,"#))
        // The état is computed from the true values and published: 54 % of the way in 2015, half expected.
        #expect(json.contains(#""etat":"en-bonne-voie","secret":true}"#))
        let csv = try #require(tout.first { $0.0 == "donnees/indicateurs.csv" }?.1)
        #expect(csv.hasPrefix("convention,axe,objectif,indicateur,libelle,unite,annee,reference,cible,resultat,secret\r\n"))
        #expect(csv.contains("familles-laep,Familles reçues au lieu d'accueil enfants-parents,familles,2013,,,,oui\r\n"))
        #expect(csv.contains("familles-laep,Familles reçues au lieu d'accueil enfants-parents,familles,2014,,,,oui\r\n"))
        #expect(csv.contains("familles-laep,Familles reçues au lieu d'accueil enfants-parents,familles,2015,,,8,\r\n"))
        #expect(csv.contains("familles-laep,Familles reçues au lieu d'accueil enfants-parents,familles,2017,,12,,\r\n"))
        // The other indicators are untouched: places are not people.
        #expect(page.contains(#"<td class="num" data-label="Référence">850 <span class="annee">en 2013</span></td>"#))
    }

    @Test("--revue: the true values for staff, each marked as not publishable; the open data stays public")
    func revue() async throws {
        let p = try await Self.build(Self.roubaix(), revue: true)
        defer { p.cleanup() }
        let tout = try Self.fichiers(p)
        let page = try #require(tout.first { $0.0 == "territoires/roubaix-2014/index.html" }?.1)
        #expect(page.contains("<td>2 (non publiable\u{00A0}: secret statistique)</td>"))
        #expect(page.contains("3,25 (non publiable\u{00A0}: secret statistique) <span class=\"annee\">en 2013</span>"))
        for (chemin, texte) in tout where chemin.hasPrefix("donnees/") {
            #expect(!Self.contient325(texte), "\(chemin)")
        }
    }

    @Test("nature decides over the unit; secret_statistique: 0 publishes everything, 10 withholds 8 too")
    func reglages() async throws {
        // nature: autre — a count that is not of people.
        let autre = try await Self.build(Self.roubaix(["  nature: autre"]))
        defer { autre.cleanup() }
        #expect(try Self.fichiers(autre).contains { Self.contient325($0.1) })
        // secret_statistique: 0
        let zero = try await Self.build(Self.roubaix(), site: ProjectFixture.site + "secret_statistique: 0\n")
        defer { zero.cleanup() }
        let csvZero = try #require(Self.fichier(zero, "donnees/indicateurs.csv"))
        #expect(csvZero.contains("familles,2013,3.25,,,\r\n"))
        // secret_statistique: 10 — 8 is withheld too, so no result is drawn.
        let dix = try await Self.build(Self.roubaix(), site: ProjectFixture.site + "secret_statistique: 10\n")
        defer { dix.cleanup() }
        let csvDix = try #require(Self.fichier(dix, "donnees/indicateurs.csv"))
        #expect(csvDix.contains("familles,2015,,,,oui\r\n"))
        // nature: effectif on places: withheld although the unit is not of people.
        let places = ProjectFixture.roubaix.replacing1("            unite: places\n", "            unite: places\n            nature: effectif\n")
            .replacing1("resultats: { 2014: 860, 2015: 905 }", "resultats: { 2014: 860, 2015: 4 }")
        let eff = try await Self.build(places)
        defer { eff.cleanup() }
        let json = try #require(Self.fichier(eff, "donnees/conventions.json"))
        #expect(json.contains(#""resultats":{"2014":860,"2015":null}"#))
    }

    @Test("ctg diff does not compare a withheld value: 8 becoming 3 says nothing of 3")
    func diff() async throws {
        let avant = try await Self.build(Self.roubaix())
        defer { avant.cleanup() }
        let apres = ProjectFixture(files: ["content/territoires/roubaix-2014.md": Self.roubaix()
            .replacing1("resultats: { 2014: 2, 2015: 8 }", "resultats: { 2014: 2, 2015: 3, 2016: 9 }")])
        defer { apres.cleanup() }
        let out = await DiffCommand.execute(ancien: avant.root + "/public", root: apres.root, format: .text)
        #expect(out.code == 0)
        #expect(out.stdout.contains("Familles reçues au lieu d'accueil enfants-parents\u{00A0}: nouveau résultat 2016, 9"), "\(out.stdout)")
        #expect(!out.stdout.contains("2015"), "\(out.stdout)")
    }

    @Test("units of people, as FORMAT.md lists them: singular or plural, any case, with or without accents; exactly")
    func unites() throws {
        for u in ["familles", "Famille", "enfants", "jeunes", "personnes", "allocataires", "foyers", "ménages", "Ménage", "menages",
                  "bénéficiaires", "BENEFICIAIRE", "parents"] {
            #expect(SecretStatistique.uniteDePersonnes(u), "\(u)")
        }
        for u in ["places", "%", "familles accompagnées", "heures", "euros", "jeunesse", "parentalité", "foyer-logement", ""] {
            #expect(!SecretStatistique.uniteDePersonnes(u), "\(u)")
        }
        let s = SecretStatistique(seuil: 5)
        #expect(s.retient(Nombre(1), effectif: true) && s.retient(Nombre("4.9")!, effectif: true))
        #expect(!s.retient(Nombre(0), effectif: true) && !s.retient(Nombre(5), effectif: true) && !s.retient(Nombre(3), effectif: false))
        #expect(!SecretStatistique.aucun.retient(Nombre(3), effectif: true))
        // Decimals and exponents, compared exactly.
        for (texte, retenu) in [("0.5", false), ("1.0", true), ("4.999", true), ("5.000", false), ("1e0", true), ("1e1", false),
                                ("0.00001", false), ("-3", false), ("4.99999999999999", true), ("10000000000000000000", false)] {
            #expect(s.retient(try #require(Nombre(texte)), effectif: true) == retenu, "\(texte)")
        }
    }

    @Test("a bad secret_statistique or nature is type-invalide at the value, with the closest value")
    func invalides() async throws {
        let p = ProjectFixture(files: ["content/territoires/roubaix-2014.md": Self.roubaix(["  nature: effectifs"])],
                               siteYml: ProjectFixture.site + "secret_statistique: cinq\n")
        defer { p.cleanup() }
        let checked = try await Builder.check(project: ProjectLoader.load(root: p.root))
        let messages = checked.findings.filter { $0.rule == .typeInvalide }.map(\.message)
        #expect(messages.contains("« secret_statistique » doit être un nombre (chiffres, point décimal), pas « cinq »"))
        #expect(messages.contains("valeur « effectifs » invalide pour « nature » : valeurs possibles « effectif », « autre » ; vouliez-vous dire « effectif » ?"))
    }
}
