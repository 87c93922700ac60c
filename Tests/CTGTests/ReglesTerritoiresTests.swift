@testable import Rules
import Model
import Testing

/// The rules of the embedded referential, with their whole messages: what a Caf officer reads
/// when a code or a name is wrong (RULES.md, *Territories*).
@Suite("Rules: territories against the referential")
struct ReglesTerritoiresTests {
    func messages(_ edits: [String: String]) async throws -> [String] {
        var files = RulesFixture.files
        for (k, v) in edits { files[k] = v }
        return try await RulesFixture.check(files).map { "\($0.rule.rawValue) \($0.location.line):\($0.location.column) \($0.message)" }
    }

    @Test("code-inconnu: a postal code gives its commune's code; an unknown code the closest official name")
    func codeInconnu() async throws {
        let postal = try await messages([F.roubaix: RulesFixture.roubaix.replacing1("code: \"59512\"", "code: \"59000\"")])
        #expect(postal == ["code-inconnu 8:9 « territoire.code »\u{00A0}: aucune commune n'a le code Insee « 59000 » dans le Code officiel géographique au 1er\u{00A0}janvier 2025\u{202F}; 59000 est un code postal de Lille\u{202F}; son code Insee est 59350"])
        let inconnu = try await messages([F.roubaix: RulesFixture.roubaix.replacing1("code: \"59512\"", "code: \"59999\"")])
        #expect(inconnu == ["code-inconnu 8:9 « territoire.code »\u{00A0}: aucune commune n'a le code Insee « 59999 » dans le Code officiel géographique au 1er\u{00A0}janvier 2025\u{202F}; la commune dont le nom est le plus proche de « Roubaix » est « Roubaix », code Insee 59512"])
    }

    @Test("« de » before a commune's name, elided or contracted as French writes it")
    func deNom() async throws {
        #expect(Francais.de("Roubaix") == "de Roubaix")
        #expect(Francais.de("Amiens") == "d'Amiens")
        #expect(Francais.de("Évry-Courcouronnes") == "d'Évry-Courcouronnes")
        #expect(Francais.de("Le Havre") == "du Havre")
        #expect(Francais.de("Les Mureaux") == "des Mureaux")
        #expect(Francais.de("La Rochelle") == "de La Rochelle")
        let amiens = try await messages([F.roubaix: RulesFixture.roubaix.replacing1("code: \"59512\"", "code: \"80000\"")])
        #expect(amiens.first?.hasSuffix("80000 est un code postal d'Amiens\u{202F}; son code Insee est 80021") == true)
    }

    @Test("code-ancien names the commune the old code now belongs to")
    func codeAncien() async throws {
        let m = try await messages([F.mel: RulesFixture.mel.replacing1("communes: [\"59350\", \"59512\"]", "communes: [\"59350\", \"59512\", \"59355\"]")])
        #expect(m == ["code-ancien 10:32 « territoire.communes »\u{00A0}: « 59355 » est le code de Lomme, commune associée à Lille\u{202F}; le code Insee de la commune est 59350"])
    }

    @Test("nom-territoire suggests the official name, from 2025 on")
    func nomTerritoire() async throws {
        let m = try await messages([RulesTerritoireCases.tourcoing: RulesTerritoireCases.tourcoing2024(nom: "Tourcoin")])
        #expect(m == ["nom-territoire 6:8 « territoire.nom » vaut « Tourcoin », mais le nom officiel du code « 59599 » est « Tourcoing »\u{202F}: vérifiez le code, ou écrivez « nom: Tourcoing »"])
    }

    @Test("code-territoire v2: an EPCI may span départements, but not lie wholly outside its own")
    func epciHorsDepartement() async throws {
        let m = try await messages([F.mel: RulesFixture.mel.replacing1("communes: [\"59350\", \"59512\"]", "communes: [\"62041\", \"62263\"]")])
        #expect(m == ["code-territoire 9:16 « territoire.departement » : aucune des communes de l'EPCI n'est dans le département « 59 »\u{202F}: vérifiez « territoire.departement »"])
        // One member elsewhere is no finding.
        #expect(try await messages([F.mel: RulesFixture.mel.replacing1("communes: [\"59350\", \"59512\"]", "communes: [\"59350\", \"62041\"]")]).isEmpty)
    }

    @Test("communes-epci names five missing members, then how many more")
    func communesEpci() async throws {
        let m = try await messages([RulesTerritoireCases.mel2024: RulesTerritoireCases.mel2024(communes: "\n  communes: [\"59350\", \"59512\", \"62041\"]")])
        #expect(m == ["communes-epci 10:13 « territoire.communes » ne sont pas les 95 communes membres de « Métropole Européenne de Lille » au 1er\u{00A0}janvier 2025\u{202F}; 93 membres n'y sont pas\u{00A0}: Allennes-les-Marais (59005), Villeneuve-d'Ascq (59009), Annœullin (59011), Anstaing (59013), Armentières (59017) et 88 autres\u{202F}; 1 commune n'en est pas membre\u{00A0}: Arras (62041) (sans « communes », ses membres sont pris)"])
    }
}
