#if canImport(Glibc)
    import Glibc
#endif
import ExodusCore
import ExodusLexiconData

/// A logistic model over `RowFeatures` with Platt calibration: the confidence of a row.
///
/// score = Σ weight[bucket] over the row's feature buckets; confidence = 1 / (1 + e^-(a·score + b)).
/// The weights come from `make train` (ExodusTraining), which writes them to
/// `Model/row-model.txt`; the file is compiled into the binary like the lexicon.
public struct RowModel: Sendable {
    /// The weight of each feature bucket (most are zero; see `BucketWeights`).
    public let weights: BucketWeights
    /// Platt scaling of the raw score, fitted on out-of-fold scores by article.
    public let plattA: Double
    public let plattB: Double
    /// The smallest confidence at which rows were right at least nine times in ten
    /// (Wilson lower bound) in cross-validation when the model was trained. Informational: the
    /// service's default is `Confidence.defaultMinimum`, which a test keeps equal to it.
    public let suggestedMinimum: Double

    public init(weights: [Float], plattA: Double, plattB: Double, suggestedMinimum: Double) {
        precondition(weights.count == RowFeatures.bucketCount, "weights must cover every bucket")
        self.weights = BucketWeights(weights)
        self.plattA = plattA
        self.plattB = plattB
        self.suggestedMinimum = suggestedMinimum
    }

    public static let fileName = "row-model.txt"
    public static let magic = "exodus-row-model 1"

    public typealias FormatError = WeightsFile.FormatError

    /// Reads the text form `make train` writes (see `WeightsFile`).
    public init(text: String) throws {
        let file = try WeightsFile(
            text: text, file: RowModel.fileName, magic: RowModel.magic,
            templates: RowFeatures.templateVersion, required: ["platt", "minimum"])
        let platt = try file.numbers("platt", count: 2, file: RowModel.fileName)
        let minimum = try file.numbers("minimum", count: 1, file: RowModel.fileName) { (0...1).contains($0) }[0]
        self.init(weights: file.weights, plattA: platt[0], plattB: platt[1], suggestedMinimum: minimum)
    }

    /// The model compiled into the binary.
    public static let bundled: RowModel = {
        guard let text = exodus_lexicon_file(fileName) else { fatalError("\(fileName) is not embedded (see ExodusLexiconData)") }
        do { return try RowModel(text: String(cString: text)) } catch { fatalError("the bundled row model is invalid: \(error)") }
    }()

    /// The raw (uncalibrated) score of a set of buckets.
    public func score(_ buckets: [Int32]) -> Double {
        var s: Double = 0
        for b in buckets { s += Double(weights[Int(b)]) }
        return s
    }

    /// The calibrated probability that a row with this raw score is right.
    public func confidence(score: Double) -> Double {
        let z = plattA * score + plattB
        return 1 / (1 + exp(-z))
    }

    public func confidence(of row: Departure, in context: RowFeatures.Context, signals: RowSignals = RowSignals()) -> Double {
        confidence(score: score(RowFeatures.buckets(of: row, in: context, signals: signals)))
    }

    /// The confidence of each of a document's rows, as `confidence(of:in:signals:)` gives it.
    public func confidences(of rows: [Departure], in context: RowFeatures.Context, signals: [RowSignals]) -> [Double] {
        RowFeatures.buckets(of: rows, in: context, signals: signals).map { confidence(score: score($0)) }
    }
}
