import Foundation
import ExodusCore
import ExodusExtraction

/// `make train`, first stage: the clause classifier, deterministically.
///
/// Examples are the organisation mentions in sentences that refer to X
/// (`Extractor.clauseCandidates`, with the classifier off):
/// - from the labelled clauses, the mention that is the clause's organisation, labelled by the
///   clause (the other mentions of those sentences are not labelled there, so they are left out);
/// - from the articles, every mention, labelled a departure when a gold row names that
///   organisation and its evidence (or a supporting quote) overlaps the sentence.
///
/// The threshold is the lowest probability, in steps of 0.05 from 0.5, at which the mentions
/// the rules did not already make depart are departures at least `targetPrecision` of the time,
/// out of fold by article. The row model then judges each row it proposes.
public struct ClauseModelTraining {
    public struct Output {
        /// The model file's text (`Model/clause-model.txt`).
        public let modelText: String
        public let model: ClauseModel
        /// One model per cross-validation fold, each trained without the groups of its fold:
        /// the row model trains on the rows these propose, as on text never seen.
        public let foldModels: [ClauseModel]
        public let report: String
    }

    public let extractor: Extractor
    /// Twenty fits averaged: one fit's proposals depend on the order it visited the examples
    /// (two shuffle seeds disagreed on 55 proposed rows of the calibration rounds); the mean of
    /// twenty disagrees on 13, so a retraining moves fewer rows that no rule change touched.
    public var trainer = LogisticTrainer(learningRate: 0.3, bag: 20)
    public var targetPrecision = 0.8

    public init(lexicon: Lexicon) {
        extractor = Extractor(
            lexicon: lexicon,
            model: RowModel(
                weights: [Float](repeating: 0, count: RowFeatures.bucketCount),
                plattA: 1, plattB: 0, suggestedMinimum: 0.5),
            clauseModel: .off)
    }

    /// Labelled examples; `byRule[i]` says whether a trigger rule already covered example i.
    /// Groups: article g is group g, and the clauses of one sentence share a group after them.
    public func examples(_ inputs: RowModelTraining.Inputs) -> (examples: [LogisticTrainer.Example], byRule: [Bool], fromArticles: Int, clausesUnmatched: Int) {
        var out: [LogisticTrainer.Example] = []
        var byRule: [Bool] = []
        for (g, article) in inputs.articles.enumerated() {
            let text = article.document.text
            // Where each gold row's quotes sit in the text (UTF-8 offsets).
            var golden: [(names: [String], ranges: [Range<Int>])] = []
            for row in article.gold {
                var names = [Scorer.normName(row["organisation"] as? String)]
                names += ((row["aliases"] as? [String]) ?? []).map { Scorer.normName($0) }
                var quotes = [(row["evidence"] as? String) ?? ""]
                quotes += (row["supporting"] as? [String]) ?? []
                golden.append((names.filter { !$0.isEmpty }, quotes.compactMap { Self.utf8Range(of: $0, in: text) }))
            }
            for c in extractor.clauseCandidates(article.document) {
                let names = [Scorer.normName(c.organisation), Scorer.normName(c.mention)].filter { !$0.isEmpty }
                let right = golden.contains { gold in
                    gold.ranges.contains { $0.overlaps(c.sentence) }
                        && names.contains { n in gold.names.contains { $0 == n || Scorer.containsWords($0, n) && n.split(separator: " ").count > 1 } }
                }
                out.append(.init(buckets: c.buckets, label: right, group: g))
                byRule.append(c.byRule)
            }
        }
        let fromArticles = out.count
        var unmatched = 0
        for (clause, group) in zip(inputs.clauses, inputs.clauseGroups) {
            let wanted = Scorer.normName(clause.organisation)
            let document = Document(id: "clause", text: clause.sentence + "\n")
            let candidates = extractor.clauseCandidates(document).filter { c in
                let n = Scorer.normName(c.mention)
                return !n.isEmpty && (n == wanted || Scorer.containsWords(n, wanted))
            }
            if candidates.isEmpty { unmatched += 1 }
            // The mention closest in length to the clause's organisation.
            if let c = candidates.min(by: { abs($0.mention.count - clause.organisation.count) < abs($1.mention.count - clause.organisation.count) }) {
                out.append(.init(buckets: c.buckets, label: clause.isDeparture, group: group))
                byRule.append(c.byRule)
            }
        }
        return (out, byRule, fromArticles, unmatched)
    }

    public func run(_ inputs: RowModelTraining.Inputs) -> Output {
        let (examples, byRule, fromArticles, unmatched) = examples(inputs)
        let oof = trainer.outOfFoldScores(examples).map { 1 / (1 + exp(-$0)) }
        // The threshold, judged on the article mentions the rules left alone.
        var table = "threshold  proposed  right  precision\n"
        var threshold = 0.95
        var chosen = false
        for step in 10...19 {
            let t = Double(step) * 0.05
            var n = 0, k = 0
            for i in 0..<fromArticles where !byRule[i] && oof[i] >= t {
                n += 1
                if examples[i].label { k += 1 }
            }
            let p = n > 0 ? Double(k) / Double(n) : 0
            table += String(format: "%.2f %9d %6d %10.3f\n", t, n, k, p)
            if !chosen, n > 0, p >= targetPrecision { threshold = t; chosen = true }
        }
        let missedByRules = (0..<fromArticles).filter { !byRule[$0] && examples[$0].label }.count

        func modelText(_ weights: [Double], _ comments: [String]) -> String {
            ModelText.text(
                magic: ClauseModel.magic, comments: comments,
                header: [("templates", ClauseFeatures.templateVersion), ("bits", "\(RowFeatures.bits)"), ("threshold", format(threshold))],
                weights: weights)
        }
        let weights = trainer.fit(examples)
        let text = modelText(
            weights,
            [
                "Written by `make train` (ExodusTrain) from Training/corpus and the dev set; do not edit.",
                "\(fromArticles) article mentions, \(examples.count - fromArticles) clause mentions; \(weights.filter { $0 != 0 }.count) non-zero weights.",
            ])
        let model = try! ClauseModel(text: text)
        let folds = (0..<trainer.folds).map { fold in
            try! ClauseModel(text: modelText(trainer.fit(examples.filter { $0.group % trainer.folds != fold }), []))
        }

        var report = "Clause model training\n"
        report +=
            "examples: article mentions \(fromArticles) (departures \(examples.prefix(fromArticles).filter(\.label).count), of which the rules miss \(missedByRules)), "
        report +=
            "clause mentions \(examples.count - fromArticles) (departures \(examples.dropFirst(fromArticles).filter(\.label).count)); clauses whose organisation is not a mention: \(unmatched)\n"
        report += String(format: "out-of-fold AUC %.3f (all mentions)\n", RowModelTraining.auc(oof, examples.map(\.label)))
        report += "mentions the rules left alone, out of fold, by threshold (chosen: \(format(threshold)), the lowest with precision ≥ \(targetPrecision)):\n"
        report += table
        return Output(modelText: text, model: model, foldModels: folds, report: report)
    }

    func format(_ x: Double) -> String { ModelText.format(x) }

    static func utf8Range(of needle: String, in text: String) -> Range<Int>? {
        guard !needle.isEmpty, let r = text.range(of: needle) else { return nil }
        let u = text.utf8
        let a = u.distance(from: u.startIndex, to: r.lowerBound)
        return a..<(a + u.distance(from: r.lowerBound, to: r.upperBound))
    }
}
