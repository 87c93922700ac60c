import CReferentiel

/// Reads the embedded referential in place (FORMAT-REFERENTIEL.md): fields are loaded where
/// they lie, nothing is parsed or copied at start, and a lookup touches a few bytes.
///
/// The bytes are a constant array of the program (`CReferentiel`), never written: reading
/// them from any thread is safe, which is why the values built on them are `Sendable`.
enum Octets {
    @inline(__always) static var base: UnsafeRawPointer { UnsafeRawPointer(ctg_referentiel_octets()) }

    /// The size of the file, in bytes.
    static var taille: Int { Int(ctg_referentiel_nombre_octets()) }

    @inline(__always) static func u8(_ o: Int) -> Int {
        Int(base.load(fromByteOffset: o, as: UInt8.self))
    }

    @inline(__always) static func u16(_ o: Int) -> Int {
        Int(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt16.self)))
    }

    @inline(__always) static func u32(_ o: Int) -> Int {
        Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: o, as: UInt32.self)))
    }

    @inline(__always) static func i32(_ o: Int) -> Int {
        Int(Int32(littleEndian: base.loadUnaligned(fromByteOffset: o, as: Int32.self)))
    }

    /// ASCII of at most `n` bytes at `o`, stopping at the first zero (codes are zero-padded).
    static func ascii(_ o: Int, _ n: Int) -> String {
        var len = 0
        while len < n, u8(o + len) != 0 { len += 1 }
        return String(decoding: UnsafeRawBufferPointer(start: base + o, count: len), as: UTF8.self)
    }

    /// The string a StrRef names: its length in the high byte, its place in STRINGS below.
    static func chaine(_ ref: Int) -> String {
        let start = Section.strings.offset + (ref & 0xFF_FFFF)
        return String(decoding: UnsafeRawBufferPointer(start: base + start, count: ref >> 24), as: UTF8.self)
    }

    /// An unsigned LEB128 varint at `o`, moving `o` past it.
    @inline(__always) static func varint(_ o: inout Int) -> Int {
        var v = 0, shift = 0
        while true {
            let b = u8(o)
            o += 1
            v |= (b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
        }
    }

    /// A zig-zag varint (0, -1, 1, -2… stored as 0, 1, 2, 3…).
    @inline(__always) static func signed(_ o: inout Int) -> Int {
        let v = varint(&o)
        return (v >> 1) ^ -(v & 1)
    }

    static let none32 = 0xFFFF_FFFF
    static let none16 = 0xFFFF
}

/// The sections of the file, in the order of its directory.
enum Section: Int {
    case strings, regions, departements, depcodes, communes, codeindex, epci, epcihash,
         postaux, postauxhash, lists, frames, arcindex, arcs, geometry

    /// Where the section starts (the directory is read each time: two loads, no global state).
    @inline(__always) var offset: Int { Octets.u32(Octets.u32(32) + 8 * rawValue) }
    /// How many records (or bytes, or slots) it holds.
    @inline(__always) var count: Int { Octets.u32(Octets.u32(32) + 8 * rawValue + 4) }
}

/// Fixed record sizes (bytes), as scripts/referentiel.py writes them.
enum Taille {
    static let commune = 24, departement = 32, region = 8, epci = 32, postal = 12, frame = 24
    static let arcsParBloc = 16
}
