/// Every rule id of the catalogue (RULES.md). Ids are stable: users grep for them,
/// silence them in `site.yml` and cite them before their board.
public enum RuleID: String, Sendable, Hashable, CaseIterable, Comparable {
    // Reading the files
    case yamlInvalide = "yaml-invalide"
    case cleInconnue = "cle-inconnue"
    case cleManquante = "cle-manquante"
    case typeInvalide = "type-invalide"
    case idInvalide = "id-invalide"
    case idDuplique = "id-duplique"
    case referenceInconnue = "reference-inconnue"
    case lienCasse = "lien-casse"
    case valeurInconnue = "valeur-inconnue"
    case signatureDouteuse = "signature-douteuse"
    case lienSymbolique = "lien-symbolique"
    case aCompleter = "a-completer"
    // The convention
    case signatairesCafCollectivite = "signataires-caf-collectivite"
    case echelonCoherent = "echelon-coherent"
    case dureeQuatreAns = "duree-quatre-ans"
    case chronologie = "chronologie"
    case deliberationCA = "deliberation-ca"
    case codeTerritoire = "code-territoire"
    case chevauchement = "chevauchement"
    case accordCadreCoherent = "accord-cadre-coherent"
    // Territories (the embedded referential)
    case codeInconnu = "code-inconnu"
    case codeAncien = "code-ancien"
    case nomTerritoire = "nom-territoire"
    case communesEpci = "communes-epci"
    // Shared diagnostic
    case diagnosticPartage = "diagnostic-partage"
    case besoinsTerritoire = "besoins-territoire"
    // Fields, priorities and action plan
    case champBrancheFamille = "champ-branche-famille"
    case champsCouverts = "champs-couverts"
    case planActions = "plan-actions"
    case actionIncomplete = "action-incomplete"
    case actionHorsPeriode = "action-hors-periode"
    // Objectifs-résultats and evaluation
    case objectifSansIndicateur = "objectif-sans-indicateur"
    case indicateurIncomplet = "indicateur-incomplet"
    case cibleHorsPeriode = "cible-hors-periode"
    case resultatInvalide = "resultat-invalide"
    case evaluationAvantRenouvellement = "evaluation-avant-renouvellement"
    case evaluationAttendue = "evaluation-attendue"
    case moyensAffiches = "moyens-affiches"
    case rationalisation = "rationalisation"
    case schemasArticulation = "schemas-articulation"
    case gouvernance = "gouvernance"
    // The 2020 framework (cnaf-2020 only)
    case dureeCtg = "duree-ctg"
    case dureeConseillee = "duree-conseillee"
    case socleChamps = "socle-champs"
    case transitionCej = "transition-cej"
    case bonusTerritoire = "bonus-territoire"
    // Spreadsheets (results kept in a sheet beside the convention)
    case tableurInvalide = "tableur-invalide"
    case indicateurInconnu = "indicateur-inconnu"
    case valeurEnDouble = "valeur-en-double"

    /// Severity given by RULES.md, before any `regles:` setting of `site.yml`.
    public var defaultSeverity: Severity {
        switch self {
        case .cleInconnue, .valeurInconnue, .lienSymbolique, .aCompleter, .deliberationCA, .besoinsTerritoire, .champsCouverts,
             .actionIncomplete, .actionHorsPeriode, .evaluationAttendue, .moyensAffiches,
             .rationalisation, .schemasArticulation, .gouvernance, .codeAncien, .nomTerritoire, .communesEpci,
             .dureeConseillee, .transitionCej:
            return .warning
        default:
            return .error
        }
    }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}
