import ArgumentParser
import Foundation

/// `ctg`: the root command; each subcommand is a thin layer over the `Site` target.
public struct CTG: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ctg",
        abstract: "Vérifie et publie les conventions territoriales globales (CTG) d'une Caf.",
        discussion: """
        Un projet est un dossier qui contient « content/ » (site.yml, territoires/, pages/) \
        et, au besoin, « templates/ ». Exemple : ctg check . && ctg build .
        """,
        version: "0.1.0",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ExplainCommand.self])
    public init() {}

    /// Runs the command line: FORMAT.md §5 exit codes (2 for bad arguments, where
    /// ArgumentParser would use 64), French messages, never a stack trace.
    public static func run(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 0 {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
