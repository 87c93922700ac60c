import Foundation
import Model
import Reports

/// Inline SVG charts. Each has `role="img"`, a `<title>` and a `<desc>` that carry the same
/// numbers as the table beside it (the table is the full text equivalent); the shapes and
/// line styles differ, so nothing is said by colour alone. Coordinates are printed with a
/// fixed precision: same input, same bytes.
enum Charts {
    /// Targets against results of one indicator: reference, target trajectory (dashed,
    /// diamonds), results (solid, dots). `id` prefixes the ids of `<title>` and `<desc>`.
    /// Shapes of a kind share one element or one group, and the text of the axes takes its
    /// alignment from the stylesheet: a dashboard has dozens of these. `titre` and
    /// `description` write the chart's title and text alternative, escaped, into the page.
    static func indicateur(_ s: inout HTMLBuffer, id: String, unite: String, cadre: CadreGraphique, reference: Point?,
                           cibles: [Point], resultats: [Point],
                           titre: (inout HTMLBuffer) -> Void, description: (inout HTMLBuffer) -> Void) {
        let (y0, y1, scale) = (cadre.y0, cadre.y1, cadre.scale)
        let w = 480.0, h = 250.0, left = 64.0, right = 26.0, top = 16.0, bottom = 34.0
        func x(_ year: Int) -> Double { left + Double(year - y0) / Double(y1 - y0) * (w - left - right) }
        func y(_ v: Double) -> Double { top + (scale.max - v) / (scale.max - scale.min) * (h - top - bottom) }

        s.raw("<svg class=\"graphique\" role=\"img\" viewBox=\"0 0 480 250\" aria-labelledby=\"")
        s.html(id); s.raw("-titre "); s.html(id); s.raw("-desc\"><title id=\"")
        s.html(id); s.raw("-titre\">"); titre(&s); s.raw("</title><desc id=\"")
        s.html(id); s.raw("-desc\">"); description(&s); s.raw("</desc>")
        // Grid, axis, then the labels of both axes.
        s.raw("<path class=\"grille\" d=\"")
        for t in scale.ticks {
            s.raw("M64 "); s.coord(y(t)); s.raw("H454")
        }
        s.raw("\"/><path class=\"axe\" d=\"M64 216H454\"/><g class=\"graduations\">")
        let pourcent = unite == "%"
        for t in scale.ticks {
            s.raw("<text x=\"56\" y=\""); s.coord(y(t) + 4); s.raw("\">")
            tick(&s, t, digits: scale.fractionDigits)
            if pourcent { s.html(Format.espaceFine + "%") }
            s.raw("</text>")
        }
        s.raw("</g><g class=\"annees\">")
        let step = max(1, (y1 - y0 + 7) / 8)
        for year in stride(from: y0, through: y1, by: step) {
            s.raw("<text x=\""); s.coord(x(year)); s.raw("\" y=\"236\">"); s.int(year); s.raw("</text>")
        }
        s.raw("</g>")
        // Target trajectory from the reference to each target; results the same way.
        func polyline(_ cls: StaticString, _ points: [Point]) {
            guard points.count + (reference == nil ? 0 : 1) > 1 else { return }
            s.raw("<polyline class=\""); s.raw(cls); s.raw("\" points=\"")
            if let reference { s.coord(x(reference.annee)); s.raw(","); s.coord(y(value(reference.valeur))) }
            for k in points.indices {
                if k > 0 || reference != nil { s.raw(" ") }
                s.coord(x(points[k].annee)); s.raw(","); s.coord(y(value(points[k].valeur)))
            }
            s.raw("\"/>")
        }
        polyline("serie-cible", cibles)
        polyline("serie-resultat", resultats)
        if !cibles.isEmpty {
            s.raw("<path class=\"point-cible\" d=\"")
            for k in cibles.indices {
                s.raw("M"); s.coord(x(cibles[k].annee)); s.raw(" "); s.coord(y(value(cibles[k].valeur)) - 6); s.raw("l6 6-6 6-6-6z")
            }
            s.raw("\"/>")
        }
        if !resultats.isEmpty {
            s.raw("<g class=\"point-resultat\">")
            for k in resultats.indices {
                s.raw("<circle cx=\""); s.coord(x(resultats[k].annee)); s.raw("\" cy=\""); s.coord(y(value(resultats[k].valeur))); s.raw("\" r=\"4.5\"/>")
            }
            s.raw("</g>")
        }
        if let reference {
            let (cx, cy) = (x(reference.annee), y(value(reference.valeur)))
            s.raw("<rect class=\"point-reference\" x=\""); s.coord(cx - 4.5); s.raw("\" y=\""); s.coord(cy - 4.5)
            s.raw("\" width=\"9\" height=\"9\"/>")
        }
        s.raw("</svg>")
    }

    /// The period of a convention on a line of years, the part elapsed at the reference date,
    /// the reference date itself, and numbered milestones (the list beside it names them).
    /// Horizontal positions are percentages and there is no viewBox, so the drawing stretches
    /// to any width while its text keeps its size (readable at 390 px as at 1280 px).
    static func frise(id: String, debut: Day, fin: Day, date: Day, jalons: [Day], titre: String, description: String) -> String {
        let first = min(debut, jalons.min() ?? debut, date).year
        let last = max(fin, jalons.max() ?? fin, date).year
        let start = Day(year: first, month: 1, day: 1)!.ordinal
        let end = Day(year: last + 1, month: 1, day: 1)!.ordinal
        func x(_ d: Day) -> Double { 1 + Double(d.ordinal - start) / Double(end - start) * 98 }
        let barY = 46.0, barH = 16.0, h = 104.0
        var s = HTMLBuffer(capacity: 4096)
        func p(_ v: Double) { s.coord(v); s.raw("%") }

        s.raw("<svg class=\"frise\" role=\"img\" width=\"100%\" height=\""); s.coord(h)
        s.raw("\" aria-labelledby=\""); s.html(id); s.raw("-titre "); s.html(id); s.raw("-desc\">")
        s.raw("<title id=\""); s.html(id); s.raw("-titre\">"); s.text(titre); s.raw("</title>")
        s.raw("<desc id=\""); s.html(id); s.raw("-desc\">"); s.text(description); s.raw("</desc>")
        s.raw("<rect class=\"frise-periode\" x=\""); p(x(debut)); s.raw("\" y=\""); s.coord(barY)
        s.raw("\" width=\""); p(x(fin.next) - x(debut)); s.raw("\" height=\""); s.coord(barH); s.raw("\"/>")
        if date >= debut {
            let upTo = min(date, fin).next
            s.raw("<rect class=\"frise-ecoule\" x=\""); p(x(debut)); s.raw("\" y=\""); s.coord(barY)
            s.raw("\" width=\""); p(x(upTo) - x(debut)); s.raw("\" height=\""); s.coord(barH); s.raw("\"/>")
        }
        for year in first...(last + 1) {
            let xx = x(Day(year: year, month: 1, day: 1)!)
            s.raw("<line class=\"frise-annee\" x1=\""); p(xx); s.raw("\" y1=\""); s.coord(barY - 4)
            s.raw("\" x2=\""); p(xx); s.raw("\" y2=\""); s.coord(barY + barH + 4); s.raw("\"/>")
            if year <= last {
                s.raw("<text x=\""); p(xx + (x(Day(year: year + 1, month: 1, day: 1)!) - xx) / 2)
                s.raw("\" y=\""); s.coord(barY + barH + 20); s.raw("\" text-anchor=\"middle\">"); s.int(year); s.raw("</text>")
            }
        }
        // Milestones: numbered circles above the bar, on a second row when too close.
        var lastX = -100.0, row = 0
        for (i, d) in jalons.enumerated() {
            let xx = x(d)
            row = xx - lastX < 6 ? 1 - row : 0
            lastX = xx
            let cy = row == 0 ? 30.0 : 10.0
            s.raw("<line class=\"frise-jalon\" x1=\""); p(xx); s.raw("\" y1=\""); s.coord(cy + 9)
            s.raw("\" x2=\""); p(xx); s.raw("\" y2=\""); s.coord(barY); s.raw("\"/>")
            s.raw("<circle class=\"frise-jalon\" cx=\""); p(xx); s.raw("\" cy=\""); s.coord(cy); s.raw("\" r=\"9\"/>")
            s.raw("<text class=\"frise-numero\" x=\""); p(xx); s.raw("\" y=\""); s.coord(cy + 4)
            s.raw("\" text-anchor=\"middle\">"); s.int(i + 1); s.raw("</text>")
        }
        // The reference date.
        let rx = x(date)
        s.raw("<line class=\"frise-reference\" x1=\""); p(rx); s.raw("\" y1=\""); s.coord(barY - 8)
        s.raw("\" x2=\""); p(rx); s.raw("\" y2=\""); s.coord(barY + barH + 8); s.raw("\"/>")
        s.raw("<text class=\"frise-legende-reference\" x=\""); p(rx); s.raw("\" y=\""); s.coord(h - 4)
        s.raw("\" text-anchor=\"")
        if rx < 15 { s.raw("start") } else if rx > 85 { s.raw("end") } else { s.raw("middle") }
        s.raw("\">"); s.text(Format.date(date)); s.raw("</text></svg>")
        return s.out
    }

    /// A value to draw. `Nombre.double` goes through NSDecimalNumber (an object per call); the
    /// scaled integer gives the same correctly rounded double: one exact division.
    static func value(_ n: Nombre) -> Double {
        if let (m, e) = n.scaled, m.magnitude < 1 << 53, e >= -22, e <= 22 {
            return e >= 0 ? Double(m) * powersOfTen[e] : Double(m) / powersOfTen[-e]
        }
        return n.double
    }

    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

    /// A tick value in French with `digits` decimals at most: `1 000`, `2,5`.
    static func tick(_ s: inout HTMLBuffer, _ v: Double, digits: Int) {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let i = Int((v * Double(scale)).rounded())
        var a = i.magnitude
        if i < 0 { s.raw("\u{2212}") }
        // The integer part, grouped by three from four digits (U+202F between groups).
        let whole = a / UInt(scale)
        if whole < 1000 {
            s.int(Int(whole))
        } else {
            var groups: [UInt] = []
            var w = whole
            while w > 0 { groups.append(w % 1000); w /= 1000 }
            s.int(Int(groups.removeLast()))
            for g in groups.reversed() {
                s.raw("\u{202F}")
                if g < 100 { s.raw("0") }
                if g < 10 { s.raw("0") }
                s.int(Int(g))
            }
        }
        // The decimals, trailing zeros dropped.
        a %= UInt(scale)
        var n = digits
        while n > 0 && a % 10 == 0 { a /= 10; n -= 1 }
        guard n > 0 else { return }
        s.raw(",")
        var lead = 1
        for _ in 1..<n { lead *= 10 }
        while UInt(lead) > a && lead > 1 { s.raw("0"); lead /= 10 }
        s.int(Int(a))
    }
}

/// What an indicator's chart spans: its years and its vertical scale. Computed once, for the
/// drawing and for the sentence under it that states the scale.
struct CadreGraphique {
    let y0: Int
    let y1: Int
    let scale: NiceScale

    /// Nil when there is nothing to draw.
    init?(reference: Point?, cibles: [Point], resultats: [Point]) {
        var y0 = Int.max, y1 = Int.min
        var lo = Double.infinity, hi = -Double.infinity
        // By index, the values read in place: a dashboard's charts copied half a million
        // points (and their texts) otherwise.
        func see(_ annee: Int, _ v: Double) {
            y0 = min(y0, annee); y1 = max(y1, annee)
            lo = min(lo, v); hi = max(hi, v)
        }
        for k in cibles.indices { see(cibles[k].annee, Charts.value(cibles[k].valeur)) }
        for k in resultats.indices { see(resultats[k].annee, Charts.value(resultats[k].valeur)) }
        if let reference { see(reference.annee, Charts.value(reference.valeur)) }
        guard y0 <= y1 else { return nil }
        if y0 == y1 { y0 -= 1; y1 += 1 }
        self.y0 = y0
        self.y1 = y1
        scale = NiceScale(min: lo, max: hi)
    }

    /// « L'axe vertical va de 850 à 1 000 places ; il ne part pas de zéro : les écarts y
    /// paraissent plus grands. » — a zoomed axis said in words, so that 8 → 9 is not read as a leap.
    func echelle(unite: String?) -> String {
        // One buffer for the sentence (one per chart of every page: pieces of String each
        // allocated were a visible part of a dashboard's view).
        var b = HTMLBuffer(capacity: 160)
        let u = unite.map { $0 == "%" ? Format.espaceFine + "%" : " " + $0 } ?? ""
        b.raw("L'axe vertical va de ")
        Charts.tick(&b, scale.min, digits: scale.fractionDigits)
        if unite == "%" { b.html(u) }
        b.raw(" à ")
        Charts.tick(&b, scale.max, digits: scale.fractionDigits)
        b.html(u)
        b.raw(scale.min > 0 ? "\u{202F}; il ne part pas de zéro\u{00A0}: les écarts y paraissent plus grands." : ".")
        return String(decoding: b.bytes(from: 0), as: UTF8.self)
    }
}

/// Axis bounds and ticks at round values (1, 2 or 5 × 10ⁿ), 4 to 6 of them.
struct NiceScale {
    let min: Double
    let max: Double
    let ticks: [Double]
    let fractionDigits: Int

    init(min lo: Double, max hi: Double) {
        var lo = lo, hi = hi
        if lo == hi {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= pad
            hi += pad
        }
        let span = hi - lo
        let raw = span / 4
        let mag = pow(10, floor(log10(raw)))
        let norm = raw / mag
        let step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag
        var a = floor(lo / step) * step
        // Counts and amounts start at zero when zero is near: an axis that starts at 0 does not exaggerate.
        if lo >= 0 && a - 2 * step <= 0 { a = 0 }
        let b = ceil(hi / step) * step
        min = a
        max = b == a ? a + step : b
        var t: [Double] = []
        t.reserveCapacity(8)  // the usual 4 to 6 ticks without growing the array
        var v = a
        while v <= max + step / 2 {
            t.append((v / step).rounded() * step)
            v += step
        }
        ticks = t
        fractionDigits = step >= 1 ? 0 : Int(ceil(-log10(step)))
    }
}
