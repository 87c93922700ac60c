import Content
import Model

/// `ctg check` for people: each finding like a compiler's (`file:line:column:
/// erreur[rule]: message` or `avertissement[rule]`, FORMAT.md §5), the source line and a caret under the column, then a count.
public enum TextReport {
    /// ANSI styles, used only when asked (the command asks when stdout is a terminal).
    struct Style {
        let on: Bool
        func paint(_ s: String, _ code: String) -> String { on ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        func bold(_ s: String) -> String { paint(s, "1") }
        func severity(_ s: Severity, _ text: String) -> String { paint(text, s == .error ? "1;31" : "1;35") }
        func caret(_ s: String) -> String { paint(s, "1;32") }
        func dim(_ s: String) -> String { paint(s, "2") }
    }

    /// Lines of source longer than this are shown as a window around the column.
    static let window = 120

    /// The whole report. `source(file, line)` gives a line of a project file (without its
    /// line end), or nil; `conventions` is the number of convention files checked.
    public static func render(_ findings: [Finding], conventions: Int, color: Bool,
                              source: (String, Int) -> String?) -> String {
        let style = Style(on: color)
        var out = ""
        for f in findings {
            out += finding(f, style: style, source: source)
            out += "\n"
        }
        out += summary(findings, conventions: conventions) + "\n"
        return out
    }

    /// One finding: its header line, then the source line and the caret when the line exists.
    static func finding(_ f: Finding, style: Style, source: (String, Int) -> String?) -> String {
        let loc = f.location
        var out = style.bold("\(loc.file):\(loc.line):\(loc.column):") + " "
            + style.severity(f.severity, "\(f.severity.libelle)[\(f.rule.rawValue)]") + ": "
            + style.bold(f.message) + "\n"
        guard let raw = source(loc.file, loc.line) else { return out }
        // A sheet's finding names its cell's column: the caret goes under the cell.
        let column = loc.file.lowercased().hasSuffix(".csv") ? Tableur.colonneDansLaLigne(raw, cellule: loc.column) : loc.column
        let (text, caretAt) = excerpt(raw, column: column)
        let number = String(loc.line)
        let gutter = String(repeating: " ", count: number.count)
        out += style.dim(" \(number) | ") + text + "\n"
        // Under the column, tabs stay tabs so that the caret lines up whatever the tab width.
        let lead = String(text.unicodeScalars.prefix(caretAt).map { $0 == "\t" ? "\t" : " " })
        out += style.dim(" \(gutter) | ") + lead + style.caret("^") + "\n"
        return out
    }

    /// The line as it can be shown (control characters made visible, long lines cut around
    /// the column) and the number of scalars before the caret.
    static func excerpt(_ line: String, column: Int) -> (String, Int) {
        var scalars = Array(line.unicodeScalars.map { s -> Unicode.Scalar in
            s == "\t" || (s.value >= 0x20 && s.value != 0x7F && !(0x80..<0xA0).contains(s.value)) ? s : "\u{FFFD}"
        })
        var caret = min(max(0, column - 1), scalars.count)
        if scalars.count > window {
            let start = max(0, min(caret - window / 2, scalars.count - window))
            let end = min(scalars.count, start + window)
            var cut = Array(scalars[start..<end])
            caret -= start
            if start > 0 { cut.insert("…", at: 0); caret += 1 }
            if end < scalars.count { cut.append("…") }
            scalars = cut
        }
        var s = ""
        s.unicodeScalars.append(contentsOf: scalars)
        return (s, caret)
    }

    /// `2 erreurs, 1 avertissement dans 8 conventions`.
    public static func summary(_ findings: [Finding], conventions: Int) -> String {
        let errors = findings.count { $0.severity == .error }
        let warnings = findings.count { $0.severity == .warning }
        return "\(Francais.nombre(errors, "erreur", aucun: "aucune erreur")), "
            + "\(Francais.nombre(warnings, "avertissement", aucun: "aucun avertissement")) "
            + "dans \(Francais.nombre(conventions, "convention", aucun: "aucune convention"))"
    }
}
