import ExodusCore

/// Rule-based extraction of departures from X out of one document.
///
/// The pipeline: sentences → noun phrases (names, descriptions, counted groups,
/// pronouns) registered as entities → trigger phrases from the lexicon, each
/// with a subject resolved to an entity → dates, status, platforms and
/// countries from cues around them → one row per entity that departs, plus
/// the named members of a departing collective.
public struct Extractor: Sendable {
    public let lexicon: Lexicon
    /// Scores each proposed row (see Confidence/).
    public let model: RowModel
    /// Knowledge of organisations and places that fills or corrects a row's country and kind
    /// (never a reason for a row: that still needs a departure stated in the text).
    public let gazetteer: Gazetteer

    /// Proposes the departures the trigger rules miss (see Clauses/).
    public let clauseModel: ClauseModel

    public init(
        lexicon: Lexicon, model: RowModel = .bundled, gazetteer: Gazetteer = .bundled,
        clauseModel: ClauseModel = .bundled
    ) {
        self.lexicon = lexicon
        self.model = model
        self.gazetteer = gazetteer
        self.clauseModel = clauseModel
    }

    /// The extractor with the lexicon bundled in this module.
    public static let standard: Extractor = {
        do {
            return Extractor(lexicon: try Lexicon.bundled())
        } catch {
            fatalError("the bundled lexicon is invalid: \(error)")
        }
    }()

    /// Every row, each with its calibrated `confidence`. Callers that serve rows apply a cut
    /// (`Confidence.defaultMinimum` unless asked otherwise); the snapshot keeps them all.
    public func extract(_ document: Document) -> [Departure] {
        var (rows, signals) = scoredCandidates(document)
        guard !rows.isEmpty else { return rows }
        let context = RowFeatures.Context(document: document, rowCount: rows.count)
        let confidences = model.confidences(of: rows, in: context, signals: signals)
        for i in rows.indices {
            // Three decimals: what is printed is what is filtered on.
            rows[i].confidence = (confidences[i] * 1000).rounded() / 1000
        }
        return rows
    }

    /// The rows the rules and the clause classifier propose, before the row model has scored
    /// them (confidence 1).
    public func candidates(_ document: Document) -> [Departure] { scoredCandidates(document).rows }

    /// The candidate rows with what the stages before the row model say of each. Training reads
    /// these, so that the model learns on the rows it will judge.
    public func scoredCandidates(_ document: Document) -> (rows: [Departure], signals: [RowSignals]) {
        var run = ExtractionRun(lexicon: lexicon, document: document)
        run.gazetteer = gazetteer
        run.clauseModel = clauseModel
        run.process()
        var (rows, signals) = run.rowsAndSignals()
        RowRepair.apply(&rows, in: document, sentences: run.sentences, lexicon: lexicon, placeVotes: run.weakPlaceVotes())
        // Repair renames, adds and drops rows: a row keeps the signals of the row it came from.
        return (rows, rows.indices.map { signals[rows[$0].id] ?? RowSignals() })
    }

    /// Every organisation mention in a sentence that refers to X, with its clause features,
    /// as the clause classifier sees them (with the classifier off, so nothing it would
    /// propose changes what is listed). Training labels these.
    public func clauseCandidates(_ document: Document) -> [ClauseCandidate] {
        var run = ExtractionRun(lexicon: lexicon, document: document)
        run.gazetteer = gazetteer
        run.collectClauses = true
        run.process()
        return run.clauseCandidates
    }
}
