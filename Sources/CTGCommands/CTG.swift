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
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ExplainCommand.self, DiffCommand.self,
                      TableurCommand.self])
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
            let args = arguments ?? Array(CommandLine.arguments.dropFirst())
            let end = outcome(of: error, arguments: args)
            if let out = end.stdout { print(out) }
            if let err = end.stderr, !err.isEmpty { FileHandle.standardError.write(Data((err + "\n").utf8)) }
            Foundation.exit(end.code)
        }
    }

    /// What the command line prints and exits with when parsing or running `arguments`
    /// stopped with `error`: help asked for (`-h`, `--help`, `help`, `--version`) on stdout
    /// with 0; help because no command was given (`ctg`, `ctg new`) on stderr with 2, since
    /// nothing ran; any other error in French on stderr, 2 for bad arguments.
    static func outcome(of error: Error, arguments: [String]) -> (code: Int32, stdout: String?, stderr: String?) {
        let code = exitCode(for: error)
        let message = francais(fullMessage(for: error))
        if code == .success || code.rawValue == 0 {
            let asked = arguments.contains { ["-h", "--help", "help", "--version"].contains($0) }
            return asked ? (0, message, nil) : (2, nil, message)
        }
        return (code == .validationFailure ? 2 : code.rawValue, nil, message)
    }

    /// ArgumentParser's own messages (bad options, missing values), in French.
    static func francais(_ message: String) -> String {
        let table: [(String, String)] = [
            (#"^Error: "#, "Erreur : "),
            (#"Unknown option '([^']*)'"#, "option inconnue « $1 »"),
            (#"Unexpected argument '([^']*)'"#, "argument inattendu « $1 »"),
            (#"Missing value for '([^']*)'"#, "valeur manquante pour « $1 »"),
            (#"Missing expected argument '([^']*)'"#, "argument manquant : « $1 »"),
            (#"The value '([^']*)' is invalid for '([^']*)'\. Please provide one of (.*)\."#, "la valeur « $1 » n'est pas valide pour « $2 » ; valeurs possibles : $3."),
            (#"The value '([^']*)' is invalid for '([^']*)'"#, "la valeur « $1 » n'est pas valide pour « $2 »"),
            (#"'([a-z]+)' or '([a-z]+)'"#, "'$1' ou '$2'"),
            (#"(?m)^Help:  "#, "Aide : "),
            (#"(?m)^Usage: "#, "Utilisation : "),
            (#"See '([^']*)' for more information\."#, "Voir « $1 » pour plus d'informations."),
            // The help's own headings and options.
            (#"(?m)^OVERVIEW: "#, "PRÉSENTATION : "),
            (#"(?m)^USAGE: "#, "UTILISATION : "),
            (#"(?m)^ARGUMENTS:$"#, "ARGUMENTS :"),
            (#"(?m)^OPTIONS:$"#, "OPTIONS :"),
            (#"(?m)^SUBCOMMANDS:$"#, "COMMANDES :"),
            (#"<subcommand>"#, "<commande>"),
            (#"Show the version\."#, "Affiche la version."),
            (#"Show help information\."#, "Affiche cette aide."),
            (#"See '([^']*)' for detailed help\."#, "Voir « $1 » pour l'aide détaillée."),
            // Values and defaults, as the README names them.
            // A wrapped help line may break after the colon: the break and its indent are kept.
            (#"\(values:(\s+)([^;)]*);(\s+)default:(\s+)([^)]*)\)"#, "(valeurs\u{00A0}:$1$2 ;$3par défaut\u{00A0}:$4$5)"),
            (#"\(values:(\s+)([^)]*)\)"#, "(valeurs\u{00A0}:$1$2)"),
            (#"\(default:(\s+)([^)]*)\)"#, "(par défaut\u{00A0}:$1$2)"),
            // Longer names, their column kept aligned: as many spaces fewer as letters more.
            (#"<dir>    "#, "<dossier>"),
            (#"<dir>"#, "<dossier>"),
            (#"<output> "#, "<dossier>"),
            (#"<output>"#, "<dossier>"),
            (#"<rule> "#, "<règle>"),
            (#"<rule>"#, "<règle>"),
        ]
        var out = message
        for (pattern, template) in table {
            out = out.replacingOccurrences(of: pattern, with: template, options: .regularExpression)
        }
        return out
    }
}
