#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a folder entry is, as readdir says (a `stat` only where the file system does not):
/// a symbolic link is `link`, never followed.
public enum EntryKind: Sendable { case file, folder, link, other }

/// The entries of the open folder `dirfd`, without `.` and `..`, in the order the file system
/// gives them; `dirfd` stays open. Read with readdir's entry types: no stat per file.
public func directoryEntries(_ dirfd: Int32) -> [(name: String, kind: EntryKind)] {
    let dupfd = dup(dirfd)
    guard dupfd >= 0, let dir = fdopendir(dupfd) else {
        if dupfd >= 0 { close(dupfd) }
        return []
    }
    defer { closedir(dir) }
    var out: [(name: String, kind: EntryKind)] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name == "." || name == ".." { continue }
        var mode: UInt32
        switch entry.pointee.d_type {
        case UInt8(DT_DIR): mode = S_IFDIR
        case UInt8(DT_REG): mode = S_IFREG
        case UInt8(DT_LNK): mode = S_IFLNK
        case UInt8(DT_UNKNOWN):
            var st = stat()
            mode = fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? st.st_mode & S_IFMT : 0
        default: mode = 0
        }
        out.append((name, mode == S_IFDIR ? .folder : mode == S_IFREG ? .file : mode == S_IFLNK ? .link : .other))
    }
    return out
}
