import Foundation
import Model
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
        if !summaryOnly {
            for f in checked.findings { error(f.description) }
        }
        error("\(checked.errors) erreur(s), \(checked.warnings) avertissement(s)")
    }
}
