/// Maps `items` on every core with structured concurrency, keeping the order.
/// Work is split into a few chunks per core so that small items do not drown in task overhead.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @escaping @Sendable (T) -> R) async -> [R] {
    if items.count < 2 { return items.map(transform) }
    let chunks = min(items.count, max(1, activeCores() * 4))
    let size = (items.count + chunks - 1) / chunks
    return await withTaskGroup(of: (Int, [R]).self) { group in
        for start in stride(from: 0, to: items.count, by: size) {
            let slice = Array(items[start..<min(items.count, start + size)])
            group.addTask { (start, slice.map(transform)) }
        }
        var parts: [(Int, [R])] = []
        for await p in group { parts.append(p) }
        return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
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
