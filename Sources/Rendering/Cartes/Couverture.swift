import Model
import Territoires

/// The communes of a convention's territory in the referential (FORMAT.md §4): the commune
/// itself, or the EPCI's listed `communes` (else its members); none for a département or a
/// code the referential does not know.
func communesDuTerritoire(_ c: Convention) -> [Commune] {
    guard let t = c.territoire, let code = t.code?.value else { return [] }
    switch t.type?.value {
    case .commune:
        guard let k = Referentiel.commune(code) else { return [] }
        return [k.parent ?? k]
    case .epci:
        let listees = (t.communes?.value ?? []).compactMap { Referentiel.commune($0.value) }.map { $0.parent ?? $0 }
        if !listees.isEmpty { return listees }
        return Referentiel.epci(code).map { Array($0.membres) } ?? []
    case .departement, nil:
        return []
    }
}

/// The figures of a coverage (FORMAT.md §4): of a département, or of the whole site (the sum
/// over every département the site has a convention in).
struct ChiffresCouverture: Sendable, Equatable {
    var communes = 0
    var communesCouvertes = 0
    /// Populations municipales (INSEE) of all the communes, and of the covered ones.
    var population = 0
    var populationCouverte = 0

    /// `couverture`, in %, rounded half away from zero; nil without population figures
    /// (Mayotte).
    var taux: Int? {
        guard population > 0 else { return nil }
        // Half away from zero in integers: (200·a + b) / (2·b).
        return (200 * populationCouverte + population) / (2 * population)
    }

    static func + (a: Self, b: Self) -> Self {
        .init(communes: a.communes + b.communes, communesCouvertes: a.communesCouvertes + b.communesCouvertes,
              population: a.population + b.population, populationCouverte: a.populationCouverte + b.populationCouverte)
    }

    /// « 2 communes couvertes sur 648 »
    var communesTexte: String {
        "\(Format.pluriel(communesCouvertes, "commune couverte", "communes couvertes")) sur \(Format.entier(communes))"
    }

    /// « 213 000 habitants sur 2 600 000 »
    var populationTexte: String {
        "\(Format.entier(populationCouverte)) habitants sur \(Format.entier(population))"
    }
}

/// The coverage of a département at the reference date (FORMAT.md §4): a commune is covered
/// when a local convention in force holds it; départemental conventions frame the local ones
/// and do not count.
struct CouvertureDepartement: Sendable {
    let departement: Departement
    /// Commune code → indices of the entries (local, in force) that cover it, in entry order.
    let parCommune: [String: [Int]]
    let chiffres: ChiffresCouverture

    init?(code: String, entries: [ConventionEntry], indices: [Int]) {
        guard let d = Referentiel.departement(code) else { return nil }
        departement = d
        var par: [String: [Int]] = [:]
        for i in indices {
            let e = entries[i]
            guard e.convention.echelon?.value == .local, e.resume.phase == .enCours else { continue }
            for k in communesDuTerritoire(e.convention) where k.departement == d.code {
                if par[k.code]?.last != i { par[k.code, default: []].append(i) }
            }
        }
        parCommune = par
        var f = ChiffresCouverture(communesCouvertes: par.count)
        for k in d.communes {
            f.communes += 1
            let pop = k.population ?? 0
            f.population += pop
            if par[k.code] != nil { f.populationCouverte += pop }
        }
        chiffres = f
    }
}

/// The coverage of a département on its page (`departement.mustache`): the rate, the map and
/// the same data as a table.
struct CouvertureVue: Vue {
    var taux: String?
    var communes: String
    var population: String
    var carte: Octets?
    var captionId: String
    var lignes: [Ligne]
    var aucune: Bool

    struct Ligne: Vue {
        var titre: String
        var url: String
        var communes: String
        var population: String
    }
}

extension SiteMap {
    /// The coverage of each département of `departements` at the reference date (nil for a
    /// code the referential does not know), made once for the pages and the open data.
    static func couvertures(_ departements: [DepartementEntry], entries: [ConventionEntry]) -> [CouvertureDepartement?] {
        departements.map { CouvertureDepartement(code: $0.code, entries: entries, indices: $0.conventions) }
    }

    /// The coverage of the whole site: every département it has a convention in.
    var couvertureSite: ChiffresCouverture {
        couvertures.reduce(ChiffresCouverture()) { $0 + ($1?.chiffres ?? .init()) }
    }

    func couvertureVue(_ c: CouvertureDepartement, frame: PageFrame) -> CouvertureVue {
        // Each covering convention with the communes it covers, in the order of the table.
        var parEntree: [Int: (communes: Int, population: Int)] = [:]
        for k in c.departement.communes {
            guard let i = c.parCommune[k.code]?.first else { continue }
            parEntree[i, default: (0, 0)].communes += 1
            parEntree[i, default: (0, 0)].population += k.population ?? 0
        }
        let ordre = parEntree.keys.sorted { (entries[$0].titre, $0) < (entries[$1].titre, $1) }
        let lignes = ordre.map { i in
            CouvertureVue.Ligne(titre: entries[i].titre, url: frame.url(entries[i].path),
                                communes: Format.entier(parEntree[i]!.communes), population: Format.entier(parEntree[i]!.population))
        }
        let taux = c.chiffres.taux.map { Format.pourcentage($0) }
        let phrase = c.chiffres.communesTexte
        let population = c.chiffres.populationTexte
        let description = "\(c.departement.nom)\u{00A0}: \(phrase) par une convention locale en cours au \(Format.date(date))\(taux.map { ", \($0) de la population" } ?? ""). Les communes couvertes sont hachurées\u{202F}; chacune mène au tableau de bord de sa convention\u{202F}; le tableau qui suit donne les mêmes chiffres."
        let dessin = contours[c.departement.code] ?? Cartes.contours([c.departement.code])[c.departement.code]
        let carte = dessin.map {
            Cartes.couverture(id: "Carte-couverture", c, dessin: $0, liens: ordre.map { (frame.url(entries[$0].path), entries[$0].titre, $0) },
                              titre: "Carte de la couverture\u{00A0}: \(c.departement.nom)", description: description)
        }
        return CouvertureVue(taux: taux, communes: phrase, population: population, carte: carte.map { Octets(bytes: $0) },
                             captionId: "Tableau-couverture", lignes: lignes, aucune: lignes.isEmpty)
    }
}

extension SiteMap {
    /// `donnees/couverture.csv` (FORMAT.md §6): one row per commune of the site's
    /// départements, `code,nom,departement,epci,population,conventions,couverte`, the
    /// conventions being the ids covering it at the reference date, space-separated.
    func couvertureCSV(_ emit: ([UInt8]) throws -> Void) rethrows {
        var h = HTMLBuffer(capacity: OpenData.piece + 32_768)
        h.raw("code,nom,departement,epci,population,conventions,couverte\r\n")
        for k in departements.indices {
            guard let c = couvertures[k] else { continue }
            for commune in c.departement.communes {
                h.html(commune.code); h.raw(",")
                OpenData.csvField(commune.nom, into: &h); h.raw(",")
                h.html(commune.departement); h.raw(",")
                h.html(commune.epci?.siren ?? ""); h.raw(",")
                if let p = commune.population { h.int(p) }
                h.raw(",")
                let ids = (c.parCommune[commune.code] ?? []).map { entries[$0].id }
                OpenData.csvField(ids.joined(separator: " "), into: &h)
                h.raw(ids.isEmpty ? ",non\r\n" : ",oui\r\n")
                if h.count >= OpenData.piece {
                    try emit(h.bytes(from: 0))
                    h.removeAll()
                }
            }
        }
        try emit(h.bytes(from: 0))
    }
}
