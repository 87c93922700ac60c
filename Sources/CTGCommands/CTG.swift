import ArgumentParser

/// `ctg`: the root command; each subcommand is a thin layer over the `Site` target.
public struct CTG: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ctg",
        abstract: "Vérifie et publie les conventions territoriales globales (CTG) d'une Caf.",
        discussion: """
        Un projet est un dossier qui contient « content/ » (site.yml, territoires/, pages/) \
        et, au besoin, « templates/ ». Exemple : ctg check . && ctg build .
        """,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, ExplainCommand.self])
    public init() {}
}
