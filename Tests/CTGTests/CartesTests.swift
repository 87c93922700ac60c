import Foundation
@testable import Rendering
import Territoires
import Testing

/// Issue 20's pages: the territory's official identity and map on each dashboard, the
/// coverage of each département (FORMAT.md §4) with its map and table.
@Suite("Rendering: territories, maps and coverage")
struct CartesTests {
    @Test("coverage in the example at 30 June 2025: the local conventions in force only, population municipale")
    func couverture() async throws {
        let site = try await RenderingFixture.site(RenderingStructureTests.exampleProject)
        let roubaix = try #require(Referentiel.commune("59512")?.population)
        let nord = try #require(Referentiel.departement("59"))
        let total = try #require(nord.population)
        let taux = (200 * roubaix + total) / (2 * total)
        // In the Nord only Roubaix's convention is in force: the Pays de Mormal's, signed, starts
        // in September (a program that counted it would add its 52 communes), and the
        // departmental one ended in 2017.
        let page = try #require(site["departements/59/index.html"])
        #expect(page.contains("<p class=\"chiffre-phrase\"><span class=\"chiffre\">\(Format.pourcentage(taux))</span> de la population couverte par une convention locale en cours au 30\u{00A0}juin 2025\u{00A0}: 1\u{00A0}commune couverte sur \(Format.entier(nord.communes.count)), \(Format.entier(roubaix)) habitants sur \(Format.entier(total))"))
        // The map: an image with its text, each covered commune linked to its convention.
        // A named group, not an image: an image's children are presentational, its links lost.
        #expect(page.contains("<svg class=\"carte carte-couverture\" role=\"group\" viewBox=\"0 0 320 "))
        #expect(page.contains("aria-labelledby=\"Carte-couverture-titre Carte-couverture-desc\""))
        // Drawn in the dashboards' frame: Roubaix's outline on its dashboard's map is the same
        // path, byte for byte, as on the coverage map.
        let dashboard = try #require(site["territoires/roubaix-2022/index.html"])
        let chemin = try #require(dashboard.firstMatch(of: /class="carte-couverte" fill="url\(#Carte-territoire-hachure\)" d="([^"]+)"/)?.1)
        #expect(chemin.count > 100)
        #expect(page.contains("fill=\"url(#Carte-couverture-hachure)\" d=\"\(chemin)\""))
        #expect(page.contains("<desc id=\"Carte-couverture-desc\">Nord\u{00A0}: 1\u{00A0}commune couverte"))
        #expect(page.contains("<a href=\"../../territoires/roubaix-2022/index.html\"><title>Convention territoriale globale de Roubaix 2022-2026</title><path class=\"carte-couverte\""))
        // The same data as a table.
        #expect(page.contains("<tr><th scope=\"row\"><a href=\"../../territoires/roubaix-2022/index.html\">Convention territoriale globale de Roubaix 2022-2026</a></th><td class=\"num\">1</td><td class=\"num\">\(Format.entier(roubaix))</td></tr>"))
        // In the Pas-de-Calais, the 36 members of Lens - Liévin, which the convention does not list.
        let lens = try #require(Referentiel.epci("246200364"))
        let pdc = try #require(site["departements/62/index.html"])
        #expect(pdc.contains("<tr><th scope=\"row\"><a href=\"../../territoires/lens-lievin-2023/index.html\">Convention territoriale globale de la Communauté d&#39;agglomération de Lens-Liévin 2023-2027</a></th><td class=\"num\">36</td><td class=\"num\">\(Format.entier(try #require(lens.population)))</td></tr>"))
    }

    @Test("home page and conventions.json: each département's coverage and the whole site's, the same figures")
    func couvertureSite() async throws {
        let site = try await RenderingFixture.site(RenderingStructureTests.exampleProject)
        // In force on 30 June 2025: Roubaix in the Nord, the 36 members of Lens - Liévin in the
        // Pas-de-Calais (see couverture()).
        let roubaix = try #require(Referentiel.commune("59512")?.population)
        let lens = try #require(Referentiel.epci("246200364"))
        let lensPopulation = try #require(lens.population)
        let nord = try #require(Referentiel.departement("59"))
        let pdc = try #require(Referentiel.departement("62"))
        let nordTotal = try #require(nord.population), pdcTotal = try #require(pdc.population)
        func taux(_ a: Int, _ b: Int) -> Int { (200 * a + b) / (2 * b) }
        let home = try #require(site["index.html"])
        #expect(home.contains("<tr><th scope=\"row\"><a href=\"departements/59/index.html#Couverture\">Nord (59)</a></th><td class=\"num\" data-label=\"Population couverte\">\(Format.pourcentage(taux(roubaix, nordTotal)))</td><td class=\"num\" data-label=\"Communes couvertes\">1 sur \(Format.entier(nord.communes.count))</td><td class=\"num\" data-label=\"Habitants couverts\">\(Format.entier(roubaix)) sur \(Format.entier(nordTotal))</td></tr>"))

        // The open data: each département as the referential gives it, the site the sum of the
        // two (not of the Nord alone, nor of every département of France).
        let json = try #require(site["donnees/conventions.json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let c = try #require(object["couverture"] as? [String: Any])
        let deps = try #require(c["departements"] as? [[String: Any]])
        #expect(deps.map { $0["code"] as? String } == ["59", "62"])
        #expect(deps[0]["taux"] as? Int == taux(roubaix, nordTotal))
        #expect(deps[0]["communes"] as? Int == nord.communes.count)
        #expect(deps[0]["communes_couvertes"] as? Int == 1)
        #expect(deps[0]["population"] as? Int == nordTotal)
        #expect(deps[0]["population_couverte"] as? Int == roubaix)
        #expect(deps[1]["taux"] as? Int == taux(lensPopulation, pdcTotal))
        #expect(deps[1]["communes_couvertes"] as? Int == 36)
        #expect(deps[1]["population_couverte"] as? Int == lensPopulation)
        #expect(c["communes"] as? Int == nord.communes.count + pdc.communes.count)
        #expect(c["communes_couvertes"] as? Int == 37)
        #expect(c["population"] as? Int == nordTotal + pdcTotal)
        #expect(c["population_couverte"] as? Int == roubaix + lensPopulation)
        let tauxSite = taux(roubaix + lensPopulation, nordTotal + pdcTotal)
        #expect(c["taux"] as? Int == tauxSite)
        #expect(home.contains("<span class=\"chiffre\">\(Format.pourcentage(tauxSite))</span> de la population des départements du site couverte"))
        #expect(home.contains("<tfoot>\n<tr><th scope=\"row\">Ensemble du site</th><td class=\"num\" data-label=\"Population couverte\">\(Format.pourcentage(tauxSite))</td>"))
    }

    @Test("each dashboard: the territory as the referential names it, and its map within its département")
    func identite() async throws {
        let site = try await RenderingFixture.site(RenderingStructureTests.exampleProject)
        let roubaix = try #require(site["territoires/roubaix-2014/index.html"])
        let pop = try #require(Referentiel.commune("59512")?.population)
        #expect(roubaix.contains("<dt>Référentiel officiel</dt><dd>Roubaix (commune), \(Format.entier(pop))\u{00A0}habitants, membre de la Métropole Européenne de Lille"))
        #expect(roubaix.contains("<title id=\"Carte-territoire-titre\">Carte\u{00A0}: Roubaix dans son département, Nord (59)</title>"))
        let mormal = try #require(site["territoires/pays-de-mormal-2017/index.html"])
        #expect(mormal.contains("52\u{00A0}communes membres"))
        // The map's path stays inside its viewBox.
        let svg = try #require(roubaix.components(separatedBy: "<svg class=\"carte\"").dropFirst().first)
        #expect(svg.contains("viewBox=\"0 0 320 "))
    }

    @Test("donnees/couverture.csv: one row per commune of the site's départements, its covering conventions")
    func couvertureCSV() async throws {
        let site = try await RenderingFixture.site(RenderingStructureTests.exampleProject)
        let csv = try #require(site["donnees/couverture.csv"])
        let lignes = csv.split(separator: "\r\n").map(String.init)
        #expect(lignes.first == "code,nom,departement,epci,population,conventions,couverte")
        let n59 = try #require(Referentiel.departement("59")).communes.count
        let n62 = try #require(Referentiel.departement("62")).communes.count
        #expect(lignes.count == 1 + n59 + n62)
        let pop = try #require(Referentiel.commune("59512")?.population)
        #expect(lignes.contains("59512,Roubaix,59,200093201,\(pop),roubaix-2022,oui"))
        #expect(lignes.count { $0.hasSuffix(",lens-lievin-2023,oui") } == 36)
        #expect(lignes.filter { $0.hasSuffix(",oui") }.allSatisfy { !$0.contains(",,oui") })
        // The départemental convention covers no commune by itself.
        #expect(!csv.contains("nord-2014"))
    }

    @Test("an outline's path written as bytes is the one written as a String")
    func cheminOctets() throws {
        for code in ["59512", "59599", "2A004", "97411", "29155"] {
            let k = try #require(Referentiel.commune(code))
            let contour = try #require(k.contour, "\(code)")
            let cadrage = Cadrage(englobant: contour.englobant, largeur: 640, marge: 4)
            var o: [UInt8] = []
            contour.ecrireCheminSVG(cadrage, dans: &o)
            #expect(String(decoding: o, as: UTF8.self) == contour.cheminSVG(cadrage), "\(code)")
            #expect(!o.isEmpty)
        }
    }

    @Test("a département's communes drawn arc by arc: the bytes of each commune's own outline")
    func cheminsDesCommunes() throws {
        // Mainland, Corsica, an overseas island, Paris (arrondissements) and the Rhône (Lyon).
        for code in ["62", "2A", "974", "75", "69", "29"] {
            let d = try #require(Referentiel.departement(code))
            let contour = try #require(d.contour, "\(code)")
            let cadrage = Cadrage(englobant: contour.englobant, largeur: 320, marge: 4)
            var attendu: [UInt8] = [], debuts = [0]
            for c in Contour.des(d.communes) {
                c?.ecrireCheminSVG(cadrage, dans: &attendu)
                debuts.append(attendu.count)
            }
            let (octets, leurs) = Contour.cheminsSVG(d.communes, cadrage: cadrage)
            #expect(leurs == debuts, "\(code)")
            #expect(octets == attendu, "\(code)")
            // Every commune with an outline has its path, each one ring at least.
            let vides = zip(debuts, debuts.dropFirst()).count { $0 == $1 }
            #expect(vides == d.communes.count { $0.contour == nil }, "\(code)")
            #expect(attendu.count > 1_000 * d.communes.count / 10, "\(code)")
        }
    }
}
