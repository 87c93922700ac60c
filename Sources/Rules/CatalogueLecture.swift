import Model

// The circular's sentences quoted by the reading rules: a convention is a reference
// document that must be readable, and that the site makes readable to all.
private let lisible = Citation(
    texte: "En ce sens elle est un levier pour : […] rendre lisible l'action de la branche Famille à l'échelle d'un territoire en référence à ses missions",
    paragraphe: "introduction")
private let reference = Citation(
    texte: "La Ctg permet de disposer d'un document politique de référence à même de rationaliser efficacement les conventions existantes sur un territoire avec un meilleur pilotage et suivi.",
    paragraphe: "§ 2e partie 3")
private let cadre = Citation(
    texte: "Elle constitue un cadre politique de référence où l'ensemble des interventions et des moyens offert par la branche Famille est mobilisé.",
    paragraphe: "introduction")
private let communiquer = Citation(
    texte: "En affirmant les priorités institutionnelles et en communiquant mieux sur les politiques mises en œuvre, la Ctg vise à faciliter la gestion des échanges avec les partenaires de la branche Famille et, ainsi, améliorer les offres de service à destination des allocataires.",
    paragraphe: "introduction")
let besoinsCitation = Citation(
    texte: "Afin de mieux répondre aux spécificités des territoires, la planification politique d'une collectivité territoriale doit tenir compte des partenaires et services présents, être pensé dans son environnement et être adapté : aux besoins du public (problématique de logements indécents, de forte précarité économique et sociale ou au contraire de sur représentation de familles bi-actives, problématique du manque de transports, des expulsions etc.) ; aux besoins du territoire (zone urbaine sensible, zone rurale, zone péri-urbaine, problématique de désertification des services publics, d'enclavement, de difficulté de transport, etc.).",
    paragraphe: "§ 2e partie, introduction")
let renouvellementCitation = Citation(
    texte: "L'évaluation est un préalable à tout renouvellement.", paragraphe: "§ 2e partie 3")
let accordCadreCitation = Citation(
    texte: "Un accord à chacun de ces deux échelons constitue une démarche plus aboutie et plus souhaitable pour : […] définir et mettre en œuvre un projet global de territoire découlant et s'inscrivant en cohérence avec les priorités d'intervention identifiées sur le département, dans le respect des champs d'intervention de chacun.",
    paragraphe: "§ 1re partie 2")

extension Catalogue {
    static let lecture: [RuleInfo] = [
        RuleInfo(
            id: .yamlInvalide, famille: .lecture,
            resume: "Le fichier n'a pas d'en-tête YAML lisible.",
            verifie: "Le fichier commence par une ligne « --- », suivie d'un en-tête YAML valide (des « clé: valeur »), fermé par une autre ligne « --- ». Un fichier vide, sans en-tête, non fermé, mal indenté (tabulations), avec une clé en double, ou dont l'en-tête est une liste ou un simple texte est signalé, à l'endroit où la lecture a échoué.",
            citations: [lisible],
            exempleFaux: "titre: Convention territoriale globale de Roubaix\n\techelon: local",
            exempleJuste: "---\ntitre: Convention territoriale globale de Roubaix\nechelon: local\n---"),
        RuleInfo(
            id: .cleInconnue, famille: .lecture,
            resume: "Une clé que le format ne connaît pas (faute de frappe ?).",
            verifie: "Chaque clé de l'en-tête est une clé du format (voir la documentation) ; une clé inconnue est ignorée et signalée avec la clé connue la plus proche. Quand elle tient la place d'une clé obligatoire absente, cette absence reste une erreur (cle-manquante, ou la règle qui la nomme). Dans site.yml, un identifiant de règle inconnu sous « regles » est signalé de même.",
            citations: [lisible],
            exempleFaux: "signatures: 2014-01-15",
            exempleJuste: "signature: 2014-01-15"),
        RuleInfo(
            id: .cleManquante, famille: .lecture,
            resume: "Une clé obligatoire est absente.",
            verifie: "Les clés obligatoires sont présentes : titre, echelon, territoire (nom, type, code, et departement sauf pour un département), chaque signataire (nom, type), periode (debut, fin), chaque axe (titre, champ), chaque objectif (libelle), chaque indicateur et chaque action (libelle) ; dans site.yml, titre et caf. Les autres clés (par exemple la date et le type d'une évaluation, l'année d'une ligne de moyens) sont facultatives pour cette règle. Celles que nomme une règle plus précise (signataires, diagnostic, axes, objectifs, actions, indicateurs, unite, reference, cibles) relèvent de cette règle.",
            citations: [cadre],
            exempleFaux: "territoire:\n  type: commune\n  code: \"59512\"\n  departement: \"59\"",
            exempleJuste: "territoire:\n  nom: Roubaix\n  type: commune\n  code: \"59512\"\n  departement: \"59\""),
        RuleInfo(
            id: .typeInvalide, famille: .lecture,
            resume: "Une valeur n'a pas la forme attendue (date, nombre, liste fermée…).",
            verifie: "Les dates sont au format AAAA-MM-JJ, les montants sont des nombres positifs (sans guillemets), les années ont quatre chiffres, et les valeurs des listes fermées (echelon, territoire.type, type d'un signataire, sens, etat, evaluation.type, devenir, cadre, type d'un bonus territoire) sont l'une des valeurs prévues.",
            citations: [lisible],
            exempleFaux: "periode:\n  debut: 01/01/2014\n  fin: 2017-12-31\nechelon: locale",
            exempleJuste: "periode:\n  debut: 2014-01-01\n  fin: 2017-12-31\nechelon: local"),
        RuleInfo(
            id: .idInvalide, famille: .lecture,
            resume: "Un identifiant n'est pas fait de minuscules, chiffres et tirets.",
            verifie: "Les identifiants (id de la convention, des axes, objectifs, indicateurs et actions ; renouvelle ; accord_cadre ; noms de fichiers qui en tiennent lieu) s'écrivent en minuscules sans accent, chiffres et tirets, et commencent par une lettre ou un chiffre : ils servent d'adresses de pages et d'ancres.",
            citations: [lisible],
            exempleFaux: "id: Roubaix 2014",
            exempleJuste: "id: roubaix-2014"),
        RuleInfo(
            id: .idDuplique, famille: .lecture,
            resume: "Deux conventions, ou deux éléments d'une convention, ont le même identifiant.",
            verifie: "Chaque convention a un identifiant unique dans le projet (par défaut, le nom de son fichier). Dans une convention, axes, objectifs, indicateurs et actions partagent les mêmes identifiants (ce sont les ancres de sa page) : deux fois le même est signalé sur le second. Les identifiants déduits de la position (a1, a1-o2…) comptent aussi.",
            citations: [reference],
            exempleFaux: "axes:\n  - id: accueil\n    objectifs:\n      - id: accueil",
            exempleJuste: "axes:\n  - id: accueil\n    objectifs:\n      - id: places-creche"),
        RuleInfo(
            id: .referenceInconnue, famille: .lecture,
            resume: "« renouvelle », « accord_cadre » ou « diagnostic.page » ne mène à rien.",
            verifie: "« renouvelle » et « accord_cadre » nomment l'identifiant d'une autre convention du projet ; « diagnostic.page » nomme un fichier qui existe, à partir du dossier de la convention (par exemple diagnostic.md dans un dossier de convention).",
            citations: [renouvellementCitation, accordCadreCitation],
            exempleFaux: "renouvelle: roubaix-2009",
            exempleJuste: "renouvelle: roubaix-2010"),
        RuleInfo(
            id: .lienCasse, famille: .lecture,
            resume: "Un lien du texte mène à un fichier qui n'existe pas.",
            verifie: "Chaque lien relatif du texte d'une convention, d'une annexe ou d'une page libre (ni http:, ni https:, ni mailto:, ni #ancre) mène à un fichier du dossier content/, à partir du dossier du fichier qui contient le lien. Un chemin absolu (« /pages/x.md ») ne fonctionne pas quand le site est ouvert depuis le disque.",
            citations: [communiquer],
            exempleFaux: "Voir la [méthodologie](pages/methodologie.md).",
            exempleJuste: "Voir la [méthodologie](../pages/methodologie.md)."),
        RuleInfo(
            id: .valeurInconnue, famille: .lecture,
            resume: "Une valeur hors des listes du format (besoins, type_territoire, schemas, conventions_existantes.type).",
            verifie: "Les besoins du public (« besoins »), du territoire (« type_territoire »), les schémas (« schemas ») et les types de conventions existantes sont pris dans les listes du format ; pour le reste, « autre ». La valeur connue la plus proche est proposée.",
            citations: [besoinsCitation],
            exempleFaux: "diagnostic:\n  besoins: [précarité, transport]",
            exempleJuste: "diagnostic:\n  besoins: [precarite, transports]"),
        RuleInfo(
            id: .signatureDouteuse, famille: .lecture,
            resume: "Pas de « signature », mais une clé inconnue qui en tient sans doute la place.",
            verifie: "Une convention sans « signature » est un projet : publiée comme telle avec --projets, laissée de côté sinon. Quand une clé inconnue de l'en-tête ressemble à « signature » (« signatur », « date_signature »…), la convention perdrait sa signature sans bruit : c'est une erreur, à la place de cle-inconnue pour cette clé.",
            citations: [reference],
            exempleFaux: "signatur: 2014-01-15",
            exempleJuste: "signature: 2014-01-15"),
        RuleInfo(
            id: .lienSymbolique, famille: .lecture,
            resume: "Un lien symbolique dans content/ ou templates/ : ctg ne le suit pas.",
            verifie: "Le site ne publie que ce que le projet contient : un lien symbolique de content/ ou de templates/ n'est jamais suivi (il pourrait désigner n'importe quel fichier de l'ordinateur), et le fichier ou le dossier qu'il désigne est laissé de côté. Mettez à sa place le fichier ou le dossier lui-même.",
            citations: [communiquer],
            exempleFaux: "content/territoires/nord-2014/annexe.md -> /srv/partage/annexe.md",
            exempleJuste: "content/territoires/nord-2014/annexe.md (le fichier lui-même, copié dans le projet)"),
        RuleInfo(
            id: .aCompleter, famille: .lecture,
            resume: "Un texte qui porte encore « À compléter », le repère que ctg new écrit.",
            verifie: "Aucun texte de l'en-tête ne commence par « À compléter » ni ne porte « (à compléter) », avec ou sans accent ou majuscule : ce sont les repères du modèle que ctg new écrit, à remplacer avant publication.",
            citations: [communiquer],
            exempleFaux: "territoire:\n  nom: À compléter",
            exempleJuste: "territoire:\n  nom: Roubaix"),
    ]
}

extension Catalogue {
    /// RULES.md, *Spreadsheets*: results kept in a sheet beside the convention (`tableur:`).
    static let tableurs: [RuleInfo] = [
        RuleInfo(
            id: .tableurInvalide, famille: .tableurs,
            resume: "La feuille de résultats (« tableur ») ne peut pas être lue.",
            verifie: "« tableur » nomme une feuille rangée dans content/ (à partir du dossier de la convention), au format CSV, séparée par des points-virgules ou des virgules, en UTF-8 ou Windows-1252 (comme l'enregistre Excel). Sa première ligne nomme les colonnes « indicateur », « annee » et « resultat », dans n'importe quel ordre ; chaque ligne suivante donne le résultat d'un indicateur pour une année. L'année est un nombre de quatre chiffres, le résultat un nombre (12,5 ou 12.5). Le constat pointe la cellule : ligne, colonne, et son nom (B12).",
            citations: [reference],
            exempleFaux: "tableur: resultats.csv\n# resultats.csv :\n# indicateur;annee;resultat\n# places-eaje;deux mille seize;930",
            exempleJuste: "tableur: resultats.csv\n# resultats.csv :\n# indicateur;annee;resultat\n# places-eaje;2016;930"),
        RuleInfo(
            id: .indicateurInconnu, famille: .tableurs,
            resume: "Une ligne de la feuille de résultats nomme un indicateur que la convention n'a pas.",
            verifie: "La colonne « indicateur » de chaque ligne de la feuille donne l'identifiant (« id ») d'un indicateur de la convention, ou celui que ctg déduit de sa position (a1-o1-i1) ; un identifiant inconnu est signalé avec le plus proche. ctg tableur écrit une feuille dont les identifiants sont justes.",
            citations: [reference],
            exempleFaux: "# indicateur;annee;resultat\n# place-eaje;2016;930",
            exempleJuste: "# indicateur;annee;resultat\n# places-eaje;2016;930"),
        RuleInfo(
            id: .valeurEnDouble, famille: .tableurs,
            resume: "Un résultat est donné deux fois, dans la feuille et dans l'en-tête, ou deux fois dans la feuille.",
            verifie: "Le résultat d'une année d'un indicateur est donné une fois : une année donnée par l'en-tête (« resultats ») et par la feuille avec deux valeurs différentes, ou deux fois par la feuille, est signalée sur la cellule de la feuille, avec l'autre endroit (fichier:ligne). Une même valeur donnée aux deux endroits n'est pas une erreur.",
            citations: [reference],
            exempleFaux: "resultats: { 2016: 930 }\n# resultats.csv : places-eaje;2016;935",
            exempleJuste: "resultats: { 2015: 905 }\n# resultats.csv : places-eaje;2016;935"),
    ]
}
