import CSV
import Foundation
import Model

/// A convention's results kept in a sheet (`tableur:`, FORMAT.md §3 *Results in a sheet*):
/// read, checked cell by cell (RULES.md, *Spreadsheets*) and joined to the results of its
/// front matter. Findings point into the sheet: line = the row's number, column = the
/// column's number, and the message names the cell (« cellule B12 »).
public enum Tableur {
    /// A cell's name: column `colonne` (1 = A) of row `ligne`.
    public static func cellule(_ ligne: Int, _ colonne: Int) -> String {
        var n = max(1, colonne), lettres = ""
        while n > 0 {
            let r = (n - 1) % 26
            lettres = String(UnicodeScalar(UInt8(65 + r))) + lettres
            n = (n - 1) / 26
        }
        return lettres + String(ligne)
    }

    /// The sheet of `c` (its `tableur`), project-relative; nil when it names none, or a
    /// place outside `content/` (then `fusionner` says so).
    public static func chemin(of c: Convention) -> String? {
        guard let t = c.tableur?.value.trimmed, !t.isEmpty, !t.hasPrefix("/"), !t.contains("\\") else { return nil }
        var parts = c.file.split(separator: "/").dropLast().map(String.init)
        for p in t.split(separator: "/", omittingEmptySubsequences: true) {
            switch p {
            case ".": continue
            case "..": guard parts.count > 1 else { return nil }; parts.removeLast()
            default: parts.append(String(p))
            }
        }
        guard parts.first == "content", parts.count >= 2 else { return nil }
        return parts.joined(separator: "/")
    }

    /// Reads `c`'s sheet (under `root`) and adds its results to `c`'s indicators; the
    /// findings of the sheet. A convention without `tableur` is left as it is.
    public static func fusionner(into c: inout Convention, root: String) -> [Finding] {
        guard let t = c.tableur else { return [] }
        let id = c.id.value
        func auTableur(_ message: String) -> [Finding] {
            [Finding(.tableurInvalide, at: t.location, message, convention: id)]
        }
        guard let chemin = chemin(of: c) else {
            return auTableur("« tableur » nomme « \(t.value) », hors du dossier content/ du projet : la feuille est rangée à côté de la convention (par exemple « tableur: resultats.csv »)")
        }
        let lower = chemin.lowercased()
        guard lower.hasSuffix(".csv") || lower.hasSuffix(".xlsx") || lower.hasSuffix(".ods") else {
            return auTableur("« \(t.value) » n'est pas une feuille de résultats : ctg lit les fichiers .csv, .xlsx et .ods")
        }
        var st = stat()
        if lstat(join(root, chemin), &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
            return auTableur("« \(t.value) » est un lien symbolique : ctg ne le suit pas ; mettez la feuille elle-même dans le projet")
        }
        guard let bytes = readBytes(join(root, chemin)) else {
            return auTableur("le fichier « \(chemin) » est introuvable : « tableur » nomme une feuille rangée à partir du dossier de la convention")
        }
        // The sheet is read, never published: a bundle's files are copied to the site.
        c.fichiers.removeAll { $0 == chemin }
        // Its results are the front matter's for the preview, which redraws the indexes and
        // the open data when a front matter changed.
        if c.frontMatterHash != 0 {
            let h = bytes.withUnsafeBufferPointer { fnv1a($0) }
            c.frontMatterHash = c.frontMatterHash &* 31 &+ Int(bitPattern: UInt(h))
        }
        let lignes: Lignes
        do throws(Classeur.Erreur) {
            let plein = join(root, chemin)
            lignes = lower.hasSuffix(".xlsx") ? try Classeur.lireXLSX(plein) : lower.hasSuffix(".ods") ? try Classeur.lireODS(plein) : lireCSV(bytes)
        } catch {
            return [Finding(.tableurInvalide, at: SourceLocation(file: chemin, line: 1, column: 1),
                            "« \(chemin) » : \(error.message) ; enregistrez-la depuis Excel ou LibreOffice au format .xlsx, .ods ou CSV (cellule A1)", convention: id)]
        }
        return joindre(lignes, fichier: chemin, into: &c)
    }

    /// One cell of a sheet ctg writes.
    public enum Cellule: Sendable, Equatable {
        case vide
        /// As JSON writes it (`12.5`): a number for the spreadsheet.
        case nombre(String)
        case texte(String)
    }

    /// Puts `valeur` at row `ligne`, column `colonne` (from 1) of `lignes`, within bounds.
    static func placer(_ valeur: String, ligne: Int, colonne: Int, dans lignes: inout Lignes) {
        guard ligne >= 1, colonne >= 1, ligne <= Classeur.lignesMax, colonne <= Classeur.colonnesMax else { return }
        while lignes.count < ligne { lignes.append([]) }
        while lignes[ligne - 1].count < colonne { lignes[ligne - 1].append("") }
        lignes[ligne - 1][colonne - 1] = valeur
    }

    /// The column, in characters from 1, where cell number `cellule` of a CSV line starts
    /// (the separator is the one the line uses most): where `ctg check` puts its caret.
    public static func colonneDansLaLigne(_ ligne: String, cellule: Int) -> Int {
        let scalars = Array(ligne.unicodeScalars)
        let sep: UnicodeScalar = scalars.count(where: { $0 == ";" }) >= scalars.count(where: { $0 == "," })
            && scalars.contains(";") ? ";" : ","
        var n = 1, entreGuillemets = false
        for (k, ch) in scalars.enumerated() {
            if n == cellule { return k + 1 }
            if ch == "\"" { entreGuillemets.toggle() } else if ch == sep && !entreGuillemets { n += 1 }
        }
        return n == cellule ? scalars.count + 1 : 1
    }

    /// `ctg tableur`'s sheet of `c`, pre-filled: a header, then a row per indicator and per
    /// year of its reference, targets, results and the convention's period, the results
    /// known filled in, the others left to fill. `fusionner` reads it back: its extra columns
    /// are ignored, an empty result is a row to fill, a result equal to the front matter's is
    /// no finding.
    public static func feuille(_ c: Convention) -> [[Cellule]] {
        var out: [[Cellule]] = [["indicateur", "libelle", "unite", "annee", "reference", "cible", "resultat"].map(Cellule.texte)]
        func n(_ x: Nombre?) -> Cellule { x.map { .nombre($0.text) } ?? .vide }
        let debut = c.periode?.debut?.value.year, fin = c.periode?.fin?.value.year
        for ind in c.indicateursDuPlan {
            var annees = Set<Int>()
            if let d = debut, let f = fin, d <= f, f - d <= 50 { annees.formUnion(d...f) }
            if let a = ind.reference?.annee?.value { annees.insert(a) }
            for p in ind.cibles?.value ?? [] { annees.insert(p.annee) }
            for p in ind.resultats?.value ?? [] { annees.insert(p.annee) }
            for y in annees.sorted() {
                out.append([.texte(ind.id.value), .texte(ind.libelle?.value ?? ""), .texte(ind.unite?.value ?? ""), .nombre(String(y)),
                            n(ind.reference?.annee?.value == y ? ind.reference?.valeur?.value : nil),
                            n(ind.cibles?.value.last { $0.annee == y }?.valeur),
                            n(ind.resultats?.value.last { $0.annee == y }?.valeur)])
            }
        }
        return out
    }

    /// `feuille` as Excel in French opens a CSV: UTF-8 with a BOM, `;` between cells, decimal
    /// commas, CRLF; a text a spreadsheet would run as a formula starts with a quote.
    public static func ecrireCSV(_ c: Convention) -> [UInt8] {
        func champ(_ cellule: Cellule) -> String {
            switch cellule {
            case .vide: return ""
            case let .nombre(n): return n.replacingOccurrences(of: ".", with: ",")
            case let .texte(s):
                var t = s
                if let f = t.first, "=+-@\t\r".contains(f) { t = "'" + t }
                guard t.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }) || t != s else { return t }
                return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
        }
        var out = "\u{FEFF}"
        for ligne in feuille(c) { out += ligne.map(champ).joined(separator: ";") + "\r\n" }
        return Array(out.utf8)
    }

    /// A sheet's rows, each cell as text; the first row is the header.
    public typealias Lignes = [[String]]

    /// A CSV file's text: UTF-8 (its BOM dropped) when it is valid UTF-8, else Windows-1252.
    public static func texte(_ bytes: [UInt8]) -> String {
        var b = bytes[...]
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
        return String(validating: b, as: UTF8.self)
            ?? String(data: Data(b), encoding: .windowsCP1252)
            ?? String(decoding: b, as: UTF8.self)
    }

    /// CSV as Excel and LibreOffice write it: UTF-8 with or without BOM, else Windows-1252;
    /// `;` or `,` between cells (the one the first row uses most).
    public static func lireCSV(_ bytes: [UInt8]) -> Lignes {
        let texte = texte(bytes)
        let premiere = texte.prefix { $0 != "\n" && $0 != "\r" }
        var pointVirgules = 0, virgules = 0, entreGuillemets = false
        for ch in premiere.unicodeScalars {
            if ch == "\"" { entreGuillemets.toggle() }
            if !entreGuillemets { if ch == ";" { pointVirgules += 1 } else if ch == "," { virgules += 1 } }
        }
        let separateur: UnicodeScalar = pointVirgules >= virgules && pointVirgules > 0 ? ";" : ","
        guard let reader = try? CSVReader(string: texte, hasHeaderRow: false, delimiter: separateur) else { return [] }
        var lignes: Lignes = []
        while let row = reader.next() { lignes.append(row) }
        return lignes
    }

    /// A number as a sheet writes it: `12,5` or `12.5`, spaces between thousands.
    static func nombre(_ s: String) -> Nombre? {
        var t = ""
        for ch in s where ch != " " && ch != "\u{00A0}" && ch != "\u{202F}" { t.append(ch == "," ? "." : ch) }
        guard let n = Nombre(t), n.isComputable else { return nil }
        return n
    }

    /// The header's name of a column, folded: `Année` is `annee`.
    static func nom(_ s: String) -> String {
        var out = ""
        for ch in s.trimmed.lowercased() {
            switch ch {
            case "é", "è", "ê": out.append("e")
            default: out.append(ch)
            }
        }
        return out
    }

    /// Adds the results of `lignes` (read from `fichier`) to `c`'s indicators.
    public static func joindre(_ lignes: Lignes, fichier: String, into c: inout Convention) -> [Finding] {
        let id = c.id.value
        var findings: [Finding] = []
        func place(_ ligne: Int, _ colonne: Int) -> SourceLocation { SourceLocation(file: fichier, line: ligne, column: colonne) }
        func constat(_ rule: RuleID, _ ligne: Int, _ colonne: Int, _ message: String) {
            findings.append(Finding(rule, at: place(ligne, colonne), message + " (cellule \(cellule(ligne, colonne)))", convention: id))
        }
        guard let entete = lignes.first else {
            constat(.tableurInvalide, 1, 1, "la feuille est vide : sa première ligne nomme les colonnes « indicateur », « annee » et « resultat »")
            return findings
        }
        let noms = entete.map(nom)
        func colonne(_ n: String) -> Int? { noms.firstIndex(of: n) }
        guard let ci = colonne("indicateur"), let ca = colonne("annee"), let cr = colonne("resultat") else {
            let manque = ["indicateur", "annee", "resultat"].filter { colonne($0) == nil }
            constat(.tableurInvalide, 1, 1, "la première ligne de la feuille nomme les colonnes « indicateur », « annee » et « resultat » (dans l'ordre qu'on veut) : il y manque \(manque.map { "« \($0) »" }.joined(separator: ", "))")
            return findings
        }
        // Indicators by id, with where each is in the plan.
        var ou: [String: (Int, Int, Int)] = [:]
        let axes = c.axes?.value ?? []
        for a in axes.indices {
            let objectifs = axes[a].objectifs?.value ?? []
            for o in objectifs.indices {
                let inds = objectifs[o].indicateurs?.value ?? []
                for i in inds.indices where ou[inds[i].id.value] == nil { ou[inds[i].id.value] = (a, o, i) }
            }
        }
        var vus: [String: Int] = [:]  // « id année » → its row in the sheet
        var ajouts: [String: [Point]] = [:]
        for (k, cellules) in lignes.enumerated().dropFirst() {
            let ligne = k + 1
            func cellule(_ j: Int) -> String { j < cellules.count ? cellules[j].trimmed : "" }
            let (ind, an, res) = (cellule(ci), cellule(ca), cellule(cr))
            if ind.isEmpty && an.isEmpty && res.isEmpty { continue }
            // A row left to fill in (ctg tableur writes one per year).
            if res.isEmpty { continue }
            guard let (a, o, i) = ou[ind] else {
                let message = ind.isEmpty ? "la ligne a un résultat mais pas d'« indicateur »"
                    : "l'indicateur « \(ind) » n'est pas un indicateur de la convention « \(id) »\(Suggestion.phrase(for: ind, in: ou.keys.sorted()))"
                constat(.indicateurInconnu, ligne, ci + 1, message)
                continue
            }
            guard let annee = Int(an), (1900...2200).contains(annee) else {
                constat(.tableurInvalide, ligne, ca + 1, "l'année doit être un nombre de quatre chiffres (par exemple 2016), pas « \(an) »")
                continue
            }
            guard let valeur = nombre(res) else {
                constat(.tableurInvalide, ligne, cr + 1, "le résultat doit être un nombre (12,5 ou 12.5), pas « \(res) »")
                continue
            }
            let cle = ind + " " + String(annee)
            if let autre = vus[cle] {
                constat(.valeurEnDouble, ligne, cr + 1, "le résultat \(annee) de « \(ind) » est déjà donné par la feuille, en ligne \(autre) (\(fichier):\(autre))")
                continue
            }
            vus[cle] = ligne
            if let p = axes[a].objectifs?.value[o].indicateurs?.value[i].resultats?.value.last(where: { $0.annee == annee }) {
                if p.valeur != valeur {
                    constat(.valeurEnDouble, ligne, cr + 1, "le résultat \(annee) de « \(ind) » vaut \(res) dans la feuille et \(p.valeur) dans l'en-tête (\(p.valeurLocation.file):\(p.valeurLocation.line)) : gardez-en un seul")
                }
                continue
            }
            ajouts[ind, default: []].append(Point(annee: annee, anneeLocation: place(ligne, ca + 1), valeur: valeur, valeurLocation: place(ligne, cr + 1)))
        }
        guard !ajouts.isEmpty, var axesModifies = c.axes else { return findings }
        for (ind, points) in ajouts {
            guard let (a, o, i) = ou[ind] else { continue }
            var objectifs = axesModifies.value[a].objectifs
            var inds = objectifs?.value[o].indicateurs
            guard var indicateur = inds?.value[i] else { continue }
            var resultats = indicateur.resultats ?? Located([], at: place(1, 1))
            resultats.value += points
            resultats.value.sort { $0.annee < $1.annee }
            indicateur.resultats = resultats
            inds?.value[i] = indicateur
            objectifs?.value[o].indicateurs = inds
            axesModifies.value[a].objectifs = objectifs
        }
        c.axes = axesModifies
        return findings
    }
}
