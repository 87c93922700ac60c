import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request as the preview takes it: GET or HEAD, its target, its headers (names in
/// lower case, in order).
public struct PreviewRequest: Sendable {
    public var method: String
    /// As sent: `/territoires/x/?v=2`.
    public var target: String
    public var headers: [(name: String, value: String)]

    /// The path, percent-decoded, with its trailing slash.
    public var path: String {
        let raw = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// The value of a query item (`v` in `?v=3`).
    public func query(_ name: String) -> String? {
        guard let q = target.firstIndex(of: "?") else { return nil }
        for item in target[target.index(after: q)...].split(separator: "&") {
            let kv = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if kv.first.map(String.init) == name { return kv.count > 1 ? String(kv[1]).removingPercentEncoding : "" }
        }
        return nil
    }

    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.name == n }?.value
    }
}

/// An answer: status, headers, body (left out for HEAD).
public struct PreviewResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.name.lowercased() == n }?.value
    }
}

/// What a client may cost the preview. A web page open in the same browser can send
/// anything to 127.0.0.1 (issue 24, points 4–5): every request is bounded in size and in
/// time before a byte of it is interpreted, and the connections are counted.
public struct HTTPLimits: Sendable {
    /// Bytes of the request line (method, target, version): longer is 414.
    public var requestLine = 8_192
    /// Bytes of all the header lines together: more is 431.
    public var headerBytes = 16_384
    /// Header lines: more is 431.
    public var headerCount = 100
    /// Seconds to send a whole request head, counted from when the server waits for it (an
    /// idle kept-alive connection included): then it is answered 408 and closed (slowloris).
    public var headSeconds = 10.0
    /// Seconds to take a whole answer: then the connection is closed.
    public var writeSeconds = 30.0
    /// Connections open at once. One more makes room by closing the one that has waited
    /// longest for its request; when every one is busy it is answered 503.
    public var connections = 64

    public init() {}
}

/// An HTTP/1.1 server for the preview, on 127.0.0.1 only, over FlyingSocks' non-blocking
/// sockets. Why not FlyingFox's `HTTPServer`: its decoder reads a request line and headers
/// without any bound (a 1 MB line cost minutes of CPU, and went on after the client left),
/// it has no hook between accepting a connection and decoding, and no connection limit.
/// This one reads only what fits the limits, checks `Host` (DNS rebinding), and cancels the
/// work of a request whose client went away.
final class LoopbackHTTPServer: Sendable {
    typealias Handler = @Sendable (PreviewRequest) async -> PreviewResponse

    let limits: HTTPLimits
    let handler: Handler
    let listener: Socket
    /// The port it listens on (the one asked, or the one the system gave for 0).
    let port: UInt16
    private let table: ConnectionTable

    /// Binds 127.0.0.1:`port` (0: any free port) and listens; `serve()` then answers.
    init(port: UInt16, limits: HTTPLimits = HTTPLimits(), handler: @escaping Handler) throws {
        self.limits = limits
        self.handler = handler
        table = ConnectionTable(limit: limits.connections)
        let socket = try Socket(domain: AF_INET)
        do {
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: sockaddr_in.inet(ip4: "127.0.0.1", port: port))
            try socket.listen(maxPendingConnection: 128)
            guard case let .ip4(_, bound) = try socket.sockname() else { throw SocketError.unsupportedAddress }
            self.port = bound
        } catch {
            try? socket.close()
            throw error
        }
        listener = socket
    }

    /// The `Host` values a request may carry: the listening address, by number or by name.
    var allowedHosts: Set<String> {
        var hosts: Set<String> = ["127.0.0.1:\(port)", "localhost:\(port)"]
        if port == 80 { hosts.formUnion(["127.0.0.1", "localhost"]) }
        return hosts
    }

    /// Accepts and answers until cancelled; every connection is closed on return.
    func serve() async throws {
        #if canImport(Darwin)
        let pool: any AsyncSocketPool = SocketPool.kQueue()
        #else
        let pool: any AsyncSocketPool = SocketPool.ePoll()
        #endif
        do {
            try await pool.prepare()
            let accepting = try AsyncSocket(socket: listener, pool: pool)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await pool.run() }
                group.addTask { await self.acceptLoop(accepting) }
                defer { group.cancelAll() }
                try await group.next()
            }
        } catch {
            await table.end(listener: listener.file.rawValue, closing: true)
            throw error
        }
        await table.end(listener: listener.file.rawValue, closing: true)
    }

    /// Stops accepting and ends every connection.
    func stop() async {
        await table.end(listener: listener.file.rawValue, closing: false)
    }

    private func acceptLoop(_ accepting: AsyncSocket) async {
        while !Task.isCancelled {
            let client: AsyncSocket
            do {
                client = try await accepting.accept()
            } catch {
                if Task.isCancelled { return }
                // Out of descriptors, or the listener shut: wait a little rather than spin.
                if (try? listener.sockname()) == nil { return }
                try? await Task.sleep(nanoseconds: 50_000_000)
                continue
            }
            guard let id = await table.admit() else {
                // Every slot busy answering: say so at once, read nothing.
                _ = try? client.socket.write(Self.encode(Self.refusal(503, "Serveur occupé"), head: false, close: true))
                try? client.close()
                continue
            }
            let task = Task { await self.connection(client, id: id) }
            await table.attach(id, task)
        }
    }

    /// One connection: requests in turn (kept alive), each head read within its limits.
    private func connection(_ client: AsyncSocket, id: UInt64) async {
        defer { try? client.close() }
        var leftover: [UInt8] = []
        requests: while !Task.isCancelled {
            await table.setIdle(id, true)
            let read: (HeadResult, [UInt8])
            do {
                let start = leftover, limits = self.limits
                read = try await withDeadline(limits.headSeconds) { try await Self.readHead(client, start, limits) }
            } catch is DeadlinePassed {
                // Too slow: said before closing (RFC 9110, 408), read or not, as for a refusal
                // (a browser that kept the connection for its next request sends it again).
                let bytes = Self.encode(Self.refusal(408, "Requête reçue trop lentement"), head: false, close: true)
                if (try? await withDeadline(limits.writeSeconds, { try await client.write(bytes) })) != nil {
                    await Self.linger(client)
                }
                break
            } catch {
                break  // closed by the client, or cancelled (the server stops, or needs the room)
            }
            await table.setIdle(id, false)
            leftover = read.1
            var response: PreviewResponse
            var close: Bool
            var head = false
            var refused = false
            switch read.0 {
            case let .refused(status, reason):
                response = Self.refusal(status, reason)
                close = true
                refused = true
            case let .request(request, keepAlive):
                head = request.method == "HEAD"
                close = !keepAlive
                if let refusal = check(request) {
                    response = refusal
                    close = true
                } else {
                    guard let (answer, more) = await answer(request, on: client) else { break requests }
                    response = answer
                    leftover += more
                }
            }
            let bytes = Self.encode(response, head: head, close: close)
            do {
                try await withDeadline(limits.writeSeconds) { try await client.write(bytes) }
            } catch {
                break
            }
            if close {
                if refused { await Self.linger(client) }
                break
            }
        }
        await table.closed(id)
    }

    /// After a refusal sent while the client may still be sending (a line or headers too
    /// long): closing at once, with its bytes unread, would reset the connection and lose the
    /// answer. Its sending side is shut, and what still comes is read and dropped, 1 MB
    /// and 2 seconds at most.
    static func linger(_ client: AsyncSocket) async {
        shutdown(client.socket.file.rawValue, Int32(SHUT_WR))
        _ = try? await withDeadline(2) {
            var total = 0
            while total < 1 << 20 {
                let b = try await client.read(atMost: 4096)
                if b.isEmpty { break }
                total += b.count
            }
        }
    }

    /// The refusal a request earns before any work, if any: a `Host` that is not this
    /// server's (a page of another site reaching 127.0.0.1 through DNS rebinding).
    func check(_ request: PreviewRequest) -> PreviewResponse? {
        let hosts = request.headers.filter { $0.name == "host" }
        guard hosts.count == 1 else { return Self.refusal(400, hosts.isEmpty ? "En-tête Host absent" : "En-tête Host en double") }
        guard allowedHosts.contains(hosts[0].value.lowercased()) else {
            return Self.refusal(421, "Cette prévisualisation ne répond qu'à http://127.0.0.1:\(port)/ et http://localhost:\(port)/")
        }
        return nil
    }

    private enum Phase: Sendable {
        case answered(PreviewResponse)
        case peerSent([UInt8])
        case peerGone
        case stopped
    }

    /// The handler's answer, while the connection is watched: when the client closes it,
    /// the handler is cancelled (a long poll does not outlive its client). Bytes that arrive
    /// meanwhile (a pipelined request) are kept for the next head. Nil: the client left.
    private func answer(_ request: PreviewRequest, on client: AsyncSocket) async -> (PreviewResponse, [UInt8])? {
        let handler = self.handler
        return await withTaskGroup(of: Phase.self) { group in
            group.addTask { .answered(await handler(request)) }
            group.addTask {
                do {
                    let bytes = try await client.read(atMost: 4096)
                    return .peerSent(bytes)
                } catch is CancellationError {
                    return .stopped
                } catch {
                    return .peerGone
                }
            }
            var more: [UInt8] = []
            var response: PreviewResponse? = nil
            while let phase = await group.next() {
                switch phase {
                case let .answered(r):
                    response = r
                    group.cancelAll()  // the watch; its read may still bring bytes
                case let .peerSent(b):
                    more = b
                case .peerGone:
                    group.cancelAll()
                    return nil
                case .stopped:
                    break
                }
            }
            return response.map { ($0, more) }
        }
    }

    enum HeadResult: Sendable {
        case request(PreviewRequest, keepAlive: Bool)
        case refused(Int, String)
    }

    /// Reads one request head after `start` (bytes already read), within `limits`: the head
    /// (or why it is refused, as soon as it is known) and the bytes read after it.
    static func readHead(_ client: AsyncSocket, _ start: [UInt8], _ limits: HTTPLimits) async throws -> (HeadResult, [UInt8]) {
        var buf = start
        var lineStart = 0, scanned = 0
        var requestLine: [UInt8]? = nil
        var headerLines: [ArraySlice<UInt8>] = []
        var headerBytes = 0
        while true {
            // Every complete line in what has arrived.
            while let lf = buf[scanned...].firstIndex(of: 10) {
                var end = lf
                if end > lineStart && buf[end - 1] == 13 { end -= 1 }
                let line = buf[lineStart..<end]
                lineStart = lf + 1
                scanned = lineStart
                if requestLine == nil {
                    if line.isEmpty { continue }  // empty lines before a request are allowed (RFC 9112 §2.2)
                    if line.count > limits.requestLine { return (.refused(414, "Adresse trop longue"), []) }
                    requestLine = Array(line)
                    continue
                }
                if line.isEmpty {
                    let rest = Array(buf[lineStart...])
                    return (parse(requestLine!, headerLines), rest)
                }
                headerBytes += line.count + 2
                headerLines.append(line)
                if headerBytes > limits.headerBytes || headerLines.count > limits.headerCount {
                    return (.refused(431, "En-têtes trop longs"), [])
                }
            }
            scanned = buf.count
            // The line being received is already too long: no need to wait for its end.
            let pending = buf.count - lineStart
            if requestLine == nil && pending > limits.requestLine + 1 { return (.refused(414, "Adresse trop longue"), []) }
            if requestLine != nil && headerBytes + pending > limits.headerBytes + 1 { return (.refused(431, "En-têtes trop longs"), []) }
            let more = try await client.read(atMost: 4096)
            if more.isEmpty { throw SocketError.disconnected }
            buf += more
        }
    }

    /// A request line and its header lines → the request, or why it is refused.
    static func parse(_ line: [UInt8], _ headerLines: [ArraySlice<UInt8>]) -> HeadResult {
        let parts = line.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy({ (65...90).contains($0) }) else {
            return .refused(400, "Requête mal formée")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { return .refused(505, "Version HTTP non prise en charge") }
        // Origin form only: an absolute target (`GET http://ailleurs/`) would name another host.
        guard parts[1].first == 47, parts[1].allSatisfy({ (33...126).contains($0) }) else { return .refused(400, "Adresse mal formée") }
        let method = String(decoding: parts[0], as: UTF8.self)
        guard method == "GET" || method == "HEAD" else { return .refused(405, "Seules GET et HEAD sont admises") }
        var headers: [(name: String, value: String)] = []
        for h in headerLines {
            guard let colon = h.firstIndex(of: 58), colon > h.startIndex,
                  h[h.startIndex..<colon].allSatisfy({ $0 > 32 && $0 < 127 }) else {
                return .refused(400, "En-tête mal formé")  // a folded line, a name with spaces
            }
            let name = String(decoding: h[h.startIndex..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: h[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        // No request of the preview has a body: one announced would be read as the next request.
        if headers.contains(where: { $0.name == "transfer-encoding" || ($0.name == "content-length" && $0.value != "0") }) {
            return .refused(413, "Une requête de prévisualisation n'a pas de corps")
        }
        let connection = headers.first { $0.name == "connection" }?.value.lowercased() ?? ""
        let keepAlive = version == "HTTP/1.1" ? !connection.contains("close") : connection.contains("keep-alive")
        return .request(PreviewRequest(method: method, target: String(decoding: parts[1], as: UTF8.self), headers: headers), keepAlive: keepAlive)
    }

    /// A short French page saying why a request is refused.
    static func refusal(_ status: Int, _ reason: String) -> PreviewResponse {
        let body = "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>\(status)</title><p>\(reason).</p></html>\n"
        return PreviewResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(body.utf8))
    }

    static func encode(_ r: PreviewResponse, head: Bool, close: Bool) -> Data {
        var text = "HTTP/1.1 \(r.status) \(reason(r.status))\r\n"
        for (name, value) in r.headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(r.body.count)\r\n"
        text += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n"
        text += "X-Content-Type-Options: nosniff\r\n\r\n"
        var out = Data(text.utf8)
        if !head { out.append(r.body) }
        return out
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 413: return "Content Too Large"
        case 414: return "URI Too Long"
        case 421: return "Misdirected Request"
        case 431: return "Request Header Fields Too Large"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status"
        }
    }
}

/// Thrown when a deadline passes first.
struct DeadlinePassed: Error {}

/// `operation`'s result, or `DeadlinePassed` after `seconds` (the operation is cancelled).
func withDeadline<T: Sendable>(_ seconds: Double, _ operation: @Sendable @escaping () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
            throw DeadlinePassed()
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { throw DeadlinePassed() }
        return first
    }
}

/// The open connections, each idle (waiting for a request) or busy (answering one).
actor ConnectionTable {
    private struct Entry {
        var task: Task<Void, Never>?
        /// When it started waiting for its request; nil while it answers one.
        var idleSince: UInt64?
    }

    let limit: Int
    private var open: [UInt64: Entry] = [:]
    private var next: UInt64 = 0

    init(limit: Int) { self.limit = limit }

    var count: Int { open.count }

    /// A slot for a new connection: when all are taken, the connection that has waited
    /// longest for its request is closed to make room (a slow client cannot hold them all);
    /// nil when every one is busy answering.
    func admit() -> UInt64? {
        if open.count >= limit {
            guard let oldest = open.filter({ $0.value.idleSince != nil }).min(by: { $0.value.idleSince! < $1.value.idleSince! }) else { return nil }
            oldest.value.task?.cancel()
            open[oldest.key] = nil
        }
        next += 1
        open[next] = Entry(task: nil, idleSince: DispatchTime.now().uptimeNanoseconds)
        return next
    }

    func attach(_ id: UInt64, _ task: Task<Void, Never>) {
        if open[id] == nil { task.cancel() } else { open[id]?.task = task }
    }

    func setIdle(_ id: UInt64, _ idle: Bool) {
        open[id]?.idleSince = idle ? DispatchTime.now().uptimeNanoseconds : nil
    }

    func closed(_ id: UInt64) { open[id] = nil }

    private var listenerClosed = false

    /// Every connection cancelled, and the listening socket shut (`closing`: closed) — once:
    /// its descriptor, once closed, may be another socket's.
    func end(listener fd: Int32, closing: Bool) {
        for e in open.values { e.task?.cancel() }
        open = [:]
        guard !listenerClosed else { return }
        if closing {
            listenerClosed = true
            _ = close(fd)
        } else {
            shutdown(fd, Int32(SHUT_RDWR))
        }
    }
}
