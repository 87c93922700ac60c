import Model

private let logiqueObjectifsResultats = Citation(
    texte: "La Ctg permet de passer à une logique objectifs-résultats et de rendu-compte de l'efficacité des actions effectuées.",
    paragraphe: "§ 2e partie 3")
private let evaluationSystematique = Citation(
    texte: "La Ctg prévoit une évaluation systématique et s'inscrit dans une logique objectifs-résultats.",
    paragraphe: "§ 2e partie 3")
private let quatreAns = Citation(
    texte: "la Ctg se concrétise par la signature d'un accord cadre politique entre la Caf et une ou plusieurs collectivités territoriales, sur une période pluriannuelle de quatre ans",
    paragraphe: "§ 2e partie, introduction")
private let reorientation = Citation(
    texte: "L'évaluation est un préalable à tout renouvellement. Elle doit aboutir, le cas échéant, à une réorientation des projets ou des politiques et une objectivation d'exigences supplémentaires en direction des collectivités.",
    paragraphe: "§ 2e partie 3")
private let moyens = Citation(
    texte: "La Ctg est également un vecteur d'affichage des priorités institutionnelles et des moyens financiers déployés par les Caf sur les territoires concernés, tant au titre des prestations légales que des interventions sociales.",
    paragraphe: "§ 2e partie 1")
private let rationaliser = Citation(
    texte: "La Ctg permet de disposer d'un document politique de référence à même de rationaliser efficacement les conventions existantes sur un territoire avec un meilleur pilotage et suivi.",
    paragraphe: "§ 2e partie 3")
private let schemas = Citation(
    texte: "Ces schémas auront vocation à être insérés dans la Ctg.", paragraphe: "§ 1re partie 3")
private let articulation = Citation(
    texte: "La Cnaf sera particulièrement attentive à leur déploiement et à leur articulation avec les conventions financières de type « Cej », les schémas thématiques (petite enfance et parentalité, animation de la vie sociale, etc.) ou les plans d'accessibilité aux services.",
    paragraphe: "introduction")
private let pilotage = Citation(
    texte: "De ce fait, il importe de vous doter d'une organisation à même d'animer l'offre globale de service sur un territoire et de vous appuyer, à toutes les étapes de sa mise en œuvre, sur un pilotage resserré des équipes de direction.",
    paragraphe: "§ 1re partie 2")

/// A period and one indicator, for the examples of cible-hors-periode.
private func ciblesExemple(_ cibles: String) -> String {
    """
    periode: { debut: 2014-01-01, fin: 2017-12-31 }
    axes:
      - titre: Développer l'accueil du jeune enfant
        objectifs:
          - libelle: Augmenter la capacité d'accueil
            indicateurs:
              - libelle: Places en EAJE
                \(cibles)
    """
}

extension Catalogue {
    static let objectifsResultats: [RuleInfo] = [
        RuleInfo(
            id: .objectifSansIndicateur, famille: .objectifsResultats,
            resume: "Chaque objectif a au moins un indicateur.",
            verifie: "Chaque objectif a une liste « indicateurs » non vide.",
            citations: [logiqueObjectifsResultats],
            exempleFaux: "objectifs:\n  - libelle: Augmenter la capacité d'accueil\n    actions: [...]",
            exempleJuste: "objectifs:\n  - libelle: Augmenter la capacité d'accueil\n    indicateurs:\n      - libelle: Places en EAJE\n        unite: places\n        reference: { annee: 2013, valeur: 850 }\n        cibles: { 2017: 980 }\n    actions: [...]"),
        RuleInfo(
            id: .indicateurIncomplet, famille: .objectifsResultats,
            resume: "Chaque indicateur a une unité, une référence (année et valeur) et des cibles.",
            verifie: "Chaque indicateur a « unite », « reference » avec « annee » et « valeur », et au moins une cible (« cibles: { année: valeur } »).",
            citations: [logiqueObjectifsResultats],
            exempleFaux: "indicateurs:\n  - libelle: Places en EAJE\n    cibles: { 2017: 980 }",
            exempleJuste: "indicateurs:\n  - libelle: Places en EAJE\n    unite: places\n    reference: { annee: 2013, valeur: 850 }\n    cibles: { 2017: 980 }"),
        RuleInfo(
            id: .cibleHorsPeriode, famille: .objectifsResultats,
            resume: "Les cibles tombent pendant la période de la convention.",
            verifie: "L'année de chaque cible est comprise entre l'année de « periode.debut » et celle de « periode.fin ».",
            citations: [quatreAns],
            exempleFaux: ciblesExemple("cibles: { 2017: 980, 2020: 1100 }"),
            exempleJuste: ciblesExemple("cibles: { 2015: 900, 2017: 980 }")),
        RuleInfo(
            id: .resultatInvalide, famille: .objectifsResultats,
            resume: "Les résultats sont datés entre la référence, la fin de la période et la date de référence.",
            verifie: "L'année de chaque résultat n'est ni avant l'année de référence de l'indicateur, ni après l'année de fin de la convention, ni après l'année de la date de référence du site (un résultat ne se connaît pas d'avance).",
            citations: [logiqueObjectifsResultats],
            exempleFaux: "reference: { annee: 2013, valeur: 850 }\nresultats: { 2012: 830, 2014: 860 }",
            exempleJuste: "reference: { annee: 2013, valeur: 850 }\nresultats: { 2014: 860, 2015: 905 }"),
        RuleInfo(
            id: .evaluationAvantRenouvellement, famille: .objectifsResultats,
            resume: "On ne renouvelle qu'une convention évaluée.",
            verifie: "La convention que nomme « renouvelle » a une évaluation (intermédiaire ou finale) datée au plus tard de la signature de celle-ci (ou de son début si elle n'est pas signée).",
            citations: [reorientation],
            exempleFaux: "# roubaix-2010.md, sans « evaluation »\nrenouvelle: roubaix-2010",
            exempleJuste: "# roubaix-2010.md\nevaluation:\n  date: 2013-10-22\n  type: finale"),
        RuleInfo(
            id: .evaluationAttendue, famille: .objectifsResultats,
            resume: "Une convention échue attend son évaluation finale.",
            verifie: "Une convention signée dont la période est finie à la date de référence, et qu'aucune convention signée ne renouvelle, a une évaluation de type « finale ».",
            citations: [evaluationSystematique],
            exempleFaux: "periode: { debut: 2010-01-01, fin: 2013-12-31 }\nsignature: 2010-02-01",
            exempleJuste: "periode: { debut: 2010-01-01, fin: 2013-12-31 }\nsignature: 2010-02-01\nevaluation:\n  date: 2013-10-22\n  type: finale"),
        RuleInfo(
            id: .moyensAffiches, famille: .objectifsResultats,
            resume: "La convention affiche les moyens de la Caf, chaque année de la période.",
            verifie: "La clé « moyens » est présente ; chaque ligne dit son année (« annee ») et donne « prestations_legales » et « action_sociale » (en euros) ; chaque année est dans la période.",
            citations: [moyens],
            exempleFaux: "moyens:\n  - annee: 2014\n    action_sociale: 12000000",
            exempleJuste: "moyens:\n  - annee: 2014\n    prestations_legales: 245000000\n    action_sociale: 12000000"),
        RuleInfo(
            id: .rationalisation, famille: .objectifsResultats,
            resume: "Chaque convention existante dit ce qu'elle devient.",
            verifie: "Chaque entrée de « conventions_existantes » a un « devenir » : integre, maintenu ou echu.",
            citations: [rationaliser],
            exempleFaux: "conventions_existantes:\n  - type: cej\n    intitule: Contrat enfance jeunesse 2012-2015",
            exempleJuste: "conventions_existantes:\n  - type: cej\n    intitule: Contrat enfance jeunesse 2012-2015\n    devenir: integre"),
        RuleInfo(
            id: .schemasArticulation, famille: .objectifsResultats,
            resume: "La convention dit avec quels schémas thématiques elle s'articule.",
            verifie: "La liste « schemas » est présente et non vide (sdsf, petite-enfance-parentalite, animation-vie-sociale, plan-accessibilite-services, pacte-territorial-insertion, autre).",
            citations: [schemas, articulation],
            exempleFaux: "schemas: []",
            exempleJuste: "schemas: [sdsf, animation-vie-sociale]"),
        RuleInfo(
            id: .gouvernance, famille: .objectifsResultats,
            resume: "La convention nomme son comité de pilotage.",
            verifie: "La clé « gouvernance » a une liste « comite_pilotage » non vide.",
            citations: [pilotage],
            exempleFaux: "gouvernance:\n  comite_technique: [Caf du Nord, Ville de Roubaix]",
            exempleJuste: "gouvernance:\n  comite_pilotage: [Caf du Nord, Ville de Roubaix]\n  comite_technique: [Caf du Nord, Ville de Roubaix]"),
    ]
}
