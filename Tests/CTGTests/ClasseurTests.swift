@testable import CTGCommands
import Content
import Foundation
import Model
import Site
import Testing

/// XLSX and ODS results sheets (FORMAT.md §3): written by `ctg tableur`, read for `tableur:`,
/// checked against LibreOffice when it is installed (`scripts/test.sh` installs it).
@Suite("Tableur: XLSX and ODS workbooks")
struct ClasseurTests {
    /// LibreOffice's command, when installed.
    static let soffice: String? = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static func texte(_ l: [[Tableur.Cellule]]) -> [[String]] {
        l.map { $0.map { c in
            switch c {
            case .vide: return ""
            case let .nombre(n): return n
            case let .texte(t): return t
            }
        } }
    }

    /// Rows as compared: trailing empty cells dropped (a workbook does not keep them).
    static func net(_ l: [[String]]) -> [[String]] {
        l.map { r in Array(r.reversed().drop(while: \.isEmpty).reversed()) }
    }

    /// `bytes` read as a workbook of kind `ext`, through a temporary file (the reader reads files).
    static func lire(_ bytes: [UInt8], _ ext: String) throws(Classeur.Erreur) -> [[String]] {
        let f = NSTemporaryDirectory() + "ctg-classeur-" + UUID().uuidString + "." + ext
        FileManager.default.createFile(atPath: f, contents: Data(bytes))
        defer { try? FileManager.default.removeItem(atPath: f) }
        return ext == "xlsx" ? try Classeur.lireXLSX(f) : try Classeur.lireODS(f)
    }

    static func roubaix() async throws -> Convention {
        let p = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix
            .replacing1("libelle: Places en EAJE", "libelle: \"Places en EAJE <crèche> & « micro-crèches »\"")])
        defer { p.cleanup() }
        return try #require(try await ProjectLoader.load(root: p.root, html: false).conventions.first)
    }

    @Test("what ctg tableur writes in XLSX and ODS, ctg reads back cell for cell (texts escaped, numbers as numbers)")
    func allerRetour() async throws {
        let c = try await Self.roubaix()
        let feuille = Tableur.feuille(c)
        #expect(feuille.count > 8)
        #expect(feuille[1] == [.texte("places-eaje"), .texte("Places en EAJE <crèche> & « micro-crèches »"), .texte("places"), .nombre("2013"), .nombre("850"), .vide, .vide])
        let attendu = Self.net(Self.texte(feuille))
        #expect(Self.net(try Self.lire(Classeur.ecrireXLSX(feuille, nom: "Résultats"), "xlsx")) == attendu)
        #expect(Self.net(try Self.lire(Classeur.ecrireODS(feuille, nom: "Résultats"), "ods")) == attendu)
        // The same sheet gives the same bytes.
        #expect(Classeur.ecrireXLSX(feuille, nom: "R") == Classeur.ecrireXLSX(feuille, nom: "R"))
        #expect(Classeur.ecrireODS(feuille, nom: "R") == Classeur.ecrireODS(feuille, nom: "R"))
    }

    @Test("an XLSX or ODS sheet named by tableur: its results joined, its mistakes at their cells")
    func tableur() async throws {
        for ext in ["xlsx", "ods"] {
            let lignes: [[Tableur.Cellule]] = [
                ["Indicateur", "Année", "Résultat"].map(Tableur.Cellule.texte),
                [.texte("places-eaje"), .nombre("2016"), .nombre("930")],
                [.texte("place-eaje"), .nombre("2016"), .nombre("931")],
                [.texte("a1-o1-i2"), .nombre("2015"), .texte("trois")],
            ]
            let octets = ext == "xlsx" ? Classeur.ecrireXLSX(lignes, nom: "F") : Classeur.ecrireODS(lignes, nom: "F")
            let p = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix
                .replacing1("signature: 2014-01-15\n", "signature: 2014-01-15\ntableur: resultats.\(ext)\n")])
            defer { p.cleanup() }
            FileManager.default.createFile(atPath: p.root + "/content/territoires/resultats.\(ext)", contents: Data(octets))
            let checked = try await Builder.check(project: ProjectLoader.load(root: p.root))
            let feuille = "content/territoires/resultats.\(ext)"
            #expect(checked.findings.map(\.description) == [
                "\(feuille):3:1: erreur[indicateur-inconnu]: l'indicateur « place-eaje » n'est pas un indicateur de la convention « roubaix-2014 » ; vouliez-vous dire « places-eaje » ? (cellule A3)",
                "\(feuille):4:3: erreur[tableur-invalide]: le résultat doit être un nombre (12,5 ou 12.5), pas « trois » (cellule C4)",
            ], "\(ext)")
            let ind = try #require(checked.project.conventions.first?.axes?.value.first?.objectifs?.value.first?.indicateurs?.value.first)
            #expect(ind.resultats?.value.map(\.annee) == [2014, 2015, 2016], "\(ext)")
        }
    }

    @Test("a file that is not a workbook, or any bytes: one tableur-invalide at A1, never a crash")
    func octets() async throws {
        #expect(throws: Classeur.Erreur.self) { try Self.lire(Array("pas un zip".utf8), "xlsx") }
        #expect(throws: Classeur.Erreur.self) { try Self.lire([], "ods") }
        let bon = Classeur.ecrireXLSX([[.texte("indicateur"), .texte("annee"), .texte("resultat")]], nom: "F")
        var g = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var b = bon
            for _ in 0..<Int.random(in: 1...4, using: &g) { b[Int.random(in: 0..<b.count, using: &g)] = UInt8.random(in: 0...255, using: &g) }
            _ = try? Self.lire(b, "xlsx")
            _ = try? Self.lire(b, "ods")
        }
        let p = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix
            .replacing1("signature: 2014-01-15\n", "signature: 2014-01-15\ntableur: resultats.xlsx\n")])
        defer { p.cleanup() }
        FileManager.default.createFile(atPath: p.root + "/content/territoires/resultats.xlsx", contents: Data("indicateur;annee;resultat\n".utf8))
        let checked = try await Builder.check(project: ProjectLoader.load(root: p.root))
        #expect(checked.findings.map(\.description) == [
            "content/territoires/resultats.xlsx:1:1: erreur[tableur-invalide]: « content/territoires/resultats.xlsx » : ce n'est pas un classeur lisible (le fichier n'est pas une archive zip) ; enregistrez-la depuis Excel ou LibreOffice au format .xlsx, .ods ou CSV (cellule A1)",
        ])
    }

    /// Runs LibreOffice headless: `args` in `dir`; true when it exited 0.
    static func libreOffice(_ args: [String], in dir: String) throws -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(soffice))
        // Its own profile, so that two runs (or a user's LibreOffice) do not meet.
        p.arguments = ["-env:UserInstallation=file://" + dir + "/profil", "--headless", "--norestore"] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    @Test("LibreOffice opens what ctg tableur writes (XLSX, ODS, CSV) and its values come back; ctg reads the XLSX and ODS LibreOffice writes",
          .enabled(if: soffice != nil, "LibreOffice absent : scripts/test.sh l'installe (apt) ; ce test est sauté"),
          .timeLimit(.minutes(3)))
    func libreOffice() async throws {
        let dir = NSTemporaryDirectory() + "ctg-lo-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let c = try await Self.roubaix()
        let feuille = Tableur.feuille(c)
        let attendu = Self.net(Self.texte(feuille))
        FileManager.default.createFile(atPath: dir + "/f.xlsx", contents: Data(Classeur.ecrireXLSX(feuille, nom: "Résultats")))
        FileManager.default.createFile(atPath: dir + "/g.ods", contents: Data(Classeur.ecrireODS(feuille, nom: "Résultats")))
        FileManager.default.createFile(atPath: dir + "/h.csv", contents: Data(Tableur.ecrireCSV(c)))
        // Ours → CSV by LibreOffice (UTF-8, commas), read back.
        #expect(try Self.libreOffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "f.xlsx", "g.ods"], in: dir))
        for f in ["f.csv", "g.csv"] {
            let octets = try #require(FileManager.default.contents(atPath: dir + "/" + f), "\(f)").map { $0 }
            #expect(Self.net(Tableur.lireCSV(octets)) == attendu, "\(f)")
        }
        // Our CSV (semicolons, decimal commas) → XLSX and ODS by LibreOffice, read by ctg.
        #expect(try Self.libreOffice(["--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "h.csv"], in: dir))
        #expect(try Self.libreOffice(["--infilter=CSV:59,34,76,1", "--convert-to", "ods", "h.csv"], in: dir))
        let xlsx = try Classeur.lireXLSX(dir + "/h.xlsx")
        let ods = try Classeur.lireODS(dir + "/h.ods")
        // LibreOffice reads « 2,7 » as the number 2.7 (its CSV filter in French would too).
        func valeurs(_ l: [[String]]) -> [[String]] { Self.net(l).map { $0.map { $0.replacingOccurrences(of: ",", with: ".") } } }
        #expect(valeurs(xlsx) == attendu)
        #expect(valeurs(ods) == attendu)
    }
}
