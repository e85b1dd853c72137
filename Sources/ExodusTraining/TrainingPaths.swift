import Foundation

/// Where `make train` reads and writes, relative to the package root.
public struct TrainingPaths {
    public let root: String
    public init(root: String) { self.root = root }

    public var articles: String { root + "/Training/corpus/articles" }
    public var clauses: String { root + "/Training/corpus/clauses" }
    /// The dev set (re-told real articles) also trains the model.
    public var devset: String { root + "/Tests/ExodusExtractionTests/Gold/devset" }
    public let modelRelative = "Sources/ExodusExtraction/Model/row-model.txt"
    public var model: String { root + "/" + modelRelative }
    public let clauseModelRelative = "Sources/ExodusExtraction/Model/clause-model.txt"
    public var clauseModel: String { root + "/" + clauseModelRelative }

    /// Held-out rounds the models never train on, written like real news: the row model's
    /// confidence is calibrated and the default cut chosen on them. A round joins once it has had
    /// its first look (rounds 30 and 31 joined at the start of the thirteenth session, round 32 in
    /// its middle, rounds 33 and 34 at the start of the fourteenth, rounds 35 to 37 in the
    /// fifteenth, after round 37's first look, and rounds 38 to 40 in the sixteenth, after round
    /// 40's first look, rounds 41 and 42 in the seventeenth, after round 42's first look, and rounds 43 to 46 in the
    /// eighteenth, after round 46's first look, rounds 47 and 48 in the nineteenth, after
    /// round 48's first look, rounds 49 and 50 in the twentieth, after round 50's first look, and
    /// rounds 51 to 53 in the twenty-first, after round 53's first look, and rounds 54 to 56 in
    /// the twenty-second, after round 56's first look, and rounds 57 and 58 in the twenty-third,
    /// after round 58's first look, rounds 59 and 60 in the twenty-fourth, and rounds 61 and 62 in
    /// the twenty-fifth, after round 62's first look); a sealed round stays out until then.
    public var evaluationFolders: [String] {
        [
            "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18",
            "heldout19", "heldout20", "heldout21", "heldout22", "heldout23", "heldout24", "heldout25", "heldout26",
            "heldout27", "heldout28", "heldout29", "heldout30", "heldout31", "heldout32", "heldout33", "heldout34",
            "heldout35", "heldout36", "heldout37", "heldout38", "heldout39", "heldout40", "heldout41", "heldout42",
            "heldout43", "heldout44", "heldout45", "heldout46", "heldout47", "heldout48", "heldout49", "heldout50",
            "heldout51", "heldout52", "heldout53", "heldout54", "heldout55", "heldout56", "heldout57", "heldout58",
            "heldout59", "heldout60", "heldout61", "heldout62",
        ].map {
            root + "/Tests/ExodusExtractionTests/Gold/" + $0
        }
    }

    /// Rounds 1-7: written unseen, but the rules have since been tuned on them, so they no
    /// longer measure anything new. As training data they show the model the rule engine's
    /// rows on realistic text.
    public var tunedRounds: [String] {
        ["heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7"]
            .map { root + "/Tests/ExodusExtractionTests/Gold/" + $0 }
    }

    /// The held-out articles that exist, folder by folder.
    public func evaluationArticles() throws -> [(name: String, articles: [Article])] {
        try evaluationFolders.filter { FileManager.default.fileExists(atPath: $0) }.map {
            (String($0.split(separator: "/").last!), try Corpus.articles(in: $0))
        }
    }

    /// Training articles (corpus, dev set, tuned rounds, seed) and clauses, in a fixed order.
    public func inputs() throws -> RowModelTraining.Inputs {
        var articles = try Corpus.articles(in: self.articles) + Corpus.articles(in: devset)
        for folder in tunedRounds { articles += try Corpus.articles(in: folder) }
        // The seed article is the corpus the service exists to serve: its rows must stay
        // visible, so the model sees them too (an in-sample fact, not a measurement).
        let seed = try Corpus.articles(in: root + "/Tests/ExodusExtractionTests/Gold").filter { $0.name == "seed" }
        articles += seed
        let rounds = try evaluationArticles()
        var inputs = RowModelTraining.Inputs(
            articles: articles, clauses: try Corpus.clauses(in: clauses), mustShow: seed, calibration: rounds.flatMap(\.articles))
        inputs.calibrationRounds = rounds.enumerated().flatMap { r, round in round.articles.map { _ in r } }
        return inputs
    }
}
