// TEMPORARY stand-in for the rendering work (branch `pages`); deleted at merge.
import Content
import Model
import Reports

public struct RenderOptions: Sendable {
    public var revue: Bool
    public var projets: Bool
    public var liveReloadScript: String?
    public init(revue: Bool = false, projets: Bool = false, liveReloadScript: String? = nil) {
        self.revue = revue
        self.projets = projets
        self.liveReloadScript = liveReloadScript
    }
}

public enum OutputContent: Sendable {
    case text(String)
    case copy(from: String)
}

public struct OutputFile: Sendable {
    public var path: String
    public var content: OutputContent
    public init(path: String, content: OutputContent) {
        self.path = path
        self.content = content
    }
}

public struct TemplateError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

public struct SiteRenderer: Sendable {
    public init(projectTemplates: String?) throws {}
    public func render(project: Project, report: ProjectReport, findings: [Finding], options: RenderOptions) async throws -> [OutputFile] {
        var out = [OutputFile(path: "index.html", content: .text("<!doctype html><html lang=\"fr\"><title>\(project.site.titre)</title>\(options.liveReloadScript ?? "")</html>\n"))]
        for c in project.conventions {
            out.append(OutputFile(path: "territoires/\(c.id.value)/index.html", content: .text("<p>\(c.id.value)</p>\n")))
            for f in c.fichiers { out.append(OutputFile(path: "territoires/\(c.id.value)/" + f.split(separator: "/").last!, content: .copy(from: f))) }
        }
        return out
    }
}
