import Foundation
import Synchronization

/// The long texts (more than 15 bytes: those a String keeps on the heap) that the front
/// matters of one project load have given so far, each made once. A project's libellés,
/// sources, pilotes and partenaires come back from one action and one convention to the next,
/// and every copy was an allocation held for the whole build: shared, they are one.
///
/// One per load (`ProjectLoader.load`, through `courant`, which the load's tasks inherit), so
/// that nothing outlives the project that read it: a server's next load starts afresh, and the
/// texts it keeps are those its conventions keep.
final class TextesLongs: Sendable {
    @TaskLocal static var courant: TextesLongs?

    /// Buckets by hash, in shards so that the load's tasks seldom wait for one another.
    private final class Tiroir: Sendable {
        let textes = Mutex<[UInt64: [String]]>([:])
    }
    private let tiroirs: [Tiroir] = (0..<64).map { _ in Tiroir() }

    /// The text of the UTF-8 bytes `b`: the one already made when the same bytes came before.
    func texte(_ b: UnsafeBufferPointer<UInt8>) -> String {
        let h = fnv1a(b)
        let tiroir = tiroirs[Int(h & 63)]
        if let deja = tiroir.textes.withLock({ d in d[h]?.first { Self.egal($0, b) } }) { return deja }
        let t = String(decoding: b, as: UTF8.self)
        return tiroir.textes.withLock { d in
            if let deja = d[h]?.first(where: { Self.egal($0, b) }) { return deja }
            d[h, default: []].append(t)
            return t
        }
    }

    private static func egal(_ s: String, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = s
        return s.withUTF8 { u in u.count == b.count && memcmp(u.baseAddress!, b.baseAddress!, b.count) == 0 }
    }
}
