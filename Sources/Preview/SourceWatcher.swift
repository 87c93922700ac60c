#if os(Linux)
import Glibc
#endif
import Content
import Foundation
import Synchronization

/// Tells `ctg serve` what changed under `content/` and `templates/`. On Linux the kernel says
/// it (inotify), so nothing is looked at while nobody saves; elsewhere, or when inotify is
/// out of watches, every file is looked at a few times a second.
///
/// Each element of `changes` is one burst of saves (events closer than `quiet` seconds):
/// the project-relative paths written, created, renamed or deleted, or nil when the whole
/// project must be looked at again (a folder came or went, the kernel's queue overflowed,
/// or polling saw a difference).
final class SourceWatcher: Sendable {
    let changes: AsyncStream<Set<String>?>
    private let stopped: Stopped

    private final class Stopped: Sendable {
        let flag = Atomic<Bool>(false)
    }

    /// Starts watching now: what is saved from this moment on is reported.
    init(root: String, pollEvery seconds: Double, quiet: Double = 0.008) {
        let stopped = Stopped()
        self.stopped = stopped
        let (stream, continuation) = AsyncStream.makeStream(of: Set<String>?.self, bufferingPolicy: .unbounded)
        changes = stream
        continuation.onTermination = { _ in stopped.flag.store(true, ordering: .relaxed) }
        #if os(Linux)
        if let inotify = Inotify(root: root) {
            let thread = Thread {
                let isStopped = { stopped.flag.load(ordering: .relaxed) }
                inotify.run(quiet: quiet, stopped: isStopped) { continuation.yield($0) }
                if !isStopped() {
                    // The kernel gave up (out of watches): look at every file instead.
                    continuation.yield(nil)
                    var poller = Poller(root: root)
                    while !isStopped() {
                        Thread.sleep(forTimeInterval: seconds)
                        if poller.changed() { continuation.yield(nil) }
                    }
                }
                continuation.finish()
            }
            thread.name = "ctg serve: inotify"
            thread.start()
            return
        }
        #endif
        Task.detached {
            var poller = Poller(root: root)
            while !stopped.flag.load(ordering: .relaxed) {
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                if poller.changed() { continuation.yield(nil) }
            }
            continuation.finish()
        }
    }

    deinit { stopped.flag.store(true, ordering: .relaxed) }

    /// The folders watched, project-relative.
    static let folders = ["content", "templates"]
}

/// The fallback: size and modification time of every watched file, compared at each call.
private struct Poller {
    let root: String
    var seen: [String: [Int]]

    init(root: String) {
        self.root = root
        seen = Self.look(root)
    }

    mutating func changed() -> Bool {
        let now = Self.look(root)
        defer { seen = now }
        return now != seen
    }

    static func look(_ root: String) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for dir in SourceWatcher.folders {
            let listing = ProjectLoader.list(root: root, under: dir)
            for f in listing.files { out[f] = LoadCache.signature(root: root, files: [f]) }
            // A link made or removed is a change too: the loader reports each (lien-symbolique).
            for l in listing.links { out[l] = [-2] }
        }
        return out
    }
}

#if os(Linux)
/// One inotify instance over the project folder, `content/` and `templates/` and all
/// their subfolders. Used by one thread only.
private final class Inotify: @unchecked Sendable {
    // @unchecked: made by `SourceWatcher.init` and then handed to one thread that alone uses it.
    let root: String
    let fd: Int32
    /// Watch descriptor → project-relative folder ("" for the project folder itself).
    var folders: [Int32: String] = [:]

    static let fileEvents = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF)

    init?(root: String) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.root = root
        guard watchAll() else {
            close(fd)
            return nil
        }
    }

    deinit { close(fd) }

    /// (Re)watches the project folder and every folder under `content/` and `templates/`;
    /// false when the kernel refuses one (out of watches: poll instead).
    func watchAll() -> Bool {
        for wd in folders.keys { inotify_rm_watch(fd, wd) }
        folders = [:]
        // The project folder itself: `content/` or `templates/` created, removed or renamed.
        guard add("", mask: UInt32(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)) else { return false }
        for dir in SourceWatcher.folders where !addTree(dir) { return false }
        return true
    }

    private func add(_ rel: String, mask: UInt32) -> Bool {
        let wd = inotify_add_watch(fd, rel.isEmpty ? root : join(root, rel), mask | UInt32(IN_ONLYDIR | IN_DONT_FOLLOW))
        if wd < 0 { return errno == ENOENT || errno == ENOTDIR }  // gone already, or not a folder: nothing to watch
        folders[wd] = rel
        return true
    }

    /// A folder and its subfolders, hidden ones and symbolic links left out as the loader does.
    private func addTree(_ rel: String) -> Bool {
        guard add(rel, mask: Self.fileEvents) else { return false }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: join(root, rel)) else { return true }
        for name in names where !name.hasPrefix(".") && !name.hasSuffix("~") {
            var st = stat()
            let sub = rel + "/" + name
            if lstat(join(root, sub), &st) == 0, st.st_mode & S_IFMT == S_IFDIR, !addTree(sub) { return false }
        }
        return true
    }

    /// Reads events until `stopped`, handing each burst to `emit`; returns early when the
    /// kernel fails (the caller polls instead).
    func run(quiet: Double, stopped: () -> Bool, emit: (Set<String>?) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var paths: Set<String> = []
        var everything = false
        var pending = false
        var burstStart = 0.0
        while !stopped() {
            // Idle: wake up now and then to see whether the server stopped. In a burst: wait
            // until `quiet` passes without events, but hold a long one (a copy of many files)
            // no more than 0.3 s.
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, pending ? Int32(quiet * 1000) : 250)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if ready > 0 {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if !pending { burstStart = now() }
                    pending = true
                    everything = parse(buffer, count: n, into: &paths) || everything
                }
            }
            if pending && (ready == 0 || now() - burstStart >= 0.3) {
                if everything && !watchAll() { return }
                emit(everything ? nil : paths)
                paths = []
                everything = false
                pending = false
            }
        }
    }

    private func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// Adds the paths of the events in `buffer` to `paths`; true when the whole project must
    /// be looked at again (a folder event, or events lost).
    private func parse(_ buffer: [UInt8], count: Int, into paths: inout Set<String>) -> Bool {
        var everything = false
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        buffer.withUnsafeBytes { raw in
            while offset + header <= count {
                let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let len = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = raw[(offset + header)..<min(count, offset + header + len)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += header + len
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    everything = true
                    continue
                }
                guard let folder = folders[wd] else { continue }
                if mask & UInt32(IN_IGNORED) != 0 {
                    folders[wd] = nil
                    continue
                }
                if folder.isEmpty {
                    // Only `content/` and `templates/` matter in the project folder.
                    if SourceWatcher.folders.contains(name) { everything = true }
                    continue
                }
                if mask & UInt32(IN_ISDIR | IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                    everything = true
                    continue
                }
                if !name.isEmpty { paths.insert(folder + "/" + name) }
            }
        }
        return everything
    }
}
#endif
