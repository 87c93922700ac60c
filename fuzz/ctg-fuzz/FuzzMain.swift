// The libFuzzer entry of ctg, declared in Package.swift only when CTG_FUZZ is set and built by
// scripts/fuzz.sh with -sanitize=fuzzer,address; its `main` is fuzz/CFuzz/cfuzz.c.
// Each input goes through `FuzzEntry.run`, the function the corpus test replays; an outcome
// with anomalies (`Outcome.anomalies`) stops the fuzzer as a crash does.
import Dispatch
import Site

/// What the async entry found, handed back across the semaphore.
final class Done: @unchecked Sendable {
    let semaphore = DispatchSemaphore(value: 0)
    var anomalies: [String] = []
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let done = Done()
    Task.detached {
        done.anomalies = await FuzzEntry.run(bytes).anomalies(for: bytes)
        done.semaphore.signal()
    }
    done.semaphore.wait()
    // A wrong outcome is a finding of the fuzzer as a crash is: its input is saved.
    if !done.anomalies.isEmpty { fatalError(done.anomalies.joined(separator: "\n")) }
    return 0
}
