import Model

private let accordQuatreAns = Citation(
    texte: "Réalisée dans le cadre d'une démarche partenariale, la Ctg se concrétise par la signature d'un accord cadre politique entre la Caf et une ou plusieurs collectivités territoriales, sur une période pluriannuelle de quatre ans : le conseil général à l'échelon départemental ; et/ou la commune ou la communauté de communes à l'échelon local.",
    paragraphe: "§ 2e partie, introduction")
private let echelons = Citation(
    texte: "En fonction du contexte local, vous pouvez choisir de mettre en œuvre la démarche : soit aux deux échelons (échelon départemental et échelon local) ; soit uniquement à l'échelon local.",
    paragraphe: "§ 1re partie 2")
private let enAmont = Citation(
    texte: "L'analyse des besoins en amont garantit la bonne implantation territoriale des services et des interventions sociales, le bon dimensionnement des équipements.",
    paragraphe: "§ 2e partie 2")
private let conseil = Citation(
    texte: "La démarche procède d'une orientation politique portée par le conseil d'administration ainsi que d'un pilotage volontariste et resserré porté par la direction de la Caf. […] C'est la raison pour laquelle les Conseils d'administration des Caf ont un rôle essentiel dans la démarche.",
    paragraphe: "§ 1re partie 2")
private let territoires = Citation(
    texte: "À cet effet, dans la continuité de votre contrat pluriannuel d'objectifs et de gestion (Cpog), vous identifierez les territoires sur lesquels il convient de renforcer la synergie des interventions.",
    paragraphe: "introduction")
private let documentDeReference = Citation(
    texte: "La Ctg permet de disposer d'un document politique de référence à même de rationaliser efficacement les conventions existantes sur un territoire avec un meilleur pilotage et suivi.",
    paragraphe: "§ 2e partie 3")

extension Catalogue {
    static let convention: [RuleInfo] = [
        RuleInfo(
            id: .signatairesCafCollectivite, famille: .convention,
            resume: "La Caf et au moins une collectivité territoriale signent la convention.",
            verifie: "Parmi les signataires figurent un signataire de type « caf » et au moins un de type « departement », « commune » ou « epci ».",
            citations: [accordQuatreAns],
            exempleFaux: "signataires:\n  - nom: Caf du Nord\n    type: caf",
            exempleJuste: "signataires:\n  - nom: Caf du Nord\n    type: caf\n  - nom: Ville de Roubaix\n    type: commune"),
        RuleInfo(
            id: .echelonCoherent, famille: .convention,
            resume: "L'échelon correspond au territoire et aux signataires.",
            verifie: "Une convention « departemental » porte sur un territoire de type « departement » et le département la signe ; une convention « local » porte sur une commune ou un EPCI, qui la signe.",
            citations: [echelons, accordQuatreAns],
            exempleFaux: "echelon: departemental\nterritoire:\n  nom: Roubaix\n  type: commune",
            exempleJuste: "echelon: local\nterritoire:\n  nom: Roubaix\n  type: commune"),
        RuleInfo(
            id: .dureeQuatreAns, famille: .convention,
            resume: "La période couvre exactement quatre ans (cadre 2013).",
            verifie: "« periode.fin » est la veille du même jour quatre ans après « periode.debut » (du 1er janvier 2014 au 31 décembre 2017, du 1er juillet 2014 au 30 juin 2018).",
            citations: [accordQuatreAns],
            exempleFaux: "periode:\n  debut: 2014-01-01\n  fin: 2016-12-31",
            exempleJuste: "periode:\n  debut: 2014-01-01\n  fin: 2017-12-31",
            cadres: [.cnaf2013]),
        RuleInfo(
            id: .chronologie, famille: .convention,
            resume: "Les dates se suivent : diagnostic, délibération, signature, fin ; évaluation après le début.",
            verifie: "Le diagnostic est daté avant la signature ; la délibération du conseil d'administration (deliberation_ca) au plus tard le jour de la signature ; la signature au plus tard à la fin de la période ; l'évaluation au plus tôt au début de la période. La règle pointe la première date de chaque paire en défaut.",
            citations: [enAmont],
            exempleFaux: "signature: 2014-01-15\ndiagnostic:\n  date: 2014-03-01",
            exempleJuste: "signature: 2014-01-15\ndiagnostic:\n  date: 2013-10-15"),
        RuleInfo(
            id: .deliberationCA, famille: .convention,
            resume: "Une convention signée donne la date de la délibération du conseil d'administration.",
            verifie: "Une convention qui a une date de signature a aussi « deliberation_ca », la date à laquelle le conseil d'administration de la Caf l'a approuvée.",
            citations: [conseil],
            exempleFaux: "signature: 2014-01-15",
            exempleJuste: "deliberation_ca: 2013-12-10\nsignature: 2014-01-15"),
        RuleInfo(
            id: .codeTerritoire, famille: .convention,
            resume: "Les codes de territoire sont bien formés (INSEE, département, SIREN).",
            verifie: "Un code commune INSEE a cinq caractères (chiffres, ou 2A/2B et trois chiffres) et commence par le code de « territoire.departement » ; un code de département est 01 à 19, 2A, 2B, 21 à 95, 971 à 974 ou 976 ; le SIREN d'un EPCI a neuf chiffres et une clé de contrôle (Luhn) juste. Les codes des signataires sont vérifiés de même selon leur type.",
            citations: [territoires],
            exempleFaux: "territoire:\n  nom: Roubaix\n  type: commune\n  code: \"62512\"\n  departement: \"59\"",
            exempleJuste: "territoire:\n  nom: Roubaix\n  type: commune\n  code: \"59512\"\n  departement: \"59\""),
        RuleInfo(
            id: .chevauchement, famille: .convention,
            resume: "Deux conventions signées ne couvrent pas le même territoire en même temps.",
            verifie: "Deux conventions signées pour le même territoire (même type et même code) n'ont pas de périodes qui se recoupent. La règle pointe la période de celle qui commence le plus tard.",
            citations: [documentDeReference],
            exempleFaux: "# roubaix-2010.md : du 2010-01-01 au 2013-12-31\nperiode:\n  debut: 2013-07-01\n  fin: 2017-06-30",
            exempleJuste: "# roubaix-2010.md : du 2010-01-01 au 2013-12-31\nperiode:\n  debut: 2014-01-01\n  fin: 2017-12-31"),
        RuleInfo(
            id: .accordCadreCoherent, famille: .convention,
            resume: "Une convention locale s'inscrit dans la convention départementale de son département.",
            verifie: "« accord_cadre » n'est donné que sur une convention locale, et nomme une convention d'échelon « departemental », du même département, dont la période recoupe la sienne.",
            citations: [accordCadreCitation],
            exempleFaux: "echelon: local\naccord_cadre: pas-de-calais-2014   # département 62, pour une commune du Nord",
            exempleJuste: "echelon: local\naccord_cadre: nord-2014"),
    ]
}
