import Foundation
import Model
import Reports
import Site

/// Why the preview could not start (exit code 2).
public struct PreviewError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// `ctg serve`: the live site over HTTP on 127.0.0.1 only, rebuilt when a source changes.
public final class PreviewServer: Sendable {
    public let live: LiveSite
    let server: LoopbackHTTPServer
    public let port: UInt16

    /// Binds 127.0.0.1:`port` at once (0: a free port): a port in use is said before any build.
    /// `ancien`: `--depuis ANCIEN`, read by the caller.
    public init(root: String, port: UInt16, limits: HTTPLimits = HTTPLimits(), ancien: Instantane? = nil) throws {
        let live = LiveSite(root: root, ancien: ancien)
        self.live = live
        do {
            server = try LoopbackHTTPServer(port: port, limits: limits) { request in
                await PreviewServer.handle(request, live: live)
            }
        } catch {
            throw PreviewError(description: "impossible d'écouter sur 127.0.0.1:\(port) : le port est peut-être déjà utilisé ; choisissez-en un autre avec --port \(port &+ 1)")
        }
        self.port = server.port
    }

    /// Builds once, then serves until cancelled. `onListening` gets the bound port.
    /// `watchEvery` is how often files are looked at where the kernel cannot tell of saves.
    public func run(watchEvery seconds: Double = 0.2, onListening: @Sendable @escaping (UInt16) -> Void,
                    onRebuild: @Sendable @escaping (LiveSite.Rebuild) -> Void = { _ in }) async throws {
        // Watch before the first build reads anything: no save is missed.
        let watcher = SourceWatcher(root: live.root, pollEvery: seconds)
        onRebuild(try await live.rebuild())
        let live = self.live
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.server.serve() }
            group.addTask {
                onListening(self.port)
                for await changed in watcher.changes {
                    if Task.isCancelled { break }
                    do { onRebuild(try await live.rebuild(changed: changed)) } catch { /* a broken project keeps the last good pages */ }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    public func stop() async { await server.stop() }

    /// The answer to a request that passed the server's checks (size, time, Host).
    static func handle(_ request: PreviewRequest, live: LiveSite) async -> PreviewResponse {
        if request.path == "/__ctg/etat" {
            let seen = request.query("v").flatMap { Int($0) }
            let version = seen == nil ? await live.version : await live.waitForChange(after: seen!, timeout: 10)
            let problems = await live.problems
            return PreviewResponse(status: 200, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")],
                                   body: Data(PreviewServer.stateJSON(version: version, problems: problems).utf8))
        }
        // The raw target keeps a trailing slash.
        return await respond(to: request.path, live: live)
    }

    static func respond(to rawPath: String, live: LiveSite) async -> PreviewResponse {
        var path = rawPath
        while path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if let data = await live.file(path) {
            return PreviewResponse(status: 200, headers: [("Content-Type", contentType(path)), ("Cache-Control", "no-store")], body: data)
        }
        if let _ = await live.file(path + "/index.html") {
            return PreviewResponse(status: 301, headers: [("Location", "/" + path + "/")])
        }
        let body = "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Page introuvable</title><h1>Page introuvable</h1><p><a href=\"/index.html\">Accueil</a></p>\(LiveSite.script)</html>"
        return PreviewResponse(status: 404, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(body.utf8))
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "pdf": return "application/pdf"
        case "js": return "text/javascript; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    static func stateJSON(version: Int, problems: [Finding]) -> String {
        func esc(_ s: String) -> String {
            var o = ""
            for c in s.unicodeScalars {
                switch c {
                case "\"": o += "\\\""
                case "\\": o += "\\\\"
                case "\n": o += "\\n"
                case "\r": o += "\\r"
                case "\t": o += "\\t"
                default:
                    if c.value < 0x20 { o += String(format: "\\u%04x", c.value) } else { o.unicodeScalars.append(c) }
                }
            }
            return o
        }
        let items = problems.map {
            "{\"rule\":\"\(esc($0.rule.rawValue))\",\"file\":\"\(esc($0.location.file))\",\"line\":\($0.location.line),\"column\":\($0.location.column),\"message\":\"\(esc($0.message))\"}"
        }
        return "{\"version\":\(version),\"problemes\":[\(items.joined(separator: ","))]}"
    }
}
