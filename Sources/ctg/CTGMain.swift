import CTGCommands

@main
struct CTGMain {
    static func main() async {
        await CTG.run()
    }
}
