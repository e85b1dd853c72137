import ArgumentParser

@main
struct Exodus: ParsableCommand {
    func run() throws { print("exodus") }
}
