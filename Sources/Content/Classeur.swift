import Foundation
import Markdown
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// XLSX and ODS workbooks, the first sheet of each, as rows of cell texts (`Tableur.Lignes`):
/// read for `tableur:`, written by `ctg tableur`. The zip is ZIPFoundation's, the XML
/// Foundation's `XMLParser`; nothing is evaluated (a formula's cached value is read).
public enum Classeur {
    /// Why a workbook cannot be read, in French.
    public struct Erreur: Error, Sendable, Equatable {
        public var message: String
    }

    /// The largest part of a workbook read (a sheet of results is a few kilobytes; a zip bomb
    /// is refused).
    static let partMax = 32 << 20
    /// Rows and columns kept: a sheet's empty cells repeated to its last column are not.
    static let lignesMax = 100_000, colonnesMax = 200

    /// The workbook at `chemin`, read from the file: ZIPFoundation's in-memory reading traps on
    /// some corrupt archives (an offset past the end), its file reading does not.
    static func archive(_ chemin: String) throws(Erreur) -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: chemin), accessMode: .read, pathEncoding: nil)
        } catch {
            throw Erreur(message: "ce n'est pas un classeur lisible (le fichier n'est pas une archive zip)")
        }
    }

    static func partie(_ a: Archive, _ nom: String) throws(Erreur) -> Data? {
        guard let e = a[nom] else { return nil }
        guard e.uncompressedSize <= UInt64(partMax) else { throw Erreur(message: "« \(nom) » est trop grand pour une feuille de résultats") }
        var out = Data()
        do {
            _ = try a.extract(e, skipCRC32: false) { out.append($0); if out.count > partMax { throw Erreur(message: "trop grand") } }
        } catch {
            throw Erreur(message: "« \(nom) » ne peut pas être décompressé")
        }
        return out
    }

    // MARK: XLSX

    // Each part is read with XMLParser (`_ = p.parse()` below): a part whose XML breaks off
    // gives what was read before the fault, and those rows are checked like any others.

    /// The first sheet of the XLSX workbook at `chemin`.
    public static func lireXLSX(_ chemin: String) throws(Erreur) -> Tableur.Lignes {
        let a = try archive(chemin)
        var partages: [String] = []
        if let d = try partie(a, "xl/sharedStrings.xml") { partages = ChainesPartagees.lire(d) }
        var feuille = "xl/worksheets/sheet1.xml"
        if let wb = try partie(a, "xl/workbook.xml"), let rels = try partie(a, "xl/_rels/workbook.xml.rels"),
           let rid = PremiereFeuille.lire(wb), let cible = Relations.lire(rels)[rid] {
            feuille = cible.hasPrefix("/") ? String(cible.dropFirst()) : "xl/" + cible
        }
        guard let d = try partie(a, feuille) else { throw Erreur(message: "le classeur n'a pas de feuille (« \(feuille) » manque)") }
        return FeuilleXLSX.lire(d, partages: partages)
    }

    /// `xl/sharedStrings.xml`: each `<si>`'s texts joined.
    final class ChainesPartagees: NSObject, XMLParserDelegate {
        var out: [String] = [], courante = "", dansT = false
        static func lire(_ d: Data) -> [String] {
            let s = ChainesPartagees(); let p = XMLParser(data: d); p.delegate = s; _ = p.parse(); return s.out
        }
        func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if e == "si" { courante = "" } else if e == "t" { dansT = true }
        }
        func parser(_ p: XMLParser, foundCharacters s: String) { if dansT { courante += s } }
        func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
            if e == "t" { dansT = false } else if e == "si" { out.append(courante) }
        }
    }

    /// `xl/workbook.xml`: the relation id of the first `<sheet>`.
    final class PremiereFeuille: NSObject, XMLParserDelegate {
        var rid: String?
        static func lire(_ d: Data) -> String? {
            let s = PremiereFeuille(); let p = XMLParser(data: d); p.delegate = s; _ = p.parse(); return s.rid
        }
        func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if e == "sheet", rid == nil { rid = attributes["r:id"] ?? attributes.first { $0.key.hasSuffix(":id") }?.value }
        }
    }

    /// A `.rels` part: id → target.
    final class Relations: NSObject, XMLParserDelegate {
        var out: [String: String] = [:]
        static func lire(_ d: Data) -> [String: String] {
            let s = Relations(); let p = XMLParser(data: d); p.delegate = s; _ = p.parse(); return s.out
        }
        func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            if e == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { out[id] = t }
        }
    }

    /// A worksheet: `<row r>` of `<c r t><v>` (or `<is><t>`), placed by their references.
    final class FeuilleXLSX: NSObject, XMLParserDelegate {
        let partages: [String]
        var lignes: Tableur.Lignes = []
        var ligne = 0, colonne = 0, type = "", texte = "", dansValeur = false
        init(partages: [String]) { self.partages = partages }
        static func lire(_ d: Data, partages: [String]) -> Tableur.Lignes {
            let s = FeuilleXLSX(partages: partages); let p = XMLParser(data: d); p.delegate = s; _ = p.parse(); return s.lignes
        }
        /// `B12` → (12, 2).
        static func reference(_ r: String) -> (Int, Int)? {
            var col = 0, digits = ""
            for ch in r.uppercased().unicodeScalars {
                if ch.value >= 65 && ch.value <= 90 && digits.isEmpty { col = col * 26 + Int(ch.value) - 64; if col > 100_000 { return nil } }
                else if ch.value >= 48 && ch.value <= 57 { digits.unicodeScalars.append(ch) } else { return nil }
            }
            guard col > 0, let l = Int(digits), l > 0 else { return nil }
            return (l, col)
        }
        func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            switch e {
            case "row":
                ligne = attributes["r"].flatMap { Int($0) } ?? ligne + 1
                colonne = 0
            case "c":
                if let r = attributes["r"], let (l, c) = Self.reference(r) { ligne = l; colonne = c } else { colonne += 1 }
                type = attributes["t"] ?? ""
                texte = ""
            case "v", "t": dansValeur = true
            default: break
            }
        }
        func parser(_ p: XMLParser, foundCharacters s: String) { if dansValeur { texte += s } }
        func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
            switch e {
            case "v", "t": dansValeur = false
            case "c":
                var valeur = texte
                if type == "s" { valeur = Int(texte.trimmingCharacters(in: .whitespaces)).flatMap { $0 >= 0 && $0 < partages.count ? partages[$0] : nil } ?? "" }
                if type == "b" { valeur = texte == "1" ? "VRAI" : "FAUX" }
                Tableur.placer(valeur, ligne: ligne, colonne: colonne, dans: &lignes)
            default: break
            }
        }
    }

    // MARK: ODS

    /// The first table of the ODS workbook at `chemin`.
    public static func lireODS(_ chemin: String) throws(Erreur) -> Tableur.Lignes {
        let a = try archive(chemin)
        guard let d = try partie(a, "content.xml") else { throw Erreur(message: "le classeur n'a pas de contenu (« content.xml » manque)") }
        return FeuilleODS.lire(d)
    }

    /// `content.xml`: the first `table:table`'s rows and cells, repeats expanded (within
    /// bounds), numbers from `office:value`, texts from their paragraphs.
    final class FeuilleODS: NSObject, XMLParserDelegate {
        var lignes: Tableur.Lignes = []
        var tables = 0, ligne = 0, colonne = 0, repetitionLigne = 1, repetitionColonne = 1
        var valeur: String?, texte = "", paragraphes = 0, dansP = false, ligneVide = true
        static func lire(_ d: Data) -> Tableur.Lignes {
            let s = FeuilleODS(); let p = XMLParser(data: d); p.delegate = s; _ = p.parse(); return s.lignes
        }
        var dansLaPremiere: Bool { tables == 1 }
        func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            switch e {
            case "table:table": tables += 1
            case "table:table-row" where dansLaPremiere:
                repetitionLigne = max(1, min(Classeur.lignesMax, Int(attributes["table:number-rows-repeated"] ?? "") ?? 1))
                colonne = 0
                ligneVide = true
                ligne += 1
            case "table:table-cell", "table:covered-table-cell":
                guard dansLaPremiere else { return }
                repetitionColonne = max(1, min(Classeur.colonnesMax, Int(attributes["table:number-columns-repeated"] ?? "") ?? 1))
                let type = attributes["office:value-type"] ?? ""
                valeur = type == "float" || type == "percentage" || type == "currency" ? attributes["office:value"] : nil
                texte = ""
                paragraphes = 0
            case "text:p" where dansLaPremiere:
                if paragraphes > 0 { texte += "\n" }
                paragraphes += 1
                dansP = true
            case "text:s" where dansP:
                texte += String(repeating: " ", count: max(1, min(100, Int(attributes["text:c"] ?? "") ?? 1)))
            default: break
            }
        }
        func parser(_ p: XMLParser, foundCharacters s: String) { if dansP { texte += s } }
        func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
            guard dansLaPremiere || e == "table:table" else { return }
            switch e {
            case "text:p": dansP = false
            case "table:table-cell", "table:covered-table-cell":
                let v = valeur ?? texte
                if !v.isEmpty {
                    for k in 0..<repetitionColonne { Tableur.placer(v, ligne: ligne, colonne: colonne + k + 1, dans: &lignes) }
                    ligneVide = false
                }
                colonne += repetitionColonne
            case "table:table-row":
                // A row repeated holds the same cells: only a few are ever not empty.
                if !ligneVide, repetitionLigne > 1, ligne < Classeur.lignesMax {
                    let modele = ligne - 1 < lignes.count ? lignes[ligne - 1] : []
                    for _ in 1..<min(repetitionLigne, 1_000) { ligne += 1; for (k, v) in modele.enumerated() where !v.isEmpty { Tableur.placer(v, ligne: ligne, colonne: k + 1, dans: &lignes) } }
                } else {
                    ligne += repetitionLigne - 1
                }
            default: break
            }
        }
    }

    // MARK: Writing

    /// An XLSX workbook of one sheet named `nom`: texts inline, numbers as numbers.
    public static func ecrireXLSX(_ lignes: [[Tableur.Cellule]], nom: String) -> [UInt8] {
        var feuille = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (l, cellules) in lignes.enumerated() {
            feuille += "<row r=\"\(l + 1)\">"
            for (c, cellule) in cellules.enumerated() {
                let ref = Tableur.cellule(l + 1, c + 1)
                switch cellule {
                case .vide: continue
                case let .nombre(n): feuille += "<c r=\"\(ref)\"><v>\(n)</v></c>"
                case let .texte(t): feuille += "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(xml(t))</t></is></c>"
                }
            }
            feuille += "</row>"
        }
        feuille += "</sheetData></worksheet>"
        return zip([
            ("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#, true),
            ("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#, true),
            ("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name=""# + xml(String(nom.prefix(31))) + #"" sheetId="1" r:id="rId1"/></sheets></workbook>"#, true),
            ("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#, true),
            ("xl/worksheets/sheet1.xml", feuille, true),
        ])
    }

    /// An ODS workbook of one table named `nom`.
    public static func ecrireODS(_ lignes: [[Tableur.Cellule]], nom: String) -> [UInt8] {
        var table = "<table:table table:name=\"\(xml(nom))\">"
        for cellules in lignes {
            table += "<table:table-row>"
            for cellule in cellules {
                switch cellule {
                case .vide: table += "<table:table-cell/>"
                case let .nombre(n): table += "<table:table-cell office:value-type=\"float\" office:value=\"\(n)\"><text:p>\(n)</text:p></table:table-cell>"
                case let .texte(t): table += "<table:table-cell office:value-type=\"string\"><text:p>\(xml(t))</text:p></table:table-cell>"
                }
            }
            table += "</table:table-row>"
        }
        table += "</table:table>"
        let contenu = #"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"# + table + "</office:spreadsheet></office:body></office:document-content>"
        return zip([
            // First and stored, as ODF requires: the file says what it is in its first bytes.
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet", false),
            ("META-INF/manifest.xml", #"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#, true),
            ("content.xml", contenu, true),
        ])
    }

    /// Text for an XML element or attribute: the control characters XML 1.0 does not allow
    /// (all but tab and line ends) dropped, the rest escaped as the pages escape it.
    static func xml(_ s: String) -> String {
        var t = String.UnicodeScalarView()
        for ch in s.unicodeScalars where ch.value >= 0x20 || ch == "\t" || ch == "\n" || ch == "\r" { t.append(ch) }
        return escapeAttribute(String(t))
    }

    /// A zip of `parties` (name, text, compressed), in order, with a fixed date: the same
    /// sheet gives the same bytes.
    static func zip(_ parties: [(String, String, Bool)]) -> [UInt8] {
        guard let a = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return [] }
        let date = Date(timeIntervalSince1970: 1_577_836_800)  // 2020-01-01
        for (nom, texte, compresse) in parties {
            let d = Data(texte.utf8)
            try? a.addEntry(with: nom, type: .file, uncompressedSize: Int64(d.count), modificationDate: date,
                            compressionMethod: compresse ? .deflate : .none, provider: { pos, size in
                                d.subdata(in: Int(pos) ..< Int(pos) + size)
                            })
        }
        return a.data.map { Array($0) } ?? []
    }
}
