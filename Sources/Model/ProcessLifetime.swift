import Foundation

/// Values the command line keeps until the process exits instead of freeing them.
///
/// Why: at the end of `ctg check` or `ctg build` the whole project (thousands of
/// conventions, millions of small allocations) was released piece by piece just before
/// `exit`, a tenth of a second of one core for nothing (what compilers avoid the same way).
/// Off unless the `ctg` command turns it on: tests and `ctg serve` free as usual.
public enum ProcessLifetime {
    private static let lock = NSLock()
    // nonisolated(unsafe): both are read and written only under `lock`.
    nonisolated(unsafe) private static var on = false
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Called once by the command line, before any work.
    public static func keepUntilExit() {
        lock.lock()
        on = true
        lock.unlock()
    }

    /// Keeps `value` alive until exit when turned on.
    public static func keep(_ value: Any) {
        lock.lock()
        defer { lock.unlock() }
        if on { kept.append(value) }
    }
}
