import Model

/// A JSON value written by hand, so that key order is the contract's and output is
/// byte-identical from one run to the next.
enum JSON {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case int(Int)
    case null

    /// Pretty-printed with two-space indents, no trailing newline.
    func rendered(indent: Int = 0) -> String {
        var out = ""
        write(to: &out, indent: indent)
        return out
    }

    private func write(to out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch self {
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in pairs.enumerated() {
                out += pad + JSON.quote(k) + ": "
                v.write(to: &out, indent: indent + 1)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += close + "}"
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += pad
                v.write(to: &out, indent: indent + 1)
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += close + "]"
        case let .string(s): out += JSON.quote(s)
        case let .int(n): out += String(n)
        case .null: out += "null"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped; the rest
    /// as UTF-8.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

/// `ctg check --format json` (FORMAT.md §5): one object, keys in the contract's order.
public enum JSONReport {
    /// The report of `findings` over `conventions` convention files, ending with a newline.
    /// `cadres`: the framework of each readable convention (`Checker.cadres`), which FORMAT.md
    /// §5 does not name: added after the contract's keys, in each finding (`cadre`, null for
    /// none) and for the whole project (`cadres`, by convention id), so that scripts reading
    /// the contract's keys see them unchanged.
    public static func render(_ findings: [Finding], conventions: Int, cadres: [(id: String, cadre: Cadre)] = []) -> String {
        let parId = Dictionary(cadres.map { ($0.id, $0.cadre) }, uniquingKeysWith: { a, _ in a })
        let items: [JSON] = findings.map { f in
            .object([
                ("rule", .string(f.rule.rawValue)),
                ("severity", .string(f.severity.rawValue)),
                ("file", .string(f.location.file)),
                ("line", .int(f.location.line)),
                ("column", .int(f.location.column)),
                ("convention", f.convention.map { .string($0) } ?? .null),
                ("message", .string(f.message)),
                ("cadre", f.convention.flatMap { parId[$0] }.map { .string($0.rawValue) } ?? .null),
            ])
        }
        let root = JSON.object([
            ("version", .int(1)),
            ("conventions", .int(conventions)),
            ("errors", .int(findings.count { $0.severity == .error })),
            ("warnings", .int(findings.count { $0.severity == .warning })),
            ("findings", .array(items)),
            ("cadres", cadresJSON(cadres)),
        ])
        return root.rendered() + "\n"
    }

    /// `{ "id": "cnaf-2020", … }`, in the given order.
    static func cadresJSON(_ cadres: [(id: String, cadre: Cadre)]) -> JSON {
        .object(cadres.map { ($0.id, .string($0.cadre.rawValue)) })
    }
}
