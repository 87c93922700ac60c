import ArgumentParser

/// Placeholder, replaced by the rules work.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Vérifie les conventions sans rien écrire.")
    func run() async throws {}
}
