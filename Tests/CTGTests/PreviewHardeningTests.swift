import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import Preview
import Testing

/// A client of the loopback server that writes raw bytes, as a hostile web page or script
/// could (issue 24, points 4–5). Blocking sockets, on a thread of their own.
final class RawClient: @unchecked Sendable {
    // @unchecked: one socket, used by one test at a time from a background queue.
    let fd: Int32

    init(port: UInt16, timeout: Double = 5) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var tv = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - Double(Int(timeout))) * 1e6))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let r = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard r == 0 else { close(fd); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(fd) }

    /// Sends all of `bytes` (false if the server stopped taking them).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    func send(_ text: String) { send(Array(text.utf8)) }

    /// True when an answer is waiting to be read (nothing is taken).
    func hasAnswer() -> Bool {
        var byte: UInt8 = 0
        return recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) == 1
    }

    /// Says that nothing more will be sent.
    func finish() { shutdown(fd, Int32(SHUT_WR)) }

    /// Everything until the server closes, or the timeout.
    func readAll() -> String {
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buf, buf.count, 0)
            if n <= 0 { break }
            out += buf[0..<n]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One answer's status line and headers (reads until the blank line).
    func readHead() -> String {
        var out: [UInt8] = []
        var byte: UInt8 = 0
        while recv(fd, &byte, 1, 0) == 1 {
            out.append(byte)
            if out.suffix(4) == [13, 10, 13, 10] { break }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Runs `work` off the test's threads (blocking socket calls must not hold the cooperative pool).
func offThread<T: Sendable>(_ work: @Sendable @escaping () -> T) async -> T {
    await withCheckedContinuation { c in
        DispatchQueue.global().async { c.resume(returning: work()) }
    }
}

func status(_ answer: String) -> Int? {
    let parts = answer.split(separator: " ", maxSplits: 2)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1.") else { return nil }
    return Int(parts[1])
}

private final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: UInt16 = 0
    func set(_ p: UInt16) { lock.lock(); port = p; lock.unlock() }
    func get() -> UInt16 { lock.lock(); defer { lock.unlock() }; return port }
}

/// A preview of a small project with tight limits, for the duration of `body`.
func withHardenedServer(_ limits: HTTPLimits, _ body: (PreviewServer, UInt16) async throws -> Void) async throws {
    let fx = ProjectFixture(files: ["content/territoires/roubaix-2014.md": ProjectFixture.roubaix])
    defer { fx.cleanup() }
    let server = try PreviewServer(root: fx.root, port: 0, limits: limits)
    let box = PortBox()
    let task = Task { try await server.run(watchEvery: 0.05, onListening: { box.set($0) }) }
    defer { task.cancel() }
    for _ in 0..<300 where box.get() == 0 { try await Task.sleep(nanoseconds: 20_000_000) }
    let port = box.get()
    try #require(port != 0)
    try await body(server, port)
    task.cancel()
    await server.stop()
}

@Suite("Preview: a hostile client cannot read, freeze or fill the server", .serialized)
struct PreviewHardeningTests {
    static var limits: HTTPLimits {
        var l = HTTPLimits()
        l.headSeconds = 1
        l.connections = 8
        return l
    }

    /// `timeout`: how long the client waits for the answer. The server's tasks share the
    /// cooperative pool with the rest of the suite, which can hold it for seconds on a busy
    /// two-core machine.
    static func ask(_ port: UInt16, _ request: String, timeout: Double = 5) async throws -> String {
        let client = try RawClient(port: port, timeout: timeout)
        return await offThread { client.send(request); return client.readAll() }
    }

    @Test("only Host 127.0.0.1:PORT or localhost:PORT is answered (DNS rebinding); other hosts, an empty or missing Host, an absolute target are refused")
    func host() async throws {
        // A head timeout long enough for a machine busy with the rest of the suite: this test
        // is about the Host header, not about slow clients.
        var limits = Self.limits
        limits.headSeconds = 10
        try await withHardenedServer(limits) { _, port in
            for (host, expected) in [("127.0.0.1:\(port)", 200), ("localhost:\(port)", 200), ("LocalHost:\(port)", 200),
                                     ("evil.example", 421), ("evil.example:\(port)", 421), ("127.0.0.1", 421),
                                     ("127.0.0.1:\(port &+ 1)", 421), ("[::1]:\(port)", 421), ("", 421)] {
                let answer = try await Self.ask(port, "GET / HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n", timeout: 30)
                #expect(status(answer) == expected, "Host: \(host)")
                if expected != 200 { #expect(!answer.contains("CTG de test"), "Host: \(host) reads no page") }
            }
            let answer1 = try await Self.ask(port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n", timeout: 30)
            #expect(status(answer1) == 400)
            let answer2 = try await Self.ask(port, "GET / HTTP/1.0\r\n\r\n", timeout: 30)
            #expect(status(answer2) == 400)
            let answer3 = try await Self.ask(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: evil.example\r\n\r\n", timeout: 30)
            #expect(status(answer3) == 400)
            let answer4 = try await Self.ask(port, "GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n", timeout: 30)
            #expect(status(answer4) == 400)
            let answer5 = try await Self.ask(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 3\r\n\r\nabc", timeout: 30)
            #expect(status(answer5) == 405)
        }
    }

    @Test("a 1 MB request line is answered 414 at once; two of them do not stop a page being served")
    func longLine() async throws {
        try await withHardenedServer(Self.limits) { _, port in
            let line = "GET /" + String(repeating: "a", count: 1 << 20) + " HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"
            let clock = ContinuousClock()
            let start = clock.now
            async let a = Self.ask(port, line)
            async let b = Self.ask(port, line)
            let (x, y) = try await (a, b)
            #expect(status(x) == 414)
            #expect(status(y) == 414)
            #expect(clock.now - start < .seconds(2))
            let page = try await Self.ask(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
            #expect(status(page) == 200)
            #expect(page.contains("CTG de test"))
        }
    }

    @Test("headers too long (one long line, or too many lines) are answered 431")
    func longHeaders() async throws {
        try await withHardenedServer(Self.limits) { _, port in
            let one = "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Long: " + String(repeating: "b", count: 100_000) + "\r\n\r\n"
            let answer6 = try await Self.ask(port, one)
            #expect(status(answer6) == 431)
            let many = "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n" + (0..<500).map { "X-\($0): v\r\n" }.joined() + "\r\n"
            let answer7 = try await Self.ask(port, many)
            #expect(status(answer7) == 431)
        }
    }

    @Test("a client that sends its request a byte at a time is dropped after the limit")
    func slowClient() async throws {
        try await withHardenedServer(Self.limits) { _, port in
            let client = try RawClient(port: port)
            let clock = ContinuousClock()
            let start = clock.now
            let answer = await offThread { () -> String in
                for b in Array("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Lent: ".utf8) {
                    if !client.send([b]) { break }
                    usleep(100_000)
                    if client.hasAnswer() { break }
                }
                client.finish()
                return client.readAll()
            }
            let elapsed = clock.now - start
            #expect(status(answer) == 408, "no page for a request never finished: \(answer)")
            #expect(elapsed > .milliseconds(800) && elapsed < .seconds(4), "dropped after about 1 s: \(elapsed)")
        }
    }

    @Test("a head not sent in time is answered 408 before the connection closes: begun, or on a kept-alive connection")
    func headTimeout() async throws {
        var limits = Self.limits
        limits.headSeconds = 0.3
        try await withHardenedServer(limits) { _, port in
            let clock = ContinuousClock()
            // A head begun, never finished.
            let begun = try RawClient(port: port)
            let start = clock.now
            let answer = await offThread { begun.send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"); return begun.readAll() }
            let elapsed = clock.now - start
            #expect(status(answer) == 408, "\(answer)")
            #expect(answer.contains("Connection: close\r\n"))
            #expect(answer.contains("Requête reçue trop lentement"))
            #expect(elapsed > .milliseconds(250) && elapsed < .seconds(3), "after about 0.3 s: \(elapsed)")
            // A kept-alive connection whose next request does not come.
            let kept = try RawClient(port: port)
            let (first, then) = await offThread { () -> (String, String) in
                kept.send("GET / HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n")
                let head = kept.readHead()
                return (head, kept.readAll())
            }
            #expect(status(first) == 200)
            #expect(then.contains("HTTP/1.1 408 Request Timeout\r\n"), "\(then.suffix(300))")
        }
    }

    @Test("connections beyond the limit: the one waiting longest for its request is closed, a page is still served")
    func connectionLimit() async throws {
        try await withHardenedServer(Self.limits) { _, port in
            var idle: [RawClient] = []
            for _ in 0..<20 {
                let c = try RawClient(port: port)
                c.send("GET / HTTP/1.1\r\n")  // a head never finished
                idle.append(c)
            }
            let page = try await Self.ask(port, "GET / HTTP/1.1\r\nHost: localhost:\(port)\r\nConnection: close\r\n\r\n")
            #expect(status(page) == 200)
            // The first ones were closed to make room (they read an end of file, not a timeout).
            let first = idle[0]
            #expect(await offThread { first.readAll() } == "")
            withExtendedLifetime(idle) {}
        }
    }

    @Test("a client that leaves during a long poll: its wait ends at once, not after 10 s")
    func closedConnectionWork() async throws {
        try await withHardenedServer(Self.limits) { server, port in
            let version = await server.live.version
            do {
                let client = try RawClient(port: port)
                client.send("GET /__ctg/etat?v=\(version) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
                for _ in 0..<100 where await server.live.waiting == 0 { try await Task.sleep(nanoseconds: 10_000_000) }
                #expect(await server.live.waiting == 1)
            }  // the client is closed here
            for _ in 0..<100 where await server.live.waiting > 0 { try await Task.sleep(nanoseconds: 10_000_000) }
            #expect(await server.live.waiting == 0)
        }
    }

    @Test("kept alive: two requests sent at once get two answers, in order")
    func pipelined() async throws {
        try await withHardenedServer(Self.limits) { _, port in
            let client = try RawClient(port: port)
            let heads = await offThread { () -> [String] in
                client.send("GET /nulle-part HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\nHEAD / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n")
                let first = client.readHead()
                let length = first.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                var body = [UInt8](repeating: 0, count: length)
                var got = 0
                while got < length {
                    let n = body[got...].withUnsafeMutableBytes { recv(client.fd, $0.baseAddress, $0.count, 0) }
                    if n <= 0 { break }
                    got += n
                }
                return [first, client.readHead()]
            }
            #expect(heads.map(status) == [404, 200])
        }
    }
}
