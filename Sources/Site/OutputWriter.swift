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
///
/// A build streams its files: `stage()` makes the hidden sibling, the renderer writes each
/// file into it as soon as it is made (from every core), then `commit(_:)` swaps it in, or
/// `discard(_:)` removes it when anything failed.
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
    /// temporary sibling, then swaps it with the output folder. (A build streams its files
    /// instead: see `stage()`.)
    public func write(_ files: [OutputFile]) throws {
        let staged = try stage()
        do {
            try staged.prepare(files.map(\.path))
            for f in files { try staged.write(f) }
        } catch {
            discard(staged)
            throw Self.wrap(error, output)
        }
        try commit(staged)
    }

    /// The hidden sibling that keeps the previous site after a build (`.public.ctg-reserve`
    /// beside `public`): the next build writes into its folders and files instead of making
    /// new ones. Creating thousands of files and folders, and deleting the old ones, cost more
    /// than rendering them (ext4 scans for recently freed inodes); rewriting an existing file
    /// costs a third. It holds a `.gitignore` of `*`, and may be deleted at any time.
    public var reserve: String {
        let out = Self.absolute(output)
        return (out as NSString).deletingLastPathComponent + "/." + (out as NSString).lastPathComponent + ".ctg-reserve"
    }

    /// Checks the output folder again and makes its hidden sibling: the reserve when there is
    /// one (a folder ctg made, never a link), else an empty folder.
    public func stage() throws -> StagedSite {
        try validate()
        let out = Self.absolute(output)
        let parent = (out as NSString).deletingLastPathComponent
        let name = (out as NSString).lastPathComponent
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        let tmp = parent + "/.\(name).ctg-neuf-\(getpid())"
        Self.removeTree(tmp)
        Self.removeAbandonedStaging(in: parent, name: name)
        if Self.isCtgFolder(reserve), rename(reserve, tmp) == 0 {
            return StagedSite(dir: tmp, projectRoot: projectRoot, recycled: true)
        }
        guard mkdir(tmp, 0o755) == 0 else {
            throw OutputError("écriture du site impossible dans « \(output) » : \(String(cString: strerror(errno)))")
        }
        return StagedSite(dir: tmp, projectRoot: projectRoot)
    }

    /// Removes the staging folders of this output (`.public.ctg-neuf-PID`) left by builds that
    /// were killed or crashed: a whole site each (350 MB for 1,000 conventions), which no later
    /// build removed. So too the previous site set aside by a swap (`.public.ctg-ancien-PID`,
    /// where the kernel cannot exchange two folders in one step), which a build killed between
    /// its two renames leaves behind; when the output folder is then missing, that previous
    /// site is put back in its place rather than removed. Only a real folder named exactly so,
    /// beside the output, whose process is gone (`kill(pid, 0)` fails with ESRCH); one whose
    /// process is alive, or may be (EPERM: another user's), is another build at work and is
    /// left alone.
    static func removeAbandonedStaging(in parent: String, name: String) {
        let fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let staging = ".\(name).ctg-neuf-", setAside = ".\(name).ctg-ancien-"
        for (entry, kind) in directoryEntries(fd).sorted(by: { $0.name < $1.name }) where kind == .folder {
            guard let prefix = [staging, setAside].first(where: { entry.hasPrefix($0) }),
                  let pid = stagingPID(String(entry.dropFirst(prefix.count))), pid != getpid(),
                  kill(pid, 0) == -1 && errno == ESRCH else { continue }
            let path = parent + "/" + entry
            var st = stat()
            if prefix == setAside, lstat(parent + "/" + name, &st) == -1, errno == ENOENT, isCtgFolder(path),
               rename(path, parent + "/" + name) == 0 {
                continue
            }
            removeTree(path)
        }
    }

    /// The process id that a staging folder's name ends with: 1 to 10 ASCII digits, no sign,
    /// no leading zero, a positive `pid_t`; nil for anything else.
    static func stagingPID(_ digits: String) -> pid_t? {
        let u = Array(digits.utf8)
        guard (1...10).contains(u.count), u[0] != UInt8(ascii: "0"),
              u.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let n = Int(digits), let pid = pid_t(exactly: n), pid > 0 else { return nil }
        return pid
    }

    /// Removes a staged site that will not be used; one made from the reserve goes back to be
    /// the reserve (its files are only ever rewritten before use).
    public func discard(_ staged: StagedSite) {
        if staged.recycled { keepAsReserve(staged.dir) } else { Self.removeTree(staged.dir) }
    }

    /// A real folder (not a link) holding ctg's marker.
    static func isCtgFolder(_ path: String) -> Bool {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { return false }
        return access(path + "/" + marker, F_OK) == 0
    }

    /// Makes `dir` (a previous or unused site) the reserve, marked and ignored by git; deletes
    /// it when it cannot be.
    func keepAsReserve(_ dir: String) {
        let reserve = self.reserve
        var st = stat()
        if lstat(reserve, &st) == 0 {
            // Someone else's file of that name stays as it is: then there is no reserve.
            guard Self.isCtgFolder(reserve) else {
                Self.removeTree(dir)
                return
            }
            Self.removeTree(reserve)
        }
        guard (try? Self.writeFile(dir + "/" + Self.marker, "")) != nil,
              (try? Self.writeFile(dir + "/.gitignore", "# Réserve de ctg : l'ancienne version du site, réutilisée au build suivant.\n*\n")) != nil,
              rename(dir, reserve) == 0 else {
            Self.removeTree(dir)
            return
        }
    }

    /// Marks the staged site as ctg's and swaps it with the output folder; the previous site
    /// becomes the reserve of the next build.
    public func commit(_ staged: StagedSite) throws {
        let tmp = staged.dir
        do {
            try Self.writeFile(tmp + "/" + Self.marker, "")
        } catch {
            Self.removeTree(tmp)
            throw Self.wrap(error, output)
        }
        let out = Self.absolute(output)
        let parent = (out as NSString).deletingLastPathComponent
        let name = (out as NSString).lastPathComponent
        let old = parent + "/.\(name).ctg-ancien-\(getpid())"
        if FileManager.default.fileExists(atPath: out) {
            // Swap in one step where the kernel allows it, so the site is never missing.
            if !Self.exchange(tmp, out) {
                guard rename(out, old) == 0 else {
                    Self.removeTree(tmp)
                    throw OutputError("impossible de remplacer « \(output) » (\(String(cString: strerror(errno))))")
                }
                guard rename(tmp, out) == 0 else {
                    _ = rename(old, out)
                    Self.removeTree(tmp)
                    throw OutputError("impossible de remplacer « \(output) » (\(String(cString: strerror(errno))))")
                }
                keepAsReserve(old)
            } else {
                // `tmp` now holds the previous site.
                keepAsReserve(tmp)
            }
        } else {
            guard rename(tmp, out) == 0 else {
                Self.removeTree(tmp)
                throw OutputError("impossible de créer « \(output) » (\(String(cString: strerror(errno))))")
            }
        }
    }

    static func wrap(_ error: Error, _ output: String) -> OutputError {
        if let e = error as? OutputError { return OutputError("écriture du site impossible dans « \(output) » : \(e.description)") }
        return OutputError("écriture du site impossible dans « \(output) » : \(error.localizedDescription)")
    }

    /// Writes every file under `dir`, which must exist. Paths that could leave `dir`
    /// (absolute, `..`, empty segments) are refused.
    public static func writeTree(_ files: [OutputFile], into dir: String, projectRoot: String) throws {
        let staged = StagedSite(dir: dir, projectRoot: projectRoot)
        try staged.prepare(files.map(\.path))
        for f in files { try staged.write(f) }
    }

    static func writeFile(_ path: String, _ s: String) throws {
        var s = s
        try s.withUTF8 { try writeBytes(path, $0) }
    }

    static func writeBytes(_ path: String, _ buf: UnsafeBufferPointer<UInt8>) throws {
        let fd = try openForWriting(path)
        defer { close(fd) }
        try writeAll(fd, buf, path)
    }

    /// True when `path` is a regular file (not a link) whose bytes are exactly `buf`.
    static func holds(_ path: String, _ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) == buf.count,
              st.st_mode & 0o200 != 0 else { return false }
        guard buf.count > 0 else { return true }
        let chunk = min(1 << 16, buf.count)
        // Scratch space that is not zeroed first: every byte compared is read just before.
        return withUnsafeTemporaryAllocation(byteCount: chunk, alignment: 16) { scratch in
            var off = 0
            while off < buf.count {
                let want = min(chunk, buf.count - off)
                guard pread(fd, scratch.baseAddress, want, off_t(off)) == want,
                      memcmp(scratch.baseAddress!, buf.baseAddress! + off, want) == 0 else { return false }
                off += want
            }
            return true
        }
    }

    /// Opens a file to write it whole: an existing file is truncated and rewritten in place
    /// (what the reserve is for), a read-only one replaced; a link is never followed.
    static func openForWriting(_ path: String) throws -> Int32 {
        var fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT && makeParents(of: path) {
            // Its folder is made by the first file written into it (see `StagedSite.prepare`).
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        }
        if fd < 0 && (errno == EACCES || errno == EPERM || errno == ETXTBSY) {
            unlink(path)
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw OutputError("« \(path) » impossible à écrire (\(String(cString: strerror(errno))))") }
        return fd
    }

    /// Makes the missing folders above `path`, up to one that exists (the staging folder at
    /// most: paths under it are checked by `isSafe`); true when its parent exists after. Two
    /// threads may make the same folder: the second finds it there.
    static func makeParents(of path: String) -> Bool {
        guard let slash = path.lastIndex(of: "/"), slash > path.startIndex else { return false }
        let parent = String(path[..<slash])
        if mkdir(parent, 0o755) == 0 || errno == EEXIST { return true }
        guard errno == ENOENT, makeParents(of: parent) else { return false }
        return mkdir(parent, 0o755) == 0 || errno == EEXIST
    }

    static func writeAll(_ fd: Int32, _ buf: UnsafeBufferPointer<UInt8>, _ path: String) throws {
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

    /// A relative path that stays inside its folder.
    /// Read by bytes, once: it runs twice for every file of the site.
    public static func isSafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { u in
            // Not empty, not absolute; no NUL, no backslash; no empty, `.` or `..` segment.
            guard let first = u.first, first != UInt8(ascii: "/") else { return false }
            var start = 0
            for i in 0...u.count {
                let b = i < u.count ? u[i] : UInt8(ascii: "/")
                if b == 0 || b == UInt8(ascii: "\\") { return false }
                guard b == UInt8(ascii: "/") else { continue }
                switch i - start {
                case 0: return false
                case 1 where u[start] == UInt8(ascii: "."): return false
                case 2 where u[start] == UInt8(ascii: ".") && u[start + 1] == UInt8(ascii: "."): return false
                default: start = i + 1
                }
            }
            return true
        }
    }

    static func absolute(_ path: String) -> String {
        let p = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (URL(fileURLWithPath: p).standardizedFileURL.path as NSString).standardizingPath
    }

    /// Swaps two paths atomically where the kernel can (Linux renameat2 RENAME_EXCHANGE).
    static func exchange(_ a: String, _ b: String) -> Bool {
        ctg_exchange_paths(a, b) == 0
    }

    /// Deletes a folder and everything in it, or a file, without following any symbolic link
    /// (a link is removed, never what it points to). One `unlinkat` per entry, relative to an
    /// open folder: no path is built or resolved twice. Errors are ignored: what cannot be
    /// removed stays.
    static func removeTree(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOTDIR || errno == ELOOP { unlink(path) }
            return
        }
        removeContents(of: fd)
        close(fd)
        rmdir(path)
    }

    /// Deletes under the open folder `dirfd` (at `prefix`, relative to the site) every entry
    /// that is neither one of `files` (a regular file) nor one of `folders` (a real folder,
    /// pruned in turn).
    static func prune(_ dirfd: Int32, prefix: String, files: Set<String>, folders: Set<String>) {
        for (name, type) in directoryEntries(dirfd) {
            let rel = prefix.isEmpty ? name : prefix + "/" + name
            if type == .folder, folders.contains(rel) {
                let sub = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if sub >= 0 {
                    prune(sub, prefix: rel, files: files, folders: folders)
                    close(sub)
                    continue
                }
            } else if type == .file, files.contains(rel) {
                continue
            }
            removeEntry(dirfd, name, type)
        }
    }

    private static func removeEntry(_ dirfd: Int32, _ name: String, _ type: EntryKind) {
        if type == .folder {
            let sub = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if sub >= 0 {
                removeContents(of: sub)
                close(sub)
            }
            unlinkat(dirfd, name, AT_REMOVEDIR)
        } else {
            unlinkat(dirfd, name, 0)
        }
    }

    private static func removeContents(of dirfd: Int32) {
        for (name, type) in directoryEntries(dirfd) { removeEntry(dirfd, name, type) }
    }
}

/// The hidden folder a build writes into before the swap. `write` may be called from several
/// threads at once (each path once): a file's folders are made when it is written.
public final class StagedSite: OutputSink {
    public let dir: String
    let projectRoot: String

    /// True when `dir` is the reserve: it holds the previous site, whose folders and files
    /// are reused.
    let recycled: Bool

    init(dir: String, projectRoot: String, recycled: Bool = false) {
        self.dir = dir
        self.projectRoot = projectRoot
        self.recycled = recycled
    }

    /// Checks every path. In a recycled folder, everything that is not one of `paths` or of
    /// their folders is deleted first (links included, never followed), so the site holds
    /// exactly the files written.
    public func prepare(_ paths: [String]) throws {
        for p in paths where !OutputWriter.isSafe(p) { throw OutputError("chemin de sortie refusé : « \(p) »") }
        if recycled {
            var folders: Set<Substring> = []
            for p in paths {
                var end = p.endIndex
                while let slash = p[..<end].lastIndex(of: "/") {
                    guard folders.insert(p[..<slash]).inserted else { break }
                    end = slash
                }
            }
            let files = Set(paths)
            let keptFolders = Set(folders.map(String.init))
            let fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if fd >= 0 {
                OutputWriter.prune(fd, prefix: "", files: files, folders: keptFolders)
                close(fd)
            }
        }
        // The folders themselves are made by the first file written into each, on every
        // core (`makeFolders`, `OutputWriter.openForWriting`): made here one by one, they
        // were a serial step of a first build.
    }

    /// In a new staging folder, the folders of `target` made before it is opened: nearly
    /// every page has a folder of its own, and opening first failed once per page.
    private func makeFolders(_ target: String) {
        if !recycled { _ = OutputWriter.makeParents(of: target) }
    }

    public func write(path: String, utf8: [UInt8]) throws {
        try utf8.withUnsafeBufferPointer { try write(path: path, buffer: $0) }
    }

    public func write(path: String, buffer buf: UnsafeBufferPointer<UInt8>) throws {
        guard OutputWriter.isSafe(path) else { throw OutputError("chemin de sortie refusé : « \(path) »") }
        let target = dir + "/" + path
        // A page the reserve already holds, byte for byte, is left as it is: reading it
        // costs less than writing it, and an unchanged page keeps its date (a copy to the
        // web server with rsync sends only the pages that changed).
        if recycled && OutputWriter.holds(target, buf) { return }
        makeFolders(target)
        try OutputWriter.writeBytes(target, buf)
    }

    public func write(path: String, pieces produce: (([UInt8]) throws -> Void) throws -> Void) throws {
        guard OutputWriter.isSafe(path) else { throw OutputError("chemin de sortie refusé : « \(path) »") }
        let target = dir + "/" + path
        makeFolders(target)
        let fd = try OutputWriter.openForWriting(target)
        defer { close(fd) }
        try produce { piece in try piece.withUnsafeBufferPointer { try OutputWriter.writeAll(fd, $0, target) } }
    }

    public func write(_ f: OutputFile) throws {
        guard OutputWriter.isSafe(f.path) else { throw OutputError("chemin de sortie refusé : « \(f.path) »") }
        let target = dir + "/" + f.path
        switch f.content {
        case let .text(s):
            try OutputWriter.writeFile(target, s)
        case let .copy(from):
            guard OutputWriter.isSafe(from), let data = FileManager.default.contents(atPath: projectRoot + "/" + from) else {
                throw OutputError("fichier « \(from) » illisible")
            }
            try data.withUnsafeBytes { raw in
                try OutputWriter.writeBytes(target, raw.bindMemory(to: UInt8.self))
            }
        }
    }
}
