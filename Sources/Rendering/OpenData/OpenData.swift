import Foundation
import Model
import Reports

/// Open data (FORMAT.md §6) and the sitemap: machine formats — ISO dates, `.` decimals,
/// numbers as written — with keys in a fixed order, so the same input gives the same bytes.
extension SiteMap {
    /// `donnees/conventions.json`: compact, one convention per line (indentation made the file
    /// much larger and no program needs it; a line per convention still reads and diffs well).
    /// Handed out in pieces (`emit`, `OpenData.piece`): a large site's file is never held whole.
    func conventionsJSON(_ emit: ([UInt8]) throws -> Void) rethrows {
        var w = JSONWriter(capacity: OpenData.piece + 16_384)
        w.raw("{\"version\":2,\"date_reference\":")
        w.string(date.iso)
        // A review build (`--revue`) says so, and gives each convention its findings: what
        // `ctg diff` compares as findings that appeared or went away. A public build has neither.
        if options.revue { w.raw(",\"revue\":true") }
        w.raw(",\"conventions\":[")
        for (k, e) in entries.enumerated() {
            w.raw(k == 0 ? "\n" : ",\n")
            conventionJSON(k, e, &w)
            if w.count >= OpenData.piece { try emit(w.bytes); w.clear() }
        }
        w.raw(entries.isEmpty ? "]" : "\n]")
        // The coverage of the population (FORMAT.md §4), for the site and each of its
        // départements the referential knows, after the conventions: scripts read the same
        // figures as the home page.
        w.raw(",\n\"couverture\":")
        couvertureJSON(couvertureSite, &w, fin: false)
        w.key("departements"); w.openArray()
        for (k, c) in couvertures.enumerated() {
            guard let c else { continue }
            w.open()
            w.key("code"); w.string(departements[k].code)
            w.key("nom"); w.string(c.departement.nom)
            couvertureJSON(c.chiffres, &w, fin: true)
        }
        w.closeArray()
        w.close()
        w.raw("}\n")
        try emit(w.bytes)
    }

    /// `donnees/conventions.json` whole, the bytes a build writes: what `ctg diff` compares
    /// with a previous build's, from the same code, so that each value has one source.
    public func conventionsJSON() -> [UInt8] {
        var all: [UInt8] = []
        conventionsJSON { all += $0 }
        return all
    }

    /// The figures of a coverage as keys of the object being written: opened here unless
    /// `fin` (the caller opened it), closed only when `fin`.
    private func couvertureJSON(_ c: ChiffresCouverture, _ w: inout JSONWriter, fin: Bool) {
        if !fin { w.open() }
        w.key("taux"); if let t = c.taux { w.int(t) } else { w.null() }
        w.key("communes"); w.int(c.communes)
        w.key("communes_couvertes"); w.int(c.communesCouvertes)
        w.key("population"); w.int(c.population)
        w.key("population_couverte"); w.int(c.populationCouverte)
        if fin { w.close() }
    }

    private func conventionJSON(_ rang: Int, _ e: ConventionEntry, _ w: inout JSONWriter) {
        let c = e.convention
        let r = e.resume
        w.open()
        w.key("id"); w.string(e.id)
        w.key("titre"); w.string(c.titre?.value)
        w.key("phase"); w.string(r.phase.rawValue)
        w.key("cadre"); w.string(Reports.cadre(of: c, site: project.site.cadre).rawValue)
        w.key("echelon"); w.string(c.echelon?.value.rawValue)
        w.key("url"); w.string(e.path)
        w.key("territoire"); w.open()
        w.key("nom"); w.string(c.territoire?.nom?.value)
        w.key("type"); w.string(c.territoire?.type?.value.rawValue)
        w.key("code"); w.string(c.territoire?.code?.value)
        w.key("departement"); w.string(e.departement)
        if let communes = c.territoire?.communes?.value {
            w.key("communes"); w.strings(communes.map(\.value))
        }
        w.close()
        w.key("periode"); w.open()
        w.key("debut"); w.string(c.periode?.debut?.value.iso)
        w.key("fin"); w.string(c.periode?.fin?.value.iso)
        w.close()
        w.key("deliberation_ca"); w.string(c.deliberationCA?.value.iso)
        w.key("signature"); w.string(c.signature?.value.iso)
        w.key("accord_cadre"); w.string(c.accordCadre?.value)
        w.key("renouvelle"); w.string(c.renouvelle?.value)
        w.key("renouvelee_par"); w.string(report.renouveleePar[e.id])
        w.key("champs"); w.strings((c.champs?.value ?? []).map(\.value))
        // By index, in plan order (`Convention.indicateursDuPlan`): a for-in loop copies each
        // axe and objectif.
        let axes = c.axes?.value ?? []
        w.key("actions"); w.open()
        w.key("total"); w.int(r.actions)
        w.key("realisees"); w.int(r.actionsRealisees)
        for etat in EtatAction.allCases {
            w.key(dynamic: etat.rawValue); w.int(r.actionsParEtat[etat] ?? 0)
        }
        // Version 2: each action of the plan, in plan order, what `ctg diff` compares (an
        // absent état, échéance or budget is null: the counts above leave it out too).
        w.key("liste"); w.openArray()
        for k in axes.indices {
            let objectifs = axes[k].objectifs?.value ?? []
            for j in objectifs.indices {
                let actions = objectifs[j].actions?.value ?? []
                for x in actions.indices {
                    w.open()
                    w.key("id"); w.string(actions[x].id.value)
                    w.key("axe"); w.string(axes[k].id.value)
                    w.key("objectif"); w.string(objectifs[j].id.value)
                    w.key("libelle"); w.string(actions[x].libelle?.value)
                    w.key("pilote"); w.string(actions[x].pilote?.value)
                    w.key("etat"); w.string(actions[x].etat?.value.rawValue)
                    w.key("echeance"); w.string(actions[x].echeance?.value.iso)
                    w.key("budget"); if let b = actions[x].budget?.value { w.number(b) } else { w.null() }
                    w.close()
                }
            }
        }
        w.closeArray()
        w.close()
        w.key("indicateurs"); w.openArray()
        var n = 0
        for k in axes.indices {
            let objectifs = axes[k].objectifs?.value ?? []
            for j in objectifs.indices {
                let inds = objectifs[j].indicateurs?.value ?? []
                for i in inds.indices {
                    let s = Reports.resume(inds[i], date: date, known: r.indicateur(n))
                    n += 1
                    // Open data is public, in a review build too: a withheld value (secret
                    // statistique) is null with "secret": true, and so is a taux that would give it.
                    let effectif = SecretStatistique.compteDesPersonnes(inds[i])
                    let secret = publication.secret
                    func retenu(_ p: Point?) -> Bool { p.map { secret.retient($0.valeur, effectif: effectif) } ?? false }
                    let tauxRetenu = retenu(s.reference) || retenu(s.dernierResultat)
                    w.open()
                    w.key("id"); w.string(inds[i].id.value)
                    w.key("axe"); w.string(axes[k].id.value)
                    w.key("objectif"); w.string(objectifs[j].id.value)
                    w.key("libelle"); w.string(inds[i].libelle?.value)
                    w.key("unite"); w.string(inds[i].unite?.value)
                    w.key("sens"); w.string(inds[i].sensValue.rawValue)
                    w.key("reference"); point(s.reference, &w, secret: retenu(s.reference))
                    // Version 2: every target and result, year → value as written.
                    w.key("cibles"); parAnnee(inds[i].cibles?.value, &w)
                    w.key("resultats"); parAnnee(inds[i].resultats?.value, &w, retenu: retenu)
                    w.key("cible_finale"); point(s.cibleFinale, &w)
                    w.key("dernier_resultat"); point(s.dernierResultat, &w, secret: retenu(s.dernierResultat))
                    w.key("taux"); if let t = s.taux, !tauxRetenu { w.int(t) } else { w.null() }
                    w.key("etat"); w.string(s.etat.rawValue)
                    if tauxRetenu || (inds[i].resultats?.value ?? []).contains(where: retenu) { w.key("secret"); w.bool(true) }
                    w.close()
                }
            }
        }
        w.closeArray()
        w.key("etats_indicateurs"); w.open()
        for etat in EtatIndicateur.allCases {
            w.key(dynamic: etat.rawValue); w.int(r.etats[etat] ?? 0)
        }
        w.close()
        w.key("moyens"); w.openArray()
        for l in r.moyensParAnnee {
            w.open()
            w.key("annee"); w.int(l.annee ?? 0)
            w.key("prestations_legales"); w.number(l.euros.map { String($0.prestationsLegales) } ?? OpenData.number(l.prestationsLegales))
            w.key("action_sociale"); w.number(l.euros.map { String($0.actionSociale) } ?? OpenData.number(l.actionSociale))
            w.key("total"); w.number(l.euros?.total.map { String($0) } ?? OpenData.number(l.total))
            w.close()
        }
        w.closeArray()
        // The services funded by the bonus territoire (FORMAT.md §3), as written; `ram` is
        // written `rpe`, as it is read.
        w.key("bonus_territoire"); w.openArray()
        for b in c.bonusTerritoire?.value ?? [] {
            w.open()
            w.key("type"); w.string(b.type?.value.rawValue)
            w.key("nom"); w.string(b.nom?.value)
            w.key("commune"); w.string(b.commune?.value)
            w.key("places"); if let p = b.places?.value { w.int(p) } else { w.null() }
            w.key("debut"); w.string(b.debut?.value.iso)
            w.close()
        }
        w.closeArray()
        w.key("bonus_territoire_totaux"); w.openArray()
        for t in Reports.totauxBonus(c) {
            w.open()
            w.key("type"); w.string(t.type.rawValue)
            w.key("equipements"); w.int(t.equipements)
            w.key("places"); w.int(t.places)
            w.close()
        }
        w.closeArray()
        if options.revue { constatsJSON(constatsParEntree[rang] ?? [], &w) }
        w.close()
    }

    /// A review build's findings of one convention, with the keys of `ctg check --format json`.
    private func constatsJSON(_ findings: [Finding], _ w: inout JSONWriter) {
        w.key("constats"); w.openArray()
        for f in findings {
            w.open()
            w.key("rule"); w.string(f.rule.rawValue)
            w.key("severity"); w.string(f.severity.rawValue)
            w.key("file"); w.string(f.location.file)
            w.key("line"); w.int(f.location.line)
            w.key("column"); w.int(f.location.column)
            w.key("message"); w.string(f.message)
            w.close()
        }
        w.closeArray()
    }

    /// Points sorted by year as an object year → value; of two values of a year, the last
    /// written, the one the derived values read (`Reports.auMoinsAttendu`).
    /// `retenu`: a value withheld (secret statistique), written null.
    private func parAnnee(_ points: [Point]?, _ w: inout JSONWriter, retenu: (Point) -> Bool = { _ in false }) {
        w.open()
        let p = points ?? []
        for k in p.indices where k + 1 == p.count || p[k + 1].annee != p[k].annee {
            w.key(annee: p[k].annee)
            if retenu(p[k]) { w.null() } else { w.number(p[k].valeur) }
        }
        w.close()
    }

    /// `secret`: its value withheld, written null with "secret": true.
    private func point(_ p: Point?, _ w: inout JSONWriter, secret: Bool = false) {
        guard let p else { w.null(); return }
        w.open()
        w.key("annee"); w.int(p.annee)
        w.key("valeur"); if secret { w.null() } else { w.number(p.valeur) }
        if secret { w.key("secret"); w.bool(true) }
        w.close()
    }

    /// `donnees/indicateurs.csv`: one row per indicator and year that has a reference, a target
    /// or a result (RFC 4180: CRLF, fields quoted when needed; UTF-8).
    /// Handed out in pieces (`emit`, `OpenData.piece`): a large site's file is never held whole.
    func indicateursCSV(_ emit: ([UInt8]) throws -> Void) rethrows {
        var h = HTMLBuffer(capacity: OpenData.piece + 32_768)
        // `secret` (after FORMAT.md §6's columns): « oui » when a value of the row is withheld
        // (secret statistique), its cell then empty.
        h.raw("convention,axe,objectif,indicateur,libelle,unite,annee,reference,cible,resultat,secret\r\n")
        let secret = publication.secret
        var prefix = HTMLBuffer(capacity: 256)
        // Years of one indicator, sorted; a row's three values by index (none = -1).
        var years: [(annee: Int, ref: Int, cible: Int, resultat: Int)] = []
        var values: [Nombre] = []
        func rows(_ id: String, _ axe: String, _ objectif: String, _ ind: Indicateur) {
            years.removeAll(keepingCapacity: true)
            values.removeAll(keepingCapacity: true)
            func at(_ y: Int) -> Int {
                if let k = years.firstIndex(where: { $0.annee == y }) { return k }
                years.append((y, -1, -1, -1))
                return years.count - 1
            }
            if let a = ind.reference?.annee?.value, let v = ind.reference?.valeur?.value { years[at(a)].ref = values.count; values.append(v) }
            if let cibles = ind.cibles?.value { for p in cibles { years[at(p.annee)].cible = values.count; values.append(p.valeur) } }
            if let resultats = ind.resultats?.value { for p in resultats { years[at(p.annee)].resultat = values.count; values.append(p.valeur) } }
            guard !years.isEmpty else { return }
            years.sort { $0.annee < $1.annee }
            let effectif = SecretStatistique.compteDesPersonnes(ind)
            prefix.removeAll()
            prefix.html(id)
            prefix.raw(","); OpenData.csvField(axe, into: &prefix)
            prefix.raw(","); OpenData.csvField(objectif, into: &prefix)
            prefix.raw(","); OpenData.csvField(ind.id.value, into: &prefix)
            prefix.raw(","); OpenData.csvField(ind.libelle?.value ?? "", into: &prefix)
            prefix.raw(","); OpenData.csvField(ind.unite?.value ?? "", into: &prefix)
            prefix.raw(",")
            for v in years {
                prefix.withBytes { h.append($0) }
                h.int(v.annee)
                h.raw(",")
                let refRetenue = v.ref >= 0 && secret.retient(values[v.ref], effectif: effectif)
                let resultatRetenu = v.resultat >= 0 && secret.retient(values[v.resultat], effectif: effectif)
                if v.ref >= 0, !refRetenue { OpenData.number(values[v.ref], into: &h) }
                h.raw(",")
                if v.cible >= 0 { OpenData.number(values[v.cible], into: &h) }
                h.raw(",")
                if v.resultat >= 0, !resultatRetenu { OpenData.number(values[v.resultat], into: &h) }
                h.raw(refRetenue || resultatRetenu ? ",oui\r\n" : ",\r\n")
            }
        }
        for e in entries {
            let id = OpenData.csvField(e.id)
            // By index, in plan order (`Convention.indicateursDuPlan`).
            let axes = e.convention.axes?.value ?? []
            for k in axes.indices {
                let objectifs = axes[k].objectifs?.value ?? []
                for j in objectifs.indices {
                    let inds = objectifs[j].indicateurs?.value ?? []
                    for i in inds.indices { rows(id, axes[k].id.value, objectifs[j].id.value, inds[i]) }
                }
            }
            if h.count >= OpenData.piece { try emit(h.bytes); h.removeAll() }
        }
        try emit(h.bytes)
    }

    /// `sitemap.xml`: every public page (not the findings report); absolute URLs when `site.url` is set.
    func sitemapXML(pages: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for p in pages.sorted() where p.hasSuffix(".html") && p != SitePath.controle {
            let loc = adresseEnLigne(p) ?? SitePath.encode(p)
            out += "  <url><loc>\(OpenData.xmlEscape(loc))</loc></url>\n"
        }
        return out + "</urlset>\n"
    }

    /// The absolute address of page `p` on the published site, when `site.url` gives its
    /// base: for `sitemap.xml`, and for paper, where a relative link leads nowhere.
    func adresseEnLigne(_ p: String) -> String? {
        guard let base = project.site.url else { return nil }
        // On a web server a folder URL is the page's canonical address.
        let dir = p == "index.html" ? "" : (p.hasSuffix("/index.html") ? String(p.dropLast("index.html".count)) : p)
        return base + SitePath.encode(dir)
    }
}

enum OpenData {
    /// Size of the pieces the open data files are written in.
    static let piece = 256 * 1024

    /// A number as written when it is a valid JSON/CSV number (`27.5`, `1e6`), else its value.
    static func number(_ n: Nombre) -> String {
        var t = n.text
        if t.hasPrefix("+") { t.removeFirst() }
        return isJSONNumber(t) ? t : number(n.decimal)
    }

    static func number(_ d: Decimal) -> String { NSDecimalNumber(decimal: d).stringValue }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ s: String) -> Bool { s.withBytes { isJSONNumber($0) } }

    static func isJSONNumber(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        func digits() -> Int { let s = i; while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }; return i - s }
        if i < u.count, u[i] == UInt8(ascii: "-") { i += 1 }
        guard i < u.count else { return false }
        if u[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return false }
        if i < u.count, u[i] == UInt8(ascii: ".") { i += 1; if digits() == 0 { return false } }
        if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
            i += 1
            if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i += 1 }
            if digits() == 0 { return false }
        }
        return i == u.count
    }

    /// `number(n)` appended to `h` (its text as written when it needs no change: no String made).
    static func number(_ n: Nombre, into h: inout HTMLBuffer) {
        let plain = n.text.withBytes { u -> Bool in
            guard u.first != UInt8(ascii: "+"), isJSONNumber(u) else { return false }
            h.append(u)
            return true
        }
        if !plain { h.html(number(n)) }
    }

    /// True when a spreadsheet would read a text starting so as a formula (OWASP, CSV
    /// injection): `=`, `+`, `-`, `@`, a tab or a carriage return first.
    static func startsLikeFormula(_ s: String) -> Bool {
        guard let b = s.utf8.first else { return false }
        return b == UInt8(ascii: "=") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: "@") || b == 9 || b == 13
    }

    /// `csvField(s)` appended to `h`.
    static func csvField(_ s: String, into h: inout HTMLBuffer) {
        let formula = startsLikeFormula(s)
        guard formula || s.containsByte(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { h.html(s); return }
        // Quoted, its quotes doubled, by bytes (a label with a comma is common). A text a
        // spreadsheet would run (`=HYPERLINK(…)`, `+cmd|…`) starts with a quote `'`, as OWASP
        // recommends: shown as text, never run. Only texts come here; numbers are written as
        // they are (`-12` stays a number).
        h.raw("\"")
        if formula { h.raw("'") }
        s.withBytes { u in
            var start = 0
            while let q = memchrIndex(u, 34, from: start) {
                h.append(UnsafeBufferPointer(rebasing: u[start...q]))
                h.raw("\"")
                start = q + 1
            }
            if start < u.count { h.append(UnsafeBufferPointer(rebasing: u[start...])) }
        }
        h.raw("\"")
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. A text
    /// that starts like a formula is also quoted, after a `'` (`startsLikeFormula`).
    static func csvField(_ s: String) -> String {
        guard startsLikeFormula(s) || s.containsByte(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return s }
        var h = HTMLBuffer(capacity: s.utf8.count + 8)
        csvField(s, into: &h)
        return h.out
    }

    static func xmlEscape(_ s: String) -> String {
        guard s.containsByte(where: { $0 == 38 || $0 == 60 || $0 == 62 }) else { return s }
        return s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// A small JSON writer: compact, keys in the order written, strings escaped as RFC 8259
/// requires (and `/` left alone), nil strings as `null`. Bytes, appended: the file holds
/// every indicator of every convention.
struct JSONWriter: ~Copyable {
    private var h: HTMLBuffer
    /// Per open object or array: no value written yet.
    private var first: [Bool] = []
    private var afterKey = false

    init(capacity: Int = 1024) { h = HTMLBuffer(capacity: capacity) }

    var out: String { h.out }
    var bytes: [UInt8] { h.bytes }
    var count: Int { h.count }
    /// Empties the output (between pieces); the open objects stay open.
    mutating func clear() { h.removeAll() }

    private mutating func separate() {
        if afterKey { afterKey = false; return }
        if let f = first.last {
            if !f { h.raw(",") }
            first[first.count - 1] = false
        }
    }

    mutating func open() { separate(); h.raw("{"); first.append(true) }
    mutating func close() { first.removeLast(); h.raw("}") }
    mutating func openArray() { separate(); h.raw("["); first.append(true) }
    mutating func closeArray() { first.removeLast(); h.raw("]") }

    /// A key written in the code: plain ASCII, nothing to escape.
    mutating func key(_ k: StaticString) {
        separate()
        h.raw("\"")
        h.raw(k)
        h.raw("\":")
        afterKey = true
    }

    mutating func key(dynamic k: String) {
        separate()
        quote(k)
        h.raw(":")
        afterKey = true
    }

    /// A year as a key (`"2024":`), its digits written in place.
    mutating func key(annee: Int) {
        separate()
        h.raw("\"")
        h.int(annee)
        h.raw("\":")
        afterKey = true
    }

    mutating func string(_ s: String?) {
        separate()
        if let s { quote(s) } else { h.raw("null") }
    }

    mutating func strings(_ items: [String]) {
        openArray()
        for s in items { string(s) }
        closeArray()
    }

    mutating func int(_ n: Int) { separate(); h.int(n) }
    mutating func null() { separate(); h.raw("null") }
    mutating func bool(_ b: Bool) { separate(); h.raw(b ? "true" : "false") }
    /// A number already in JSON's grammar (`OpenData.number`).
    mutating func number(_ n: String) { separate(); h.html(n) }
    /// A number as `OpenData.number` writes it.
    mutating func number(_ n: Nombre) { separate(); OpenData.number(n, into: &h) }

    /// Punctuation between values written by hand (the top level of the file).
    mutating func raw(_ s: StaticString) { h.raw(s) }

    private mutating func quote(_ s: String) {
        h.raw("\"")
        // Most strings need no escape: no control byte, quote, backslash, nor U+2028/2029 (E2 80 A8/A9).
        if !s.containsByte(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            h.html(s)
            h.raw("\"")
            return
        }
        // By bytes, safe runs copied whole: French text often holds U+2019 or U+2014 (E2 80 …),
        // and making a String of each character was the cost of the whole string.
        s.withBytes { u in
            var start = 0, i = 0
            while i < u.count {
                let b = u[i]
                var len = 1
                let escape: StaticString?
                switch b {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0xE2 where i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9):
                    escape = u[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    len = 3
                default:
                    guard b < 0x20 else { i += 1; continue }
                    escape = nil
                }
                if i > start { h.append(UnsafeBufferPointer(rebasing: u[start..<i])) }
                if let escape { h.raw(escape) } else {
                    // Other control characters: \u00XX, in lower case.
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    h.raw("\\u00")
                    h.append(hex[Int(b >> 4)])
                    h.append(hex[Int(b & 15)])
                }
                i += len
                start = i
            }
            if start < u.count { h.append(UnsafeBufferPointer(rebasing: u[start...])) }
        }
        h.raw("\"")
    }
}
