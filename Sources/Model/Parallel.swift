import Foundation

/// Maps `items` on every core with structured concurrency, keeping the order.
/// One task per core; each takes the next few items when it is done with its own, so a core
/// never waits while the other finishes a long tail (fixed chunks left one core idle for up
/// to an eighth of the work), and small items do not drown in task overhead.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) async -> [R] {
    if items.count < 2 { return items.map(transform) }
    let workers = min(items.count, activeCores())
    let batch = max(1, min(16, items.count / (workers * 32)))
    let next = NextIndex()
    return await withTaskGroup(of: [(Int, R)].self) { group in
        for _ in 0..<workers {
            group.addTask {
                var done: [(Int, R)] = []
                while let range = next.take(batch, of: items.count) {
                    for i in range { done.append((i, transform(items[i]))) }
                }
                return done
            }
        }
        var slots = [R?](repeating: nil, count: items.count)
        for await part in group {
            for (i, r) in part { slots[i] = r }
        }
        return slots.map { $0! }
    }
}

/// The next items to take, shared by the tasks of `parallelMap`.
/// @unchecked: its one variable, `next`, is read and written only under `lock`.
private final class NextIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(_ n: Int, of count: Int) -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        let start = next
        next = min(count, next + n)
        return start..<next
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number of cores this process may use.
public func activeCores() -> Int {
    max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
}
