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

    /// Held-out rounds the model never trains on: they check its calibration and the default
    /// cut. Round 10 is left out on purpose: it was sealed for a first look at the finished
    /// extractor.
    public var evaluationFolders: [String] {
        ["heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9"]
            .map { root + "/Tests/ExodusExtractionTests/Gold/" + $0 }
    }

    /// The held-out articles that exist, folder by folder.
    public func evaluationArticles() throws -> [(name: String, articles: [Article])] {
        try evaluationFolders.filter { FileManagerShim.exists($0) }.map { (String($0.split(separator: "/").last!), try Corpus.articles(in: $0)) }
    }

    /// Training articles (corpus, then dev set) and clauses, in a fixed order.
    public func inputs() throws -> RowModelTraining.Inputs {
        let articles = try Corpus.articles(in: self.articles) + Corpus.articles(in: devset)
        return RowModelTraining.Inputs(articles: articles, clauses: try Corpus.clauses(in: clauses))
    }
}
