#if canImport(Glibc)
    import Glibc
#endif
import ExodusCore

/// Deterministic training of the row model: logistic regression by AdaGrad over sparse
/// binary features, Platt scaling on out-of-fold scores, and the confidence cut that keeps
/// precision at 0.9 or better.
///
/// Determinism: examples arrive in a fixed order, the shuffle is our own SplitMix64 with a
/// fixed seed, every sum runs in one order on one thread, and nothing reads a Dictionary or
/// Set in iteration order. The same corpus therefore gives the same bytes on every run.
public struct LogisticTrainer: Sendable {
    public struct Example: Sendable {
        public let buckets: [Int32]
        public let label: Bool
        /// Examples with the same group (an article) stay on one side of a cross-validation split.
        public let group: Int
        public init(buckets: [Int32], label: Bool, group: Int) {
            self.buckets = buckets
            self.label = label
            self.group = group
        }
    }

    public var epochs = 12
    public var learningRate = 0.3
    public var l2 = 1e-6
    public var seed: UInt64 = 0x5eed_0f_e40d05
    public var folds = 5

    public init() {}

    public init(learningRate: Double, bag: Int = 1) {
        self.learningRate = learningRate
        self.bag = max(1, bag)
    }

    /// How many fits, each with its own shuffle seed, `fit` averages. A linear model's average is
    /// one linear model, so this costs training time only.
    public var bag = 1

    /// Raw weights fitted to the examples: the mean of `bag` fits that differ only in the order
    /// the examples are visited.
    public func fit(_ examples: [Example]) -> [Double] {
        guard bag > 1 else { return fit(examples, seed: seed) }
        var sum = [Double](repeating: 0, count: RowFeatures.bucketCount)
        for k in 0..<bag {
            let w = fit(examples, seed: seed &+ UInt64(k) &* 0x9E37_79B9_7F4A_7C15)
            for j in sum.indices { sum[j] += w[j] }
        }
        return sum.map { $0 / Double(bag) }
    }

    func fit(_ examples: [Example], seed: UInt64) -> [Double] {
        var w = [Double](repeating: 0, count: RowFeatures.bucketCount)
        var g2 = [Double](repeating: 1e-8, count: RowFeatures.bucketCount)
        var order = Array(examples.indices)
        var rng = SplitMix64(seed: seed)
        let rate = learningRate, l2 = l2
        // Raw buffers: the same sums in the same order as array subscripts, without a bounds
        // and uniqueness check per weight (the tests retrain the models in debug builds).
        w.withUnsafeMutableBufferPointer { w in
            g2.withUnsafeMutableBufferPointer { g2 in
                for _ in 0..<epochs {
                    rng.shuffle(&order)
                    for i in order {
                        let label = examples[i].label
                        examples[i].buckets.withUnsafeBufferPointer { buckets in
                            var z: Double = 0
                            for b in buckets { z += w[Int(b)] }
                            let g = sigmoid(z) - (label ? 1 : 0)
                            for b in buckets {
                                let j = Int(b)
                                let grad = g + l2 * w[j]
                                g2[j] += grad * grad
                                w[j] -= rate * grad / g2[j].squareRoot()
                            }
                        }
                    }
                }
            }
        }
        return w
    }

    /// Out-of-fold raw scores: each example scored by a model that never saw its group.
    public func outOfFoldScores(_ examples: [Example]) -> [Double] {
        var scores = [Double](repeating: 0, count: examples.count)
        for fold in 0..<folds {
            let train = examples.filter { $0.group % folds != fold }
            let w = fit(train)
            for (i, x) in examples.enumerated() where x.group % folds == fold {
                scores[i] = x.buckets.reduce(0) { $0 + w[Int($1)] }
            }
        }
        return scores
    }

    /// Platt scaling: a and b of p = 1 / (1 + e^-(a·s + b)), by Newton's method on the log
    /// loss, with Platt's smoothed targets so that a separable set does not drive a to infinity.
    public static func platt(scores: [Double], labels: [Bool]) -> (a: Double, b: Double) {
        let positives = Double(labels.filter { $0 }.count), negatives = Double(labels.count) - positives
        let hi = (positives + 1) / (positives + 2), lo = 1 / (negatives + 2)
        func loss(_ a: Double, _ b: Double) -> Double {
            var l = 0.0
            for (s, y) in zip(scores, labels) {
                let z = a * s + b, t = y ? hi : lo
                // log(1 + e^z) - t·z, written so that neither branch overflows.
                l += (z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))) - t * z
            }
            return l
        }
        var a = 1.0, b = 0.0
        var current = loss(a, b)
        for _ in 0..<100 {
            var ga = 0.0, gb = 0.0, haa = 1e-9, hab = 0.0, hbb = 1e-9
            for (s, y) in zip(scores, labels) {
                let p = sigmoid(a * s + b)
                let d = p - (y ? hi : lo)
                let v = p * (1 - p)
                ga += d * s; gb += d
                haa += v * s * s; hab += v * s; hbb += v
            }
            let det = haa * hbb - hab * hab
            guard det > 1e-12 else { break }
            let da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det
            // Newton's step, halved until the loss goes down (Lin, Lin and Weng's safeguard).
            var step = 1.0
            var moved = false
            while step > 1e-8 {
                let next = loss(a - step * da, b - step * db)
                if next < current - 1e-12 {
                    a -= step * da; b -= step * db
                    current = next
                    moved = true
                    break
                }
                step /= 2
            }
            if !moved || (abs(step * da) < 1e-10 && abs(step * db) < 1e-10) { break }
        }
        return (a, b)
    }

    /// The one-sided 95 % Wilson lower bound of a proportion k/n.
    public static func wilsonLower(_ k: Int, _ n: Int, z: Double = 1.6448536269514722) -> Double {
        guard n > 0 else { return 0 }
        let nn = Double(n), p = Double(k) / nn
        let centre = p + z * z / (2 * nn)
        let margin = z * ((p * (1 - p) + z * z / (4 * nn)) / nn).squareRoot()
        return (centre - margin) / (1 + z * z / nn)
    }

    /// The default cut (in steps of 0.05): the lowest at which the rows kept are right with a
    /// Wilson lower bound of at least `target` one standard error below the observed rate (z = 1:
    /// the 95 % bound asked for so much margin that the cut gave up a fifth of the right rows for
    /// one point of precision), while that still keeps half of the rows that are right. When no cut does, the lowest whose observed precision reaches `target` with
    /// half the right rows kept. When none does either, the highest cut whose F1 (over the `goldRows`) is within
    /// 0.01 of the best: a cut that only throws rows away is no default.
    ///
    /// With `incumbent` (the default in use) and a `margin`, the cut keeps still: the incumbent
    /// stays while its bound is within `margin` under the target and no lower cut clears the
    /// target by `margin`. Without that, a retraining that moves precision by a few
    /// ten-thousandths moved the default by a step of 0.05 (and recall by several points).
    public static func minimumFor(
        precision target: Double, confidences: [Double], labels: [Bool], goldRows: Int, incumbent: Double?, margin: Double = 0.005
    ) -> Double {
        let plain = minimumFor(precision: target, confidences: confidences, labels: labels, goldRows: goldRows)
        guard let incumbent, abs(plain - incumbent) > 1e-9 else { return plain }
        let allRight = labels.filter { $0 }.count
        func bound(_ cut: Double) -> (Double, Bool) {
            let (n, k) = kept(atOrAbove: cut, confidences, labels)
            return (n > 0 ? wilsonLower(k, n, z: 1) : 0, 2 * k >= allRight)
        }
        let (held, keepsHalf) = bound(incumbent)
        guard held >= target - margin, keepsHalf else { return plain }
        // A lower cut that clears the target with room is worth the move.
        for step in 0...19 {
            let cut = Double(step) * 0.05
            guard cut < incumbent - 1e-9 else { break }
            let (b, half) = bound(cut)
            if b >= target + margin, half { return cut }
        }
        return incumbent
    }

    /// The rows a cut keeps (confidence at or above it) and how many of them are right.
    private static func kept(atOrAbove cut: Double, _ confidences: [Double], _ labels: [Bool]) -> (n: Int, k: Int) {
        var n = 0, k = 0
        for (c, y) in zip(confidences, labels) where c >= cut {
            n += 1
            if y { k += 1 }
        }
        return (n, k)
    }

    public static func minimumFor(precision target: Double, confidences: [Double], labels: [Bool], goldRows: Int) -> Double {
        let allRight = labels.filter { $0 }.count
        var f1s: [(cut: Double, f1: Double)] = []
        var pointCut: Double?
        for step in 0...19 {
            let cut = Double(step) * 0.05
            let (n, k) = kept(atOrAbove: cut, confidences, labels)
            if n > 0, wilsonLower(k, n, z: 1) >= target, 2 * k >= allRight { return cut }
            if pointCut == nil, n > 0, Double(k) >= target * Double(n), 2 * k >= allRight { pointCut = cut }
            let p = n > 0 ? Double(k) / Double(n) : 0, r = goldRows > 0 ? Double(k) / Double(goldRows) : 0
            f1s.append((cut, p + r > 0 ? 2 * p * r / (p + r) : 0))
        }
        if let pointCut { return pointCut }
        let best = f1s.map(\.f1).max() ?? 0
        return f1s.last { $0.f1 >= best - 0.01 }?.cut ?? 0
    }
}

func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
