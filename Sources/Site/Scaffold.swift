import Model

/// Text of a new convention (`ctg new convention`): every required key, French comments
/// that explain each block, a period starting next January. Under the 2020 framework (the
/// default: every CTG signed today follows it) five years, the common core of fields and one
/// more, each with its axe, and a commented bonus territoire; under `cnaf-2013`, four years.
/// It checks with warnings at most: it is a draft (no `signature`), to be completed.
public enum Scaffold {
    public enum Error: Swift.Error, CustomStringConvertible {
        case invalidId(String, suggestion: String)
        case emptyId
        case idTooLong(Int, suggestion: String)
        case invalidCode(String, echelon: Echelon)
        public var description: String {
            switch self {
            case let .invalidId(id, s):
                return "identifiant « \(id) » invalide : lettres minuscules sans accent, chiffres et tirets (par exemple « \(s) »)"
            case .emptyId:
                return "l'identifiant est vide\u{00A0}: donnez-en un en lettres minuscules sans accent, chiffres et tirets, par exemple « \(Scaffold.exampleId) »"
            case let .idTooLong(n, s):
                return "identifiant trop long (\(n) caractères)\u{00A0}: il devient un nom de fichier et l'adresse d'une page, \(Scaffold.maxIdLength) caractères au plus (par exemple « \(s) »)"
            case let .invalidCode(code, echelon):
                return echelon == .departemental
                    ? "code de département « \(code) » invalide : 01 à 19, 2A, 2B, 21 à 95, 971 à 974 ou 976"
                    : "code « \(code) » invalide : code INSEE de commune sur 5 caractères (59512, 2A004) ou SIREN d'EPCI sur 9 chiffres"
            }
        }
    }

    /// The département of a commune code: 2 first characters, 3 overseas.
    public static func departement(ofCommune code: String) -> String {
        code.hasPrefix("97") ? String(code.prefix(3)) : String(code.prefix(2))
    }

    static let departements: Set<String> = {
        var s: Set<String> = ["2A", "2B", "971", "972", "973", "974", "976"]
        for n in 1...95 where n != 20 { s.insert(n < 10 ? "0\(n)" : "\(n)") }
        return s
    }()

    /// The example of an id the messages give when nothing of the one written can be kept.
    static let exampleId = "roubaix-2027"

    /// The longest id `ctg new` writes: it names the file (`ID.md`, 255 bytes at most on most
    /// file systems) and the page's folder, and a person reads it in every address.
    public static let maxIdLength = 100

    /// A valid id for what was written: `ÉTÉ` → `ete`, cut to `maxIdLength` (at a dash when
    /// there is one), `roubaix-2027` when nothing of it is left.
    static func suggestion(for id: String) -> String {
        var s = slugify(id)
        if s.utf8.count > maxIdLength {
            s = String(s.prefix(maxIdLength))
            if let dash = s.lastIndex(of: "-"), dash > s.startIndex { s = String(s[..<dash]) }
        }
        return isValidId(s) ? s : exampleId
    }

    /// The fields a starter covers, one axe each: under the 2020 framework its common core and
    /// one more (`socle-champs`), under the 2013 one the first field alone.
    static func champs(_ cadre: Cadre) -> [String] {
        cadre == .cnaf2020 ? Vocabulaire.socle2020 + ["acces-aux-droits"] : ["petite-enfance"]
    }

    public static func convention(id: String, echelon: Echelon, territoire code: String?, today: Day,
                                  cadre: Cadre = .cnaf2020) throws -> String {
        guard !id.isEmpty else { throw Error.emptyId }
        guard isValidId(id) else { throw Error.invalidId(id, suggestion: suggestion(for: id)) }
        guard id.utf8.count <= maxIdLength else { throw Error.idTooLong(id.count, suggestion: suggestion(for: id)) }
        let debut = today.firstOfYear.adding(years: 1)
        let annees = cadre == .cnaf2020 ? 5 : 4
        let fin = debut.adding(years: annees).previous
        let y0 = debut.year
        var territoire: String
        var signataire: String
        switch echelon {
        case .departemental:
            if let code, !departements.contains(code) { throw Error.invalidCode(code, echelon: echelon) }
            // Without --territoire the code is a placeholder, never a real département's.
            let dep = code ?? "À compléter"
            territoire = """
              nom: À compléter                # nom du département
              type: departement
              code: "\(dep)"                    # code du département (01 à 95, 2A, 2B, 971 à 976)
            """
            signataire = """
              - nom: Conseil départemental (à compléter)
                type: departement
            """
        case .local:
            // Without --territoire the codes are placeholders, never a real commune's.
            let c = code ?? "À compléter"
            let isEpci = c.count == 9 && c.allSatisfy(\.isNumber)
            let isCommune = c.count == 5 && (c.allSatisfy(\.isNumber) || c.hasPrefix("2A") || c.hasPrefix("2B"))
            guard isEpci || isCommune || code == nil else { throw Error.invalidCode(c, echelon: echelon) }
            let type = isEpci ? "epci" : "commune"
            let dep = isEpci || code == nil ? "À compléter" : departement(ofCommune: c)
            territoire = """
              nom: À compléter                # nom de la \(isEpci ? "communauté (EPCI)" : "commune")
              type: \(type)                    # commune | epci
              code: "\(c)"                 # \(isEpci ? "SIREN de l'EPCI (9 chiffres)" : "code INSEE de la commune (5 caractères)")
              departement: "\(dep)"              # code du département\(isEpci ? " (à vérifier)" : "")
            """
            signataire = """
              - nom: \(isEpci ? "Communauté (à compléter)" : "Ville (à compléter)")
                type: \(type)
                code: "\(c)"
            """
        }
        return """
        ---
        # Convention territoriale globale « \(id) » — projet créé par « ctg new » le \(today.iso).
        # Complétez chaque bloc, puis vérifiez avec « ctg check ». Les lignes « # » sont des commentaires.
        # Tant que « signature » est absente, la convention est un projet : elle n'est publiée
        # qu'avec « ctg build --projets » ou « --revue ».
        titre: Convention territoriale globale \(id) \(y0)-\(fin.year)
        cadre: \(cadre.rawValue)                # \(cadre == .cnaf2020 ? "circulaire Cnaf du 16 janvier 2020 (cnaf-2013 : lettre circulaire n° 2013-205)" : "lettre circulaire Cnaf n° 2013-205 (cnaf-2020 : circulaire du 16 janvier 2020)")
        echelon: \(echelon.rawValue)              # local (commune, EPCI) | departemental (accord-cadre)
        # accord_cadre: id-de-la-ctg-departementale   # pour une CTG locale, la convention départementale
        # renouvelle: id-de-la-ctg-precedente        # la convention évaluée que celle-ci renouvelle

        # Le territoire couvert.
        territoire:
        \(territoire)

        # Les signataires : la Caf et au moins une collectivité territoriale (circulaire, 2e partie).
        \(cadre == .cnaf2020 ? "# Msa, État, Département ou syndicat intercommunal peuvent signer aussi (types msa, etat, departement, syndicat).\n" : "")signataires:
          - nom: Caf (à compléter)
            type: caf
            representant: Le directeur
        \(signataire)

        # \(cadre == .cnaf2020 ? "Cinq années (quatre à cinq dans le cadre 2020)" : "Quatre années"), la fin est la veille du même jour \(cadre == .cnaf2020 ? "cinq" : "quatre") ans plus tard.
        periode:
          debut: \(debut.iso)
          fin: \(fin.iso)
        # deliberation_ca: \(today.iso)   # date de la délibération du conseil d'administration de la Caf
        # signature: \(today.iso)         # date de signature ; absente = projet

        # Le diagnostic partagé, auquel toute CTG est adossée (2e partie, 2).
        diagnostic:
          date: \(today.iso)
          partenaires: [Caf, À compléter]  # au moins deux partenaires
          besoins: [precarite]              # logement-indecent, precarite, familles-bi-actives, transports, expulsions, autre
          type_territoire: [urbain]         # urbain, zone-urbaine-sensible, rural, periurbain, desertification-services-publics, enclavement, autre
          # page: diagnostic.md             # annexe qui détaille le diagnostic (convention en dossier)

        # Les champs d'intervention couverts par les axes (petite-enfance, enfance, jeunesse, parentalite…).
        \(cadre == .cnaf2020 ? "# Cadre 2020 : au moins le socle petite-enfance, jeunesse, parentalite, et un autre champ (à choisir).\n" : "")champs: [\(champs(cadre).joined(separator: ", "))]
        # Les schémas thématiques avec lesquels la CTG s'articule.
        schemas: [sdsf]

        # Les contrats que la CTG rationalise (cej, psu, prestation-service, autre) et leur devenir.
        conventions_existantes:
          - type: cej
            intitule: Contrat enfance jeunesse (à compléter)
            devenir: integre                 # integre | maintenu | echu

        # Les moyens que la Caf déploie sur le territoire, en euros, une ligne par année : ôtez
        # les « # » et écrivez les montants (aucun montant n'est inventé ici).
        # moyens:
        \((0..<annees).map { "#   - annee: \(y0 + $0)\n#     prestations_legales: à compléter\n#     action_sociale: à compléter" }.joined(separator: "\n"))
        \(cadre == .cnaf2020 ? bonus(debut) : "")

        # Le pilotage de la convention.
        gouvernance:
          comite_pilotage: [Caf, À compléter]
          comite_technique: [Caf, À compléter]

        # Les priorités et le plan d'actions détaillé : axes → objectifs → indicateurs et actions.
        axes:
        \(champs(cadre).map { axe($0, today: today, debut: debut, fin: fin) }.joined(separator: "\n"))
        ---
        ## Le territoire et ses enjeux

        Décrivez ici le territoire, le diagnostic partagé et les priorités retenues.

        ## Gouvernance et évaluation

        Décrivez le pilotage de la convention et les modalités de son évaluation.

        """
    }

    /// One axe of the starter, in field `champ`.
    static func axe(_ champ: String, today: Day, debut: Day, fin: Day) -> String {
        """
          - titre: À compléter (titre de l'axe)
            champ: \(champ)
            objectifs:
              - libelle: À compléter (objectif)
                indicateurs:
                  - libelle: À compléter (indicateur)
                    unite: places
                    sens: hausse              # hausse | baisse : le sens du progrès
                    reference: { annee: \(today.year), valeur: 0 }
                    cibles: { \(fin.year): 10 }
                    # resultats: { \(debut.year): 2 }  # un résultat par année mesurée
                actions:
                  - libelle: À compléter (action)
                    pilote: Caf
                    partenaires: [À compléter]
                    echeance: \(debut.adding(years: 1).lastOfYear.iso)
                    etat: prevue             # prevue | en-cours | realisee | abandonnee
        """
    }

    /// The bonus territoire of the 2020 framework, in comments: no equipment is invented.
    static func bonus(_ debut: Day) -> String {
        """

        # Le bonus territoire : les équipements que la Caf finance au titre de la CTG (il a pris le
        # relais du Cej). Ôtez les « # » et décrivez chaque équipement : type eaje, rpe (relais
        # petite enfance, anciennement ram), laep ou alsh ; commune du territoire (code INSEE).
        # bonus_territoire:
        #   - type: eaje
        #     nom: À compléter
        #     commune: "À compléter"
        #     places: À compléter            # eaje et alsh
        #     debut: \(debut.iso)
        """
    }
}
