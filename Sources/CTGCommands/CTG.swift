import ArgumentParser
public struct CTG: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "ctg")
    public init() {}
}
