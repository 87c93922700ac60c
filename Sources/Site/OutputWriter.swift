import CSystem
import Foundation
import Model
import Rendering
#if canImport(Glibc)
import Glibc
#endif

/// Why the site could not be written (exit code 2): the previous site is left as it was.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Writes a complete site beside the old one, then swaps it in. Nothing is written or
/// deleted outside the output folder and its temporary siblings; a folder that ctg did
/// not make is never replaced.
public struct OutputWriter: Sendable {
    /// Hidden file that marks a folder as a ctg site, so a later build may replace it.
    public static let marker = ".ctg-site"

    public var output: String
    public var projectRoot: String

    public init(output: String, projectRoot: String) {
        self.output = output
        self.projectRoot = projectRoot
    }

    /// Refuses output folders whose replacement would lose a person's files.
    public func validate() throws {
        let out = Self.absolute(output)
        let root = Self.absolute(projectRoot)
        let home = Self.absolute(NSHomeDirectory())
        if out == "/" || out == home || out == root || root.hasPrefix(out + "/") {
            throw OutputError("le dossier de sortie « \(output) » contient le projet : choisissez un dossier à part, par exemple « \(projectRoot)/public »")
        }
        for inner in ["content", "templates"] where out == root + "/" + inner || out.hasPrefix(root + "/" + inner + "/") {
            throw OutputError("le dossier de sortie « \(output) » est dans « \(inner)/ » du projet : choisissez un dossier à part, par exemple « public »")
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: out, isDirectory: &isDir) {
            guard isDir.boolValue else {
                throw OutputError("« \(output) » existe et n'est pas un dossier : je ne le remplace pas")
            }
            let entries = (try? fm.contentsOfDirectory(atPath: out)) ?? []
            if !entries.isEmpty && !entries.contains(Self.marker) {
                throw OutputError("le dossier « \(output) » existe, n'est pas vide et n'a pas été produit par ctg : je ne le remplace pas (videz-le ou choisissez un autre dossier avec --output)")
            }
        }
    }

    /// Writes `files` (sources of copies are relative to the project folder) into a
    /// temporary sibling, then swaps it with the output folder.
    public func write(_ files: [OutputFile]) throws {
        try validate()
        let out = Self.absolute(output)
        let parent = (out as NSString).deletingLastPathComponent
        let name = (out as NSString).lastPathComponent
        let fm = FileManager.default
        try? fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let tmp = parent + "/.\(name).ctg-neuf-\(getpid())"
        let old = parent + "/.\(name).ctg-ancien-\(getpid())"
        try? fm.removeItem(atPath: tmp)
        do {
            try fm.createDirectory(atPath: tmp, withIntermediateDirectories: false)
            try Self.writeTree(files, into: tmp, projectRoot: projectRoot)
            try Data().write(to: URL(fileURLWithPath: tmp + "/" + Self.marker))
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw OutputError("écriture du site impossible dans « \(output) » : \(error.localizedDescription)")
        }
        if fm.fileExists(atPath: out) {
            // Swap in one step where the kernel allows it, so the site is never missing.
            if !Self.exchange(tmp, out) {
                guard rename(out, old) == 0 else {
                    try? fm.removeItem(atPath: tmp)
                    throw OutputError("impossible de remplacer « \(output) » (\(String(cString: strerror(errno))))")
                }
                guard rename(tmp, out) == 0 else {
                    _ = rename(old, out)
                    try? fm.removeItem(atPath: tmp)
                    throw OutputError("impossible de remplacer « \(output) » (\(String(cString: strerror(errno))))")
                }
                try? fm.removeItem(atPath: old)
            } else {
                try? fm.removeItem(atPath: tmp)
            }
        } else {
            guard rename(tmp, out) == 0 else {
                try? fm.removeItem(atPath: tmp)
                throw OutputError("impossible de créer « \(output) » (\(String(cString: strerror(errno))))")
            }
        }
    }

    /// Writes every file under `dir`, which must exist. Paths that could leave `dir`
    /// (absolute, `..`, empty segments) are refused.
    public static func writeTree(_ files: [OutputFile], into dir: String, projectRoot: String) throws {
        var made: Set<String> = [""]
        for f in files {
            guard isSafe(f.path) else { throw OutputError("chemin de sortie refusé : « \(f.path) »") }
            let parts = f.path.split(separator: "/")
            var prefix = ""
            for p in parts.dropLast() {
                prefix += (prefix.isEmpty ? "" : "/") + p
                if made.insert(prefix).inserted {
                    if mkdir(dir + "/" + prefix, 0o755) != 0 && errno != EEXIST {
                        throw OutputError("dossier « \(prefix) » impossible à créer (\(String(cString: strerror(errno))))")
                    }
                }
            }
            let target = dir + "/" + f.path
            switch f.content {
            case let .text(s):
                try writeFile(target, s)
            case let .copy(from):
                guard isSafe(from), let data = FileManager.default.contents(atPath: projectRoot + "/" + from) else {
                    throw OutputError("fichier « \(from) » illisible")
                }
                try data.write(to: URL(fileURLWithPath: target))
            }
        }
    }

    static func writeFile(_ path: String, _ s: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw OutputError("« \(path) » impossible à écrire (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        var s = s
        try s.withUTF8 { buf in
            var off = 0
            while off < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw OutputError("« \(path) » impossible à écrire (\(String(cString: strerror(errno))))")
                }
                off += n
            }
        }
    }

    /// A relative path that stays inside its folder.
    public static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    static func absolute(_ path: String) -> String {
        let p = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (URL(fileURLWithPath: p).standardizedFileURL.path as NSString).standardizingPath
    }

    /// Swaps two paths atomically where the kernel can (Linux renameat2 RENAME_EXCHANGE).
    static func exchange(_ a: String, _ b: String) -> Bool {
        ctg_exchange_paths(a, b) == 0
    }
}
