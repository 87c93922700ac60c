import Model

/// `ctg check --format sarif`: SARIF 2.1.0, for code-scanning tools (GitHub, GitLab, IDEs).
/// Every rule of the catalogue is listed in the driver so that a result's `ruleIndex` is
/// stable; columns count Unicode code points, as the findings do.
public enum SARIFReport {
    /// The SARIF log of `findings`, ending with a newline. `cadres`, the framework of each
    /// readable convention, goes into property bags: each result's (`convention`, `cadre`)
    /// and the run's (`cadres`).
    public static func render(_ findings: [Finding], cadres: [(id: String, cadre: Cadre)] = []) -> String {
        let parId = Dictionary(cadres.map { ($0.id, $0.cadre) }, uniquingKeysWith: { a, _ in a })
        let rules = Catalogue.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let driverRules: [JSON] = rules.map { r in
            .object([
                ("id", .string(r.id.rawValue)),
                ("name", .string(r.id.rawValue)),
                ("shortDescription", .object([("text", .string(r.resume))])),
                ("fullDescription", .object([("text", .string(r.verifie))])),
                ("help", .object([("text", .string("\(r.pourquoi) Voir : ctg explain \(r.id.rawValue)"))])),
                ("defaultConfiguration", .object([("level", .string(r.severity.rawValue))])),
            ])
        }
        let results: [JSON] = findings.map { f in
            var pairs: [(String, JSON)] = [("ruleId", .string(f.rule.rawValue))]
            if let i = index[f.rule] { pairs.append(("ruleIndex", .int(i))) }
            pairs += [
                ("level", .string(f.severity.rawValue)),
                ("message", .object([("text", .string(f.message))])),
                ("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", .object([("uri", .string(uri(f.location.file)))])),
                    ("region", .object([("startLine", .int(f.location.line)), ("startColumn", .int(f.location.column))])),
                ]))])])),
            ]
            if let id = f.convention {
                var bag: [(String, JSON)] = [("convention", .string(id))]
                if let cadre = parId[id] { bag.append(("cadre", .string(cadre.rawValue))) }
                pairs.append(("properties", .object(bag)))
            }
            return .object(pairs)
        }
        let log = JSON.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([.object([
                ("tool", .object([("driver", .object([
                    ("name", .string("ctg")),
                    ("rules", .array(driverRules)),
                ]))])),
                ("columnKind", .string("unicodeCodePoints")),
                ("results", .array(results)),
                ("properties", .object([("cadres", JSONReport.cadresJSON(cadres))])),
            ])])),
        ])
        return log.rendered() + "\n"
    }

    /// A relative path as a URI reference: `/` kept, everything but unreserved characters
    /// percent-encoded (accents, spaces).
    static func uri(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            let c = Character(Unicode.Scalar(b))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~/".contains(c)) {
                out.append(c)
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ n: Int) -> String {
        String(repeating: "0", count: max(0, n - count)) + self
    }
}
