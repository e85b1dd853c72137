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
    public let weights: [Float]
    /// Platt scaling of the raw score, fitted on out-of-fold scores by article.
    public let plattA: Double
    public let plattB: Double
    /// The smallest confidence at which rows were right at least nine times in ten
    /// (Wilson lower bound) in cross-validation when the model was trained. Informational: the
    /// service's default is `Confidence.defaultMinimum`, which a test keeps equal to it.
    public let suggestedMinimum: Double

    public init(weights: [Float], plattA: Double, plattB: Double, suggestedMinimum: Double) {
        precondition(weights.count == RowFeatures.bucketCount, "weights must cover every bucket")
        self.weights = weights
        self.plattA = plattA
        self.plattB = plattB
        self.suggestedMinimum = suggestedMinimum
    }

    public struct FormatError: Error, CustomStringConvertible {
        public let line: Int
        public let problem: String
        public var description: String { "row-model.txt line \(line): \(problem)" }
    }

    public static let fileName = "row-model.txt"
    public static let magic = "exodus-row-model 1"

    /// Reads the text form written by `serialized()`.
    public init(text: String) throws {
        var weights = [Float](repeating: 0, count: RowFeatures.bucketCount)
        var a: Double?, b: Double?, minimum: Double?
        var sawMagic = false, sawTemplates = false
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = n + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ")
            if !sawMagic {
                guard line == RowModel.magic else { throw FormatError(line: lineNumber, problem: "expected '\(RowModel.magic)'") }
                sawMagic = true
                continue
            }
            switch parts[0] {
            case "templates":
                guard parts.count == 2, parts[1] == RowFeatures.templateVersion else {
                    throw FormatError(line: lineNumber, problem: "trained on other feature templates than \(RowFeatures.templateVersion): run make train")
                }
                sawTemplates = true
            case "bits":
                guard parts.count == 2, Int(parts[1]) == RowFeatures.bits else {
                    throw FormatError(line: lineNumber, problem: "bucket bits differ from \(RowFeatures.bits)")
                }
            case "platt":
                guard parts.count == 3, let x = Double(parts[1]), let y = Double(parts[2]), x.isFinite, y.isFinite else {
                    throw FormatError(line: lineNumber, problem: "platt needs two numbers")
                }
                a = x; b = y
            case "minimum":
                guard parts.count == 2, let x = Double(parts[1]), (0...1).contains(x) else {
                    throw FormatError(line: lineNumber, problem: "minimum needs a number in 0...1")
                }
                minimum = x
            default:
                guard parts.count == 2, let i = Int(parts[0]), (0..<RowFeatures.bucketCount).contains(i),
                      let w = Float(parts[1]), w.isFinite else {
                    throw FormatError(line: lineNumber, problem: "expected 'bucket weight'")
                }
                weights[i] = w
            }
        }
        guard sawMagic, sawTemplates, let a, let b, let minimum else {
            throw FormatError(line: 0, problem: "header incomplete (magic, templates, platt, minimum)")
        }
        self.init(weights: weights, plattA: a, plattB: b, suggestedMinimum: minimum)
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
}
