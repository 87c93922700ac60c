import ArgumentParser
@testable import CTGCommands
import Foundation
import Model
@testable import Rendering
@testable import Reports
import Site
import Testing

/// A pair of projects, before and after a board meeting, with every kind of change between
/// them (FORMAT.md §5); the « before » is built with `ctg build --projets`, as ANCIEN.
enum DiffFixture {
    /// A convention like `ProjectFixture.roubaix`, for another commune.
    static func commune(_ nom: String, _ code: String) -> String {
        ProjectFixture.roubaix.replacingOccurrences(of: "Roubaix", with: nom).replacingOccurrences(of: "59512", with: code)
    }

    /// `lines` as items of a list, `indent` spaces deep (the fixture's YAML).
    static func yaml(_ indent: Int, _ lines: String...) -> String {
        lines.map { String(repeating: " ", count: indent) + $0 + "\n" }.joined()
    }

    static let roubaixAvant = ProjectFixture.roubaix
        .replacing1(yaml(12, "resultats: { 2016: 2.8 }"), yaml(12, "resultats: { 2016: 2.8 }") + yaml(10,
            "- id: heures-accueil", "  libelle: Heures d'accueil", "  unite: heures",
            "  reference: { annee: 2013, valeur: 100 }", "  cibles: { 2017: 200 }"))
        .replacing1(yaml(12, "etat: en-cours"), yaml(12, "etat: en-cours") + yaml(10,
            "- id: bus-info", "  libelle: Faire circuler un bus d'information", "  etat: abandonnee"))

    static let roubaixApres = ProjectFixture.roubaix
        .replacing1("reference: { annee: 2013, valeur: 850 }", "reference: { annee: 2013, valeur: 840 }")
        .replacing1("cibles: { 2015: 900, 2017: 980 }", "cibles: { 2015: 900, 2017: 960 }")
        .replacing1("resultats: { 2014: 860, 2015: 905 }", "resultats: { 2014: 860, 2015: 912, 2016: 930 }")
        .replacing1(yaml(12, "resultats: { 2016: 2.8 }"), yaml(12, "resultats: { 2016: 3.6 }") + yaml(10,
            "- id: familles-laep", "  libelle: Familles reçues au lieu d'accueil enfants-parents", "  unite: familles",
            "  reference: { annee: 2013, valeur: 0 }", "  cibles: { 2017: 80 }"))
        .replacing1("budget: 120000", "budget: 135000")
        .replacing1(yaml(12, "echeance: 2016-09-01", "etat: en-cours"), yaml(12, "echeance: 2017-03-01", "etat: realisee") + yaml(10,
            "- id: ludotheque", "  libelle: Ouvrir une ludothèque", "  etat: prevue"))
        .replacing1("action_sociale: 12500000.5", "action_sociale: 13000000")

    static let tourcoingProjet = commune("Tourcoing", "59599").replacing1("signature: 2014-01-15\n", "")
    static let tourcoingSignee = commune("Tourcoing", "59599").replacing1("signature: 2014-01-15", "signature: 2016-05-02")

    static let avant: [String: String] = [
        "content/territoires/roubaix-2014.md": roubaixAvant,
        "content/territoires/lille-2014.md": commune("Lille", "59350"),
        "content/territoires/tourcoing-2014.md": tourcoingProjet,
    ]
    static let apres: [String: String] = [
        "content/territoires/roubaix-2014.md": roubaixApres,
        "content/territoires/wattrelos-2014.md": commune("Wattrelos", "59650"),
        "content/territoires/tourcoing-2014.md": tourcoingSignee,
    ]
    static let siteAvant = ProjectFixture.site.replacing1("date_reference: 2016-06-30", "date_reference: 2016-03-31")

    /// The « before » built into `public/` of its fixture, and the « after » project.
    static func paire() async throws -> (avant: ProjectFixture, apres: ProjectFixture) {
        let avant = ProjectFixture(files: Self.avant, siteYml: siteAvant)
        let result = try await Builder.build(BuildOptions(root: avant.root, projets: true))
        #expect(result.written, "\(result.checked.findings)")
        #expect(result.checked.findings.filter { $0.severity == .error } == [])
        return (avant, ProjectFixture(files: Self.apres))
    }
}

@Suite("Diff: ctg diff and conventions.json version 2 read back")
struct DiffTests {
    static let texteAttendu = """
    18 changements depuis le 31\u{00A0}mars 2016 (date de référence\u{00A0}: 30\u{00A0}juin 2016), dont 5 à examiner par le conseil (marqués «\u{00A0}!\u{00A0}»)

    lille-2014 — Convention territoriale globale de Lille 2014-2017
      - convention retirée du site

    roubaix-2014 — Convention territoriale globale de Roubaix 2014-2017
      - Familles reçues au lieu d'accueil enfants-parents\u{00A0}: nouvel indicateur
      - Heures d'accueil\u{00A0}: indicateur retiré
      - Places en EAJE\u{00A0}: nouveau résultat 2016, 930
      ! Taux de couverture\u{00A0}: le résultat 2016 passe de 2,8\u{202F}% à 3,6\u{202F}%
      ! Places en EAJE\u{00A0}: le résultat 2015 passe de 905 à 912
      ! Places en EAJE\u{00A0}: la cible 2017 passe de 980 à 960
      ! Places en EAJE\u{00A0}: la référence passe de 850 en 2013 à 840 en 2013
      - Taux de couverture\u{00A0}: l'état passe de «\u{00A0}en retard\u{00A0}» à «\u{00A0}atteint\u{00A0}»
      - Ouvrir une ludothèque\u{00A0}: nouvelle action
      - Faire circuler un bus d'information\u{00A0}: action retirée
      - Ouvrir un relais petite enfance\u{00A0}: l'action passe de «\u{00A0}en cours\u{00A0}» à «\u{00A0}réalisée\u{00A0}»
      ! Ouvrir un relais petite enfance\u{00A0}: l'échéance passe du 1er\u{00A0}septembre 2016 au 1er\u{00A0}mars 2017
      - Créer un multi-accueil de 40 places\u{00A0}: le budget passe de 120\u{202F}000\u{00A0}€ à 135\u{202F}000\u{00A0}€
      - moyens 2015, action sociale\u{00A0}: de 12\u{202F}500\u{202F}000,50\u{00A0}€ à 13\u{202F}000\u{202F}000\u{00A0}€

    tourcoing-2014 — Convention territoriale globale de Tourcoing 2014-2017
      - la phase passe de «\u{00A0}projet\u{00A0}» à «\u{00A0}en cours\u{00A0}»
      - convention signée le 2\u{00A0}mai 2016

    wattrelos-2014 — Convention territoriale globale de Wattrelos 2014-2017
      - nouvelle convention sur le site, en cours

    Les indicateurs et actions sans «\u{00A0}id\u{00A0}» (a1-o2-i1, a1-o2-x3) sont appariés par leur position\u{00A0}: un élément inséré avant eux les fait paraître changés. Donnez un «\u{00A0}id\u{00A0}» à ce que vous suivez.

    """

    @Test("every kind of change between the pair, the whole text, in a stable order")
    func texte() async throws {
        let (avant, apres) = try await DiffFixture.paire()
        defer { avant.cleanup(); apres.cleanup() }
        let out = await DiffCommand.execute(ancien: avant.root + "/public", root: apres.root, format: .text, projets: true)
        #expect(out.code == 0)
        #expect(out.stderr == "")
        #expect(out.stdout == Self.texteAttendu)
        // ANCIEN given as its file reads the same.
        let parFichier = await DiffCommand.execute(ancien: avant.root + "/public/donnees/conventions.json", root: apres.root, format: .text, projets: true)
        #expect(parFichier == out)
    }

    @Test("--format json: FORMAT.md §5's object, kinds as stable ids, avant and apres as written")
    func json() async throws {
        let (avant, apres) = try await DiffFixture.paire()
        defer { avant.cleanup(); apres.cleanup() }
        let out = await DiffCommand.execute(ancien: avant.root + "/public", root: apres.root, format: .json, projets: true)
        #expect(out.code == 0)
        // The JSON keeps its shape: the remark on positional ids goes to stderr.
        #expect(out.stderr == "ctg diff : Les indicateurs et actions sans «\u{00A0}id\u{00A0}» (a1-o2-i1, a1-o2-x3) sont appariés par leur position\u{00A0}: un élément inséré avant eux les fait paraître changés. Donnez un «\u{00A0}id\u{00A0}» à ce que vous suivez.\n")
        let lignes = out.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lignes.first == #"{"version":1,"depuis":"2016-03-31","date_reference":"2016-06-30","changements":["#)
        #expect(lignes.dropFirst().first == #"{"convention":"lille-2014","type":"convention-retiree","attention":false,"message":"convention retirée du site"},"#)
        #expect(lignes.contains(#"{"convention":"roubaix-2014","type":"resultat-modifie","indicateur":"places-eaje","annee":2015,"avant":905,"apres":912,"attention":true,"message":"Places en EAJE\#u{00A0}: le résultat 2015 passe de 905 à 912"},"#))
        #expect(lignes.contains(#"{"convention":"roubaix-2014","type":"resultat-ajoute","indicateur":"places-eaje","annee":2016,"avant":null,"apres":930,"attention":false,"message":"Places en EAJE\#u{00A0}: nouveau résultat 2016, 930"},"#))
        #expect(lignes.contains(#"{"convention":"roubaix-2014","type":"reference-modifiee","indicateur":"places-eaje","avant":{"annee":2013,"valeur":850},"apres":{"annee":2013,"valeur":840},"attention":true,"message":"Places en EAJE\#u{00A0}: la référence passe de 850 en 2013 à 840 en 2013"},"#))
        #expect(lignes.contains(#"{"convention":"roubaix-2014","type":"echeance-modifiee","action":"relais","avant":"2016-09-01","apres":"2017-03-01","attention":true,"message":"Ouvrir un relais petite enfance\#u{00A0}: l'échéance passe du 1er\#u{00A0}septembre 2016 au 1er\#u{00A0}mars 2017"},"#))
        #expect(lignes.contains(#"{"convention":"roubaix-2014","type":"moyens-modifies","annee":2015,"poste":"action_sociale","avant":12500000.5,"apres":13000000,"attention":false,"message":"moyens 2015, action sociale\#u{00A0}: de 12\#u{202F}500\#u{202F}000,50\#u{00A0}€ à 13\#u{202F}000\#u{202F}000\#u{00A0}€"},"#))
        #expect(lignes.contains(#"{"convention":"tourcoing-2014","type":"convention-signee","avant":null,"apres":"2016-05-02","attention":false,"message":"convention signée le 2\#u{00A0}mai 2016"},"#))
        #expect(lignes.suffix(3) == [#"{"convention":"wattrelos-2014","type":"convention-ajoutee","attention":false,"message":"nouvelle convention sur le site, en cours"}"#, "]}", ""])
        // Valid JSON, one change a line, in the order of the text, with the same messages.
        let racine = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
        let changements = try #require(racine["changements"] as? [[String: Any]])
        #expect(changements.count == 18)
        let types = changements.map { $0["type"] as? String ?? "" }
        #expect(types == ["convention-retiree", "indicateur-ajoute", "indicateur-retire", "resultat-ajoute", "resultat-modifie",
                          "resultat-modifie", "cible-modifiee", "reference-modifiee", "etat-modifie", "action-ajoutee",
                          "action-retiree", "action-etat-modifie", "echeance-modifiee", "budget-modifie", "moyens-modifies",
                          "phase-modifiee", "convention-signee", "convention-ajoutee"])
        #expect(changements.filter { $0["attention"] as? Bool == true }.map { $0["type"] as? String ?? "" }
                == ["resultat-modifie", "resultat-modifie", "cible-modifiee", "reference-modifiee", "echeance-modifiee"])
        #expect(changements.map { $0["indicateur"] as? String ?? $0["action"] as? String ?? "" }[1...8]
                == ["familles-laep", "heures-accueil", "places-eaje", "a1-o1-i2", "places-eaje", "places-eaje", "places-eaje", "a1-o1-i2"])
        let texte = await DiffCommand.execute(ancien: avant.root + "/public", root: apres.root, format: .text, projets: true).stdout
        for c in changements { #expect(texte.contains(c["message"] as? String ?? "\u{0}")) }
    }

    @Test("a build compared with itself: « aucun changement », an empty list")
    func lui() async throws {
        let (avant, apres) = try await DiffFixture.paire()
        defer { avant.cleanup(); apres.cleanup() }
        let texte = await DiffCommand.execute(ancien: avant.root + "/public", root: avant.root, format: .text, projets: true)
        #expect(texte == CommandOutcome(stdout: "aucun changement depuis le 31\u{00A0}mars 2016 (date de référence\u{00A0}: 31\u{00A0}mars 2016)\n", stderr: "", code: 0))
        let json = await DiffCommand.execute(ancien: avant.root + "/public", root: avant.root, format: .json, projets: true)
        #expect(json.stdout == #"{"version":1,"depuis":"2016-03-31","date_reference":"2016-03-31","changements":[]}"# + "\n")
        // Without --projets, the draft of the previous build is not on the site now: removed.
        let sansProjets = await DiffCommand.execute(ancien: avant.root + "/public", root: avant.root, format: .json)
        #expect(sansProjets.stdout.contains(#"{"convention":"tourcoing-2014","type":"convention-retiree","attention":false,"message":"convention retirée du site"}"#))
    }

    /// A review build of Roubaix with a placeholder left as its relais' pilote, and the
    /// project now with that one filled in and another left (ten lines lower in the file).
    static func paireRevue() async throws -> (avant: ProjectFixture, apres: ProjectFixture) {
        let fichier = "content/territoires/roubaix-2014.md"
        let avant = ProjectFixture(files: [fichier: ProjectFixture.roubaix.replacing1("pilote: Caf du Nord", "pilote: À compléter")],
                                   siteYml: DiffFixture.siteAvant)
        let result = try await Builder.build(BuildOptions(root: avant.root, revue: true))
        #expect(result.written)
        #expect(result.checked.findings.map(\.rule) == [.aCompleter])
        let apres = ProjectFixture(files: [fichier: ProjectFixture.roubaix
            .replacing1("partenaires: [Caf du Nord, PMI]", "partenaires: [À compléter]")])
        return (avant, apres)
    }

    static let repere = "c'est un repère du modèle écrit par ctg new, à remplacer par la vraie valeur avant publication"

    @Test("review builds: the findings that appeared or went away, matched by rule and message, not by line")
    func constats() async throws {
        let (avant, apres) = try await Self.paireRevue()
        defer { avant.cleanup(); apres.cleanup() }
        let json = try #require(FileManager.default.contents(atPath: avant.root + "/public/donnees/conventions.json"))
        #expect(String(decoding: json, as: UTF8.self).hasPrefix(#"{"version":2,"date_reference":"2016-03-31","revue":true,"conventions":["#))
        let texte = await DiffCommand.execute(ancien: avant.root + "/public", root: apres.root, format: .text)
        #expect(texte.code == 0)
        #expect(texte.stdout == """
        2 changements depuis le 31\u{00A0}mars 2016 (date de référence\u{00A0}: 30\u{00A0}juin 2016)

        roubaix-2014 — Convention territoriale globale de Roubaix 2014-2017
          - nouvel avertissement [a-completer]\u{00A0}: « partenaires » vaut encore « À compléter » : \(Self.repere)
          - avertissement levé [a-completer]\u{00A0}: « pilote » vaut encore « À compléter » : \(Self.repere)

        """)
        let sortie = await DiffCommand.execute(ancien: avant.root + "/public", root: apres.root, format: .json)
        let lignes = sortie.stdout.split(separator: "\n").map(String.init)
        #expect(lignes.dropFirst().first == #"{"convention":"roubaix-2014","type":"constat-apparu","regle":"a-completer","gravite":"warning","attention":false,"message":"nouvel avertissement [a-completer]\#u{00A0}: « partenaires » vaut encore « À compléter » : "# + Self.repere + #""},"#)
        #expect(lignes.dropFirst(2).first?.hasPrefix(#"{"convention":"roubaix-2014","type":"constat-disparu","regle":"a-completer","gravite":"warning","attention":false,"message":"avertissement levé [a-completer]"#) == true)
        // The same review build compared with itself: nothing changed, findings included.
        let lui = await DiffCommand.execute(ancien: avant.root + "/public", root: avant.root, format: .json)
        #expect(lui.stdout == #"{"version":1,"depuis":"2016-03-31","date_reference":"2016-03-31","changements":[]}"# + "\n")
        // A public build as ANCIEN holds no findings: none compared, and no word of them.
        #expect(try await Builder.build(BuildOptions(root: avant.root, output: avant.root + "/public-non-revue")).written)
        let sansRevue = await DiffCommand.execute(ancien: avant.root + "/public-non-revue", root: apres.root, format: .text)
        #expect(!sansRevue.stdout.contains("constat") && !sansRevue.stdout.contains("avertissement"))
        // One review build and one public build: said once, each way.
        let publique = try Ancien.lire(avant.root + "/public-non-revue"), revue = try Ancien.lire(avant.root + "/public")
        #expect(Evolutions.remarques(Comparaison.comparer(publique, revue))
                == ["Le site précédent a été produit sans --revue\u{00A0}: ses constats ne sont pas connus, ils ne sont pas comparés."])
        #expect(Evolutions.remarques(Comparaison.comparer(revue, publique))
                == ["Le site précédent a été produit avec --revue, celui-ci sans\u{00A0}: les constats ne sont pas comparés, et les projets que le site précédent montrait paraissent retirés."])
        // build --revue --depuis: the dashboard's « Depuis le … » block links the new finding to the findings shown.
        #expect(try await Builder.build(BuildOptions(root: apres.root, revue: true, depuis: avant.root + "/public")).written)
        let page = try String(contentsOfFile: apres.root + "/public/territoires/roubaix-2014/index.html", encoding: .utf8)
        #expect(page.contains(##"<a href="#Constats">nouvel avertissement [a-completer]"##))
        #expect(page.contains("avertissement levé [a-completer]"))
    }

    /// The « before » Roubaix as a version 1 file held it (no targets nor results by year, no actions one by one).
    static let v1 = """
    {"version":1,"date_reference":"2016-03-31","conventions":[
    {"id":"roubaix-2014","titre":"Convention territoriale globale de Roubaix 2014-2017","phase":"en-cours","signature":"2014-01-15",\
    "actions":{"total":2,"realisees":1},"indicateurs":[\
    {"id":"places-eaje","libelle":"Places en EAJE","unite":"places","reference":{"annee":2013,"valeur":850},"cible_finale":{"annee":2017,"valeur":980},"dernier_resultat":{"annee":2015,"valeur":905},"taux":42,"etat":"en-bonne-voie"},\
    {"id":"a1-o1-i2","libelle":"Taux de couverture","unite":"%","reference":{"annee":2013,"valeur":2.7},"cible_finale":{"annee":2017,"valeur":3.5},"dernier_resultat":{"annee":2016,"valeur":2.80},"taux":13,"etat":"en-retard"}],\
    "moyens":[{"annee":2014,"prestations_legales":245000000,"action_sociale":12000000,"total":257000000},{"annee":2015,"prestations_legales":250000000,"action_sociale":12500000.5,"total":262500000.5}]}
    ]}

    """

    @Test("a version 1 file as ANCIEN: what it holds is compared, what it lacks said once")
    func versionUn() async throws {
        let apres = ProjectFixture(files: ["content/territoires/roubaix-2014.md": DiffFixture.roubaixApres])
        defer { apres.cleanup() }
        apres.write("ancien.json", Self.v1)
        let out = await DiffCommand.execute(ancien: apres.root + "/ancien.json", root: apres.root, format: .text)
        #expect(out.code == 0)
        #expect(out.stdout == """
        7 changements depuis le 31\u{00A0}mars 2016 (date de référence\u{00A0}: 30\u{00A0}juin 2016), dont 4 à examiner par le conseil (marqués «\u{00A0}!\u{00A0}»)

        roubaix-2014 — Convention territoriale globale de Roubaix 2014-2017
          - Familles reçues au lieu d'accueil enfants-parents\u{00A0}: nouvel indicateur
          ! Taux de couverture\u{00A0}: le résultat 2016 passe de 2,80\u{202F}% à 3,6\u{202F}%
          ! Places en EAJE\u{00A0}: le résultat 2015 passe de 905 à 912
          ! Places en EAJE\u{00A0}: la cible 2017 passe de 980 à 960
          ! Places en EAJE\u{00A0}: la référence passe de 850 en 2013 à 840 en 2013
          - Taux de couverture\u{00A0}: l'état passe de «\u{00A0}en retard\u{00A0}» à «\u{00A0}atteint\u{00A0}»
          - moyens 2015, action sociale\u{00A0}: de 12\u{202F}500\u{202F}000,50\u{00A0}€ à 13\u{202F}000\u{202F}000\u{00A0}€

        Le site précédent a un conventions.json de version 1\u{00A0}: il ne donne ni les cibles ni les résultats de chaque année, ni les actions une à une. Seuls sont comparés les conventions, leur phase, leur signature et leurs moyens, et de chaque indicateur la référence, la cible finale, le dernier résultat et l'état\u{202F}; un nouveau résultat ou un changement d'action n'y paraît pas.

        Les indicateurs et actions sans «\u{00A0}id\u{00A0}» (a1-o2-i1, a1-o2-x3) sont appariés par leur position\u{00A0}: un élément inséré avant eux les fait paraître changés. Donnez un «\u{00A0}id\u{00A0}» à ce que vous suivez.

        """)
        // In JSON the object keeps its shape; the remark goes to stderr, once.
        let json = await DiffCommand.execute(ancien: apres.root + "/ancien.json", root: apres.root, format: .json)
        #expect(json.code == 0)
        #expect(json.stdout.hasPrefix(#"{"version":1,"depuis":"2016-03-31","date_reference":"2016-06-30","changements":["#))
        #expect(json.stderr.components(separatedBy: "version 1").count == 2)
        #expect(json.stderr.hasPrefix("ctg diff : Le site précédent a un conventions.json de version 1"))
    }

    @Test("ANCIEN that cannot be read: exit 2, a French message naming the file, never a crash")
    func illisible() async throws {
        let p = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { p.cleanup() }
        func diff(_ contenu: [UInt8]?) async -> CommandOutcome {
            if let contenu { p.writeBytes("ancien.json", contenu) }
            return await DiffCommand.execute(ancien: p.root + "/ancien.json", root: p.root, format: .json)
        }
        let f = p.root + "/ancien.json"
        let cas: [(String, [UInt8]?, String)] = [
            ("absent", nil, "ctg diff : « \(f) » introuvable\u{00A0}: donnez le dossier d'un site produit par ctg build, ou son fichier donnees/conventions.json\n"),
            ("vide", [], "ctg diff : « \(f) »\u{00A0}: le fichier est vide\n"),
            ("blancs", Array(" \n".utf8), "ctg diff : « \(f) »\u{00A0}: le fichier est vide\n"),
            ("pas du JSON", Array("<html>".utf8), "ctg diff : « \(f) »\u{00A0}: ce n'est pas du JSON valide (octet 1\u{00A0}: valeur attendue)\n"),
            ("tronqué", Array(#"{"version":2,"conventions":["#.utf8), "ctg diff : « \(f) »\u{00A0}: ce n'est pas du JSON valide (octet 29\u{00A0}: fin du fichier inattendue)\n"),
            ("étranger", Array(#"{"name":"ctg","dependencies":{}}"#.utf8), "ctg diff : « \(f) »\u{00A0}: ce JSON n'est pas un fichier « donnees/conventions.json » produit par ctg build (il y faut « version », « date_reference » et « conventions »)\n"),
            ("une liste", Array("[1,2]".utf8), "ctg diff : « \(f) »\u{00A0}: ce JSON n'est pas un fichier « donnees/conventions.json » produit par ctg build (il y faut « version », « date_reference » et « conventions »)\n"),
            ("version 3", Array(#"{"version":3,"date_reference":"2016-03-31","conventions":[]}"#.utf8), "ctg diff : « \(f) »\u{00A0}: c'est un fichier conventions.json de version 3, que ctg ne sait pas lire (versions 1 et 2 seulement)\n"),
            ("sans id", Array(#"{"version":2,"conventions":[{"titre":"x"}]}"#.utf8), "ctg diff : « \(f) »\u{00A0}: la convention n° 1 de « conventions » n'a pas d'identifiant (« id »)\n"),
            ("imbriqué", Array(String(repeating: "[", count: 100_000).utf8), "ctg diff : « \(f) »\u{00A0}: ce n'est pas du JSON valide (octet 65\u{00A0}: imbrication trop profonde)\n"),
            ("pas de l'UTF-8", [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], "ctg diff : « \(f) »\u{00A0}: ce n'est pas du JSON valide (octet 5\u{00A0}: texte qui n'est pas de l'UTF-8)\n"),
        ]
        for (nom, contenu, message) in cas {
            let out = await diff(contenu)
            #expect(out == CommandOutcome(stdout: "", stderr: message, code: 2), "\(nom)")
        }
        // A folder that is not a build.
        let dossier = await DiffCommand.execute(ancien: p.root, root: p.root, format: .text)
        #expect(dossier == CommandOutcome(stdout: "", stderr: "ctg diff : « \(p.root)/donnees/conventions.json » introuvable\u{00A0}: « \(p.root) » n'est pas le dossier d'un site produit par ctg build\n", code: 2))
        // The project now cannot be read: exit 2 as well.
        p.write("ancien.json", #"{"version":2,"date_reference":"2016-03-31","conventions":[]}"#)
        let sansProjet = await DiffCommand.execute(ancien: p.root + "/ancien.json", root: "/nonexistent-ctg-project", format: .text)
        #expect(sansProjet.code == 2)
        #expect(sansProjet.stderr.hasPrefix("ctg diff : dossier « /nonexistent-ctg-project/content » introuvable"))
    }

    @Test("every prefix of a real conventions.json is read or refused, never a crash")
    func prefixes() async throws {
        let (avant, apres) = try await DiffFixture.paire()
        defer { avant.cleanup(); apres.cleanup() }
        let bytes = try #require(FileManager.default.contents(atPath: avant.root + "/public/donnees/conventions.json")).map { $0 }
        let complet = try Instantane.lire(bytes)
        #expect(complet.version == 2 && complet.conventions.map(\.id) == ["lille-2014", "roubaix-2014", "tourcoing-2014"])
        // A file as ctg build writes it is read line by line on every core: the same values as
        // the whole file read at once (and the v1 file, one line per convention too).
        #expect(Instantane.parLignes(bytes) == complet)
        #expect(try Instantane.lireEntier(bytes) == complet)
        let v1 = Array(Self.v1.utf8)
        #expect(Instantane.parLignes(v1) != nil)
        #expect(Instantane.parLignes(v1) == (try Instantane.lireEntier(v1)))
        // Laid out otherwise (indented), it is read whole, to the same values.
        let indente = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: ",\"", with: ",\n  \"").utf8)
        #expect(Instantane.parLignes(indente) == nil)
        #expect(try Instantane.lire(indente) == complet)
        var refuses = 0
        for n in 0..<bytes.count {
            do { _ = try Instantane.lire(Array(bytes[..<n])) } catch { refuses += 1 }
        }
        // Only the prefix that lacks just the final line break is still a whole document.
        #expect(refuses == bytes.count - 1)
    }

    @Test("the reader keeps numbers as written and decodes escapes")
    func lecture() throws {
        let v = try LectureJSON.lire(Array(#" {"a": [1e6, -0.50, "\u00e9\ud83d\ude00\n", true, null], "b": {}} "#.utf8))
        #expect(v["a"] == .liste([.nombre("1e6"), .nombre("-0.50"), .texte("é😀\n"), .bool(true), .null]))
        #expect(v["b"] == .objet([]))
        #expect(throws: ErreurJSON.self) { try LectureJSON.lire(Array("01".utf8)) }
        #expect(throws: ErreurJSON.self) { try LectureJSON.lire(Array(#"{"a":1,}"#.utf8)) }
        // Equal values written differently are no change.
        #expect(Comparaison.egaux("2.70", "2.7") && !Comparaison.egaux("2.7", "2.8") && !Comparaison.egaux(nil, "0"))
    }

    @Test("arguments: ANCIEN, DIR, --format; help in French says how ids are matched")
    func arguments() throws {
        let cmd = try #require(try CTG.parseAsRoot(["diff", "ancien", "projet", "--format", "json"]) as? DiffCommand)
        #expect(cmd.ancien == "ancien" && cmd.dir == "projet" && cmd.format == .json && !cmd.projets)
        let parDefaut = try #require(try CTG.parseAsRoot(["diff", "ancien"]) as? DiffCommand)
        #expect(parDefaut.dir == "." && parDefaut.format == .text)
        #expect(throws: (any Error).self) { _ = try CTG.parseAsRoot(["diff"]) }
        #expect(throws: (any Error).self) { _ = try CTG.parseAsRoot(["diff", "a", "--format", "sarif"]) }
        let aide = CTG.francais(CTG.helpMessage(for: DiffCommand.self))
        #expect(aide.contains("appariés par leur position"))
        #expect(aide.contains("Exemples : ctg diff"))
        #expect(CTG.francais(CTG.helpMessage(for: CTG.self)).contains("diff"))
    }
}
