import ArgumentParser
import Foundation
import Model
import Rules

/// `ctg explain [RULE]`: what a rule checks, the circular's sentence behind it, and a
/// wrong and a right example; alone, the list of rules.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explique une règle de ctg check : ce qu'elle vérifie, pourquoi (la circulaire), un exemple.",
        discussion: """
        Sans argument, liste toutes les règles avec leur gravité.
        Exemples : ctg explain    ctg explain duree-quatre-ans
        """)

    @Argument(help: "Identifiant de la règle, tel qu'il apparaît entre crochets dans ctg check (par exemple duree-quatre-ans).")
    var rule: String?

    func run() throws {
        let outcome = Self.execute(rule)
        if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data(outcome.stderr.utf8)) }
        FileHandle.standardOutput.write(Data(outcome.stdout.utf8))
        if outcome.code != 0 { throw ExitCode(outcome.code) }
    }

    /// The text to print; an unknown rule is exit code 2, with the closest id.
    static func execute(_ rule: String?) -> CommandOutcome {
        guard let rule else { return CommandOutcome(stdout: Catalogue.list(), stderr: "", code: 0) }
        switch Catalogue.lookup(rule) {
        case let .success(info):
            return CommandOutcome(stdout: Catalogue.explanation(info), stderr: "", code: 0)
        case let .failure(unknown):
            let hint = unknown.closest.map { " ; vouliez-vous dire « \($0) » ?" } ?? ""
            return CommandOutcome(stdout: "", stderr: "ctg explain : règle inconnue « \(unknown.name) »\(hint)\n(« ctg explain » sans argument liste les règles.)\n", code: 2)
        }
    }
}
