import Content
import Model
import Territoires

/// `code-territoire` (§ 2e partie, introduction: the convention is signed for a territory,
/// which the code names without ambiguity): a malformed commune, département or EPCI code,
/// or a commune outside `territoire.departement`.
enum CodeTerritoire {
    static let rule = Rule(.codeTerritoire, convention: { c, _ in
        var issues: [Issue] = []
        guard let t = c.territoire else { return issues }
        // A placeholder of `ctg new` is `a-completer`'s finding, not a malformed code.
        func report(_ v: Located<String>, _ problem: String?, _ key: String) {
            if let problem, !Repere.estACompleter(v.value) { issues.append(Issue(v.location, "« \(key) » : \(problem)")) }
        }
        // The département the communes must belong to, when it is itself well formed.
        var departement: String? = nil
        if let dep = t.departement {
            let problem = Codes.departementProblem(dep.value)
            report(dep, problem, "territoire.departement")
            if problem == nil { departement = dep.value }
        }
        func commune(_ v: Located<String>, key: String) {
            if let problem = Codes.communeProblem(v.value, in: departement) {
                report(v, problem, key)
            } else if let departement, Codes.departement(ofCommune: v.value) != departement {
                report(v, "la commune « \(v.value) » n'est pas dans le département « \(departement) » (« territoire.departement ») : un code commune commence par celui de son département", key)
            }
        }
        if let code = t.code {
            switch t.type?.value {
            case .commune:
                commune(code, key: "territoire.code")
            case .epci:
                report(code, Codes.sirenProblem(code.value), "territoire.code")
            case .departement:
                let problem = Codes.departementProblem(code.value)
                report(code, problem, "territoire.code")
                if problem == nil { departement = code.value }
                if problem == nil, let dep = t.departement, Codes.isDepartement(dep.value), dep.value != code.value {
                    report(dep, "le territoire est le département « \(code.value) », mais « departement » vaut « \(dep.value) »", "territoire.departement")
                }
            case nil:
                break
            }
        }
        if t.type?.value == .epci {
            // v2: an EPCI may span départements. Each listed code is checked for its form only;
            // the EPCI is wrong when none of its communes (as listed, else its members in the
            // referential) lies in `territoire.departement`. A listed commune that is not a
            // member is `communes-epci`'s; an EPCI the referential does not know has its
            // `code-inconnu` and nothing more here.
            let listees = t.communes?.value ?? []
            for v in listees { report(v, Codes.communeProblem(v.value), "territoire.communes") }
            let membres: [String]
            if !listees.isEmpty {
                membres = listees.map(\.value).filter { Codes.communeProblem($0) == nil }
            } else if let code = t.code?.value, let e = Referentiel.epci(code) {
                membres = e.membres.map(\.code)
            } else {
                membres = []
            }
            if let departement, let dep = t.departement, !membres.isEmpty,
               !membres.contains(where: { Codes.departement(ofCommune: $0) == departement }) {
                report(dep, "aucune des communes de l'EPCI n'est dans le département « \(departement) »\u{202F}: vérifiez « territoire.departement »", "territoire.departement")
            }
        } else {
            for v in t.communes?.value ?? [] { commune(v, key: "territoire.communes") }
        }
        for s in c.signataires?.value ?? [] {
            guard let code = s.code else { continue }
            let key = "code" + (s.nom.map { " » du signataire « \($0.value)" } ?? "")
            switch s.type?.value {
            case .commune: report(code, Codes.communeProblem(code.value, in: departement), key)
            case .epci: report(code, Codes.sirenProblem(code.value), key)
            case .departement: report(code, Codes.departementProblem(code.value), key)
            default: break
            }
        }
        // A bonus's commune may lie in another département (an EPCI may span two): its form only.
        for b in c.bonusTerritoire?.value ?? [] {
            if let code = b.commune { report(code, Codes.communeProblem(code.value), ReglesTerritoires.cleBonus(b)) }
        }
        return issues
    })
}
