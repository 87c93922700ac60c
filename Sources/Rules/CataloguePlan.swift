import Model

private let diagnosticCitation = Citation(
    texte: "Chaque Ctg est obligatoirement et systématiquement adossée à un diagnostic partagé des besoins du territoire.",
    paragraphe: "§ 2e partie 2")
private let champsCitation = Citation(
    texte: "Dès lors, l'offre de service proposée par les Caf concerne potentiellement les politiques de l'enfance, de la jeunesse, du soutien à la parentalité, de l'aide à domicile, de l'animation de la vie sociale, du logement et l'amélioration du cadre de vie, de l'insertion, du handicap, sans oublier l'accès aux droits et aux services.",
    paragraphe: "§ 1re partie 1")
private let recense = Citation(
    texte: "À cet effet, elle recense l'ensemble des interventions (qu'elles soient d'ores et déjà mises en œuvre ou qu'elles soient potentiellement à développer) de chaque acteur et précise l'articulation de ces interventions.",
    paragraphe: "§ 2e partie 1")
private let planCitation = Citation(
    texte: "Sur cette base, vous veillerez à vous accorder avec la ou les collectivités signataires sur les priorités et un plan d'actions détaillé.",
    paragraphe: "§ 2e partie 2")
private let programmation = Citation(
    texte: "Ainsi, la vision globale et partagée des besoins engage les partenaires à définir une programmation des actions à mettre en œuvre. Cette programmation permet de fixer des priorités et facilite les arbitrages.",
    paragraphe: "§ 2e partie 2")

/// A period and one action of the plan, for the examples of action-hors-periode.
private func planExemple(_ echeance: String) -> String {
    """
    periode: { debut: 2014-01-01, fin: 2017-12-31 }
    axes:
      - titre: Développer l'accueil du jeune enfant
        objectifs:
          - libelle: Augmenter la capacité d'accueil
            actions:
              - libelle: Créer un multi-accueil de 40 places
                \(echeance)
    """
}

extension Catalogue {
    static let diagnosticEtPlan: [RuleInfo] = [
        RuleInfo(
            id: .diagnosticPartage, famille: .diagnostic,
            resume: "La convention s'appuie sur un diagnostic partagé, daté, avec au moins deux partenaires.",
            verifie: "La clé « diagnostic » est présente, avec sa date (« date ») et au moins deux partenaires (« partenaires »).",
            citations: [diagnosticCitation],
            exempleFaux: "diagnostic:\n  partenaires: [Caf du Nord]",
            exempleJuste: "diagnostic:\n  date: 2013-10-15\n  partenaires: [Caf du Nord, Ville de Roubaix]"),
        RuleInfo(
            id: .besoinsTerritoire, famille: .diagnostic,
            resume: "Le diagnostic dit les besoins du public et ceux du territoire.",
            verifie: "Le diagnostic a une liste « besoins » (besoins du public) et une liste « type_territoire » (besoins du territoire), non vides.",
            citations: [besoinsCitation],
            exempleFaux: "diagnostic:\n  date: 2013-10-15\n  partenaires: [Caf du Nord, Ville de Roubaix]",
            exempleJuste: "diagnostic:\n  date: 2013-10-15\n  partenaires: [Caf du Nord, Ville de Roubaix]\n  besoins: [precarite, transports]\n  type_territoire: [urbain]"),
        RuleInfo(
            id: .champBrancheFamille, famille: .plan,
            resume: "Les champs sont ceux de la branche Famille (ou ceux déclarés dans site.yml).",
            verifie: "Chaque entrée de « champs » et le « champ » de chaque axe sont des champs d'intervention de la branche Famille : petite-enfance, enfance, jeunesse, parentalite, aide-a-domicile, animation-vie-sociale, logement-cadre-de-vie, insertion, handicap, acces-aux-droits, temps-libre, familles-vulnerables, ou un champ déclaré sous « champs_supplementaires » dans site.yml.",
            citations: [champsCitation],
            exempleFaux: "champs: [petite-enfance, sport]",
            exempleJuste: "champs: [petite-enfance, temps-libre]"),
        RuleInfo(
            id: .champsCouverts, famille: .plan,
            resume: "Les champs de la convention et ceux de ses axes se répondent.",
            verifie: "Le champ de chaque axe figure dans « champs », et chaque entrée de « champs » est couverte par au moins un axe.",
            citations: [recense],
            exempleFaux: "champs: [petite-enfance]\naxes:\n  - titre: Soutenir les parents\n    champ: parentalite",
            exempleJuste: "champs: [parentalite]\naxes:\n  - titre: Soutenir les parents\n    champ: parentalite"),
        RuleInfo(
            id: .planActions, famille: .plan,
            resume: "Le plan d'actions a des axes, des objectifs et des actions.",
            verifie: "La convention a au moins un axe ; chaque axe a au moins un objectif ; chaque objectif a au moins une action.",
            citations: [planCitation],
            exempleFaux: "axes:\n  - titre: Développer l'accueil du jeune enfant\n    champ: petite-enfance",
            exempleJuste: "axes:\n  - titre: Développer l'accueil du jeune enfant\n    champ: petite-enfance\n    objectifs:\n      - libelle: Augmenter la capacité d'accueil\n        actions:\n          - libelle: Créer un multi-accueil de 40 places"),
        RuleInfo(
            id: .actionIncomplete, famille: .plan,
            resume: "Chaque action a un pilote et une échéance.",
            verifie: "Chaque action dit qui la conduit (« pilote ») et pour quand (« echeance »).",
            citations: [planCitation],
            exempleFaux: "actions:\n  - libelle: Créer un multi-accueil de 40 places",
            exempleJuste: "actions:\n  - libelle: Créer un multi-accueil de 40 places\n    pilote: Ville de Roubaix\n    echeance: 2015-09-01"),
        RuleInfo(
            id: .actionHorsPeriode, famille: .plan,
            resume: "L'échéance d'une action tombe pendant la période de la convention.",
            verifie: "L'échéance de chaque action est comprise entre « periode.debut » et « periode.fin ».",
            citations: [programmation],
            exempleFaux: planExemple("echeance: 2018-09-01"),
            exempleJuste: planExemple("echeance: 2017-09-01")),
    ]
}
