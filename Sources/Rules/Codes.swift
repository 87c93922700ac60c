/// Territory codes (FORMAT.md §3): INSEE commune codes, département codes, EPCI SIREN.
/// Read as written: `01001` is the commune "01001", never the number 1001.
public enum Codes {
    /// 01–19, 2A, 2B, 21–95, 971–974, 976.
    public static func isDepartement(_ s: String) -> Bool {
        if s == "2A" || s == "2B" { return true }
        guard s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let n = Int(s) else { return false }
        switch s.utf8.count {
        case 2: return (1...19).contains(n) || (21...95).contains(n)
        case 3: return (971...974).contains(n) || n == 976
        default: return false
        }
    }

    /// The département a commune code belongs to: its first two characters, three for 97x.
    static func departement(ofCommune s: String) -> String {
        String(s.prefix(s.hasPrefix("97") ? 3 : 2))
    }

    /// Why `s` is not an INSEE commune code, or nil when it is one. `departement`, when
    /// known, tells whether a code that lost its leading zero can be suggested back.
    static func communeProblem(_ s: String, in expected: String? = nil) -> String? {
        let u = Array(s.utf8)
        let digits = u.allSatisfy { $0 >= 48 && $0 <= 57 }
        let corse = u.count == 5 && (s.hasPrefix("2A") || s.hasPrefix("2B")) && u[2...].allSatisfy { $0 >= 48 && $0 <= 57 }
        guard u.count == 5, digits || corse else {
            var hint = ""
            let padded = String(repeating: "0", count: max(0, 5 - u.count)) + s
            if digits && u.count == 4 && (expected == nil || expected == departement(ofCommune: padded)) {
                hint = " ; vouliez-vous dire « \(padded) » ?"
            }
            return "un code commune INSEE a cinq caractères (chiffres, ou 2A/2B puis trois chiffres pour la Corse), pas « \(s) »\(hint)"
        }
        let dep = departement(ofCommune: s)
        guard isDepartement(dep) else {
            return "le code commune « \(s) » ne commence par aucun code de département (« \(dep) »)"
        }
        return nil
    }

    /// Why `s` is not a département code, or nil when it is one.
    static func departementProblem(_ s: String) -> String? {
        if isDepartement(s) { return nil }
        var hint = ""
        if s.utf8.count == 1, s.utf8.allSatisfy({ $0 >= 49 && $0 <= 57 }) {
            hint = " ; vouliez-vous dire « 0\(s) » ?"
        } else if s == "20" {
            hint = " ; la Corse a deux départements, « 2A » et « 2B »"
        } else if s.lowercased() == "2a" || s.lowercased() == "2b" {
            hint = " ; vouliez-vous dire « \(s.uppercased()) » ?"
        }
        return "« \(s) » n'est pas un code de département (01 à 19, 2A, 2B, 21 à 95, 971 à 974, 976)\(hint)"
    }

    /// Why `s` is not an EPCI SIREN (nine digits passing the Luhn check), or nil.
    static func sirenProblem(_ s: String) -> String? {
        let u = Array(s.utf8)
        guard u.count == 9, u.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return "un SIREN d'EPCI a neuf chiffres, pas « \(s) »"
        }
        guard luhn(u.map { Int($0) - 48 }) else {
            return "le SIREN « \(s) » n'est pas valide (sa clé de contrôle, le dernier chiffre, ne correspond pas : faute de frappe ?)"
        }
        return nil
    }

    /// The Luhn checksum: from the right, every second digit doubled (minus 9 past 9).
    static func luhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (i, d) in digits.reversed().enumerated() {
            if i % 2 == 1 {
                let x = d * 2
                sum += x > 9 ? x - 9 : x
            } else {
                sum += d
            }
        }
        return sum % 10 == 0
    }
}
