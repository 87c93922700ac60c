import FlyingFox
import FlyingSocks
import Foundation
import Model
import Site

/// Why the preview could not start (exit code 2).
public struct PreviewError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// `ctg serve`: the live site over HTTP on 127.0.0.1 only, rebuilt when a source changes.
public final class PreviewServer: Sendable {
    public let live: LiveSite
    let server: HTTPServer
    public let port: UInt16

    public init(root: String, port: UInt16) throws {
        live = LiveSite(root: root)
        self.port = port
        let address: sockaddr_in
        do {
            address = try sockaddr_in.inet(ip4: "127.0.0.1", port: port)
        } catch {
            throw PreviewError(description: "adresse 127.0.0.1:\(port) invalide")
        }
        server = HTTPServer(address: address, timeout: 30, logger: .disabled)
    }

    /// Builds once, then serves until cancelled. `onListening` gets the bound port.
    /// `watchEvery` is how often files are looked at where the kernel cannot tell of saves.
    public func run(watchEvery seconds: Double = 0.2, onListening: @Sendable @escaping (UInt16) -> Void,
                    onRebuild: @Sendable @escaping (LiveSite.Rebuild) -> Void = { _ in }) async throws {
        // Watch before the first build reads anything: no save is missed.
        let watcher = SourceWatcher(root: live.root, pollEvery: seconds)
        onRebuild(try await live.rebuild())
        let live = self.live
        await server.appendRoute("GET /__ctg/etat") { request in
            let seen = request.query.first { $0.name == "v" }.flatMap { Int($0.value) }
            let version = seen == nil ? await live.version : await live.waitForChange(after: seen!, timeout: 10)
            let problems = await live.problems
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8", .init("Cache-Control"): "no-store"],
                                body: Data(PreviewServer.stateJSON(version: version, problems: problems).utf8))
        }
        await server.appendRoute("GET,HEAD *") { request in
            // The raw target keeps a trailing slash that `request.path` drops.
            await PreviewServer.respond(to: request.target.path(percentEncoded: false), live: live)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await self.server.run()
                } catch {
                    if Task.isCancelled { throw CancellationError() }
                    throw PreviewError(description: "impossible d'écouter sur 127.0.0.1:\(self.port) : le port est peut-être déjà utilisé ; choisissez-en un autre avec --port \(self.port &+ 1)")
                }
            }
            group.addTask {
                try await self.server.waitUntilListening()
                if case let .ip4(_, port)? = await self.server.listeningAddress { onListening(port) } else { onListening(self.port) }
                for await changed in watcher.changes {
                    if Task.isCancelled { break }
                    do { onRebuild(try await live.rebuild(changed: changed)) } catch { /* a broken project keeps the last good pages */ }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    public func stop() async { await server.stop(timeout: 1) }

    static func respond(to rawPath: String, live: LiveSite) async -> HTTPResponse {
        var path = rawPath
        while path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if let data = await live.file(path) {
            return HTTPResponse(statusCode: .ok, headers: [.contentType: contentType(path), .init("Cache-Control"): "no-store"], body: data)
        }
        if let _ = await live.file(path + "/index.html") {
            // With its (empty) body: without it, the literal picks FlyingFox's deprecated init.
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: "/" + path + "/"], body: Data())
        }
        let body = "<!doctype html><html lang=\"fr\"><meta charset=\"utf-8\"><title>Page introuvable</title><h1>Page introuvable</h1><p><a href=\"/index.html\">Accueil</a></p>\(LiveSite.script)</html>"
        return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"], body: Data(body.utf8))
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
