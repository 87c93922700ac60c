import Model
import Reports

/// HTML written in Swift for what repeats most on a page: table bodies, year tables, state
/// badges. A Mustache tag costs about a microsecond and a dashboard has thousands of cells,
/// so the built-in templates receive these parts whole (`{{{corps}}}`); the values they are
/// made of stay in the context, for a project's template that writes its own rows.
/// Every text goes through `esc`; the markup is the one the templates would write.
struct HTMLBuffer {
    var out = ""

    init(capacity: Int = 1024) { out.reserveCapacity(capacity) }

    /// Appends markup the tool wrote.
    mutating func raw(_ s: String) { out += s }
    /// Appends text, escaped.
    mutating func text(_ s: String) { out += escapeHTML(s) }

    /// `<span class="vide">…</span>`: the words said where a cell has no value.
    mutating func vide(_ words: String) { out += "<span class=\"vide\">" + words + "</span>" }
}

/// Escapes `& < > " '` for HTML text and attributes. French text is full of apostrophes, so
/// this copies the runs between special bytes instead of going character by character.
func escapeHTML(_ s: String) -> String {
    guard s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 32)
    for b in s.utf8 {
        switch b {
        case 38: out.append(contentsOf: [38, 97, 109, 112, 59])          // &amp;
        case 60: out.append(contentsOf: [38, 108, 116, 59])              // &lt;
        case 62: out.append(contentsOf: [38, 103, 116, 59])              // &gt;
        case 34: out.append(contentsOf: [38, 113, 117, 111, 116, 59])    // &quot;
        case 39: out.append(contentsOf: [38, 35, 51, 57, 59])            // &#39;
        default: out.append(b)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

enum Fragment {
    /// The badge of a state: icon (hidden from screen readers), then the word.
    static func badge(code: String, icone: String, libelle: String) -> String {
        "<span class=\"etat etat-\(code)\"><span class=\"etat-icone\" aria-hidden=\"true\">\(icone)</span> \(escapeHTML(libelle))</span>"
    }

    static let etats: [EtatIndicateur: String] = Dictionary(uniqueKeysWithValues: EtatIndicateur.allCases.map { e in
        (e, Etiquette.etat(e)["html"] as! String)
    })

    static let etatsAction: [EtatAction: String] = Dictionary(uniqueKeysWithValues: EtatAction.allCases.map { e in
        (e, Etiquette.action(e)["html"] as! String)
    })

    /// An empty cell of a year table: a dash for the eye, words for a screen reader.
    static let sansValeur = "<span class=\"vide\"><span aria-hidden=\"true\">–</span><span class=\"sr-only\">aucune valeur</span></span>"

    /// A value with its year on a second line: `850 <span class="annee">en 2013</span>`.
    static func valeurAnnee(_ h: inout HTMLBuffer, _ v: (valeur: String, annee: String)?, vide: String) {
        guard let v else { h.vide(vide); return }
        h.text(v.valeur)
        h.raw(" <span class=\"annee\">en ")
        h.raw(v.annee)
        h.raw("</span>")
    }
}
