import ArgumentParser

/// Placeholder, replaced by the rules work.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explique une règle.")
    func run() async throws {}
}
