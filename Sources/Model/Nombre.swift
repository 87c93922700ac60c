import Foundation

/// A number as written in a file: kept as a decimal so that derived values are computed
/// "in decimal arithmetic on the values as written" (FORMAT.md §4), and as its text.
public struct Nombre: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let text: String
    // `mantissa × 10^exponent` when it fits in 18 digits (nearly always): 26 bytes in all,
    // where a stored Decimal made every yearly target and result 32 bytes larger.
    private let mantissa: Int64
    private let exponent: Int8
    private let isScaled: Bool

    /// The value in decimal arithmetic.
    public var decimal: Decimal {
        if isScaled {
            return Decimal(sign: mantissa < 0 ? .minus : .plus, exponent: Int(exponent), significand: Decimal(mantissa.magnitude))
        }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0
    }

    /// `decimal` as `mantissa × 10^exponent` when it fits in 18 digits: exact integer
    /// arithmetic for the derived values, without Decimal's cost.
    public var scaled: (mantissa: Int64, exponent: Int)? { isScaled ? (mantissa, Int(exponent)) : nil }

    /// Reads a YAML-style decimal number: `-12`, `850`, `2.7`, `1e6`, `12_000` is refused.
    public init?(_ text: String) {
        let t = text.trimmed
        guard Nombre.isNumeric(t) else { return nil }
        if let (m, e) = Nombre.fastScaled(t), let e8 = Int8(exactly: e) {
            (mantissa, exponent, isScaled) = (m, e8, true)
        } else if Decimal(string: t, locale: Locale(identifier: "en_US_POSIX")) != nil {
            (mantissa, exponent, isScaled) = (0, 0, false)
        } else {
            return nil
        }
        self.text = t
    }

    public init(_ value: Decimal) {
        text = "\(value)"
        if let (m, e) = Nombre.fastScaled(text), let e8 = Int8(exactly: e) {
            (mantissa, exponent, isScaled) = (m, e8, true)
        } else {
            (mantissa, exponent, isScaled) = (0, 0, false)
        }
    }

    public init(_ value: Int) { self.init(Decimal(value)) }

    public var double: Double { NSDecimalNumber(decimal: decimal).doubleValue }
    public var isNegative: Bool { isScaled ? mantissa < 0 : decimal < 0 }

    /// The integer value when the number has no fractional part.
    public var int: Int? {
        var d = decimal
        var r = Decimal()
        NSDecimalRound(&r, &d, 0, .plain)
        return r == decimal ? NSDecimalNumber(decimal: r).intValue : nil
    }

    /// `-123.45` → (-12345, -2) without Foundation's scanner (the common case); nil for
    /// exponents or more than 18 significant digits.
    static func fastScaled(_ s: String) -> (Int64, Int)? {
        var mant: UInt64 = 0, digits = 0, exp = 0, neg = false, dot = false, first = true
        for b in s.utf8 {
            if first && (b == 45 || b == 43) { neg = b == 45; first = false; continue }
            first = false
            if b == 46 { dot = true; continue }
            guard b >= 48 && b <= 57 else { return nil }
            if digits == 0 && b == 48 { if dot { exp -= 1 }; continue }
            digits += 1
            guard digits <= 18 else { return nil }
            mant = mant * 10 + UInt64(b - 48)
            if dot { exp -= 1 }
        }
        return (neg ? -Int64(mant) : Int64(mant), digits == 0 ? 0 : exp)
    }

    static func isNumeric(_ s: String) -> Bool {
        var u = Substring(s).utf8[...]
        if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") { u = u.dropFirst() }
        var digits = 0, dot = false, exp = false, expDigits = 0, i = u.startIndex
        while i != u.endIndex {
            let c = u[i]
            if c >= 48 && c <= 57 {
                if exp { expDigits += 1 } else { digits += 1 }
            } else if c == UInt8(ascii: ".") && !dot && !exp {
                dot = true
            } else if (c == UInt8(ascii: "e") || c == UInt8(ascii: "E")) && !exp && digits > 0 {
                exp = true
                let n = u.index(after: i)
                if n != u.endIndex, u[n] == UInt8(ascii: "-") || u[n] == UInt8(ascii: "+") { i = n }
            } else {
                return false
            }
            i = u.index(after: i)
        }
        return digits > 0 && (!exp || expDigits > 0)
    }

    public static func < (a: Nombre, b: Nombre) -> Bool {
        if a.isScaled && b.isScaled && a.exponent == b.exponent { return a.mantissa < b.mantissa }
        return a.decimal < b.decimal
    }
    public static func == (a: Nombre, b: Nombre) -> Bool {
        if a.isScaled && b.isScaled && a.exponent == b.exponent { return a.mantissa == b.mantissa }
        return a.decimal == b.decimal
    }
    public static func != (a: Nombre, b: Nombre) -> Bool { !(a == b) }
    public func hash(into h: inout Hasher) { h.combine(decimal) }
    public var description: String { text }
}
