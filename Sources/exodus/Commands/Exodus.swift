import ArgumentParser
import Configuration
import ExodusCorpus

/// The `exodus` command: serve the API, extract departures from files, or check a corpus.
@main
struct Exodus: ParsableCommand {
    static let version = ExodusVersion.current

    static let configuration = CommandConfiguration(
        commandName: "exodus",
        abstract: "Which organisations left X (formerly Twitter), when, and where they went.",
        discussion: """
            Exodus reads news articles, finds the organisations that left X or said they \
            would, with the date and the sentence that says so, and serves them as JSON.

            Start with `exodus serve` and open http://127.0.0.1:8080/departures, or try \
            `exodus extract ARTICLE.txt --published 2025-01-16` on an article of your own.
            """,
        version: version,
        subcommands: [Serve.self, Build.self, Extract.self, Check.self]
    )
}

/// Options shared by the commands that load the configured corpus.
struct CorpusOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "JSON configuration file.",
            discussion: "Defaults to Config/exodus.json when that file exists. Environment variables EXODUS_* override it; flags override both.",
            valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Folder of seed documents (.txt or .html, each with an optional .json sidecar).", valueName: "dir"))
    var seeds: String?

    static let defaultConfigPath = "Config/exodus.json"

    /// Loads settings with these options and any further flag `overrides`;
    /// a problem is printed and ends the command with status 2.
    func loadSettings(_ overrides: [String: ConfigContent] = [:]) throws -> Settings {
        var loader = SettingsLoader(environment: currentEnvironment())
        if let seeds { loader.overrides["seeds"] = .string(seeds) }
        loader.overrides.merge(overrides) { _, new in new }
        do {
            return try loader.load(configPath: configPath)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }

    /// The config file to read: the one given, else the default if present.
    var configPath: String? {
        if let config { return config }
        return fileExists(Self.defaultConfigPath) ? Self.defaultConfigPath : nil
    }
}

/// The article URLs given on the command line, shared by `serve` and `build`.
struct SourceOptions: ParsableArguments {
    @Option(
        name: .customLong("source"),
        help: ArgumentHelp(
            "A URL of an article to fetch and extract (repeatable; http, https or file).", valueName: "url"))
    var sourceURLs: [String] = []

    @Option(
        name: .customLong("sources-file"),
        help: ArgumentHelp(
            "A file of article URLs, one per line (# starts a comment).", valueName: "file"))
    var sourcesFile: String?

    var isEmpty: Bool { sourceURLs.isEmpty && sourcesFile == nil }

    /// Adds these sources to the configured ones; a bad URL or file is printed and ends the
    /// command with status 2.
    func add(to settings: inout Settings) throws {
        do {
            settings.sources += try SourcesFile.sources(urls: sourceURLs, file: sourcesFile)
        } catch {
            printError(error.description)
            throw ExitCode(2)
        }
    }
}
