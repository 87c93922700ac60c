import Foundation
import Model

/// `content/site.yml` → `SiteConfig` (FORMAT.md §2), with the `regles:` settings of RULES.md.
enum SiteDecoder {
    static let file = "content/site.yml"

    static func load(root: String) -> (site: SiteConfig, findings: [Finding]) {
        let site = SiteConfig(file: file)
        var st = stat()
        // A link is never followed: the loader reports it (lien-symbolique), once.
        if lstat(join(root, file), &st) == 0, st.st_mode & S_IFMT == S_IFLNK { return (site, []) }
        guard let data = readBytes(join(root, file)) else {
            return (site, [Finding(.cleManquante, at: .start(of: file),
                                   "le fichier « content/site.yml » est absent : il donne au moins « titre » et « caf »")])
        }
        return decode(data)
    }

    /// `content/site.yml`'s bytes → `SiteConfig`.
    static func decode(_ data: [UInt8]) -> (site: SiteConfig, findings: [Finding]) {
        var site = SiteConfig(file: file)
        let (text, badLine) = FrontMatter.decode(data)
        guard let text else {
            return (site, [Finding(.yamlInvalide, at: SourceLocation(file: file, line: badLine, column: 1),
                                   "« site.yml » n'est pas un texte UTF-8 valide : enregistrez-le en UTF-8")])
        }
        // site.yml is plain YAML; a `---` document marker is tolerated.
        switch FrontMatter.parse(text, file: file, firstLine: 1, name: "« site.yml »", wholeFile: true) {
        case let .failure(f):
            return (site, [f])
        case let .success(node):
            var r = Reader(file: file)
            let start = SourceLocation.start(of: file)
            guard let node, let m = r.map(node, at: start, path: "", known: ["titre", "caf", "url", "date_reference", "seance", "champs_supplementaires", "regles", "cadre", "secret_statistique"],
                                           required: ["titre", "caf"], what: "« site.yml »") else {
                if r.findings.isEmpty { r.report(.cleManquante, start, "« site.yml » est vide : il donne au moins « titre » et « caf »") }
                return (site, r.findings)
            }
            if let t = r.string(m, "titre", required: true) { site.titre = t.value }
            if let c = r.string(m, "caf", required: true) { site.caf = c.value }
            if let u = r.string(m, "url") {
                if u.value.hasPrefix("https://") || u.value.hasPrefix("http://") {
                    site.url = u.value.hasSuffix("/") ? u.value : u.value + "/"
                } else {
                    r.report(.typeInvalide, u.location, "« url » doit être une adresse absolue commençant par https://, pas « \(u.value) »")
                }
            }
            site.dateReference = r.day(m, "date_reference")?.value
            site.seance = r.day(m, "seance")?.value
            site.cadre = r.closed(m, "cadre", Cadre.self)?.value
            if let n = r.number(m, "secret_statistique", nonNegative: true) {
                if let i = n.value.int, i <= 1_000 {
                    site.secretStatistique = i
                } else {
                    r.report(.typeInvalide, n.location, "« secret_statistique » est un nombre entier de personnes (5 comme data.caf.fr, 0 pour ne rien masquer), pas \(n.value)")
                }
            }
            if let (_, v) = r.value(m, "champs_supplementaires") {
                if case let .mapping(pairs) = v.kind {
                    for (k, lv) in pairs {
                        guard let slug = k.scalar, isValidId(slug) else {
                            r.report(.idInvalide, r.loc(k), "un champ supplémentaire doit avoir un identifiant en minuscules, chiffres et tirets, pas « \(k.scalar ?? "") »")
                            continue
                        }
                        guard let label = lv.scalar, !lv.isNull else {
                            r.report(.typeInvalide, r.loc(lv), "le champ « \(slug) » doit avoir un libellé (par exemple « \(slug): Inclusion numérique »)")
                            continue
                        }
                        site.champsSupplementaires.append((slug, label))
                    }
                } else {
                    r.report(.typeInvalide, r.loc(v), "« champs_supplementaires » doit associer un identifiant à un libellé (« inclusion-numerique: Inclusion numérique »), pas \(v.typeName)")
                }
            }
            if let (_, v) = r.value(m, "regles") {
                if case let .mapping(pairs) = v.kind {
                    let ids = RuleID.allCases.map(\.rawValue)
                    for (k, sv) in pairs {
                        guard let name = k.scalar, let rule = RuleID(rawValue: name) else {
                            r.report(.cleInconnue, r.loc(k), "règle inconnue « \(k.scalar ?? "") » dans « regles »\(Suggestion.phrase(for: k.scalar ?? "", in: ids))")
                            continue
                        }
                        switch sv.scalar?.lowercased() {
                        case "off", "false", "no", "non": site.regles[rule] = .off
                        case "warning", "avertissement": site.regles[rule] = .severity(.warning)
                        case "error", "erreur": site.regles[rule] = .severity(.error)
                        default:
                            r.report(.typeInvalide, r.loc(sv), "la règle « \(name) » se règle à « off », « warning » ou « error », pas « \(sv.scalar ?? sv.typeName) »")
                        }
                    }
                } else {
                    r.report(.typeInvalide, r.loc(v), "« regles » doit associer un identifiant de règle à « off », « warning » ou « error », pas \(v.typeName)")
                }
            }
            return (site, r.findings)
        }
    }
}
