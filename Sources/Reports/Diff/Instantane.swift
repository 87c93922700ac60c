import Dispatch
import Foundation

/// What a build's `donnees/conventions.json` (FORMAT.md §6) holds that `ctg diff` compares:
/// a board's view of the site on a day. Read from either version; what a version 1 file
/// lacks is nil, never guessed.
public struct Instantane: Sendable, Equatable {
    public var version: Int
    /// `date_reference` of that build, ISO.
    public var dateReference: String?
    public var conventions: [ConventionVue]
    /// A review build (`--revue`, or the preview): drafts included, and each convention's
    /// findings given.
    public var revue: Bool = false

    public struct ConventionVue: Sendable, Equatable {
        public var id: String
        public var titre: String?
        public var phase: String?
        public var signature: String?
        public var indicateurs: [IndicateurVue]
        /// The plan's actions; nil in a version 1 file (it only counts them).
        public var actions: [ActionVue]?
        /// Per year; nil when the file has no `moyens`.
        public var moyens: [MoyensVue]?
        /// A review build's findings of the convention; nil in a public build.
        public var constats: [ConstatVue]?
    }

    /// One finding, as `ctg check --format json` names its parts; its place is left out of
    /// the comparison (an edit above it moves it).
    public struct ConstatVue: Sendable, Equatable {
        public var regle: String
        public var gravite: String
        public var message: String
    }

    public struct IndicateurVue: Sendable, Equatable {
        public var id: String
        public var libelle: String?
        public var unite: String?
        public var reference: PointVue?
        /// Year → value as written, by year; nil in a version 1 file.
        public var cibles: [PointVue]?
        public var resultats: [PointVue]?
        /// Version 1 only: what it says of targets and results.
        public var cibleFinale: PointVue?
        public var dernierResultat: PointVue?
        public var etat: String?
        /// Values withheld by the secret statistique (null in the file): not compared.
        public var referenceSecrete = false
        public var resultatsSecrets: Set<Int> = []
    }

    public struct PointVue: Sendable, Equatable {
        public var annee: Int
        /// The number as written in the file (JSON's grammar).
        public var valeur: String
    }

    public struct ActionVue: Sendable, Equatable {
        public var id: String
        public var libelle: String?
        public var etat: String?
        public var echeance: String?
        public var budget: String?
    }

    public struct MoyensVue: Sendable, Equatable {
        public var annee: Int
        public var prestationsLegales: String?
        public var actionSociale: String?
    }
}

/// Why a file cannot be compared: a message in French, after the file's name.
public struct ErreurInstantane: Error, Sendable, Equatable {
    public var message: String
}

extension Instantane {
    /// The versions `ctg diff` reads.
    public static let versionsLues = 1...2

    /// Reads the bytes of a `conventions.json`; throws a French reason when they are not
    /// JSON, not ctg's open data, or of a version ctg does not read.
    public static func lire(_ bytes: [UInt8]) throws(ErreurInstantane) -> Instantane {
        if let rapide = parLignes(bytes) { return rapide }
        return try lireEntier(bytes)
    }

    /// `lire` of the whole file at once: any JSON layout, and the errors' places.
    static func lireEntier(_ bytes: [UInt8]) throws(ErreurInstantane) -> Instantane {
        let racine: ValeurJSON
        do {
            racine = try LectureJSON.lire(bytes)
        } catch {
            if error.octet == 0 && error.raison == "le fichier est vide" { throw ErreurInstantane(message: "le fichier est vide") }
            throw ErreurInstantane(message: "ce n'est pas du JSON valide (octet \(error.octet + 1)\u{00A0}: \(error.raison))")
        }
        let etranger = ErreurInstantane(message: "ce JSON n'est pas un fichier « donnees/conventions.json » produit par ctg build (il y faut « version », « date_reference » et « conventions »)")
        guard case .objet = racine, let v = racine["version"], let liste = racine["conventions"]?.liste else { throw etranger }
        guard let version = v.entier else { throw etranger }
        guard versionsLues.contains(version) else {
            throw ErreurInstantane(message: "c'est un fichier conventions.json de version \(version.description), que ctg ne sait pas lire (versions 1 et 2 seulement)")
        }
        var conventions: [ConventionVue] = []
        for (k, c) in liste.enumerated() {
            guard let id = c["id"]?.texte else {
                throw ErreurInstantane(message: "la convention n° \(k + 1) de « conventions » n'a pas d'identifiant (« id »)")
            }
            conventions.append(try convention(c, id: id, version: version))
        }
        return Instantane(version: version, dateReference: racine["date_reference"]?.texte, conventions: conventions,
                          revue: racine["revue"]?.booleen == true)
    }

    /// The file as `ctg build` writes it — its head, one convention per line, its tail — read
    /// line by line on every core (a site of 1,000 conventions writes 20 MB). Nil for any
    /// other shape, or anything wrong: the whole-file reading then says what and where.
    static func parLignes(_ bytes: [UInt8]) -> Instantane? {
        let lignes = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard lignes.count >= 3, lignes.last?.isEmpty == true, let tete = lignes.first, tete.last == UInt8(ascii: "[") else { return nil }
        // The tail starts at the first line that opens with « ] » (`]}` in version 1, `],` then
        // the coverage in version 2).
        guard let fin = lignes.firstIndex(where: { $0.first == UInt8(ascii: "]") }), fin >= 1 else { return nil }
        guard case let .objet(entete)? = try? LectureJSON.lire(Array(tete) + Array("]}".utf8)),
              let version = ValeurJSON.objet(entete)["version"]?.entier, versionsLues.contains(version),
              case .liste? = ValeurJSON.objet(entete)["conventions"],
              case .objet? = try? LectureJSON.lire(Array("{\"c\":[".utf8) + lignes[fin...].joined(separator: [0x0A])) else { return nil }
        let corps = Array(lignes[1..<fin])
        // Every line but the last ends with the comma that separates it from the next.
        for (k, l) in corps.enumerated() where (l.last == UInt8(ascii: ",")) != (k < corps.count - 1) { return nil }
        var lues = [ConventionVue?](repeating: nil, count: corps.count)
        lues.withUnsafeMutableBufferPointer { sortie in
            nonisolated(unsafe) let sortie = sortie
            DispatchQueue.concurrentPerform(iterations: corps.count) { k in
                let l = corps[k]
                guard let c = try? LectureJSON.lire(Array(l.last == UInt8(ascii: ",") ? l.dropLast() : l[...])),
                      case .objet = c, let id = c["id"]?.texte else { return }
                sortie[k] = try? convention(c, id: id, version: version)
            }
        }
        guard lues.allSatisfy({ $0 != nil }) else { return nil }
        return Instantane(version: version, dateReference: ValeurJSON.objet(entete)["date_reference"]?.texte, conventions: lues.map { $0! },
                          revue: ValeurJSON.objet(entete)["revue"]?.booleen == true)
    }

    private static func point(_ v: ValeurJSON?) -> PointVue? {
        guard let v, let a = v["annee"]?.entier, let n = v["valeur"]?.nombre else { return nil }
        return PointVue(annee: a, valeur: n)
    }

    private static func parAnnee(_ v: ValeurJSON?) -> [PointVue]? {
        guard let pairs = v?.paires else { return nil }
        return pairs.compactMap { k, n in Int(k).flatMap { a in n.nombre.map { PointVue(annee: a, valeur: $0) } } }
            .sorted { $0.annee < $1.annee }
    }

    private static func convention(_ c: ValeurJSON, id: String, version: Int) throws(ErreurInstantane) -> ConventionVue {
        var inds: [IndicateurVue] = []
        for i in c["indicateurs"]?.liste ?? [] {
            guard let iid = i["id"]?.texte else {
                throw ErreurInstantane(message: "un indicateur de la convention « \(id) » n'a pas d'identifiant (« id »)")
            }
            var vue = IndicateurVue(
                id: iid, libelle: i["libelle"]?.texte, unite: i["unite"]?.texte, reference: point(i["reference"]),
                cibles: version >= 2 ? parAnnee(i["cibles"]) : nil, resultats: version >= 2 ? parAnnee(i["resultats"]) : nil,
                cibleFinale: point(i["cible_finale"]), dernierResultat: point(i["dernier_resultat"]), etat: i["etat"]?.texte)
            if i["secret"]?.booleen == true {
                vue.referenceSecrete = i["reference"]?["secret"]?.booleen == true
                vue.resultatsSecrets = Set((i["resultats"]?.paires ?? []).compactMap { k, v in v == .null ? Int(k) : nil })
            }
            inds.append(vue)
        }
        var actions: [ActionVue]? = nil
        if version >= 2, let liste = c["actions"]?["liste"]?.liste {
            actions = []
            for a in liste {
                guard let aid = a["id"]?.texte else {
                    throw ErreurInstantane(message: "une action de la convention « \(id) » n'a pas d'identifiant (« id »)")
                }
                actions?.append(ActionVue(id: aid, libelle: a["libelle"]?.texte, etat: a["etat"]?.texte,
                                          echeance: a["echeance"]?.texte, budget: a["budget"]?.nombre))
            }
        }
        let moyens = c["moyens"]?.liste?.compactMap { m -> MoyensVue? in
            guard let a = m["annee"]?.entier else { return nil }
            return MoyensVue(annee: a, prestationsLegales: m["prestations_legales"]?.nombre, actionSociale: m["action_sociale"]?.nombre)
        }
        let constats = c["constats"]?.liste?.compactMap { f -> ConstatVue? in
            guard let r = f["rule"]?.texte, let g = f["severity"]?.texte, let m = f["message"]?.texte else { return nil }
            return ConstatVue(regle: r, gravite: g, message: m)
        }
        return ConventionVue(id: id, titre: c["titre"]?.texte, phase: c["phase"]?.texte, signature: c["signature"]?.texte,
                             indicateurs: inds, actions: actions, moyens: moyens, constats: constats)
    }
}
