import ArgumentParser
import Content
import Foundation
import Model
import Rules
import Site

/// What a command printed and how it ended: what tests compare.
struct CommandOutcome: Sendable, Equatable {
    var stdout: String
    var stderr: String
    var code: Int32
}

/// `ctg check [DIR] [--format text|json|sarif]`: every rule over every file, nothing written.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Vérifie les conventions au regard de leur cadre (circulaire Cnaf n° 2013-205 ou du 16 janvier 2020), sans rien écrire.",
        discussion: """
        Chaque constat donne le fichier, la ligne et la colonne, la règle (ctg explain RÈGLE \
        pour le détail) et ce qu'il faut corriger. Code de sortie : 0 sans erreur (les \
        avertissements sont permis), 1 avec au moins une erreur, 2 si le dossier ne peut pas \
        être lu. Les règles se règlent dans content/site.yml (« regles: »).
        Exemples : ctg check .    ctg check mon-projet --format json
        """)

    /// Output formats of FORMAT.md §5, and SARIF for code-scanning tools.
    enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json, sarif
    }

    @Argument(help: "Dossier du projet (contient content/), le dossier courant par défaut.")
    var dir: String = "."

    @Option(name: .long, help: "Format de sortie : text (pour lire), json (pour d'autres outils) ou sarif (SARIF 2.1.0, pour les outils d'analyse de code).")
    var format: Format = .text

    func run() async throws {
        ProcessLifetime.keepUntilExit()
        let env = ProcessInfo.processInfo.environment
        let color = format == .text && isatty(1) != 0 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
        let outcome = await Self.execute(root: dir, format: format, color: color)
        if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data(outcome.stderr.utf8)) }
        FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
        if outcome.code != 0 { throw ExitCode(outcome.code) }
    }

    /// Loads, checks and formats; never throws: an unreadable project is exit code 2.
    static func execute(root: String, format: Format, color: Bool = false) async -> CommandOutcome {
        let checked: CheckedProject
        do {
            checked = try await Builder.check(root: root)
        } catch {
            return CommandOutcome(stdout: "", stderr: "ctg check : \(error)\n", code: 2)
        }
        let findings = checked.findings
        let conventions = Checker.conventionFiles(checked.project)
        let out: String
        switch format {
        case .text:
            let sources = SourceLines(root: root)
            out = TextReport.render(findings, conventions: conventions, color: color, source: sources.line)
        case .json:
            out = JSONReport.render(findings, conventions: conventions, cadres: Checker.cadres(checked.project))
        case .sarif:
            out = SARIFReport.render(findings, cadres: Checker.cadres(checked.project))
        }
        return CommandOutcome(stdout: out, stderr: "", code: checked.errors > 0 ? 1 : 0)
    }
}

/// Lines of project files for the text report, read once per file, decoded as the loader
/// decodes them (BOM dropped, CRLF and CR as line ends, invalid UTF-8 replaced) so that
/// line numbers agree.
final class SourceLines {
    let root: String
    private var cache: [String: [Substring]] = [:]

    init(root: String) { self.root = root }

    func line(_ file: String, _ n: Int) -> String? {
        let lines: [Substring]
        if let cached = cache[file] {
            lines = cached
        } else {
            var bytes = FileManager.default.contents(atPath: join(root, file)).map(Array.init) ?? []
            // A results sheet may be Windows-1252, as Excel writes CSV: decoded as it was read.
            let csv = file.lowercased().hasSuffix(".csv")
            if !csv, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let text = (csv ? Tableur.texte(bytes) : String(decoding: bytes, as: UTF8.self))
                .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            cache[file] = lines
        }
        guard n >= 1, n <= lines.count else { return nil }
        return String(lines[n - 1])
    }
}
