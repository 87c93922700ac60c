import Foundation
import Model
import Reports

/// French formats for everything a person reads (CLDR fr-FR): `1 234 567`, `12,5`,
/// `42 %`, `2 450 000 000 €`, `2,45 Md€`, `1er janvier 2014`. Open data keeps machine
/// formats (see `OpenData`). Locale-free code: the output must not depend on the machine.
public enum Format {
    /// U+202F, the thousands separator and the space before `%` (CLDR fr).
    public static let espaceFine = "\u{202F}"

    /// A finding's message as a page shows it: the rules write « : » and « ; » after an
    /// ordinary space (a terminal does not care); a page puts the no-break spaces of French
    /// typography there, so that no line starts with « : » or ends on « « ».
    static func typographie(_ s: String) -> String {
        guard s.contains(" ") else { return s }
        return s.replacingOccurrences(of: " :", with: "\u{00A0}:")
            .replacingOccurrences(of: " ;", with: "\u{202F};")
            .replacingOccurrences(of: " ?", with: "\u{202F}?")
            .replacingOccurrences(of: " !", with: "\u{202F}!")
            .replacingOccurrences(of: "« ", with: "«\u{00A0}")
            .replacingOccurrences(of: " »", with: "\u{00A0}»")
    }
    /// U+00A0, between a number and its unit word.
    public static let espaceInsecable = "\u{00A0}"
    static let moins = "\u{2212}"

    /// `1234567` → `1 234 567`.
    public static func entier(_ n: Int) -> String {
        let digits = String(n.magnitude)
        return (n < 0 ? moins : "") + grouped(Substring(digits))
    }

    /// A number as written, French style: `27.5` → `27,5`, `2450000000` → `2 450 000 000`;
    /// the digits written are kept (`29.0` stays `29,0`).
    public static func nombre(_ n: Nombre) -> String {
        if let plain = plainDecimal(n.text) { return plain }
        var t = Substring(n.text)
        // Exponents and explicit signs are machine forms: show the value itself.
        if t.contains(where: { $0 == "e" || $0 == "E" }) { return decimal(n.decimal) }
        var negative = false
        if t.first == "+" { t = t.dropFirst() } else if t.first == "-" { negative = true; t = t.dropFirst() }
        var intPart = t, frac: Substring = ""
        if let dot = t.firstIndex(of: ".") {
            intPart = t[..<dot]
            frac = t[t.index(after: dot)...]
        }
        // Leading zeros are noise in a table (`007` → `7`).
        while intPart.count > 1, intPart.first == "0" { intPart = intPart.dropFirst() }
        if intPart.isEmpty { intPart = "0" }
        var out = negative && (intPart != "0" || frac.contains(where: { $0 != "0" })) ? moins : ""
        out += grouped(intPart)
        if !frac.isEmpty { out += "," + frac }
        return out
    }

    /// A decimal value, French style, with at most `maxFractionDigits` (rounded half away from zero),
    /// trailing zeros removed: `12.50` → `12,5`.
    public static func decimal(_ d: Decimal, maxFractionDigits: Int = 6) -> String {
        var value = d, rounded = Decimal()
        NSDecimalRound(&rounded, &value, maxFractionDigits, .plain)
        let negative = rounded < 0
        let text = NSDecimalNumber(decimal: negative ? -rounded : rounded).stringValue
        var intPart = Substring(text), frac: Substring = ""
        if let dot = text.firstIndex(of: ".") {
            intPart = text[..<dot]
            frac = text[text.index(after: dot)...]
        }
        while frac.last == "0" { frac = frac.dropLast() }
        var out = negative ? moins : ""
        out += grouped(intPart)
        if !frac.isEmpty { out += "," + frac }
        return out
    }

    /// `42` → `42 %` (U+202F before %).
    public static func pourcentage(_ n: Int) -> String { entier(n) + espaceFine + "%" }

    /// « la Caf du Nord » for « Caf du Nord »: a Caf (caisse) is feminine; a name that has its
    /// article already (« la Caf… », « La Caisse… », « l'… ») keeps it.
    static func avecArticle(_ nom: String) -> String {
        let bas = nom.lowercased()
        if bas.hasPrefix("la ") || bas.hasPrefix("le ") || bas.hasPrefix("les ") || bas.hasPrefix("l'") || bas.hasPrefix("l’") {
            return String(bas.prefix(1)) + nom.dropFirst()
        }
        return "la " + nom
    }

    /// The text with its first letter in upper case.
    static func majuscule(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// The value of an indicator in its unit: `%` is written after the number.
    static func valeur(_ n: Nombre, unite: String?) -> String {
        unite == "%" ? nombre(n) + espaceFine + "%" : nombre(n)
    }

    /// `euros` of an amount as written: a whole one is formatted from its digits, without
    /// going through Decimal.
    public static func euros(_ n: Nombre) -> String {
        if let (m, e) = n.scaled, m >= 0, e >= 0, e <= 6 {
            let (v, overflow) = m.multipliedReportingOverflow(by: [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000][e])
            if !overflow { return grouped(Substring(String(v))) + espaceInsecable + "€" }
        }
        return euros(n.decimal)
    }

    /// The exact amount: `2 450 000 000 €`, `12 345,5 €` → `12 345,50 €` (cents when there are any).
    public static func euros(_ d: Decimal) -> String {
        // Whole amounts are the rule: format the digits directly, without rounding machinery.
        let text = d.description
        if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            return grouped(Substring(text)) + espaceInsecable + "€"
        }
        var value = d, cents = Decimal()
        NSDecimalRound(&cents, &value, 2, .plain)
        var whole = Decimal()
        NSDecimalRound(&whole, &value, 0, .plain)
        if cents == whole { return decimal(whole, maxFractionDigits: 0) + espaceInsecable + "€" }
        var s = decimal(cents, maxFractionDigits: 2)
        if let comma = s.firstIndex(of: ","), s.distance(from: comma, to: s.endIndex) == 2 { s += "0" }
        return s + espaceInsecable + "€"
    }

    /// `euros(Decimal)` of a whole number of euros, without Decimal.
    public static func euros(entiers v: Int64) -> String {
        (v < 0 ? moins : "") + grouped(Substring(String(v.magnitude))) + espaceInsecable + "€"
    }

    /// `eurosCourt(Decimal)` of a whole number of euros, in integer arithmetic: the same
    /// rounding (three significant digits, half away from zero), the same text.
    public static func eurosCourt(entiers v: Int64) -> String {
        let a = v.magnitude
        guard a < 1 << 56 else { return eurosCourt(Decimal(v)) }
        let units: [(UInt64, String)] = [(1_000_000_000, "Md€"), (1_000_000, "M€")]
        /// `a / scale` to three significant digits (half away from zero), as an integer of
        /// `places` decimals (0 to 2), and 10^places.
        func significant(_ scale: UInt64) -> (value: UInt64, places: Int, p: UInt64) {
            let (places, p): (Int, UInt64) = a >= 100 * scale ? (0, 1) : a >= 10 * scale ? (1, 10) : (2, 100)
            return ((a * p + scale / 2) / scale, places, p)
        }
        func text(_ r: (value: UInt64, places: Int, p: UInt64), _ unit: String) -> String {
            var frac = r.places == 0 ? "" : String(r.value % r.p)
            while frac.count < r.places { frac = "0" + frac }
            while frac.last == "0" { frac.removeLast() }
            var out = v < 0 ? moins : ""
            out += grouped(Substring(String(r.value / r.p)))
            if !frac.isEmpty { out += "," + frac }
            return out + espaceInsecable + unit
        }
        for (i, (scale, unit)) in units.enumerated() where a >= scale {
            let r = significant(scale)
            // 999,6 M€ rounds to 1 000 M€: say 1 Md€ instead.
            if i > 0, r.value >= 1000 * r.p { return text(significant(units[i - 1].0), units[i - 1].1) }
            return text(r, unit)
        }
        return euros(entiers: v)
    }

    /// A short amount for key figures, three significant digits: `2,45 Md€`, `12,3 M€`, `653 M€`;
    /// below a million, the exact amount.
    public static func eurosCourt(_ d: Decimal) -> String {
        let magnitude = d < 0 ? -d : d
        let units: [(Decimal, String)] = [(1_000_000_000, "Md€"), (1_000_000, "M€")]
        for (i, (scale, unit)) in units.enumerated() where magnitude >= scale {
            let r = significant(d / scale, digits: 3)
            // 999,6 M€ rounds to 1 000 M€: say 1 Md€ instead.
            if i > 0, (r < 0 ? -r : r) >= 1000 { return decimal(significant(d / units[i - 1].0, digits: 3)) + espaceInsecable + units[i - 1].1 }
            return decimal(r) + espaceInsecable + unit
        }
        return euros(d)
    }

    static func significant(_ x: Decimal, digits: Int) -> Decimal {
        let m = x < 0 ? -x : x
        var places = digits - 1
        var p: Decimal = 10
        while places > 0 && m >= p { places -= 1; p *= 10 }
        var v = x, r = Decimal()
        NSDecimalRound(&r, &v, places, .plain)
        return r
    }

    static let mois = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                       "août", "septembre", "octobre", "novembre", "décembre"]

    /// `15 janvier 2014`, `1er janvier 2014` (U+00A0 between day and month, so they stay together).
    public static func date(_ d: Day) -> String {
        var h = HTMLBuffer(capacity: 32)
        h.date(d)
        return h.out
    }

    /// `janvier 2014`.
    public static func moisAnnee(_ d: Day) -> String { mois[d.month - 1] + " " + String(d.year) }

    /// `du 1er janvier 2014 au 31 décembre 2017`.
    public static func periode(_ debut: Day, _ fin: Day) -> String { "du \(date(debut)) au \(date(fin))" }

    /// `1`, `2` … → `1 action`, `2 actions`.
    public static func pluriel(_ n: Int, _ singulier: String, _ pluriel: String? = nil) -> String {
        entier(n) + espaceInsecable + (n > 1 || n < -1 ? (pluriel ?? singulier + "s") : singulier)
    }

    /// `nombre` for what most files hold, digits with at most one `.` and no useless leading
    /// zero (`850`, `27.5`, `2450000000`), in one pass over the bytes; nil for anything else.
    static func plainDecimal(_ text: String) -> String? {
        text.withBytes { u -> String? in
            let n = u.count
            guard n > 0, n < 40 else { return nil }
            var intLen = 0, dot = -1
            for i in 0..<n {
                let b = u[i]
                if b == 46 {
                    if dot >= 0 { return nil }
                    dot = i
                } else if b < 48 || b > 57 {
                    return nil
                } else if dot < 0 {
                    intLen += 1
                }
            }
            guard intLen > 0, intLen == 1 || u[0] != 48 else { return nil }
            // Most values: up to three digits, no decimals, written as they are.
            if dot < 0 && intLen <= 3 { return text }
            // The digits grouped, then `,` and the decimals as written (`5.` has none).
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 80) { out -> String in
                var k = group(UnsafeBufferPointer(rebasing: u[..<intLen]), into: out)
                if dot >= 0 && dot + 1 < n {
                    out[k] = 44
                    k += 1
                    for i in (dot + 1)..<n { out[k] = u[i]; k += 1 }
                }
                return String(decoding: UnsafeBufferPointer(rebasing: out[..<k]), as: UTF8.self)
            }
        }
    }

    /// ASCII digits `u` grouped by three with U+202F (E2 80 AF in UTF-8) from four digits on,
    /// written at the start of `out` (room for `u.count * 2`); returns the bytes written.
    private static func group(_ u: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let n = u.count
        var k = 0
        for i in 0..<n {
            if i > 0 && (n - i) % 3 == 0 && n > 3 { out[k] = 0xE2; out[k + 1] = 0x80; out[k + 2] = 0xAF; k += 3 }
            out[k] = u[i]
            k += 1
        }
        return k
    }

    /// Groups ASCII digits by three with U+202F: `1234567` → `1 234 567` (CLDR fr groups from 4 digits).
    static func grouped(_ digits: Substring) -> String {
        let n = digits.utf8.count
        if n <= 3 { return String(digits) }
        // By bytes (digits are ASCII): a walk by Characters costs far more, and a dashboard
        // shows a hundred amounts (bench/README.md, « Costs behind the code »).
        guard digits.utf8.allSatisfy({ $0 < 128 }) else { return groupedCharacters(digits) }
        var d = digits
        return d.withUTF8 { u in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * n) { out -> String in
                String(decoding: UnsafeBufferPointer(rebasing: out[..<group(u, into: out)]), as: UTF8.self)
            }
        }
    }

    /// `grouped` by Characters, for text that is not ASCII.
    private static func groupedCharacters(_ digits: Substring) -> String {
        let n = digits.count
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (n - i) % 3 == 0 { out += espaceFine }
            out.append(c)
        }
        return out
    }
}

extension MoyensLigne {
    /// The amounts of the line as pages show them: from whole euros when the line has them
    /// (`MoyensLigne.euros`), through Decimal otherwise.
    var eurosPrestationsLegales: String { euros.map { Format.euros(entiers: $0.prestationsLegales) } ?? Format.euros(prestationsLegales) }
    var eurosActionSociale: String { euros.map { Format.euros(entiers: $0.actionSociale) } ?? Format.euros(actionSociale) }
    var eurosTotal: String { euros?.total.map { Format.euros(entiers: $0) } ?? Format.euros(total) }
    var eurosCourtActionSociale: String { euros.map { Format.eurosCourt(entiers: $0.actionSociale) } ?? Format.eurosCourt(actionSociale) }
    var eurosCourtTotal: String { euros?.total.map { Format.eurosCourt(entiers: $0) } ?? Format.eurosCourt(total) }
}
