import Model
import Rules
import Testing

/// For every rule, changes of the valid base project that trigger it — each giving exactly
/// one finding (one defect, one finding), at the place RULES.md says.
let triggerCases: [RuleCase] = [
    // Reading the files
    RuleCase(.yamlInvalide, "front matter that is a list", F.roubaix, .text("- a")) { @Sendable _ in "---\n- a\n- b\n---\nTexte.\n" },
    RuleCase(.yamlInvalide, "a referenced convention whose front matter is a list: no reference-inconnue", F.nord, .text("- a")) { @Sendable _ in "---\n- a\n---\n" },
    RuleCase(.yamlInvalide, "a referenced convention that is not YAML: no reference-inconnue", F.nord, .text("---", nth: 2)) { @Sendable _ in "---\ntitre: [\n---\n" },
    RuleCase(.referenceInconnue, "accord_cadre naming the convention itself, on a departmental one", F.nord, .text("accord_cadre: nord-2014", shift: 14)) {
        $0.replacing1("signature: 2014-04-24\n", "signature: 2014-04-24\naccord_cadre: nord-2014\n")
    },
    RuleCase(.yamlInvalide, "no closing ---", F.roubaix, .start) { $0.replacing1("\n---\n## Le territoire", "\n## Le territoire") },
    RuleCase(.cleInconnue, "misspelt key beside the right one", F.roubaix, .text("signatur: ")) {
        $0.replacing1("signature: 2014-01-15\n", "signature: 2014-01-15\nsignatur: 2014-01-15\n")
    },
    RuleCase(.cleInconnue, "misspelt key for an absent one: one finding, not two", F.roubaix, .text("pilot: ")) {
        $0.replacing1("    pilote: Centre social", "    pilot: Centre social")
    },
    RuleCase(.cleManquante, "territoire without nom", F.roubaix, .text("territoire:")) { $0.replacing1("  nom: Roubaix\n", "") },
    RuleCase(.typeInvalide, "echelon outside its closed list", F.roubaix, .text("locale")) { $0.replacing1("echelon: local", "echelon: locale") },
    RuleCase(.idInvalide, "id with capitals", F.roubaix, .text("Roubaix_2014")) { $0.replacing1("id: roubaix-2014", "id: Roubaix_2014") },
    RuleCase(.idDuplique, "two conventions with one id: the later path", F.roubaix, .text("roubaix-2014", shift: 0),
             edits: [edit(F.mel, { $0.replacing1("id: mel-2015", "id: roubaix-2014") })]),
    RuleCase(.idDuplique, "an objectif reusing an axe's id", F.roubaix, .text("id: accueil", nth: 2, shift: 4)) {
        $0.replacing1("      - id: places\n", "      - id: accueil\n")
    },
    RuleCase(.idDuplique, "a derived id colliding with a written one", F.roubaix, .text("- titre: Soutenir", shift: 2)) {
        $0.replacing1("  - id: accueil\n", "  - id: a2\n").replacing1("      - id: places\n", "      - id: places-x\n")
    },
    RuleCase(.referenceInconnue, "renouvelle naming no convention", F.roubaix, .text("roubaix-2009")) {
        $0.replacing1("renouvelle: roubaix-2010", "renouvelle: roubaix-2009")
    },
    RuleCase(.referenceInconnue, "diagnostic.page naming no file", F.nord, .text("diagnostique.md")) {
        $0.replacing1("page: diagnostic.md", "page: diagnostique.md")
    },
    RuleCase(.lienCasse, "link to a missing convention", F.roubaix, .text("roubaix-2011.md")) {
        $0.replacing1("(roubaix-2010.md)", "(roubaix-2011.md)")
    },
    RuleCase(.lienCasse, "absolute link", F.roubaix, .text("/pages/methode.md")) {
        $0.replacing1("(../pages/methode.md)", "(/pages/methode.md)")
    },
    RuleCase(.lienCasse, "link in an annex", F.annexe, .text("../roubaix.md")) { $0.replacing1("../roubaix-2014.md", "../roubaix.md") },
    RuleCase(.lienCasse, "image in a free page", F.page, .text("carte.png")) { $0 + "\n![Carte](carte.png)\n" },
    RuleCase(.lienCasse, "link to a bundle folder", F.page, .text("../territoires/nord-2014/")) {
        $0.replacing1("../territoires/nord-2014/index.md", "../territoires/nord-2014/")
    },
    RuleCase(.signatureDouteuse, "signature misspelt, none beside it: an error, not a warning", F.roubaix, .text("signatur: ")) {
        $0.replacing1("signature: 2014-01-15\n", "signatur: 2014-01-15\n")
    },
    RuleCase(.signatureDouteuse, "date_signature in place of signature", F.roubaix, .text("date_signature: ")) {
        $0.replacing1("signature: 2014-01-15\n", "date_signature: 2014-01-15\n")
    },
    RuleCase(.lienSymbolique, "an annex linked from a shared folder: not followed", "content/territoires/nord-2014/partage.md", .start) { @Sendable _ in
        symbolicLink(to: "/etc/passwd")
    },
    RuleCase(.lienSymbolique, "a linked folder of pages: one finding, not followed", "content/pages/commun", .start) { @Sendable _ in
        symbolicLink(to: "/usr/share")
    },
    RuleCase(.lienSymbolique, "the project's stylesheet linked to a system file", "templates/style.css", .start) { @Sendable _ in
        symbolicLink(to: "/etc/passwd")
    },
    RuleCase(.aCompleter, "a territory's name left as ctg new writes it", F.roubaix, .text("À compléter")) {
        $0.replacing1("  nom: Roubaix\n", "  nom: À compléter\n")
    },
    RuleCase(.aCompleter, "a partner « (à compléter) », in capitals without accent", F.roubaix, .text("Caf (A COMPLETER)")) {
        $0.replacing1("partenaires: [Caf du Nord, Ville de Roubaix]", "partenaires: [Caf (A COMPLETER), Ville de Roubaix]")
    },
    RuleCase(.valeurInconnue, "a need outside the list", F.roubaix, .text("precarité")) {
        $0.replacing1("besoins: [precarite,", "besoins: [precarité,")
    },
    RuleCase(.valeurInconnue, "an existing contract's type outside the list", F.roubaix, .text("contrat")) {
        $0.replacing1("  - type: cej", "  - type: contrat")
    },

    // The convention
    RuleCase(.signatairesCafCollectivite, "no Caf among the signataires", F.roubaix, .text("signataires:")) {
        $0.replacing1("  - nom: Caf du Nord\n    type: caf\n    representant: Le directeur\n", "")
    },
    RuleCase(.signatairesCafCollectivite, "signataires absent: line 1", F.roubaix, .start) {
        $0.replacing1("signataires:\n  - nom: Caf du Nord\n    type: caf\n    representant: Le directeur\n  - nom: Ville de Roubaix\n    type: commune\n    code: \"59512\"\n", "")
    },
    RuleCase(.echelonCoherent, "departemental for a commune: at the key", F.roubaix, .text("echelon:")) {
        $0.replacing1("echelon: local", "echelon: departemental")
    },
    RuleCase(.echelonCoherent, "local without a commune or EPCI signataire", F.roubaix, .text("echelon:")) {
        $0.replacing1("    type: commune\n    code: \"59512\"", "    type: departement")
    },
    RuleCase(.dureeQuatreAns, "three years", F.roubaix, .text("periode:")) { $0.replacing1("  fin: 2017-12-31", "  fin: 2016-12-31") },
    RuleCase(.chronologie, "diagnostic after signature", F.roubaix, .text("2014-02-01")) {
        $0.replacing1("  date: 2013-10-15", "  date: 2014-02-01")
    },
    RuleCase(.chronologie, "board after signature", F.roubaix, .text("2014-02-01")) {
        $0.replacing1("deliberation_ca: 2013-12-10", "deliberation_ca: 2014-02-01")
    },
    RuleCase(.deliberationCA, "signed without the board's date", F.roubaix, .start) { $0.replacing1("deliberation_ca: 2013-12-10\n", "") },
    RuleCase(.codeTerritoire, "commune outside its département", F.roubaix, .text("\"62512\"")) {
        $0.replacing1("code: \"59512\"", "code: \"62512\"")
    },
    RuleCase(.codeTerritoire, "SIREN failing Luhn", F.mel, .text("\"200093202\"")) {
        $0.replacing1("code: \"200093201\"", "code: \"200093202\"")
    },
    RuleCase(.codeTerritoire, "an EPCI none of whose communes lies in its département", F.mel, .text("\"59\"")) {
        $0.replacing1("communes: [\"59350\", \"59512\"]", "communes: [\"62041\", \"62263\"]")
    },
    RuleCase(.codeTerritoire, "département 20", F.roubaix, .text("\"20\"")) { $0.replacing1("departement: \"59\"", "departement: \"20\"") },
    RuleCase(.codeInconnu, "a commune code the COG does not know", F.roubaix, .text("\"59999\"")) {
        $0.replacing1("code: \"59512\"", "code: \"59999\"")
    },
    RuleCase(.codeInconnu, "a postal code for the commune's code", F.roubaix, .text("\"59000\"")) {
        $0.replacing1("code: \"59512\"", "code: \"59000\"")
    },
    RuleCase(.codeInconnu, "an EPCI SIREN with a right key that no EPCI has", F.mel, .text("\"200093219\"")) {
        $0.replacing1("code: \"200093201\"\n  departement", "code: \"200093219\"\n  departement")
    },
    RuleCase(.codeAncien, "a commune associée among an EPCI's communes", F.mel, .text("\"59355\"")) {
        $0.replacing1("communes: [\"59350\", \"59512\"]", "communes: [\"59350\", \"59512\", \"59355\"]")
    },
    RuleCase(.nomTerritoire, "a misspelt name, for a convention in force in 2025", RulesTerritoireCases.tourcoing, .text("Tourcoin")) { _ in
        RulesTerritoireCases.tourcoing2024(nom: "Tourcoin")
    },
    RuleCase(.communesEpci, "an EPCI listing two of its 95 members, in 2025", RulesTerritoireCases.mel2024, .text("communes:", shift: 10)) { _ in
        RulesTerritoireCases.mel2024(communes: "\n  communes: [\"59350\", \"59512\"]")
    },
    RuleCase(.chevauchement, "the later one overlaps its predecessor", F.roubaix, .text("periode:")) {
        $0.replacing1("  debut: 2014-01-01\n  fin: 2017-12-31", "  debut: 2013-07-01\n  fin: 2017-06-30")
    },
    RuleCase(.chevauchement, "same start: the path that sorts later", F.bis, .text("periode:"),
             edits: [edit(F.bis, { _ in RulesFixture.roubaix.replacing1("id: roubaix-2014", "id: roubaix-bis") })]),
    RuleCase(.accordCadreCoherent, "accord_cadre naming a local convention of another period: at the key", F.roubaix, .text("accord_cadre:")) {
        $0.replacing1("accord_cadre: nord-2014", "accord_cadre: roubaix-2010")
    },
    RuleCase(.accordCadreCoherent, "accord_cadre on the departmental convention", F.nord, .text("accord_cadre:")) {
        $0.replacing1("signature: 2014-04-24\n", "signature: 2014-04-24\naccord_cadre: mel-2015\n")
    },

    // Shared diagnostic
    RuleCase(.diagnosticPartage, "a single partenaire", F.roubaix, .text("diagnostic:")) {
        $0.replacing1("partenaires: [Caf du Nord, Ville de Roubaix]\n  besoins", "partenaires: [Caf du Nord]\n  besoins")
    },
    RuleCase(.diagnosticPartage, "no diagnostic: line 1", F.roubaix, .start) {
        $0.replacing1("diagnostic:\n  date: 2013-10-15\n  partenaires: [Caf du Nord, Ville de Roubaix]\n  besoins: [precarite, transports]\n  type_territoire: [urbain]\n", "")
    },
    RuleCase(.besoinsTerritoire, "no type_territoire", F.roubaix, .text("diagnostic:")) { $0.replacing1("  type_territoire: [urbain]\n", "") },

    // Fields, priorities and action plan
    RuleCase(.champBrancheFamille, "a field outside the branch", F.roubaix, .text("sport]")) {
        $0.replacing1("champs: [petite-enfance, parentalite]", "champs: [petite-enfance, parentalite, sport]")
    },
    RuleCase(.champsCouverts, "a field no axe covers", F.roubaix, .text("jeunesse")) {
        $0.replacing1("champs: [petite-enfance, parentalite]", "champs: [petite-enfance, parentalite, jeunesse]")
    },
    RuleCase(.champsCouverts, "an axe's field missing from champs", F.roubaix, .text("champ: parentalite", shift: 7)) {
        $0.replacing1("champs: [petite-enfance, parentalite]", "champs: [petite-enfance]")
    },
    RuleCase(.planActions, "an objectif without actions", F.roubaix, .text("libelle: Rapprocher")) {
        $0.replacing1("        actions:\n          - libelle: Ouvrir un lieu d'accueil enfants-parents\n            pilote: Centre social de l'Alma\n            echeance: 2016-09-30\n", "")
    },
    RuleCase(.planActions, "axes empty", F.roubaix, .text("axes:")) { @Sendable s in
        let from = s.range(of: "axes:\n")!.lowerBound, to = s.range(of: "evaluation:\n")!.lowerBound
        return s.replacingCharacters(in: from..<to, with: "axes: []\n")
    },
    RuleCase(.actionIncomplete, "no pilote", F.roubaix, .text("libelle: Ouvrir un lieu")) { $0.replacing1("            pilote: Centre social de l'Alma\n", "") },
    RuleCase(.actionHorsPeriode, "échéance after the end", F.roubaix, .text("2018-09-30")) {
        $0.replacing1("echeance: 2016-09-30", "echeance: 2018-09-30")
    },

    // Objectifs-résultats and evaluation
    RuleCase(.objectifSansIndicateur, "no indicateurs", F.roubaix, .text("libelle: Rapprocher")) {
        $0.replacing1("        indicateurs:\n          - libelle: Familles accompagnées\n            unite: familles\n            reference: { annee: 2013, valeur: 640 }\n            cibles: { 2017: 900 }\n", "")
    },
    RuleCase(.indicateurIncomplet, "no unite", F.roubaix, .text("libelle: Familles")) { $0.replacing1("            unite: familles\n", "") },
    RuleCase(.indicateurIncomplet, "no reference valeur", F.roubaix, .text("libelle: Familles")) {
        $0.replacing1("{ annee: 2013, valeur: 640 }", "{ annee: 2013 }")
    },
    RuleCase(.cibleHorsPeriode, "a target after the end", F.roubaix, .text("2019")) { $0.replacing1("cibles: { 2017: 900 }", "cibles: { 2019: 900 }") },
    RuleCase(.resultatInvalide, "a result before the reference", F.roubaix, .text("2012: 840")) {
        $0.replacing1("resultats: { 2014: 860,", "resultats: { 2012: 840,")
    },
    RuleCase(.resultatInvalide, "a result after date_reference", F.roubaix, .text("2017: 990")) {
        $0.replacing1("2015: 905 }", "2015: 905, 2017: 990 }")
    },
    RuleCase(.evaluationAvantRenouvellement, "renewing a convention never evaluated: at the key", F.roubaix, .text("renouvelle:"),
             edits: [edit(F.r2010, { $0.replacing1("evaluation:\n  date: 2013-10-22\n  type: finale\n", "") })]),
    RuleCase(.evaluationAvantRenouvellement, "evaluated after the renewal's signature", F.roubaix, .text("renouvelle:"),
             edits: [edit(F.r2010, { $0.replacing1("date: 2013-10-22", "date: 2014-02-01").replacing1("type: finale", "type: intermediaire") })]),
    RuleCase(.evaluationAvantRenouvellement, "renewing a convention whose evaluation has no date (not a required key)", F.roubaix, .text("renouvelle:"),
             edits: [edit(F.r2010, { $0.replacing1("  date: 2013-10-22\n", "") })]),
    RuleCase(.evaluationAttendue, "over, not renewed, no final evaluation", F.r2010, .text("periode:"),
             edits: [edit(F.roubaix, { $0.replacing1("renouvelle: roubaix-2010\n", "") }),
                     edit(F.r2010, { $0.replacing1("type: finale", "type: intermediaire") })]),
    RuleCase(.moyensAffiches, "a year without prestations légales", F.roubaix, .text("annee: 2014")) {
        $0.replacing1("    prestations_legales: 245000000\n", "")
    },
    RuleCase(.moyensAffiches, "no moyens: line 1", F.roubaix, .start) {
        $0.replacing1("moyens:\n  - annee: 2014\n    prestations_legales: 245000000\n    action_sociale: 12000000\n  - annee: 2015\n    prestations_legales: 250000000\n    action_sociale: 12500000\n", "")
    },
    RuleCase(.moyensAffiches, "a year outside the period", F.roubaix, .text("annee: 2019")) { $0.replacing1("annee: 2015", "annee: 2019") },
    RuleCase(.moyensAffiches, "a row without its year (annee is not a required key): the row", F.roubaix, .text("prestations_legales: 250000000")) {
        $0.replacing1("  - annee: 2015\n    prestations_legales: 250000000", "  - prestations_legales: 250000000")
    },
    RuleCase(.rationalisation, "no devenir", F.roubaix, .text("type: cej")) { $0.replacing1("    devenir: integre\n", "") },
    RuleCase(.schemasArticulation, "schemas empty", F.roubaix, .text("schemas:")) { $0.replacing1("schemas: [sdsf]", "schemas: []") },
    RuleCase(.schemasArticulation, "schemas absent: line 1", F.roubaix, .start) { $0.replacing1("schemas: [sdsf]\n", "") },
    RuleCase(.gouvernance, "no gouvernance: line 1", F.roubaix, .start) {
        $0.replacing1("gouvernance:\n  comite_pilotage: [Caf du Nord, Ville de Roubaix]\n", "")
    },
    RuleCase(.gouvernance, "no comité de pilotage", F.roubaix, .text("gouvernance:")) {
        $0.replacing1("  comite_pilotage: [Caf du Nord, Ville de Roubaix]\n", "  comite_technique: [Caf du Nord]\n")
    },
]

/// The results sheet of Roubaix (`tableur: resultats.csv`), and the front matter that names it.
enum Feuille {
    static let chemin = "content/territoires/resultats.csv"
    static let cle: @Sendable (String) -> String = { $0.replacing1("signature: 2014-01-15\n", "signature: 2014-01-15\ntableur: resultats.csv\n") }
}

let triggerTableurCases: [RuleCase] = [
    RuleCase(.tableurInvalide, "a year written in words: the cell", Feuille.chemin, .cell(line: 2, column: 2),
             edits: [edit(F.roubaix, Feuille.cle), edit(Feuille.chemin, { _ in "indicateur;annee;resultat\nplaces-eaje;deux mille seize;930\n" })]),
    RuleCase(.tableurInvalide, "no header naming resultat: its first cell", Feuille.chemin, .cell(line: 1, column: 1),
             edits: [edit(F.roubaix, Feuille.cle), edit(Feuille.chemin, { _ in "indicateur;annee;valeur\nplaces-eaje;2016;930\n" })]),
    RuleCase(.tableurInvalide, "the sheet named is not there: the tableur key's value", F.roubaix, .text("resultats.csv"),
             edits: [edit(F.roubaix, Feuille.cle)]),
    RuleCase(.indicateurInconnu, "an id one letter off: the cell", Feuille.chemin, .cell(line: 3, column: 1),
             edits: [edit(F.roubaix, Feuille.cle), edit(Feuille.chemin, { _ in "indicateur,annee,resultat\nplaces-eaje,2016,930\nplace-eaje,2016,930\n" })]),
    RuleCase(.valeurEnDouble, "2015 is 905 in the front matter, 910 in the sheet: the sheet's cell", Feuille.chemin, .cell(line: 2, column: 3),
             edits: [edit(F.roubaix, Feuille.cle), edit(Feuille.chemin, { _ in "indicateur;annee;resultat\nplaces-eaje;2015;910\n" })]),
    RuleCase(.valeurEnDouble, "twice in the sheet: the second", Feuille.chemin, .cell(line: 3, column: 3),
             edits: [edit(F.roubaix, Feuille.cle), edit(Feuille.chemin, { _ in "indicateur;annee;resultat\nplaces-eaje;2016;930\nplaces-eaje;2016;930\n" })]),
]

@Suite("Rules: each rule triggers, once, where RULES.md says")
struct RulesTriggerTests {
    @Test("a change of the valid base gives exactly the expected finding", arguments: triggerCases + trigger2020Cases + triggerTableurCases)
    func triggers(_ c: RuleCase) async throws {
        let files = c.files
        let text = try #require(files[c.file])
        let expected: Seen
        switch c.anchor {
        case .start:
            expected = Seen(rule: c.rule, severity: c.rule.defaultSeverity, file: c.file, line: 1, column: 1)
        case let .text(needle, nth, shift):
            let p = try #require(position(of: needle, in: text, nth: nth), "« \(needle) » introuvable")
            expected = Seen(rule: c.rule, severity: c.rule.defaultSeverity, file: c.file, line: p.line, column: p.column + shift)
        case let .cell(line, column):
            expected = Seen(rule: c.rule, severity: c.rule.defaultSeverity, file: c.file, line: line, column: column)
        }
        let findings = try await RulesFixture.check(files)
        #expect(findings.map(Seen.init) == [expected], "\(findings.map(\.description).joined(separator: "\n"))")
        #expect(findings.allSatisfy { !$0.message.isEmpty })
    }

    @Test("every rule id of the catalogue has a case that triggers it")
    func everyRuleTriggered() {
        let covered = Set((triggerCases + trigger2020Cases + triggerTableurCases).map(\.rule))
        #expect(Set(RuleID.allCases).subtracting(covered) == [])
    }
}

/// Conventions in force on 1 January 2025, the referential's date, for the rules that compare
/// names and memberships only from then on.
enum RulesTerritoireCases {
    static let tourcoing = "content/territoires/tourcoing-2024.md"
    static let mel2024 = "content/territoires/mel-2024.md"

    // These cases are about territories, not frameworks: the conventions name the 2013 one,
    // whose rules their single field satisfies (from 2020 on, the default is cnaf-2020).
    static func tourcoing2024(nom: String) -> String {
        RulesFixture.convention(
            id: "tourcoing-2024", echelon: "local",
            territoire: "  nom: \(nom)\n  type: commune\n  code: \"59599\"\n  departement: \"59\"",
            signataire: "  - nom: Ville de Tourcoing\n    type: commune",
            debut: "2024-01-01", fin: "2027-12-31", signature: "2023-12-15", extra: "cadre: cnaf-2013\n", annee: 2024)
    }

    static func mel2024(communes: String) -> String {
        RulesFixture.convention(
            id: "mel-2024", echelon: "local",
            territoire: "  nom: Métropole européenne de Lille\n  type: epci\n  code: \"200093201\"\n  departement: \"59\"\(communes)",
            signataire: "  - nom: Métropole européenne de Lille\n    type: epci\n    code: \"200093201\"",
            debut: "2024-01-01", fin: "2027-12-31", signature: "2023-12-15", extra: "cadre: cnaf-2013\n", annee: 2024)
    }
}
