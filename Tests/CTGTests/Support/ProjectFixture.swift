import Foundation

/// A throwaway project folder written from string literals, removed on `cleanup()`.
struct ProjectFixture {
    let root: String

    init(files: [String: String], siteYml: String? = ProjectFixture.site) {
        root = NSTemporaryDirectory() + "ctg-fixture-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: root + "/content/territoires", withIntermediateDirectories: true)
        if let siteYml { write("content/site.yml", siteYml) }
        for (path, text) in files { write(path, text) }
    }

    func write(_ path: String, _ text: String) {
        let full = root + "/" + path
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func writeBytes(_ path: String, _ bytes: [UInt8]) {
        let full = root + "/" + path
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: root + "/" + path).map { String(decoding: $0, as: UTF8.self) }
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: root) }

    static let site = """
    titre: CTG de test
    caf: Caf de test
    date_reference: 2016-06-30

    """

    /// A convention with every key, valid against the rules.
    static let roubaix = """
    ---
    titre: Convention territoriale globale de Roubaix 2014-2017
    echelon: local
    territoire:
      nom: Roubaix
      type: commune
      code: "59512"
      departement: "59"
    signataires:
      - nom: Caf du Nord
        type: caf
        representant: Le directeur
      - nom: Ville de Roubaix
        type: commune
        code: "59512"
    periode:
      debut: 2014-01-01
      fin: 2017-12-31
    deliberation_ca: 2013-12-10
    signature: 2014-01-15
    diagnostic:
      date: 2013-10-15
      partenaires: [Caf du Nord, Ville de Roubaix]
      besoins: [precarite, transports]
      type_territoire: [urbain]
    champs: [petite-enfance]
    schemas: [sdsf]
    conventions_existantes:
      - type: cej
        intitule: Contrat enfance jeunesse 2012-2015
        debut: 2012-01-01
        fin: 2015-12-31
        devenir: integre
    moyens:
      - annee: 2014
        prestations_legales: 245000000
        action_sociale: 12000000
      - annee: 2015
        prestations_legales: 250000000
        action_sociale: 12500000.5
    gouvernance:
      comite_pilotage: [Caf du Nord, Ville de Roubaix]
      comite_technique: [Caf du Nord]
    axes:
      - id: accueil
        titre: Développer l'offre d'accueil du jeune enfant
        champ: petite-enfance
        objectifs:
          - libelle: Augmenter la capacité d'accueil collectif
            indicateurs:
              - id: places-eaje
                libelle: Places en EAJE
                unite: places
                reference: { annee: 2013, valeur: 850 }
                cibles: { 2015: 900, 2017: 980 }
                resultats: { 2014: 860, 2015: 905 }
              - libelle: Taux de couverture
                unite: "%"
                sens: hausse
                reference: { annee: 2013, valeur: 2.7 }
                cibles: { 2017: 3.5 }
                resultats: { 2016: 2.8 }
            actions:
              - libelle: Créer un multi-accueil de 40 places
                pilote: Ville de Roubaix
                partenaires: [Caf du Nord, PMI]
                echeance: 2015-09-01
                etat: realisee
                budget: 120000
              - id: relais
                libelle: Ouvrir un relais petite enfance
                pilote: Caf du Nord
                echeance: 2016-09-01
                etat: en-cours
    ---
    ## Le territoire

    Roubaix compte [un diagnostic](roubaix-2014.md) et un [site](https://example.org/).

    """
}

/// The repository's folder, found from this file's path.
func repositoryRoot(_ file: String = #filePath) -> String {
    var url = URL(fileURLWithPath: file)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.path + "/Package.swift") { return url.path }
    }
    fatalError("Package.swift introuvable")
}
