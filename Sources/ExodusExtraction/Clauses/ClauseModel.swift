#if canImport(Glibc)
    import Glibc
#endif
import ExodusCore
import ExodusLexiconData

/// The clause classifier: a logistic model over `ClauseFeatures` that says how likely a
/// sentence states that a given organisation left X (or paused, or will leave).
///
/// The trigger rules propose most departures; this model proposes the ones they miss (a
/// phrasing no rule lists, a long name the rules' subject search does not reach). It is asked
/// only about organisations in a sentence that refers to X and that no rule has made depart
/// there, and it proposes a departure when its probability reaches `threshold`. Every row it
/// proposes is still scored by the row model like any other.
///
/// The weights come from `make train` (`Model/clause-model.txt`), compiled in like the lexicon.
public struct ClauseModel: Sendable {
    /// The weight of each feature bucket (most are zero; see `BucketWeights`).
    public let weights: BucketWeights
    /// The probability from which a clause counts as a departure.
    public let threshold: Double

    public init(weights: [Float], threshold: Double) {
        precondition(weights.count == RowFeatures.bucketCount, "weights must cover every bucket")
        self.weights = BucketWeights(weights)
        self.threshold = threshold
    }

    private init(weights: BucketWeights, threshold: Double) {
        self.weights = weights
        self.threshold = threshold
    }

    /// A model that proposes nothing (training the clause model itself, or rules only). Every run
    /// starts with it, so its weights are all zero without a dense array of them.
    public static let off = ClauseModel(weights: BucketWeights(zeros: RowFeatures.bucketCount), threshold: 2)

    public static let fileName = "clause-model.txt"
    public static let magic = "exodus-clause-model 1"

    public typealias FormatError = WeightsFile.FormatError

    /// Reads the text form `make train` writes (see `WeightsFile`).
    public init(text: String) throws {
        let file = try WeightsFile(
            text: text, file: ClauseModel.fileName, magic: ClauseModel.magic,
            templates: ClauseFeatures.templateVersion, required: ["threshold"])
        let threshold = try file.numbers("threshold", count: 1, file: ClauseModel.fileName) { $0 > 0 }[0]
        self.init(weights: file.weights, threshold: threshold)
    }

    /// The model compiled into the binary.
    public static let bundled: ClauseModel = {
        guard let text = exodus_lexicon_file(fileName) else { fatalError("\(fileName) is not embedded (see ExodusLexiconData)") }
        do { return try ClauseModel(text: String(cString: text)) } catch { fatalError("the bundled clause model is invalid: \(error)") }
    }()

    public var isOff: Bool { threshold > 1 }

    /// The probability that the clause states a departure, from its feature buckets.
    public func probability(_ buckets: [Int32]) -> Double {
        var z: Double = 0
        for b in buckets { z += Double(weights[Int(b)]) }
        return 1 / (1 + exp(-z))
    }
}

/// One organisation mention in a sentence that refers to X, as the clause classifier sees it.
/// Training labels these against the gold rows; `Extractor.clauseCandidates` lists them.
public struct ClauseCandidate: Sendable {
    /// The mention as written.
    public let mention: String
    /// The name of the organisation it was read as (after merging with earlier mentions).
    public let organisation: String
    /// The sentence, as a range of the document's text (UTF-8 offsets).
    public let sentence: Range<Int>
    public let buckets: [Int32]
    /// A trigger rule already makes this organisation depart in this sentence.
    public let byRule: Bool
}
