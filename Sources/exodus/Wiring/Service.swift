import ExodusCore
import Logging

/// The running service: settings, logger, the current snapshot and the HTTP server.
final class Service: Sendable {
    let settings: Settings
    let logger: Logger

    init(settings: Settings) {
        self.settings = settings
        let level = Logger.Level(rawValue: settings.logLevel.rawValue) ?? .info
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        self.logger = Logger(label: "exodus")
    }

    func run() throws {
        let outcome = Components.pipeline.load(seeds: settings.seeds, builtAt: unixTime())
        for problem in outcome.problems {
            logger.warning("seed problem", metadata: ["problem": .string(problem.description)])
        }
        logger.info("snapshot built", metadata: [
            "documents": .stringConvertible(outcome.snapshot.documents.count),
            "departures": .stringConvertible(outcome.snapshot.departures.count),
        ])
        // The HTTP server is wired in once the server core lands.
    }
}
