import Foundation
import Model
import Rules
import Site

/// Terminal output shared by the commands.
enum Console {
    /// A line on stdout, unbuffered (a long-running command's progress must show at once).
    static func out(_ s: String) {
        FileHandle.standardOutput.write(Data((s + "\n").utf8))
    }

    static func error(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }

    /// Prints findings like a compiler, on stderr (stdout stays for the command's own output).
    static func printFindings(_ checked: CheckedProject, root: String, summaryOnly: Bool = false) {
        let conventions = Checker.conventionFiles(checked.project)
        if summaryOnly {
            error(TextReport.summary(checked.findings, conventions: conventions))
            return
        }
        let env = ProcessInfo.processInfo.environment
        let color = isatty(2) != 0 && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
        let sources = SourceLines(root: root)
        FileHandle.standardError.write(Data(TextReport.render(checked.findings, conventions: conventions, color: color, source: sources.line).utf8))
    }
}
