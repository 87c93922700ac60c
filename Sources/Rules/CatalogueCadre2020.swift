import Model

// What public sources report of the circular Cnaf of 16 January 2020 (CADRE-2020.md): its
// text is not at hand, so these are summaries in ctg's words, each with its sources — never
// quotations of the circular.
private let duree = Paraphrase(
    texte: "la CTG est signée pour plusieurs années, de quatre à cinq ans selon la Caf de la Loire et selon latitude-nord-gironde.fr, cinq ans selon caf.fr, la Cnaf ayant conseillé en 2018 de privilégier quatre ans\u{202F}; on voit en pratique 2020-2024, 2022-2026, 2025-2029",
    sources: "Caf de la Loire, ra2022.caf42.fr\u{202F}; latitude-nord-gironde.fr\u{202F}; caf.fr, page Décryptage du 28 février 2018")
private let socle = Paraphrase(
    texte: "la convention couvre au moins la petite enfance, la jeunesse et la parentalité, et au moins une autre thématique (accès aux droits, logement, handicap…)",
    sources: "expertise.uriopss-npdc.asso.fr, note sur les CTG qui remplacent les CEJ")
private let champsCaf = Paraphrase(
    texte: "les champs que nomment les pages des Caf sont la petite enfance, l'enfance, la jeunesse, la parentalité, l'animation de la vie sociale, l'accès aux droits, l'inclusion numérique, le logement, le handicap et l'accompagnement social",
    sources: "caf.fr/partenaires, page Convention territoriale globale\u{202F}; ra2022.caf42.fr")
private let finCej = Paraphrase(
    texte: "à partir du 1er janvier 2020, les contrats enfance jeunesse (Cej) qui arrivent à échéance ne sont pas renouvelés\u{202F}: les CTG les remplacent, progressivement",
    sources: "atd31.fr, info-lettre 249 (2020)\u{202F}; expertise.uriopss-npdc.asso.fr, note sur les CTG qui remplacent les CEJ")
private let bonus = Paraphrase(
    texte: "le bonus territoire Ctg prend le relais de la prestation de service enfance jeunesse (Psej) versée au titre du Cej, pour quatre sortes d'équipements\u{00A0}: EAJE, relais petite enfance (RPE, anciennement relais assistants maternels, RAM), LAEP et ALSH",
    sources: "atd31.fr, d'après les annexes de la circulaire qu'il énumère")
private let signataires = Paraphrase(
    texte: "la CTG est un engagement politique entre la Caf et la commune ou l'intercommunalité qui la signent, sur leur territoire\u{202F}; le Département, l'État, la Msa, la Cpam ou des syndicats intercommunaux peuvent la signer aussi",
    sources: "caf.fr/partenaires\u{202F}; ithea-conseil.fr (2020)\u{202F}; maire-info.com, article 23795")

/// The rules of the 2020 framework (RULES.md, *The 2020 framework*): they check only the
/// conventions that follow it (`cnaf-2020`).
extension Catalogue {
    static let cadre2020: [RuleInfo] = [
        RuleInfo(
            id: .dureeCtg, famille: .cadre2020,
            resume: "La période dure d'un an au moins et de cinq ans au plus (cadre 2020).",
            verifie: "« periode.fin » tombe entre la veille du même jour un an après « periode.debut » et la veille du même jour cinq ans après (pour un début au 1er janvier 2022 : entre le 31 décembre 2022 et le 31 décembre 2026). Une période plus longue que cinq ans, ou plus courte qu'un an, n'est pas celle d'une CTG.",
            paraphrases: [duree],
            exempleFaux: "cadre: cnaf-2020\nperiode:\n  debut: 2022-01-01\n  fin: 2027-12-31",
            exempleJuste: "cadre: cnaf-2020\nperiode:\n  debut: 2022-01-01\n  fin: 2026-12-31",
            cadres: [.cnaf2020]),
        RuleInfo(
            id: .dureeConseillee, famille: .cadre2020,
            resume: "La période couvre quatre ou cinq années entières, la durée d'usage (cadre 2020).",
            verifie: "« periode.fin » est la veille du même jour quatre ou cinq ans après « periode.debut » (du 1er janvier 2022 au 31 décembre 2025 ou au 31 décembre 2026). Une autre durée d'un à cinq ans est permise, mais inhabituelle : un avertissement le signale. Rien n'est dit quand duree-ctg signale déjà la période.",
            paraphrases: [duree],
            exempleFaux: "periode:\n  debut: 2022-01-01\n  fin: 2024-12-31",
            exempleJuste: "periode:\n  debut: 2022-01-01\n  fin: 2025-12-31",
            cadres: [.cnaf2020]),
        RuleInfo(
            id: .socleChamps, famille: .cadre2020,
            resume: "Les champs couvrent le socle petite enfance, jeunesse, parentalité, et au moins un autre (cadre 2020).",
            verifie: "« champs » contient « petite-enfance », « jeunesse » et « parentalite », et au moins un autre champ d'intervention (par exemple « acces-aux-droits », « logement-cadre-de-vie », « handicap », « inclusion-numerique », « accompagnement-social »).",
            paraphrases: [socle, champsCaf],
            exempleFaux: "champs: [petite-enfance, jeunesse, parentalite]",
            exempleJuste: "champs: [petite-enfance, jeunesse, parentalite, acces-aux-droits]",
            cadres: [.cnaf2020]),
        RuleInfo(
            id: .transitionCej, famille: .cadre2020,
            resume: "Un contrat enfance jeunesse encore en cours au début de la CTG y est intégré (cadre 2020).",
            verifie: "Une entrée de « conventions_existantes » de type « cej » dont la fin tombe le jour du début de la convention ou après a pour « devenir » « integre » : le Cej n'est pas renouvelé, la CTG et son bonus territoire prennent le relais. Une entrée sans « devenir » relève de la règle rationalisation.",
            paraphrases: [finCej, bonus],
            exempleFaux: "periode:\n  debut: 2022-01-01\n  fin: 2026-12-31\nconventions_existantes:\n  - type: cej\n    intitule: Contrat enfance jeunesse 2019-2022\n    fin: 2022-12-31\n    devenir: maintenu",
            exempleJuste: "periode:\n  debut: 2022-01-01\n  fin: 2026-12-31\nconventions_existantes:\n  - type: cej\n    intitule: Contrat enfance jeunesse 2019-2022\n    fin: 2022-12-31\n    devenir: integre",
            cadres: [.cnaf2020]),
        RuleInfo(
            id: .bonusTerritoire, famille: .cadre2020,
            resume: "Un bonus territoire finance un équipement du territoire, pendant la période (cadre 2020).",
            verifie: "La « commune » d'une entrée de « bonus_territoire » est celle du territoire (type commune), l'une des communes de l'EPCI — ses membres dans le Code officiel géographique, et les « communes » que la convention écrit — ou une commune du département (type departement) ; son « debut » tombe dans la période. Un code de commune inconnu relève de code-inconnu, une commune déléguée compte pour la commune dont elle relève.",
            paraphrases: [bonus, signataires],
            exempleFaux: "territoire:\n  nom: Roubaix\n  type: commune\n  code: \"59512\"\nbonus_territoire:\n  - type: eaje\n    nom: Multi-accueil des Francs\n    commune: \"59599\"   # Tourcoing",
            exempleJuste: "territoire:\n  nom: Roubaix\n  type: commune\n  code: \"59512\"\nbonus_territoire:\n  - type: eaje\n    nom: Multi-accueil de l'Épeule\n    commune: \"59512\"\n    places: 40",
            cadres: [.cnaf2020]),
    ]
}
