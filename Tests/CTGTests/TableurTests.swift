@testable import CTGCommands
import Content
import Foundation
import Model
@testable import Rules
import Site
import Testing

/// Results kept in a sheet (`tableur:`, FORMAT.md §3; RULES.md, *Spreadsheets*): Excel's and
/// LibreOffice's CSV read as they are, findings at their cells, results joined to the front
/// matter's and published like them.
@Suite("Tableur: results from a CSV sheet")
struct TableurTests {
    static let convention = ProjectFixture.roubaix.replacing1("signature: 2014-01-15\n", "signature: 2014-01-15\ntableur: resultats.csv\n")

    static func projet(_ feuille: [UInt8], convention: String = Self.convention) -> ProjectFixture {
        let p = ProjectFixture(files: ["content/territoires/roubaix-2014.md": convention])
        FileManager.default.createFile(atPath: p.root + "/content/territoires/resultats.csv", contents: Data(feuille))
        return p
    }

    @Test("cell names: A1, B12, Z3, AA1, AZ9, BA2")
    func cellules() {
        #expect([Tableur.cellule(1, 1), Tableur.cellule(12, 2), Tableur.cellule(3, 26), Tableur.cellule(1, 27),
                  Tableur.cellule(9, 52), Tableur.cellule(2, 53)] == ["A1", "B12", "Z3", "AA1", "AZ9", "BA2"])
    }

    @Test("a realistic faulty Excel export (Windows-1252, semicolons, decimal commas): every finding, whole, at its cell")
    func exportExcel() async throws {
        // « Année » and « Résultat » in Windows-1252: é is one byte, 0xE9.
        let texte = "Indicateur;Libellé;Année;Résultat\r\nplaces-eaje;Places en EAJE;2016;930\r\nplace-eaje;Places en EAJE;2017;940\r\n"
            + "a1-o1-i2;Taux de couverture;2015;3,1\r\nplaces-eaje;Places en EAJE;2015;910\r\nplaces-eaje;Places en EAJE;deux mille quinze;915\r\n"
            + "a1-o1-i2;Taux de couverture;2015;2,9 %\r\nplaces-eaje;Places en EAJE;2016;930\r\n"
        let octets = try #require(texte.data(using: .windowsCP1252)).map { $0 }
        #expect(octets.contains(0xE9) && String(validating: octets, as: UTF8.self) == nil)
        let p = Self.projet(octets)
        defer { p.cleanup() }
        let checked = try await Builder.check(project: ProjectLoader.load(root: p.root))
        let feuille = "content/territoires/resultats.csv"
        func at(_ l: Int, _ c: Int) -> Model.SourceLocation { Model.SourceLocation(file: feuille, line: l, column: c) }
        let sheet = checked.findings.filter { $0.location.file == feuille }
        #expect(sheet == [
            Finding(.indicateurInconnu, at: at(3, 1), "l'indicateur « place-eaje » n'est pas un indicateur de la convention « roubaix-2014 » ; vouliez-vous dire « places-eaje » ? (cellule A3)", convention: "roubaix-2014"),
            Finding(.valeurEnDouble, at: at(5, 4), "le résultat 2015 de « places-eaje » vaut 910 dans la feuille et 905 dans l'en-tête (content/territoires/roubaix-2014.md:57) : gardez-en un seul (cellule D5)", convention: "roubaix-2014"),
            Finding(.tableurInvalide, at: at(6, 3), "l'année doit être un nombre de quatre chiffres (par exemple 2016), pas « deux mille quinze » (cellule C6)", convention: "roubaix-2014"),
            Finding(.tableurInvalide, at: at(7, 4), "le résultat doit être un nombre (12,5 ou 12.5), pas « 2,9 % » (cellule D7)", convention: "roubaix-2014"),
            Finding(.valeurEnDouble, at: at(8, 4), "le résultat 2016 de « places-eaje » est déjà donné par la feuille, en ligne 2 (content/territoires/resultats.csv:2) (cellule D8)", convention: "roubaix-2014"),
        ])
        // What the sheet says right is read: a1-o1-i2's 2015, with its decimal comma.
        let roubaix = try #require(checked.project.conventions.first)
        let taux = try #require(roubaix.axes?.value.first?.objectifs?.value.first?.indicateurs?.value.last)
        #expect(taux.resultats?.value.map(\.annee) == [2015, 2016])
        #expect(taux.resultats?.value.first?.valeur == Nombre("3.1"))
        #expect(taux.resultats?.value.first?.valeurLocation == at(4, 4))
        // ctg check shows the sheet's lines decoded as they were read (Windows-1252 here).
        #expect(SourceLines(root: p.root).line(feuille, 1) == "Indicateur;Libellé;Année;Résultat")
        // The text report: the sheet's line and a caret under the cell.
        let text = TextReport.finding(try #require(sheet.dropFirst(2).first), style: TextReport.Style(on: false)) { _, line in
            line == 6 ? "places-eaje;Places en EAJE;deux mille quinze;915" : nil
        }
        #expect(text == """
            content/territoires/resultats.csv:6:3: erreur[tableur-invalide]: l'année doit être un nombre de quatre chiffres (par exemple 2016), pas « deux mille quinze » (cellule C6)
             6 | places-eaje;Places en EAJE;deux mille quinze;915
               |                            ^

            """)
    }

    @Test("the results of the sheet are the convention's: on its dashboard and in the open data, like the front matter's")
    func joints() async throws {
        let p = Self.projet(Array("indicateur,annee,resultat\nplaces-eaje,2016,930\na1-o1-i2,2015,\"3,1\"\n".utf8))
        defer { p.cleanup() }
        let r = try await Builder.build(BuildOptions(root: p.root))
        #expect(r.written, "\(r.checked.findings)")
        let json = try String(contentsOfFile: p.root + "/public/donnees/conventions.json", encoding: .utf8)
        #expect(json.contains(#""resultats":{"2014":860,"2015":905,"2016":930}"#))
        #expect(json.contains(#""resultats":{"2015":3.1,"2016":2.8}"#))
        let page = try String(contentsOfFile: p.root + "/public/territoires/roubaix-2014/index.html", encoding: .utf8)
        #expect(page.contains(#"<td class="num" data-label="Dernier résultat">930 <span class="annee">en 2016</span></td>"#))
        // The sheet itself is read, not published.
        #expect(!FileManager.default.fileExists(atPath: p.root + "/public/territoires/resultats.csv"))
    }

    @Test("a bundle's sheet is not copied to the site (its other files are)")
    func bundle() async throws {
        let index = Self.convention.replacing1("[un diagnostic](roubaix-2014.md)", "un diagnostic")
        let p = ProjectFixture(files: ["content/territoires/roubaix-2014/index.md": index,
                                       "content/territoires/roubaix-2014/resultats.csv": "indicateur;annee;resultat\nplaces-eaje;2016;930\n",
                                       "content/territoires/roubaix-2014/plan.txt": "plan"])
        defer { p.cleanup() }
        let r = try await Builder.build(BuildOptions(root: p.root))
        #expect(r.written, "\(r.checked.findings)")
        #expect(!FileManager.default.fileExists(atPath: p.root + "/public/territoires/roubaix-2014/resultats.csv"))
        #expect(FileManager.default.fileExists(atPath: p.root + "/public/territoires/roubaix-2014/plan.txt"))
        let json = try String(contentsOfFile: p.root + "/public/donnees/conventions.json", encoding: .utf8)
        #expect(json.contains(#""resultats":{"2014":860,"2015":905,"2016":930}"#))
    }

    @Test("where the sheet cannot be: outside content/, absent, a file that is not a sheet")
    func emplacements() async throws {
        for (valeur, message) in [
            ("../../../etc/passwd.csv", "« tableur » nomme « ../../../etc/passwd.csv », hors du dossier content/ du projet : la feuille est rangée à côté de la convention (par exemple « tableur: resultats.csv »)"),
            ("/etc/passwd", "« tableur » nomme « /etc/passwd », hors du dossier content/ du projet : la feuille est rangée à côté de la convention (par exemple « tableur: resultats.csv »)"),
            ("absente.csv", "le fichier « content/territoires/absente.csv » est introuvable : « tableur » nomme une feuille rangée à partir du dossier de la convention"),
            ("resultats.docx", "« resultats.docx » n'est pas une feuille de résultats : ctg lit les fichiers .csv, .xlsx et .ods"),
        ] {
            let p = Self.projet(Array("indicateur;annee;resultat\n".utf8),
                                convention: ProjectFixture.roubaix.replacing1("signature: 2014-01-15\n", "signature: 2014-01-15\ntableur: \"\(valeur)\"\n"))
            defer { p.cleanup() }
            let checked = try await Builder.check(project: ProjectLoader.load(root: p.root))
            #expect(checked.findings.map(\.rule) == [.tableurInvalide], "\(valeur): \(checked.findings)")
            #expect(checked.findings.first?.message == message)
            #expect(checked.findings.first?.location.file == "content/territoires/roubaix-2014.md")
        }
    }

    @Test("round trip: ctg tableur writes the sheet, staff fill a result in, the build publishes it; unfilled, it changes nothing")
    func allerRetour() async throws {
        let p = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
        defer { p.cleanup() }
        let sortie = p.root + "/content/territoires/resultats.csv"
        let ecrit = await TableurCommand.execute(id: "roubaix-2014", root: p.root, format: .csv, sortie: sortie)
        #expect(ecrit == TableurCommand.Outcome(bytes: nil, stderr: "Feuille écrite dans \(sortie) : nommez-la dans l'en-tête de la convention (« tableur: resultats.csv »).\n", code: 0))
        let feuille = try String(contentsOfFile: sortie, encoding: .utf8)
        let lignes = feuille.components(separatedBy: "\r\n")
        // A BOM first, so that Excel reads it as UTF-8 (Foundation drops it when decoding).
        #expect(try #require(FileManager.default.contents(atPath: sortie)).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(lignes.first == "indicateur;libelle;unite;annee;reference;cible;resultat")
        #expect(lignes.contains("places-eaje;Places en EAJE;places;2013;850;;"))
        #expect(lignes.contains("places-eaje;Places en EAJE;places;2015;;900;905"))
        #expect(lignes.contains("places-eaje;Places en EAJE;places;2016;;;"))
        #expect(lignes.contains("a1-o1-i2;Taux de couverture;%;2013;2,7;;"))
        // Named as it is: every result it holds is the front matter's, no finding, no change.
        p.write("content/territoires/roubaix-2014.md", Self.convention)
        let tel = try await Builder.check(project: ProjectLoader.load(root: p.root))
        #expect(tel.findings.filter { $0.severity == .error } == [], "\(tel.findings)")
        // Filled in as LibreOffice would save it: 2016's result for places-eaje.
        try Data(feuille.replacingOccurrences(of: "places-eaje;Places en EAJE;places;2016;;;", with: "places-eaje;Places en EAJE;places;2016;;;930").utf8)
            .write(to: URL(fileURLWithPath: sortie))
        let r = try await Builder.build(BuildOptions(root: p.root))
        #expect(r.written, "\(r.checked.findings)")
        let json = try String(contentsOfFile: p.root + "/public/donnees/conventions.json", encoding: .utf8)
        #expect(json.contains(#""resultats":{"2014":860,"2015":905,"2016":930}"#))
        // Unknown id, unknown format: exit 2, in French.
        let inconnu = await TableurCommand.execute(id: "roubaix-2041", root: p.root, format: .csv, sortie: nil)
        #expect(inconnu == TableurCommand.Outcome(bytes: nil, stderr: "ctg tableur : aucune convention « roubaix-2041 » dans le projet ; vouliez-vous dire « roubaix-2014 » ?\n", code: 2))
        // The same sheet as a workbook, named instead of the CSV: the same site.
        let classeur = p.root + "/content/territoires/resultats.xlsx"
        let xlsx = await TableurCommand.execute(id: "roubaix-2014", root: p.root, format: .xlsx, sortie: classeur)
        #expect(xlsx.code == 0)
        try FileManager.default.removeItem(atPath: sortie)
        p.write("content/territoires/roubaix-2014.md", Self.convention.replacing1("tableur: resultats.csv", "tableur: resultats.xlsx"))
        let parClasseur = try await Builder.check(project: ProjectLoader.load(root: p.root))
        #expect(parClasseur.findings.filter { $0.severity == .error } == [], "\(parClasseur.findings)")
        let ind = try #require(parClasseur.project.conventions.first?.axes?.value.first?.objectifs?.value.first?.indicateurs?.value.first)
        #expect(ind.resultats?.value.map(\.annee) == [2014, 2015, 2016])
        #expect(ind.resultats?.value.last?.valeur == Nombre(930))
    }

    @Test("any bytes as a sheet: findings or none, never a crash")
    func octetsQuelconques() {
        var g = SystemRandomNumberGenerator()
        let base = Array("indicateur;annee;resultat\nplaces-eaje;2016;930\n\"a;b\";\"2015\";\"1\"\"2\"\n".utf8)
        for _ in 0..<300 {
            var b = base
            for _ in 0..<Int.random(in: 1...6, using: &g) {
                let k = Int.random(in: 0..<b.count, using: &g)
                b[k] = UInt8.random(in: 0...255, using: &g)
            }
            _ = Tableur.lireCSV(b)
        }
        #expect(Tableur.lireCSV([]) == [])
        #expect(Tableur.lireCSV(Array("\u{FEFF}a;b\n1;2".utf8)) == [["a", "b"], ["1", "2"]])
        #expect(Tableur.lireCSV(Array("a,b\n\"1,5\",2\n".utf8)) == [["a", "b"], ["1,5", "2"]])
    }
}
