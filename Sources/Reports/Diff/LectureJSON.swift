import Foundation

/// A JSON value as `ctg diff` reads it: numbers kept as written (`41.5`, `1e6`), objects in
/// the order written. Only for reading a previous build's `conventions.json`.
public indirect enum ValeurJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case nombre(String)
    case texte(String)
    case liste([ValeurJSON])
    case objet([(String, ValeurJSON)])

    public static func == (a: ValeurJSON, b: ValeurJSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.nombre(x), .nombre(y)): return x == y
        case let (.texte(x), .texte(y)): return x == y
        case let (.liste(x), .liste(y)): return x == y
        case let (.objet(x), .objet(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of `key` in an object (the first of that name); nil otherwise.
    public subscript(_ key: String) -> ValeurJSON? {
        guard case let .objet(pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    public var texte: String? { if case let .texte(s) = self { return s } else { return nil } }
    public var nombre: String? { if case let .nombre(s) = self { return s } else { return nil } }
    public var booleen: Bool? { if case let .bool(b) = self { return b } else { return nil } }
    public var liste: [ValeurJSON]? { if case let .liste(l) = self { return l } else { return nil } }
    public var paires: [(String, ValeurJSON)]? { if case let .objet(p) = self { return p } else { return nil } }
    /// A whole number written as such (`2015`), within `Int`.
    public var entier: Int? { nombre.flatMap { Int($0) } }
}

/// Why bytes are not JSON: where (a byte offset from 0) and what, in French.
public struct ErreurJSON: Error, Sendable, Equatable {
    public var octet: Int
    public var raison: String
}

/// RFC 8259 read from bytes by recursive descent, bounded: nesting deeper than `profondeurMax`
/// is refused rather than run the stack out, whatever the bytes.
public enum LectureJSON {
    public static let profondeurMax = 64

    public static func lire(_ bytes: [UInt8]) throws(ErreurJSON) -> ValeurJSON {
        var p = Parseur(u: bytes)
        p.blancs()
        guard p.i < bytes.count else { throw ErreurJSON(octet: 0, raison: "le fichier est vide") }
        let v = try p.valeur(profondeur: 0)
        p.blancs()
        guard p.i == bytes.count else { throw p.erreur("texte après la fin du document") }
        return v
    }

    private struct Parseur {
        let u: [UInt8]
        var i = 0

        func erreur(_ raison: String) -> ErreurJSON { ErreurJSON(octet: i, raison: raison) }

        mutating func blancs() {
            while i < u.count, u[i] == 0x20 || u[i] == 0x0A || u[i] == 0x0D || u[i] == 0x09 { i += 1 }
        }

        mutating func valeur(profondeur: Int) throws(ErreurJSON) -> ValeurJSON {
            guard profondeur < LectureJSON.profondeurMax else { throw erreur("imbrication trop profonde") }
            guard i < u.count else { throw erreur("fin du fichier inattendue") }
            switch u[i] {
            case UInt8(ascii: "{"):
                i += 1
                var pairs: [(String, ValeurJSON)] = []
                blancs()
                if i < u.count, u[i] == UInt8(ascii: "}") { i += 1; return .objet(pairs) }
                while true {
                    blancs()
                    guard i < u.count, u[i] == UInt8(ascii: "\"") else { throw erreur("nom de clé attendu") }
                    let k = try texte()
                    blancs()
                    guard i < u.count, u[i] == UInt8(ascii: ":") else { throw erreur("« : » attendu") }
                    i += 1
                    blancs()
                    pairs.append((k, try valeur(profondeur: profondeur + 1)))
                    blancs()
                    guard i < u.count else { throw erreur("fin du fichier inattendue") }
                    if u[i] == UInt8(ascii: ",") { i += 1; continue }
                    if u[i] == UInt8(ascii: "}") { i += 1; return .objet(pairs) }
                    throw erreur("« , » ou « } » attendu")
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [ValeurJSON] = []
                blancs()
                if i < u.count, u[i] == UInt8(ascii: "]") { i += 1; return .liste(items) }
                while true {
                    blancs()
                    items.append(try valeur(profondeur: profondeur + 1))
                    blancs()
                    guard i < u.count else { throw erreur("fin du fichier inattendue") }
                    if u[i] == UInt8(ascii: ",") { i += 1; continue }
                    if u[i] == UInt8(ascii: "]") { i += 1; return .liste(items) }
                    throw erreur("« , » ou « ] » attendu")
                }
            case UInt8(ascii: "\""): return .texte(try texte())
            case UInt8(ascii: "t"): try mot("true"); return .bool(true)
            case UInt8(ascii: "f"): try mot("false"); return .bool(false)
            case UInt8(ascii: "n"): try mot("null"); return .null
            default: return .nombre(try nombre())
            }
        }

        mutating func mot(_ m: StaticString) throws(ErreurJSON) {
            let n = m.utf8CodeUnitCount
            guard i + n <= u.count, (0..<n).allSatisfy({ u[i + $0] == m.utf8Start[$0] }) else { throw erreur("valeur inconnue") }
            i += n
        }

        mutating func nombre() throws(ErreurJSON) -> String {
            let debut = i
            func chiffres() -> Int { let s = i; while i < u.count, u[i] >= 48, u[i] <= 57 { i += 1 }; return i - s }
            if i < u.count, u[i] == UInt8(ascii: "-") { i += 1 }
            guard i < u.count else { throw erreur("nombre incomplet") }
            if u[i] == UInt8(ascii: "0") { i += 1 } else if chiffres() == 0 { throw erreur("valeur attendue") }
            if i < u.count, u[i] == UInt8(ascii: ".") { i += 1; if chiffres() == 0 { throw erreur("nombre incomplet") } }
            if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
                i += 1
                if i < u.count, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") { i += 1 }
                if chiffres() == 0 { throw erreur("nombre incomplet") }
            }
            return String(decoding: u[debut..<i], as: UTF8.self)
        }

        /// A string, at its opening quote; escapes decoded, invalid UTF-8 refused.
        mutating func texte() throws(ErreurJSON) -> String {
            i += 1
            // Most texts have no escape: found whole, and made a String once.
            let debut = i
            var j = i
            var hauts: UInt8 = 0
            while j < u.count, u[j] != UInt8(ascii: "\""), u[j] != UInt8(ascii: "\\"), u[j] >= 0x20 { hauts |= u[j]; j += 1 }
            if j < u.count, u[j] == UInt8(ascii: "\"") {
                let s = u.withUnsafeBufferPointer { b -> String? in
                    let texte = UnsafeBufferPointer(rebasing: b[debut..<j])
                    let d = String(decoding: texte, as: UTF8.self)
                    // ASCII is valid UTF-8. Otherwise decoding repairs invalid UTF-8 with U+FFFD:
                    // the text is valid when nothing was repaired, which one memcmp tells (the
                    // generic validation, then a byte-by-byte comparison, were each a few
                    // percent of a diff).
                    if hauts < 0x80 { return d }
                    let intact = d.utf8.count == texte.count
                        && (d.utf8.withContiguousStorageIfAvailable { a in
                            guard let x = a.baseAddress, let y = texte.baseAddress else { return a.isEmpty }
                            return memcmp(x, y, a.count) == 0
                        } ?? d.utf8.elementsEqual(texte))
                    return intact ? d : nil
                }
                i = j + 1
                guard let s else { throw erreur("texte qui n'est pas de l'UTF-8") }
                return s
            }
            var out: [UInt8] = []
            while true {
                guard i < u.count else { throw erreur("texte non terminé") }
                let b = u[i]
                if b == UInt8(ascii: "\"") { i += 1; break }
                if b < 0x20 { throw erreur("caractère de contrôle dans un texte") }
                if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
                i += 1
                guard i < u.count else { throw erreur("texte non terminé") }
                let e = u[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        // A surrogate pair; a lone half becomes U+FFFD rather than an error.
                        if i + 1 < u.count, u[i] == UInt8(ascii: "\\"), u[i + 1] == UInt8(ascii: "u") {
                            i += 2
                            let bas = try hex4()
                            scalar = bas >= 0xDC00 && bas < 0xE000 ? 0x10000 + ((scalar - 0xD800) << 10) + (bas - 0xDC00) : 0xFFFD
                        } else { scalar = 0xFFFD }
                    } else if scalar >= 0xDC00, scalar < 0xE000 { scalar = 0xFFFD }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
                default: i -= 1; throw erreur("échappement inconnu")
                }
            }
            guard let s = String(validating: out, as: UTF8.self) else { throw erreur("texte qui n'est pas de l'UTF-8") }
            return s
        }

        mutating func hex4() throws(ErreurJSON) -> UInt32 {
            guard i + 4 <= u.count else { throw erreur("échappement \\u incomplet") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = u[i]
                let d: UInt32
                switch b {
                case 48...57: d = UInt32(b - 48)
                case 65...70: d = UInt32(b - 55)
                case 97...102: d = UInt32(b - 87)
                default: throw erreur("échappement \\u incomplet")
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }
    }
}
