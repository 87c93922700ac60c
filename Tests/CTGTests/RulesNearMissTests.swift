import Model
import Rules
import Testing

/// For every rule, a change close to its trigger that is still valid: zero findings.
let nearMisses: [NearMiss] = [
    NearMiss(.yamlInvalide, "CRLF line ends, and a YAML anchor with its alias", F.roubaix) {
        $0.replacing1("comite_pilotage: [Caf du Nord, Ville de Roubaix]", "comite_pilotage: &pilotes [Caf du Nord, Ville de Roubaix]\n  comite_technique: *pilotes")
            .replacingOccurrences(of: "\n", with: "\r\n")
    },
    NearMiss(.cleInconnue, "every optional key of an action", F.roubaix) {
        $0.replacing1("            etat: realisee\n", "            etat: realisee\n            partenaires: [PMI]\n            budget: 120000.50\n")
    },
    NearMiss(.cleManquante, "optional keys absent (representant, communes, id)", F.roubaix) {
        $0.replacing1("    representant: Le directeur\n", "").replacing1("  communes: [\"59512\"]\n", "").replacing1("      - id: places\n        libelle", "      - libelle")
    },
    NearMiss(.typeInvalide, "unquoted codes, a single text for a list", F.roubaix) {
        $0.replacing1("code: \"59512\"", "code: 59512").replacing1("departement: \"59\"", "departement: 59").replacing1("schemas: [sdsf]", "schemas: sdsf")
    },
    NearMiss(.idInvalide, "ids of digits and dashes", F.roubaix) { $0.replacing1("  - id: accueil\n", "  - id: 1-accueil\n") },
    NearMiss(.idDuplique, "one id in two conventions' plans (one namespace per convention)", F.mel) {
        $0.replacing1("  - titre: Axe unique", "  - id: accueil\n    titre: Axe unique")
    },
    NearMiss(.referenceInconnue, "diagnostic.page with a fragment", F.nord) { $0.replacing1("page: diagnostic.md", "page: diagnostic.md#besoins") },
    NearMiss(.lienCasse, "query, fragment, percent-escape, ./ and external links", F.page) {
        $0 + "\n[a](../territoires/nord-2014/carte.png?v=2) [b](./methode.md#haut) [c](../territoires/nord-2014/%63arte.png) [d](https://example.org/x.md) [e](mailto:a@b.fr) [f](#haut)\n\n[ref]: ../territoires/roubaix-2010.md\n\nVoir [ref].\n"
    },
    NearMiss(.signatureDouteuse, "a draft: no signature and no key for one (signataires, its near neighbour, written right)",
             edits: [("content/territoires/roubaix-projet.md", { @Sendable _ in
                 RulesFixture.files[F.roubaix]!.replacing1("id: roubaix-2014", "id: roubaix-projet")
                     .replacing1("signature: 2014-01-15\n", "").replacing1("renouvelle: roubaix-2010\n", "")
             })]),
    NearMiss(.lienSymbolique, "an editor's lock file (a hidden link) beside a convention, a link outside content/ and templates/",
             edits: [("content/territoires/.#roubaix-2014.md", { @Sendable _ in symbolicLink(to: "marie@poste.4242:1700000000") }),
                     ("notes.md", { @Sendable _ in symbolicLink(to: "/etc/hostname") })]),
    NearMiss(.aCompleter, "« compléter » inside a text, not a placeholder", F.roubaix) {
        $0.replacing1("  nom: Roubaix\n", "  nom: Roubaix, pour compléter l'offre\n")
    },
    NearMiss(.valeurInconnue, "« autre » in every open list", F.roubaix) {
        $0.replacing1("besoins: [precarite, transports]", "besoins: [autre]").replacing1("type_territoire: [urbain]", "type_territoire: [autre]")
            .replacing1("  - type: cej", "  - type: autre")
    },
    NearMiss(.signatairesCafCollectivite, "an extra signataire of type autre", F.roubaix) {
        $0.replacing1("signataires:\n", "signataires:\n  - nom: Centre social\n    type: autre\n")
    },
    NearMiss(.echelonCoherent, "local convention signed with an EPCI", F.roubaix) {
        $0.replacing1("    type: commune\n    code: \"59512\"", "    type: epci\n    code: \"200093201\"")
    },
    NearMiss(.dureeQuatreAns, "four years from 1 July", F.roubaix) {
        $0.replacing1("  debut: 2014-01-01\n  fin: 2017-12-31", "  debut: 2014-07-01\n  fin: 2018-06-30").replacing1("signature: 2014-01-15", "signature: 2014-06-15")
            .replacing1("deliberation_ca: 2013-12-10", "deliberation_ca: 2014-06-15").replacing1("echeance: 2015-09-01", "echeance: 2015-09-02")
    },
    NearMiss(.chronologie, "board on the day of signature, evaluation on the first day", F.roubaix) {
        $0.replacing1("deliberation_ca: 2013-12-10", "deliberation_ca: 2014-01-15").replacing1("date: 2016-03-15", "date: 2014-01-01")
    },
    NearMiss(.deliberationCA, "a draft (no signature) needs no board date", F.roubaix) {
        $0.replacing1("deliberation_ca: 2013-12-10\n", "").replacing1("signature: 2014-01-15\n", "")
    },
    NearMiss(.codeInconnu, "another commune's real code, and an EPCI's real SIREN", F.roubaix) {
        $0.replacing1("code: \"59512\"", "code: \"59599\"")
    },
    NearMiss(.codeAncien, "the commune nouvelle's own code, which one of its communes déléguées kept", F.mel) {
        $0.replacing1("communes: [\"59350\", \"59512\"]", "communes: [\"59350\", \"59512\", \"59006\"]")
    },
    NearMiss(.nomTerritoire, "the official name in other words: case, accents, « Ville de »", edits: [(RulesTerritoireCases.tourcoing, { @Sendable _ in
        RulesTerritoireCases.tourcoing2024(nom: "Ville de TOURCOING")
    })]),
    NearMiss(.nomTerritoire, "a wrong name on a convention that ended before 2025", F.roubaix) {
        $0.replacing1("  nom: Roubaix\n  type: commune", "  nom: Roubais\n  type: commune")
    },
    NearMiss(.communesEpci, "an EPCI in force in 2025 without communes: its members are used", edits: [(RulesTerritoireCases.mel2024, { @Sendable _ in
        RulesTerritoireCases.mel2024(communes: "")
    })]),
    NearMiss(.codeTerritoire, "an EPCI's communes in its département", F.mel) {
        $0.replacing1("communes: [\"59350\", \"59512\"]", "communes: [\"59350\", \"59512\", \"59009\"]")
    },
    NearMiss(.chevauchement, "an unsigned draft over the same period", F.bis) { _ in
        RulesFixture.roubaix.replacing1("id: roubaix-2014", "id: roubaix-bis").replacing1("signature: 2014-01-15\n", "").replacing1("deliberation_ca: 2013-12-10\n", "")
    },
    NearMiss(.accordCadreCoherent, "a local convention without accord-cadre", F.roubaix) { $0.replacing1("accord_cadre: nord-2014\n", "") },
    NearMiss(.diagnosticPartage, "three partners", F.roubaix) {
        $0.replacing1("partenaires: [Caf du Nord, Ville de Roubaix]\n  besoins", "partenaires: [Caf du Nord, Ville de Roubaix, PMI]\n  besoins")
    },
    NearMiss(.besoinsTerritoire, "one need of each kind", F.roubaix) { $0.replacing1("besoins: [precarite, transports]", "besoins: [transports]") },
    NearMiss(.champBrancheFamille, "a field declared in champs_supplementaires", F.roubaix) {
        $0.replacing1("champs: [petite-enfance, parentalite]", "champs: [petite-enfance, inclusion-numerique]").replacing1("champ: parentalite", "champ: inclusion-numerique")
    },
    NearMiss(.champsCouverts, "two axes in one field", F.roubaix) {
        $0.replacing1("champs: [petite-enfance, parentalite]", "champs: [petite-enfance]").replacing1("champ: parentalite", "champ: petite-enfance")
    },
    NearMiss(.planActions, "one action per objectif is enough", F.roubaix) {
        $0.replacing1("            etat: realisee\n", "            etat: realisee\n          - libelle: Deuxième action\n            pilote: Caf du Nord\n            echeance: 2016-01-01\n")
    },
    NearMiss(.actionIncomplete, "pilote and échéance, no budget nor état", F.roubaix) { $0.replacing1("            etat: realisee\n", "") },
    NearMiss(.actionHorsPeriode, "échéance on the last day", F.roubaix) { $0.replacing1("echeance: 2016-09-30", "echeance: 2017-12-31") },
    NearMiss(.objectifSansIndicateur, "an indicateur with sens baisse", F.roubaix) { $0.replacing1("            unite: familles\n", "            unite: familles\n            sens: baisse\n") },
    NearMiss(.indicateurIncomplet, "reference value 0, no results, no source", F.roubaix) { $0.replacing1("valeur: 640", "valeur: 0") },
    NearMiss(.cibleHorsPeriode, "targets in the first and last years", F.roubaix) { $0.replacing1("cibles: { 2017: 900 }", "cibles: { 2014: 700, 2017: 900 }") },
    NearMiss(.resultatInvalide, "results in the reference year and in the year of date_reference", F.roubaix) {
        $0.replacing1("resultats: { 2014: 860, 2015: 905 }", "resultats: { 2013: 850, 2016: 905 }")
    },
    NearMiss(.evaluationAvantRenouvellement, "an intermediate evaluation on the day of the renewal's signature", F.r2010) {
        $0.replacing1("date: 2013-10-22", "date: 2014-01-15").replacing1("type: finale", "type: intermediaire")
    },
    NearMiss(.evaluationAttendue, "a renewed convention needs no final evaluation", F.r2010) { $0.replacing1("type: finale", "type: intermediaire") },
    NearMiss(.moyensAffiches, "zero amounts", F.roubaix) { $0.replacing1("action_sociale: 12000000", "action_sociale: 0") },
    NearMiss(.rationalisation, "devenir echu", F.roubaix) { $0.replacing1("devenir: integre", "devenir: echu") },
    NearMiss(.schemasArticulation, "schemas « autre »", F.roubaix) { $0.replacing1("schemas: [sdsf]", "schemas: [autre]") },
    NearMiss(.gouvernance, "comite_pilotage as a single text", F.roubaix) {
        $0.replacing1("comite_pilotage: [Caf du Nord, Ville de Roubaix]", "comite_pilotage: Caf du Nord")
    },
]

let nearMissesTableur: [NearMiss] = [
    NearMiss(.tableurInvalide, "Excel's French CSV: BOM, CRLF, columns in another order and case, accents, a decimal comma, a space between thousands, an extra column",
             edits: [edit(F.roubaix, Feuille.cle),
                     edit(Feuille.chemin, { _ in "\u{FEFF}Résultat;Année;Indicateur;Commentaire\r\n\"1 020,5\";2016;places-eaje;provisoire\r\n" })]),
    NearMiss(.indicateurInconnu, "an id derived from the position, rows left to fill in, an empty row",
             edits: [edit(F.roubaix, Feuille.cle),
                     edit(Feuille.chemin, { _ in "indicateur,annee,resultat\na2-o1-i1,2016,700\na2-o1-i1,2017,\n,,\n" })]),
    NearMiss(.valeurEnDouble, "the front matter's 905 given again as 905,0",
             edits: [edit(F.roubaix, Feuille.cle), edit(Feuille.chemin, { _ in "indicateur;annee;resultat\nplaces-eaje;2015;905,0\n" })]),
]

@Suite("Rules: near misses give no finding")
struct RulesNearMissTests {
    @Test("a valid change close to a rule's trigger gives no finding", arguments: nearMisses + nearMisses2020 + nearMissesTableur)
    func nearMiss(_ c: NearMiss) async throws {
        let findings = try await RulesFixture.check(c.files)
        #expect(findings == [], "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test("every rule id has a near miss")
    func everyRuleHasANearMiss() {
        #expect(Set(RuleID.allCases).subtracting((nearMisses + nearMisses2020 + nearMissesTableur).map(\.rule)) == [])
    }
}
