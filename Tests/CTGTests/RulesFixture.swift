import Content
import Foundation
import Model
import Rules

/// A valid project that gives no finding at all, and ways to break it one defect at a time.
/// Conventions: roubaix-2014 (local, renews roubaix-2010, under the accord-cadre nord-2014),
/// roubaix-2010 (evaluated, renewed), nord-2014 (departmental bundle with an annex),
/// mel-2015 (an EPCI), and a free page.
enum RulesFixture {
    static let site = """
    titre: CTG de test
    caf: Caf du Nord
    date_reference: 2016-06-30
    champs_supplementaires:
      inclusion-numerique: Inclusion numérique

    """

    static let roubaix = """
    ---
    id: roubaix-2014
    titre: Convention territoriale globale de Roubaix 2014-2017
    echelon: local
    territoire:
      nom: Roubaix
      type: commune
      code: "59512"
      departement: "59"
      communes: ["59512"]
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
    accord_cadre: nord-2014
    renouvelle: roubaix-2010
    diagnostic:
      date: 2013-10-15
      partenaires: [Caf du Nord, Ville de Roubaix]
      besoins: [precarite, transports]
      type_territoire: [urbain]
    champs: [petite-enfance, parentalite]
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
        action_sociale: 12500000
    gouvernance:
      comite_pilotage: [Caf du Nord, Ville de Roubaix]
    axes:
      - id: accueil
        titre: Développer l'offre d'accueil du jeune enfant
        champ: petite-enfance
        objectifs:
          - id: places
            libelle: Augmenter la capacité d'accueil collectif
            indicateurs:
              - id: places-eaje
                libelle: Places en EAJE
                unite: places
                reference: { annee: 2013, valeur: 850 }
                cibles: { 2015: 900, 2017: 980 }
                resultats: { 2014: 860, 2015: 905 }
            actions:
              - id: creche
                libelle: Créer un multi-accueil de 40 places
                pilote: Ville de Roubaix
                echeance: 2015-09-01
                etat: realisee
      - titre: Soutenir les parents
        champ: parentalite
        objectifs:
          - libelle: Rapprocher l'offre des familles
            indicateurs:
              - libelle: Familles accompagnées
                unite: familles
                reference: { annee: 2013, valeur: 640 }
                cibles: { 2017: 900 }
            actions:
              - libelle: Ouvrir un lieu d'accueil enfants-parents
                pilote: Centre social de l'Alma
                echeance: 2016-09-30
    evaluation:
      date: 2016-03-15
      type: intermediaire
    ---
    ## Le territoire

    Cette convention prend la suite de la [convention 2010-2013](roubaix-2010.md) et
    s'inscrit dans l'[accord-cadre](nord-2014/index.md#axes). Voir la [méthode](../pages/methode.md).

    """

    /// A convention with every rule satisfied, from a few parameters.
    static func convention(id: String, echelon: String, territoire: String, signataire: String,
                           debut: String, fin: String, signature: String, extra: String = "",
                           champ: String = "enfance", annee: Int, body: String = "") -> String {
        """
        ---
        id: \(id)
        titre: Convention \(id)
        echelon: \(echelon)
        territoire:
        \(territoire)
        signataires:
          - nom: Caf du Nord
            type: caf
        \(signataire)
        periode:
          debut: \(debut)
          fin: \(fin)
        deliberation_ca: \(signature)
        signature: \(signature)
        \(extra)diagnostic:
          date: \(annee - 1)-06-01
          partenaires: [Caf du Nord, Partenaire]
          besoins: [autre]
          type_territoire: [rural]
        champs: [\(champ)]
        schemas: [autre]
        moyens:
          - annee: \(annee)
            prestations_legales: 1000
            action_sociale: 100
        gouvernance:
          comite_pilotage: [Caf du Nord]
        axes:
          - titre: Axe unique
            champ: \(champ)
            objectifs:
              - libelle: Objectif unique
                indicateurs:
                  - libelle: Indicateur unique
                    unite: places
                    reference: { annee: \(annee - 1), valeur: 10 }
                    cibles: { \(annee + 3): 20 }
                actions:
                  - libelle: Action unique
                    pilote: Caf du Nord
                    echeance: \(annee + 1)-06-30
        ---
        \(body)

        """
    }

    static let roubaix2010 = convention(
        id: "roubaix-2010", echelon: "local",
        territoire: "  nom: Roubaix\n  type: commune\n  code: \"59512\"\n  departement: \"59\"",
        signataire: "  - nom: Ville de Roubaix\n    type: commune",
        debut: "2010-01-01", fin: "2013-12-31", signature: "2010-01-10",
        extra: "evaluation:\n  date: 2013-10-22\n  type: finale\n", annee: 2010)

    static let nord = convention(
        id: "nord-2014", echelon: "departemental",
        territoire: "  nom: Nord\n  type: departement\n  code: \"59\"",
        signataire: "  - nom: Conseil général du Nord\n    type: departement\n    code: \"59\"",
        debut: "2014-01-01", fin: "2017-12-31", signature: "2014-04-24",
        extra: "", annee: 2014,
        body: "## Axes\n\nLe [diagnostic](diagnostic.md) et la [carte](carte.png).")
        .replacingOccurrences(of: "  date: 2013-06-01\n", with: "  date: 2013-06-01\n  page: diagnostic.md\n")

    static let nordDiagnostic = "---\ntitre: Diagnostic partagé\n---\nVoir [Roubaix](../roubaix-2014.md).\n"

    static let mel = convention(
        id: "mel-2015", echelon: "local",
        territoire: "  nom: Métropole européenne de Lille\n  type: epci\n  code: \"200093201\"\n  departement: \"59\"\n  communes: [\"59350\", \"59512\"]",
        signataire: "  - nom: Métropole européenne de Lille\n    type: epci\n    code: \"200093201\"",
        debut: "2015-07-01", fin: "2019-06-30", signature: "2015-06-15", extra: "accord_cadre: nord-2014\n",
        champ: "inclusion-numerique", annee: 2015)

    static let page = "---\ntitre: Méthode\n---\nLes [conventions](../territoires/roubaix-2014.md) et [le Nord](../territoires/nord-2014/index.md).\n"

    /// Every file of the base project.
    static var files: [String: String] {
        [
            "content/site.yml": site,
            "content/territoires/roubaix-2014.md": roubaix,
            "content/territoires/roubaix-2010.md": roubaix2010,
            "content/territoires/nord-2014/index.md": nord,
            "content/territoires/nord-2014/diagnostic.md": nordDiagnostic,
            "content/territoires/nord-2014/carte.png": "PNG",
            "content/territoires/mel-2015.md": mel,
            "content/pages/methode.md": page,
        ]
    }

    /// Writes `files` into a temporary project, loads and checks it, removes it.
    static func check(_ files: [String: String], date: Day = Day(year: 2016, month: 6, day: 30)!) async throws -> [Finding] {
        let root = try write(files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let project = try await ProjectLoader.load(root: root)
        return Checker.check(project, date: project.site.dateReference ?? date)
    }

    /// Where throwaway projects go: memory (`/dev/shm`) when the system has it, since a
    /// hundred small projects written to a virtual disk spend more time waiting than checking.
    static let scratch: String = {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isDir), isDir.boolValue,
           FileManager.default.isWritableFile(atPath: "/dev/shm") { return "/dev/shm/" }
        return NSTemporaryDirectory()
    }()

    /// A file's text that `write` makes a symbolic link to the rest of the text (`symbolicLink(to:)`).
    static let linkPrefix = "\u{0}lien-symbolique:"

    /// Writes a project into a new folder under `scratch` and returns the folder.
    static func write(_ files: [String: String]) throws -> String {
        let root = scratch + "ctg-rules-" + UUID().uuidString
        let fm = FileManager.default
        for dir in Set(files.keys.map { (root + "/" + $0 as NSString).deletingLastPathComponent }).sorted() {
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
        for (path, text) in files {
            if text.hasPrefix(linkPrefix) {
                try fm.createSymbolicLink(atPath: root + "/" + path, withDestinationPath: String(text.dropFirst(linkPrefix.count)))
                continue
            }
            guard fm.createFile(atPath: root + "/" + path, contents: Data(text.utf8)) else { throw CocoaError(.fileWriteUnknown) }
        }
        return root
    }

    /// The base project with `edit` applied to the text of `file`.
    static func with(_ file: String, _ edit: (String) -> String) -> [String: String] {
        var f = files
        f[file] = edit(f[file] ?? "")
        return f
    }
}

/// Where `needle` stands in `text` (its `nth` occurrence), as a finding gives it:
/// 1-based line, column in Unicode scalars.
func position(of needle: String, in text: String, nth: Int = 1) -> (line: Int, column: Int)? {
    var count = 0
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        var from = line.startIndex
        while let r = line.range(of: needle, range: from..<line.endIndex) {
            count += 1
            if count == nth { return (i + 1, line[..<r.lowerBound].unicodeScalars.count + 1) }
            from = line.index(after: r.lowerBound)
        }
    }
    return nil
}

extension String {
    /// `self` with `old` replaced once (the test fails loudly if `old` is not there).
    func replacing1(_ old: String, _ new: String) -> String {
        guard let r = range(of: old) else { fatalError("« \(old) » absent du texte de départ") }
        return replacingCharacters(in: r, with: new)
    }
}
