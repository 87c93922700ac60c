import Content
import Model

/// Reading the files (RULES.md, first table): the rules that need more than one value —
/// ids across a file or a project, references between conventions, open lists. The
/// others of the family (`yaml-invalide`, `cle-inconnue`, `cle-manquante`, `type-invalide`,
/// `id-invalide`) are reported by the loader. A convention is "un document politique de
/// référence" (§ 2e partie 3): it must read as one, and name what exists.
enum Lecture {
    static let rules = [idDuplique, referenceInconnue, Liens.lienCasse, valeurInconnue]

    // MARK: id-duplique

    /// Two conventions with one id (the one whose path sorts later is reported), or two
    /// axes / objectifs / indicateurs / actions with one id in a convention (the second in
    /// file order): they are the page addresses and the anchors of one page.
    static let idDuplique = Rule(.idDuplique, each: { c, _ in
        c.invalidKeys.contains("") ? [] : duplicatesInside(c)
    }, rest: { ctx in
        var issues: [Issue] = []
        var first: [String: Convention] = [:]
        for c in ctx.conventions {
            guard let earlier = first[c.id.value] else {
                first[c.id.value] = c
                continue
            }
            let origin = c.id.isExplicit ? "" : " (identifiant tiré du nom du fichier : donnez à l'une d'elles une clé « id » différente)"
            issues.append(Issue(c.id.location,
                                "l'identifiant \(Francais.q(c.id.value)) est déjà celui de la convention \(Francais.q(earlier.file))\(origin) : chaque convention a un identifiant unique, qui est l'adresse de sa page",
                                convention: c.id.value))
        }
        return issues
    })

    /// Items of the plan that reuse an id of the same convention, in file order.
    static func duplicatesInside(_ c: Convention) -> [Issue] {
        var items: [(what: StaticString, id: Ident)] = []
        // By index: a for-in loop copies each axe, objectif, indicator and action (dozens of
        // reference-counted fields each) just to read its id.
        let axes = c.axes?.value ?? []
        for k in axes.indices {
            items.append(("l'axe", axes[k].id))
            let objectifs = axes[k].objectifs?.value ?? []
            for j in objectifs.indices {
                items.append(("l'objectif", objectifs[j].id))
                let inds = objectifs[j].indicateurs?.value ?? [], acts = objectifs[j].actions?.value ?? []
                for i in inds.indices { items.append(("l'indicateur", inds[i].id)) }
                for x in acts.indices { items.append(("l'action", acts[x].id)) }
            }
        }
        // Nearly every plan has no id twice: sorted, its ids say so for a third of the cost of
        // hashing each into a dictionary (and of sorting the items by place first).
        var ids = items.map(\.id.value)
        ids.sort()
        guard ids.indices.dropFirst().contains(where: { ids[$0] == ids[$0 - 1] }) else { return [] }
        items.sort { $0.id.location < $1.id.location }
        var seen: [String: (what: StaticString, id: Ident)] = [:]
        seen.reserveCapacity(items.count)
        var issues: [Issue] = []
        for it in items {
            guard let earlier = seen[it.id.value] else {
                seen[it.id.value] = it
                continue
            }
            let derived = it.id.isExplicit ? "" : " (identifiant déduit de sa position : donnez-lui une clé « id »)"
            issues.append(Issue(it.id.location,
                                "\(it.what) a l'identifiant \(Francais.q(it.id.value)), déjà pris par \(earlier.what) de la ligne \(earlier.id.location.line)\(derived) : axes, objectifs, indicateurs et actions d'une convention partagent les mêmes identifiants, qui sont les ancres de sa page"))
        }
        return issues
    }

    // MARK: reference-inconnue

    /// `renouvelle` or `accord_cadre` naming no convention of the project; `diagnostic.page`
    /// naming no file (relative to the convention's own file).
    static let referenceInconnue = Rule(.referenceInconnue, convention: { c, ctx in
        var issues: [Issue] = []
        for (key, ref) in [("renouvelle", c.renouvelle), ("accord_cadre", c.accordCadre)] {
            guard let ref else { continue }
            if ref.value == c.id.value {
                issues.append(Issue(ref.location, "« \(key) » nomme la convention elle-même : indiquez l'identifiant d'une autre convention du projet"))
            } else if ctx.byId[ref.value] == nil && !ctx.unreadableIds.contains(ref.value) {
                let what = key == "renouvelle" ? "la convention qu'elle renouvelle" : "la convention départementale (accord-cadre) dont elle relève"
                issues.append(Issue(ref.location,
                                    "« \(key) » nomme \(Francais.q(ref.value)), mais aucune convention du projet n'a cet identifiant ; il faut ici \(what)\(Suggestion.phrase(for: ref.value, in: ctx.byId.keys.sorted().filter { $0 != c.id.value }))"))
            }
        }
        if let page = c.diagnostic?.page {
            switch Liens.resolve(page.value, from: c.file, files: ctx.project.files) {
            case .found, .samePage:
                break
            case let .broken(reason):
                issues.append(Issue(page.location, "« diagnostic.page » ne mène à aucun fichier : \(reason)"))
            }
        }
        return issues
    })

    // MARK: valeur-inconnue

    /// A value outside an open list (`besoins`, `type_territoire`, `schemas`,
    /// `conventions_existantes.type`): a warning, since `autre` exists for the rest.
    static let valeurInconnue = Rule(.valeurInconnue, convention: { c, _ in
        var issues: [Issue] = []
        func check(_ values: [Located<String>], _ list: [(String, String)], key: String, what: String) {
            let slugs = list.map(\.0)
            for v in values where !slugs.contains(v.value) {
                issues.append(Issue(v.location,
                                    "\(Francais.q(v.value)) n'est pas dans la liste \(what) (« \(key) ») : valeurs possibles \(Francais.valeurs(slugs))\(Suggestion.phrase(for: v.value, in: slugs))"))
            }
        }
        check(c.diagnostic?.besoins?.value ?? [], Vocabulaire.besoins, key: "besoins", what: "des besoins du public")
        check(c.diagnostic?.typeTerritoire?.value ?? [], Vocabulaire.typesTerritoire, key: "type_territoire", what: "des besoins du territoire")
        check(c.schemas?.value ?? [], Vocabulaire.schemas, key: "schemas", what: "des schémas thématiques")
        check((c.conventionsExistantes?.value ?? []).compactMap(\.type), Vocabulaire.typesConventionExistante,
              key: "conventions_existantes.type", what: "des conventions existantes")
        return issues
    })
}
