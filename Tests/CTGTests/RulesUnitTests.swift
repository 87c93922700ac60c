import Model
@testable import Rules
import Testing

@Suite("Rules: codes, paths, links and French wording")
struct RulesUnitTests {
    @Test("département codes: 01-19, 2A, 2B, 21-95, 971-974, 976")
    func departements() {
        for ok in ["01", "19", "2A", "2B", "21", "59", "95", "971", "974", "976"] { #expect(Codes.isDepartement(ok), "\(ok)") }
        for bad in ["00", "20", "96", "975", "977", "1", "059", "2a", "", "5 9", "٥٩"] { #expect(!Codes.isDepartement(bad), "\(bad)") }
        #expect(Codes.departementProblem("1")?.contains("« 01 »") == true)
        #expect(Codes.departementProblem("20")?.contains("2A") == true)
    }

    @Test("commune codes: five characters, Corsica, overseas prefixes")
    func communes() {
        for ok in ["59512", "01001", "2A004", "2B033", "97411", "97608"] { #expect(Codes.communeProblem(ok) == nil, "\(ok)") }
        for bad in ["5951", "595120", "2C004", "20004", "96001", "97501", "5951A", ""] { #expect(Codes.communeProblem(bad) != nil, "\(bad)") }
        #expect(Codes.departement(ofCommune: "97411") == "974")
        #expect(Codes.departement(ofCommune: "2A004") == "2A")
        #expect(Codes.communeProblem("1001", in: "01")?.contains("« 01001 »") == true)
        #expect(Codes.communeProblem("1001", in: "59")?.contains("vouliez-vous") == false)
    }

    @Test("EPCI SIREN: nine digits and the Luhn check")
    func siren() {
        #expect(Codes.sirenProblem("200093201") == nil)   // Métropole européenne de Lille
        #expect(Codes.sirenProblem("245900410") == nil)
        #expect(Codes.sirenProblem("200093202")?.contains("clé de contrôle") == true)
        #expect(Codes.sirenProblem("20009320")?.contains("neuf chiffres") == true)
        #expect(Codes.luhn([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3]))
        #expect(!Codes.luhn([7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4]))
    }

    @Test("relative paths resolve against the file's folder")
    func resolve() {
        let files: Set<String> = ["content/territoires/a.md", "content/territoires/b/index.md", "content/pages/m.md", "content/territoires/b/carte de Lille.png"]
        let from = "content/territoires/a.md"
        #expect(Liens.resolve("b/index.md", from: from, files: files) == .found("content/territoires/b/index.md"))
        #expect(Liens.resolve("../pages/m.md#x", from: from, files: files) == .found("content/pages/m.md"))
        #expect(Liens.resolve("./b/../a.md?x=1", from: from, files: files) == .found("content/territoires/a.md"))
        #expect(Liens.resolve("b/carte%20de%20Lille.png", from: from, files: files) == .found("content/territoires/b/carte de Lille.png"))
        #expect(Liens.resolve("#haut", from: from, files: files) == .samePage)
        #expect(Liens.resolve("?x", from: from, files: files) == .samePage)
        guard case let .broken(abs) = Liens.resolve("/pages/m.md", from: from, files: files) else { Issue.record("absolute"); return }
        #expect(abs.contains("absolu"))
        guard case let .broken(up) = Liens.resolve("../../../x.md", from: from, files: files) else { Issue.record("up"); return }
        #expect(up.contains("remonte"))
        guard case let .broken(dir) = Liens.resolve("b/", from: from, files: files) else { Issue.record("dir"); return }
        #expect(dir.contains("« b/index.md »"))
        guard case let .broken(typo) = Liens.resolve("../pages/n.md", from: from, files: files) else { Issue.record("typo"); return }
        #expect(typo.contains("vouliez-vous dire « ../pages/m.md » ?"))
        #expect(Liens.relative(from: ["content", "pages"], to: "content/territoires/a.md") == "../territoires/a.md")
    }

    @Test("a link's place: the destination's own line and column, each link its own place")
    func locate() {
        let body = MarkdownText(text: "Un long paragraphe\nqui continue [x](a.md) puis [a.md](a.md)\net encore [y](a.md).\n\n[r]: b.md\n", firstLine: 10)
        var locator = LinkLocator(body)
        let link = { (dest: String) in MarkdownLink(destination: dest, line: 10, isImage: false, marker: "m") }
        #expect(locator.locate(link("a.md")) == (11, 18))
        #expect(locator.locate(link("a.md")) == (11, 36))
        #expect(locator.locate(link("a.md")) == (12, 15))
        #expect(locator.locate(link("b.md")) == (14, 6))
        #expect(locator.locate(link("introuvable.md")) == (10, 1))
        var tabs = LinkLocator(MarkdownText(text: "Écoles :\t[é](é.md)", firstLine: 3))
        #expect(tabs.locate(MarkdownLink(destination: "é.md", line: 3, isImage: false, marker: "m")) == (3, 14))
    }

    @Test("dates, durations and counts in French")
    func francais() {
        #expect(Francais.date(Day(year: 2014, month: 1, day: 1)!) == "1er janvier 2014")
        #expect(Francais.date(Day(year: 2014, month: 8, day: 15)!) == "15 août 2014")
        #expect(Francais.duree(du: Day(iso: "2014-01-01")!, au: Day(iso: "2017-12-31")!) == "4 ans")
        #expect(Francais.duree(du: Day(iso: "2014-01-01")!, au: Day(iso: "2016-12-31")!) == "3 ans")
        #expect(Francais.duree(du: Day(iso: "2014-01-01")!, au: Day(iso: "2018-06-30")!) == "4 ans et 6 mois")
        #expect(Francais.duree(du: Day(iso: "2014-01-01")!, au: Day(iso: "2014-01-10")!) == "10 jours")
        #expect(Francais.nombre(1, "erreur") == "1 erreur")
        #expect(Francais.nombre(2, "erreur") == "2 erreurs")
        #expect(Francais.nombre(0, "erreur", aucun: "aucune erreur") == "aucune erreur")
        #expect(Francais.liste(["a", "b", "c"]) == "a, b et c")
    }

    @Test("four years from 29 February end on 28 February")
    func leapYear() {
        let debut = Day(iso: "2016-02-29")!
        #expect(debut.adding(years: 4).previous == Day(iso: "2020-02-28")!)
    }
}
