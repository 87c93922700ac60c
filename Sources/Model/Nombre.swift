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
        let (numeric, scaled) = t.withBytes { Nombre.scan($0) }
        guard numeric else { return nil }
        if let (m, e) = scaled, let e8 = Int8(exactly: e) {
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
        s.withBytes { scan($0).scaled }
    }

    /// True when `s` is written as a YAML-style decimal number, whatever its size.
    public static func isNumeric(_ s: String) -> Bool {
        s.withBytes { scan($0).numeric }
    }

    /// The most significant digits, and the finest decimal place, of a number ctg computes
    /// with (RULES.md, `type-invalide`: "a value too large to compute with"): within them, a
    /// value is exact as a Double, the derived values' integers stay below 2^100, and a
    /// chart's scale and ticks fit in an `Int` (the charts and the taux trapped beyond).
    public static let maxDigits = 15

    /// False for a number outside what ctg computes with: more than 15 significant digits,
    /// 10^15 or more, or a digit past the 15th decimal place.
    public var isComputable: Bool {
        var digits: Int, exponent: Int
        if isScaled {
            var m = mantissa.magnitude
            guard m != 0 else { return true }
            exponent = Int(self.exponent)
            while m % 10 == 0 { m /= 10; exponent += 1 }
            digits = 0
            while m > 0 { m /= 10; digits += 1 }
        } else {
            let d = decimal
            guard !d.isNaN else { return false }
            guard !d.isZero else { return true }
            var sig = Substring("\(d.significand.magnitude)")
            exponent = d.exponent
            while sig.count > 1, sig.last == "0" { sig = sig.dropLast(); exponent += 1 }
            digits = sig.count
        }
        return digits <= Self.maxDigits && exponent >= -Self.maxDigits && digits + exponent <= Self.maxDigits
    }

    /// One pass over the bytes of a number as written: whether it is a YAML-style decimal
    /// (`-12`, `850`, `2.7`, `1e6`), and its `mantissa × 10^exponent` when it has no exponent
    /// and at most 18 significant digits. Two passes over the String's view were a tenth of
    /// the decoding of a convention.
    static func scan(_ u: UnsafeBufferPointer<UInt8>) -> (numeric: Bool, scaled: (Int64, Int)?) {
        var i = 0, negative = false
        if i < u.count, u[i] == 45 || u[i] == 43 { negative = u[i] == 45; i += 1 }
        var digits = 0, dot = false, exp = false, expDigits = 0
        var mantissa: UInt64 = 0, significant = 0, exponent = 0
        while i < u.count {
            let c = u[i]
            if c >= 48 && c <= 57 {
                if exp {
                    expDigits += 1
                } else {
                    digits += 1
                    if significant > 0 || c != 48 {
                        significant += 1
                        if significant <= 18 { mantissa = mantissa * 10 + UInt64(c - 48) }
                    }
                    if dot { exponent -= 1 }
                }
            } else if c == 46 && !dot && !exp {
                dot = true
            } else if (c == 101 || c == 69) && !exp && digits > 0 {
                exp = true
                if i + 1 < u.count, u[i + 1] == 45 || u[i + 1] == 43 { i += 1 }
            } else {
                return (false, nil)
            }
            i += 1
        }
        guard digits > 0, !exp || expDigits > 0 else { return (false, nil) }
        guard !exp, significant <= 18 else { return (true, nil) }
        return (true, (negative ? -Int64(mantissa) : Int64(mantissa), significant == 0 ? 0 : exponent))
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
