import Content
import Foundation
import Model
@testable import Rendering
import Reports
import Testing

/// The rendering fixture project (`Fixtures/rendering/projet`) and helpers to render it
/// in memory: tests read the site as a dictionary path → text.
enum RenderingFixture {
    static let folder: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        return here.appendingPathComponent("Fixtures/rendering").path
    }()
    static let projet = folder + "/projet"
    static let golden = folder + "/golden"
    /// The repository's `templates/` (the built-in set).
    static let templates: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates").path
    }()

    static func load(_ root: String = projet) async throws -> (Project, ProjectReport) {
        let p = try await ProjectLoader.load(root: root)
        return (p, await ProjectReport.compute(conventions: p.conventions, date: p.site.dateReference!))
    }

    /// Renders a project; `findings` default to the loader's.
    static func site(_ root: String = projet, options: RenderOptions = RenderOptions(),
                     findings: [Finding]? = nil, templates: String? = nil,
                     compiled: Bool = true) async throws -> RenderedSite {
        let (p, r) = try await load(root)
        let renderer = try SiteRenderer(projectTemplates: templates, compiled: compiled)
        let files = try await renderer.render(project: p, report: r, findings: findings ?? p.findings, options: options)
        return RenderedSite(files: files)
    }
}

/// A rendered site, in memory.
struct RenderedSite {
    let files: [OutputFile]
    var paths: [String] { files.map(\.path) }

    subscript(_ path: String) -> String? {
        guard let f = files.first(where: { $0.path == path }), case let .text(t) = f.content else { return nil }
        return t
    }

    var pages: [(path: String, html: String)] {
        files.compactMap { f in
            guard f.path.hasSuffix(".html"), case let .text(t) = f.content else { return nil }
            return (f.path, t)
        }
    }
}

/// Just enough HTML reading for structural checks of pages the tool made.
enum HTMLScan {
    /// Every value of `attr="…"` in `html` (attribute values are escaped, so no quote inside).
    static func attributes(_ attr: String, in html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        let needle = " \(attr)=\""
        while let r = rest.range(of: needle) {
            rest = rest[r.upperBound...]
            guard let q = rest.firstIndex(of: "\"") else { break }
            out.append(unescape(String(rest[..<q])))
            rest = rest[q...]
        }
        return out
    }

    /// Every start tag `<name …>` in `html`, whole.
    static func tags(_ name: String, in html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let r = rest.range(of: "<\(name)") {
            let after = rest[r.upperBound...]
            guard let c = after.first, c == " " || c == ">" || c == "/" else { rest = after; continue }
            guard let end = after.firstIndex(of: ">") else { break }
            out.append(String(rest[r.lowerBound...end]))
            rest = after[end...]
        }
        return out
    }

    /// The contents of each `<name …>…</name>` (not nested).
    static func elements(_ name: String, in html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let r = rest.range(of: "<\(name)") {
            let after = rest[r.upperBound...]
            guard let c = after.first, c == " " || c == ">" else { rest = after; continue }
            guard let close = after.range(of: "</\(name)>") else { break }
            out.append(String(after[..<close.lowerBound]))
            rest = after[close.upperBound...]
        }
        return out
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `a/b/index.html` + `../c/index.html#x` → (`a/c/index.html`, `x`); nil for other schemes.
    static func resolve(_ href: String, from page: String) -> (path: String, fragment: String?)? {
        if href.hasPrefix("http:") || href.hasPrefix("https:") || href.hasPrefix("mailto:") { return nil }
        var path = Substring(href), fragment: String? = nil
        if let h = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: h)...])
            path = path[..<h]
        }
        if path.isEmpty { return (page, fragment) }
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for p in (path.removingPercentEncoding ?? String(path)).split(separator: "/") {
            if p == ".." { if !parts.isEmpty { parts.removeLast() } } else if p != "." { parts.append(String(p)) }
        }
        return (parts.joined(separator: "/"), fragment)
    }
}
