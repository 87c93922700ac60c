import Model
import Testing

/// A convention of the 2020 framework, valid under it, for the rules that apply to it alone
/// (RULES.md, *The 2020 framework*): the Communauté d'agglomération de Lens - Liévin,
/// 2023-2027, signed with the Msa and the État, with its Cej integrated and two services
/// funded by the bonus territoire (one written `ram`, read as `rpe`). It names no `cadre`:
/// it starts after 2020-01-01, so it follows cnaf-2020 (FORMAT.md §3).
enum RulesCadre2020Cases {
    static let lens = "content/territoires/lens-lievin-2023.md"
    static let champs = ["petite-enfance", "jeunesse", "parentalite", "inclusion-numerique"]

    static let lensLievin2023: String = {
        let axes = champs.map { ch in
            """
              - titre: Axe \(ch)
                champ: \(ch)
                objectifs:
                  - libelle: Objectif \(ch)
                    indicateurs:
                      - libelle: Indicateur \(ch)
                        unite: places
                        reference: { annee: 2022, valeur: 10 }
                        cibles: { 2025: 20 }
                    actions:
                      - libelle: Action \(ch)
                        pilote: Caf du Pas-de-Calais
                        echeance: 2024-06-30
            """
        }.joined(separator: "\n")
        return """
        ---
        id: lens-lievin-2023
        titre: Convention territoriale globale de Lens-Liévin 2023-2027
        echelon: local
        territoire:
          nom: Communauté d'agglomération de Lens - Liévin
          type: epci
          code: "246200364"
          departement: "62"
        signataires:
          - nom: Caf du Pas-de-Calais
            type: caf
          - nom: Communauté d'agglomération de Lens - Liévin
            type: epci
            code: "246200364"
          - nom: Msa Nord-Pas de Calais
            type: msa
          - nom: Préfecture du Pas-de-Calais
            type: etat
        periode:
          debut: 2023-01-01
          fin: 2027-12-31
        deliberation_ca: 2022-11-15
        signature: 2022-12-12
        diagnostic:
          date: 2022-06-01
          partenaires: [Caf du Pas-de-Calais, Communauté d'agglomération de Lens - Liévin]
          besoins: [precarite]
          type_territoire: [urbain]
        champs: [\(champs.joined(separator: ", "))]
        schemas: [sdsf]
        conventions_existantes:
          - type: cej
            intitule: Contrat enfance jeunesse 2019-2023
            debut: 2019-01-01
            fin: 2023-12-31
            devenir: integre
        moyens:
          - annee: 2023
            prestations_legales: 1000
            action_sociale: 100
        gouvernance:
          comite_pilotage: [Caf du Pas-de-Calais]
        bonus_territoire:
          - type: eaje
            nom: Multi-accueil Les Lucioles
            commune: "62498"
            places: 30
            debut: 2023-01-01
          - type: ram
            nom: Relais petite enfance de Liévin
            commune: "62510"
        axes:
        \(axes)
        ---
        Convention du cadre 2020.

        """
    }()

    /// The base project with the 2020 convention, edited.
    static func with(_ edit: @escaping @Sendable (String) -> String) -> [(String, @Sendable (String) -> String)] {
        [(lens, { @Sendable _ in edit(lensLievin2023) })]
    }
}

let trigger2020Cases: [RuleCase] = [
    RuleCase(.dureeCtg, "six years under the 2020 framework", RulesCadre2020Cases.lens, .text("periode:"),
             edits: RulesCadre2020Cases.with { $0.replacing1("  fin: 2027-12-31", "  fin: 2028-12-31") }),
    RuleCase(.dureeConseillee, "three years: allowed, not usual", RulesCadre2020Cases.lens, .text("periode:"),
             edits: RulesCadre2020Cases.with { $0.replacing1("  fin: 2027-12-31", "  fin: 2025-12-31") }),
    RuleCase(.socleChamps, "the common core alone", RulesCadre2020Cases.lens, .text("champs:"),
             edits: RulesCadre2020Cases.with {
                 $0.replacing1(", inclusion-numerique]", "]").replacing1("    champ: inclusion-numerique", "    champ: parentalite")
             }),
    RuleCase(.transitionCej, "a Cej running into the CTG, maintained", RulesCadre2020Cases.lens, .text("type: cej"),
             edits: RulesCadre2020Cases.with { $0.replacing1("devenir: integre", "devenir: maintenu") }),
    RuleCase(.bonusTerritoire, "a bonus in a commune outside the EPCI", RulesCadre2020Cases.lens, .text("\"59512\""),
             edits: RulesCadre2020Cases.with { $0.replacing1("commune: \"62498\"", "commune: \"59512\"") }),
    RuleCase(.bonusTerritoire, "a bonus starting before the period", RulesCadre2020Cases.lens, .text("2022-07-01"),
             edits: RulesCadre2020Cases.with { $0.replacing1("    debut: 2023-01-01", "    debut: 2022-07-01") }),
    RuleCase(.dureeQuatreAns, "a five-year convention of 2023 that names the 2013 framework", RulesCadre2020Cases.lens, .text("periode:"),
             edits: RulesCadre2020Cases.with { $0.replacing1("echelon: local", "cadre: cnaf-2013\nechelon: local") }),
    RuleCase(.typeInvalide, "a framework outside its closed list", RulesCadre2020Cases.lens, .text("cnaf-2021"),
             edits: RulesCadre2020Cases.with { $0.replacing1("echelon: local", "cadre: cnaf-2021\nechelon: local") }),
    RuleCase(.typeInvalide, "a bonus type outside its closed list", RulesCadre2020Cases.lens, .text("creche"),
             edits: RulesCadre2020Cases.with { $0.replacing1("  - type: eaje", "  - type: creche") }),
    RuleCase(.codeInconnu, "a bonus's commune code that the COG does not know", RulesCadre2020Cases.lens, .text("\"62999\""),
             edits: RulesCadre2020Cases.with { $0.replacing1("commune: \"62498\"", "commune: \"62999\"") }),
]

let nearMisses2020: [NearMiss] = [
    NearMiss(.dureeCtg, "four years, the other usual length", edits: RulesCadre2020Cases.with { $0.replacing1("  fin: 2027-12-31", "  fin: 2026-12-31") }),
    NearMiss(.dureeConseillee, "five whole years from 1 July", edits: RulesCadre2020Cases.with {
        $0.replacing1("  debut: 2023-01-01\n  fin: 2027-12-31", "  debut: 2023-07-01\n  fin: 2028-06-30")
            .replacing1("    debut: 2023-01-01", "    debut: 2023-07-01")
    }),
    NearMiss(.socleChamps, "the core and accompagnement-social, a field of the v2 list no project declares", edits: RulesCadre2020Cases.with {
        $0.replacingOccurrences(of: "inclusion-numerique", with: "accompagnement-social")
    }),
    NearMiss(.transitionCej, "a Cej that ended the day before the CTG began, echu", edits: RulesCadre2020Cases.with {
        $0.replacing1("    fin: 2023-12-31\n    devenir: integre", "    fin: 2022-12-31\n    devenir: echu")
    }),
    NearMiss(.bonusTerritoire, "a member the convention does not list (the referential's membership), on the period's last day", edits: RulesCadre2020Cases.with {
        $0.replacing1("commune: \"62498\"", "commune: \"62001\"").replacing1("    debut: 2023-01-01", "    debut: 2027-12-31")
    }),
    NearMiss(.dureeQuatreAns, "a five-year convention of 2023: the 2020 framework, by its start", edits: RulesCadre2020Cases.with { $0 }),
    NearMiss(.socleChamps, "the 2013 framework named in site.yml: a four-year convention with two fields, no 2020 rule", edits: [
        ("content/site.yml", { @Sendable in $0 + "cadre: cnaf-2013\n" }),
    ]),
]

/// The 2020 rules with their whole messages: what a Caf officer reads.
@Suite("Rules: the 2020 framework")
struct Regles2020Tests {
    func findings(_ edits: [(String, @Sendable (String) -> String)]) async throws -> [String] {
        var files = RulesFixture.files
        for (k, f) in edits { files[k] = f(files[k] ?? "") }
        return try await RulesFixture.check(files).map {
            "\($0.severity.rawValue) \($0.rule.rawValue) \($0.location.file):\($0.location.line):\($0.location.column) \($0.message)"
        }
    }

    let lens = RulesCadre2020Cases.lens

    @Test("duree-ctg: six years, and a period that ends before it starts")
    func dureeCtg() async throws {
        let six = try await findings(RulesCadre2020Cases.with { $0.replacing1("  fin: 2027-12-31", "  fin: 2028-12-31") })
        #expect(six == ["error duree-ctg \(lens):20:1 la période va du 1er janvier 2023 au 31 décembre 2028, soit 6 ans\u{202F}; une CTG du cadre 2020 dure d'un à cinq ans (quatre ou cinq le plus souvent)\u{00A0}: avec ce début, elle finit au plus tard le 31 décembre 2027"])
        let inverse = try await findings(RulesCadre2020Cases.with { $0.replacing1("  fin: 2027-12-31", "  fin: 2022-12-31").replacing1("signature: 2022-12-12", "signature: 2022-12-01").replacing1("deliberation_ca: 2022-11-15", "deliberation_ca: 2022-11-30") })
        #expect(inverse.first == "error duree-ctg \(lens):20:1 la période finit le 31 décembre 2022, avant de commencer le 1er janvier 2023\u{202F}; une CTG du cadre 2020 dure d'un à cinq ans (quatre ou cinq le plus souvent)\u{00A0}: avec ce début, elle finit entre le 31 décembre 2023 et le 31 décembre 2027")
    }

    @Test("duree-conseillee: three years is allowed, said once as a warning")
    func dureeConseillee() async throws {
        let m = try await findings(RulesCadre2020Cases.with { $0.replacing1("  fin: 2027-12-31", "  fin: 2025-12-31") })
        #expect(m == ["warning duree-conseillee \(lens):20:1 la période va du 1er janvier 2023 au 31 décembre 2025, soit 3 ans\u{202F}; une CTG du cadre 2020 couvre d'ordinaire quatre ou cinq années entières\u{00A0}: avec ce début, elle finirait le 31 décembre 2026 ou le 31 décembre 2027"])
    }

    @Test("socle-champs: a missing field of the core, the core alone, no list at all (line 1, and no champs-couverts)")
    func socleChamps() async throws {
        let attendu = "une CTG du cadre 2020 couvre au moins le socle petite enfance, jeunesse et parentalité (« petite-enfance », « jeunesse », « parentalite ») et au moins un autre champ (accès aux droits, logement, handicap, inclusion numérique…)"
        let sansJeunesse = try await findings(RulesCadre2020Cases.with {
            $0.replacing1("[petite-enfance, jeunesse, parentalite,", "[petite-enfance, enfance, parentalite,").replacing1("    champ: jeunesse", "    champ: enfance")
        })
        #expect(sansJeunesse == ["error socle-champs \(lens):30:1 « champs » ne contient pas « jeunesse »\u{202F}; \(attendu)"])
        let socleSeul = try await findings(RulesCadre2020Cases.with {
            $0.replacing1(", inclusion-numerique]", "]").replacing1("    champ: inclusion-numerique", "    champ: parentalite")
        })
        #expect(socleSeul == ["error socle-champs \(lens):30:1 « champs » ne contient que le socle\u{202F}; \(attendu)"])
        let absent = try await findings(RulesCadre2020Cases.with { $0.replacing1("champs: [petite-enfance, jeunesse, parentalite, inclusion-numerique]\n", "") })
        #expect(absent == ["error socle-champs \(lens):1:1 la convention n'a pas de liste « champs »\u{202F}; \(attendu)"])
    }

    @Test("transition-cej names the contract, its end and its devenir")
    func transitionCej() async throws {
        let m = try await findings(RulesCadre2020Cases.with { $0.replacing1("devenir: integre", "devenir: maintenu") })
        #expect(m == ["warning transition-cej \(lens):33:5 le contrat enfance jeunesse « Contrat enfance jeunesse 2019-2023 » court jusqu'au 31 décembre 2023, au-delà du début de la convention (1er janvier 2023), et son devenir est « maintenu »\u{202F}; depuis 2020, un Cej n'est pas renouvelé\u{00A0}: la CTG et son bonus territoire prennent le relais (« devenir: integre »)"])
    }

    @Test("bonus-territoire: a commune outside the EPCI's members, a start outside the period")
    func bonusTerritoire() async throws {
        let dehors = try await findings(RulesCadre2020Cases.with { $0.replacing1("commune: \"62498\"", "commune: \"59512\"") })
        #expect(dehors == ["error bonus-territoire \(lens):47:14 le bonus territoire « Multi-accueil Les Lucioles » (EAJE) est à Roubaix (59512), hors du territoire de la convention, les 36 communes de « Communauté d'agglomération de Lens - Liévin »\u{202F}; le bonus territoire finance des équipements du territoire signataire"])
        let tard = try await findings(RulesCadre2020Cases.with { $0.replacing1("    debut: 2023-01-01", "    debut: 2028-01-01") })
        #expect(tard == ["error bonus-territoire \(lens):49:12 le bonus territoire « Multi-accueil Les Lucioles » (EAJE) commence le 1er janvier 2028, après la fin de la période (31 décembre 2027)\u{202F}; il est versé pendant la convention"])
        // An unknown code is code-inconnu's alone; a ram is a rpe.
        let inconnu = try await findings(RulesCadre2020Cases.with { $0.replacing1("commune: \"62510\"", "commune: \"62999\"") })
        #expect(inconnu == ["error code-inconnu \(lens):52:14 « commune » du bonus « Relais petite enfance de Liévin »\u{00A0}: aucune commune n'a le code Insee « 62999 » dans le Code officiel géographique au 1er\u{00A0}janvier 2025"])
    }

    @Test("the framework decides which rules run: the convention's cadre, then site.yml's, then its start")
    func cadres() async throws {
        // Named cnaf-2013, the five-year convention is refused by duree-quatre-ans, and the 2020 rules are silent.
        let en2013 = try await findings(RulesCadre2020Cases.with {
            $0.replacing1("echelon: local", "cadre: cnaf-2013\nechelon: local").replacing1("devenir: integre", "devenir: maintenu")
        })
        #expect(en2013 == ["error duree-quatre-ans \(lens):21:1 la période va du 1er janvier 2023 au 31 décembre 2027, soit 5 ans ; une CTG couvre quatre ans : avec ce début, elle finit le 31 décembre 2026"])
        // site.yml's cadre for conventions that name none: roubaix-2014 (2014-2017, two fields) under cnaf-2020.
        let site2020 = try await findings([("content/site.yml", { @Sendable in $0 + "cadre: cnaf-2020\n" })])
        #expect(site2020.contains("error socle-champs content/territoires/roubaix-2014.md:30:1 « champs » ne contient pas « jeunesse », ni aucun autre champ\u{202F}; une CTG du cadre 2020 couvre au moins le socle petite enfance, jeunesse et parentalité (« petite-enfance », « jeunesse », « parentalite ») et au moins un autre champ (accès aux droits, logement, handicap, inclusion numérique…)"))
        #expect(!site2020.contains { $0.contains("duree-quatre-ans") })
        // A convention's own cadre wins over site.yml's.
        let propre = try await findings([("content/site.yml", { @Sendable in $0 + "cadre: cnaf-2013\n" })] + RulesCadre2020Cases.with {
            $0.replacing1("echelon: local", "cadre: cnaf-2020\nechelon: local")
        })
        #expect(propre == [])
    }
}
