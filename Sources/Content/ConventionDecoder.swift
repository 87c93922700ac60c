import Foundation
import Model

/// Front matter of a convention → `Convention` (FORMAT.md §3), every value with its place.
struct ConventionDecoder {
    var r: Reader

    static let topKeys = ["id", "titre", "echelon", "territoire", "signataires", "periode", "deliberation_ca",
                          "signature", "accord_cadre", "renouvelle", "diagnostic", "champs", "schemas",
                          "conventions_existantes", "moyens", "gouvernance", "axes", "evaluation", "cadre", "bonus_territoire", "tableur"]
    /// Required at top level (FORMAT.md §3), absent ones reported by `cle-manquante` or the
    /// rule that names them (RULES.md).
    static let requiredTopKeys = ["titre", "echelon", "territoire", "signataires", "periode", "diagnostic", "axes"]

    init(file: String) { r = Reader(file: file) }

    /// Decodes the root mapping into `c` (whose id is the derived default).
    mutating func decode(_ root: YNode, into c: inout Convention) {
        let start = SourceLocation.start(of: c.file)
        guard let m = r.map(root, at: start, path: "", known: Self.topKeys, required: Self.requiredTopKeys, what: "l'en-tête") else {
            c.invalidKeys = r.invalidKeys
            return
        }
        if let id = r.ident(m) { c.id = id }
        r.convention = c.id.value
        for i in r.findings.indices { r.findings[i].convention = c.id.value }

        c.titre = r.string(m, "titre", required: true)
        c.cadre = r.closed(m, "cadre", Cadre.self)
        c.echelon = r.closed(m, "echelon", Echelon.self, required: true)
        c.territoire = territoire(m)
        c.signataires = signataires(m)
        c.periode = periode(m)
        c.deliberationCA = r.day(m, "deliberation_ca")
        c.signature = r.day(m, "signature")
        c.accordCadre = reference(m, "accord_cadre")
        c.renouvelle = reference(m, "renouvelle")
        c.diagnostic = diagnostic(m)
        c.champs = r.strings(m, "champs")
        c.schemas = r.strings(m, "schemas")
        c.conventionsExistantes = conventionsExistantes(m)
        c.moyens = moyens(m)
        c.gouvernance = gouvernance(m)
        c.axes = axes(m)
        c.evaluation = evaluation(m)
        c.bonusTerritoire = bonusTerritoire(m)
        c.tableur = r.string(m, "tableur")
        c.invalidKeys = r.invalidKeys
    }

    private mutating func reference(_ m: Map, _ key: String) -> Located<String>? {
        guard let v = r.string(m, key) else { return nil }
        if !isValidId(v.value) {
            r.report(.idInvalide, v.location, "« \(key) » doit être l'identifiant d'une convention (minuscules, chiffres, tirets), pas « \(v.value) »")
            return nil
        }
        return v
    }

    private mutating func sub(_ m: Map, _ key: String, known: [String], required: [String] = [], what: String) -> Map? {
        guard let (k, v) = r.value(m, key) else { return nil }
        let path = m.path.isEmpty ? key : "\(m.path).\(key)"
        return r.map(v, at: r.loc(k), path: path, known: known, required: required, what: what)
    }

    private mutating func territoire(_ m: Map) -> Territoire? {
        guard m.pair("territoire") != nil else {
            r.missing(m, "territoire", what: "nom, type et code du territoire couvert")
            return nil
        }
        guard let t = sub(m, "territoire", known: ["nom", "type", "code", "departement", "communes"],
                            required: ["nom", "type", "code", "departement"], what: "« territoire »") else {
            if !r.invalidKeys.contains("territoire") { r.missing(m, "territoire") }
            return nil
        }
        var out = Territoire(location: t.at)
        out.nom = r.string(t, "nom", required: true)
        out.type = r.closed(t, "type", TerritoireType.self, required: true)
        out.code = r.code(t, "code", required: true)
        let needsDep = out.type?.value != .departement && !r.invalidKeys.contains("territoire.type")
        out.departement = r.code(t, "departement", required: needsDep && out.type != nil)
        out.communes = r.strings(t, "communes")
        return out
    }

    private mutating func signataires(_ m: Map) -> Located<[Signataire]>? {
        guard let (k, v, items) = r.items(m, "signataires") else { return nil }
        var out: [Signataire] = []
        out.reserveCapacity(items.count)
        for (i, it) in items.enumerated() {
            guard let s = r.map(it, at: r.loc(it), path: "signataires[\(i + 1)]", known: ["nom", "type", "representant", "code"], required: ["nom", "type"], what: "un signataire") else { continue }
            var sig = Signataire(location: r.loc(it))
            sig.path = s.path
            sig.nom = r.string(s, "nom", required: true)
            sig.type = r.closed(s, "type", SignataireType.self, required: true)
            sig.representant = r.string(s, "representant")
            sig.code = r.code(s, "code")
            out.append(sig)
        }
        return Located(out, at: r.loc(v), key: r.loc(k))
    }

    private mutating func periode(_ m: Map) -> Periode? {
        guard m.pair("periode") != nil else {
            r.missing(m, "periode", what: "dates de début et de fin des quatre années de la convention")
            return nil
        }
        guard let p = sub(m, "periode", known: ["debut", "fin"], required: ["debut", "fin"], what: "« periode »") else {
            if !r.invalidKeys.contains("periode") { r.missing(m, "periode") }
            return nil
        }
        var out = Periode(location: p.at)
        out.debut = r.day(p, "debut", required: true)
        out.fin = r.day(p, "fin", required: true)
        return out
    }

    private mutating func diagnostic(_ m: Map) -> Diagnostic? {
        guard let d = sub(m, "diagnostic", known: ["date", "partenaires", "besoins", "type_territoire", "page"],
                          required: ["date", "partenaires"], what: "« diagnostic »") else { return nil }
        var out = Diagnostic(location: d.at)
        out.date = r.day(d, "date")
        out.partenaires = r.strings(d, "partenaires")
        out.besoins = r.strings(d, "besoins")
        out.typeTerritoire = r.strings(d, "type_territoire")
        out.page = r.string(d, "page")
        return out
    }

    private mutating func conventionsExistantes(_ m: Map) -> Located<[ConventionExistante]>? {
        guard let (k, v, items) = r.items(m, "conventions_existantes") else { return nil }
        var out: [ConventionExistante] = []
        out.reserveCapacity(items.count)
        for (i, it) in items.enumerated() {
            guard let e = r.map(it, at: r.loc(it), path: "conventions_existantes[\(i + 1)]",
                                known: ["type", "intitule", "debut", "fin", "devenir"], what: "une convention existante") else { continue }
            var x = ConventionExistante(location: r.loc(it))
            x.path = e.path
            x.type = r.string(e, "type")
            x.intitule = r.string(e, "intitule")
            x.debut = r.day(e, "debut")
            x.fin = r.day(e, "fin")
            x.devenir = r.closed(e, "devenir", Devenir.self)
            out.append(x)
        }
        return Located(out, at: r.loc(v), key: r.loc(k))
    }

    private mutating func bonusTerritoire(_ m: Map) -> Located<[BonusTerritoire]>? {
        guard let (k, v, items) = r.items(m, "bonus_territoire") else { return nil }
        var out: [BonusTerritoire] = []
        out.reserveCapacity(items.count)
        for (i, it) in items.enumerated() {
            guard let e = r.map(it, at: r.loc(it), path: "bonus_territoire[\(i + 1)]",
                                known: ["type", "nom", "commune", "places", "debut"], what: "un bonus territoire") else { continue }
            var x = BonusTerritoire(location: r.loc(it))
            x.path = e.path
            x.type = r.closed(e, "type", TypeBonus.self, aliases: TypeBonus.anciensNoms)
            x.nom = r.string(e, "nom")
            x.commune = r.code(e, "commune")
            x.places = r.count(e, "places")
            x.debut = r.day(e, "debut")
            out.append(x)
        }
        return Located(out, at: r.loc(v), key: r.loc(k))
    }

    private mutating func moyens(_ m: Map) -> Located<[MoyensAnnee]>? {
        guard let (k, v, items) = r.items(m, "moyens") else { return nil }
        var out: [MoyensAnnee] = []
        out.reserveCapacity(items.count)
        for (i, it) in items.enumerated() {
            guard let e = r.map(it, at: r.loc(it), path: "moyens[\(i + 1)]",
                                known: ["annee", "prestations_legales", "action_sociale"], what: "une année de moyens") else { continue }
            var x = MoyensAnnee(location: r.loc(it))
            x.path = e.path
            x.annee = r.year(e, "annee")
            x.prestationsLegales = r.number(e, "prestations_legales", nonNegative: true)
            x.actionSociale = r.number(e, "action_sociale", nonNegative: true)
            out.append(x)
        }
        return Located(out, at: r.loc(v), key: r.loc(k))
    }

    private mutating func gouvernance(_ m: Map) -> Gouvernance? {
        guard let g = sub(m, "gouvernance", known: ["comite_pilotage", "comite_technique"], what: "« gouvernance »") else { return nil }
        var out = Gouvernance(location: g.at)
        out.comitePilotage = r.strings(g, "comite_pilotage")
        out.comiteTechnique = r.strings(g, "comite_technique")
        return out
    }

    private mutating func evaluation(_ m: Map) -> Evaluation? {
        guard let e = sub(m, "evaluation", known: ["date", "type", "synthese"], what: "« evaluation »") else { return nil }
        var out = Evaluation(location: e.at)
        out.date = r.day(e, "date")
        out.type = r.closed(e, "type", TypeEvaluation.self)
        out.synthese = r.string(e, "synthese")
        return out
    }

    // MARK: the plan: axes → objectifs → indicateurs and actions

    // Each list is reserved at its length: appended one by one, a list of three or five
    // indicators or actions grew to room for four or eight, slack held for the whole build.
    private mutating func axes(_ m: Map) -> Located<[Axe]>? {
        guard let (k, v, items) = r.items(m, "axes") else { return nil }
        var out: [Axe] = []
        out.reserveCapacity(items.count)
        for (i, it) in items.enumerated() {
            let n = i + 1
            let names = PlanNames.axe(n)
            guard let a = r.map(it, at: r.loc(it), path: names.path, known: ["id", "titre", "champ", "objectifs"],
                              required: ["titre", "champ", "objectifs"], what: "un axe") else { continue }
            var axe = Axe(id: r.ident(a) ?? Ident(names.derived, at: r.loc(it), explicit: false), location: r.loc(it))
            axe.path = names.path
            axe.titre = r.string(a, "titre", required: true)
            axe.champ = r.string(a, "champ", required: true)
            if let (ok, ov, oitems) = r.items(a, "objectifs") {
                var objs: [Objectif] = []
                objs.reserveCapacity(oitems.count)
                for (j, oit) in oitems.enumerated() {
                    if let o = objectif(oit, axe: n, index: j + 1) { objs.append(o) }
                }
                axe.objectifs = Located(objs, at: r.loc(ov), key: r.loc(ok))
            }
            out.append(axe)
        }
        return Located(out, at: r.loc(v), key: r.loc(k))
    }

    private mutating func objectif(_ it: YNode, axe: Int, index: Int) -> Objectif? {
        let names = PlanNames.objectif(axe, index)
        guard let o = r.map(it, at: r.loc(it), path: names.path, known: ["id", "libelle", "indicateurs", "actions"],
                          required: ["libelle", "indicateurs", "actions"], what: "un objectif") else { return nil }
        var obj = Objectif(id: r.ident(o) ?? Ident(names.derived, at: r.loc(it), explicit: false), location: r.loc(it))
        obj.path = names.path
        obj.libelle = r.string(o, "libelle", required: true)
        if let (ik, iv, items) = r.items(o, "indicateurs") {
            var out: [Indicateur] = []
            out.reserveCapacity(items.count)
            for (k, x) in items.enumerated() {
                if let ind = indicateur(x, PlanNames.item(.indicateur, axe, index, k + 1)) { out.append(ind) }
            }
            obj.indicateurs = Located(out, at: r.loc(iv), key: r.loc(ik))
        }
        if let (ak, av, items) = r.items(o, "actions") {
            var out: [Action] = []
            out.reserveCapacity(items.count)
            for (k, x) in items.enumerated() {
                if let act = action(x, PlanNames.item(.action, axe, index, k + 1)) { out.append(act) }
            }
            obj.actions = Located(out, at: r.loc(av), key: r.loc(ak))
        }
        return obj
    }

    private mutating func indicateur(_ it: YNode, _ names: PlanNames.Names) -> Indicateur? {
        guard let m = r.map(it, at: r.loc(it), path: names.path,
                            known: ["id", "libelle", "unite", "sens", "reference", "cibles", "resultats", "source", "nature"],
                            required: ["libelle", "unite", "reference", "cibles"], what: "un indicateur") else { return nil }
        var ind = Indicateur(id: r.ident(m) ?? Ident(names.derived, at: r.loc(it), explicit: false), location: r.loc(it))
        ind.path = names.path
        ind.libelle = r.string(m, "libelle", required: true)
        ind.unite = r.string(m, "unite")
        ind.sens = r.closed(m, "sens", Sens.self)
        if let ref = sub(m, "reference", known: ["annee", "valeur"], required: ["annee", "valeur"], what: "« reference »") {
            var x = Reference(location: ref.at)
            x.annee = r.year(ref, "annee")
            x.valeur = r.number(ref, "valeur")
            ind.reference = x
        }
        ind.cibles = series(m, "cibles")
        ind.resultats = series(m, "resultats")
        ind.source = r.string(m, "source")
        ind.nature = r.closed(m, "nature", NatureIndicateur.self)
        return ind
    }

    /// `{ 2015: 900, 2017: 980 }`: year keys, number values, sorted by year.
    private mutating func series(_ m: Map, _ key: String) -> Located<[Point]>? {
        guard let (k, v) = r.value(m, key) else { return nil }
        var path: String { m.path.isEmpty ? key : "\(m.path).\(key)" }  // for findings only
        guard case let .mapping(pairs) = v.kind else {
            r.report(.typeInvalide, r.loc(v), "« \(key) » doit associer des années à des valeurs, par exemple { 2015: 900, 2017: 980 }, pas \(v.typeName)")
            r.invalidKeys.insert(path)
            return nil
        }
        var points: [Point] = []
        points.reserveCapacity(pairs.count)
        let commas = v.isFlow ? r.decimalCommas(pairs) { "\(key) \(pairs.keyText($0) ?? "")" } : nil
        for (i, (yk, yv)) in zip(pairs.indices, pairs) {
            if let commas {
                if commas.strays.contains(i) { continue }
                if commas.numbers.contains(i) {
                    r.invalidKeys.insert("\(path).\(yk.scalar ?? "?")")
                    continue
                }
            }
            guard let ys = yk.scalar, let year = Reader.yearValue(ys) else {
                r.report(.typeInvalide, r.loc(yk), "dans « \(key) », chaque clé doit être une année sur quatre chiffres, pas \(yk.scalar.map { "« \($0) »" } ?? yk.typeName)")
                r.invalidKeys.insert("\(path).\(yk.scalar ?? "?")")
                continue
            }
            guard Reader.years.contains(year) else {
                r.report(.typeInvalide, r.loc(yk), Reader.outOfYears("dans « \(key) », l'année", String(year)))
                r.invalidKeys.insert("\(path).\(year)")
                continue
            }
            guard let n = r.numberValue(yv, key: yk, name: "\(key) \(year)", path: "\(path).\(year)") else { continue }
            points.append(Point(annee: year, anneeLocation: r.loc(yk), valeur: n.value, valeurLocation: n.location))
        }
        points.sort { $0.annee < $1.annee }
        return Located(points, at: r.loc(v), key: r.loc(k))
    }

    private mutating func action(_ it: YNode, _ names: PlanNames.Names) -> Action? {
        guard let m = r.map(it, at: r.loc(it), path: names.path,
                            known: ["id", "libelle", "pilote", "partenaires", "echeance", "etat", "budget"],
                            required: ["libelle"], what: "une action") else { return nil }
        var act = Action(id: r.ident(m) ?? Ident(names.derived, at: r.loc(it), explicit: false), location: r.loc(it))
        act.path = names.path
        act.libelle = r.string(m, "libelle", required: true)
        act.pilote = r.string(m, "pilote")
        act.partenaires = r.strings(m, "partenaires")
        act.echeance = r.day(m, "echeance")
        act.etat = r.closed(m, "etat", EtatAction.self)
        act.budget = r.number(m, "budget", nonNegative: true)
        return act
    }
}
