import ExodusCore

/// An organisation that keeps fewer accounts on X has not left it: "has cut its presence from
/// four X accounts to one", "scaled back to a single feed for disruptions", "merged its regional
/// accounts into one". The dev set's conventions give such organisations no row, so a row whose
/// every evidence sentence tells of a reduction goes.
struct ScaleBackRule: RowRule {
    static let summary = "Keeping fewer accounts on X is no departure"
    static let examplesFor = [
        RuleExample(
            "Norrkust Buses, which runs coastal routes, has cut its presence from four X accounts to one, a single feed for disruptions.\n",
            published: "2025-03-04", absent: ["Norrkust Buses"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "The Tarn Valley Trust has closed all four of its X accounts and moved to Bluesky.\n",
            published: "2025-03-04", present: ["Tarn Valley Trust"])
    ]

    static let counts: Set<String> = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "many", "dozens", "multiple"]
    static let fewer: Set<String> = ["one", "two", "three", "a", "single", "just", "only", "fewer"]
    static let reducing: [[String]] = [
        ["scaled", "back"], ["scaling", "back"], ["scale", "back"], ["scales", "back"], ["cut", "back"], ["cutting", "back"],
        ["reduced"], ["reducing"], ["trimmed"], ["consolidated"], ["merged"], ["streamlined"],
    ]

    /// The first words of `reducing`: most words of a sentence are none, and are passed over
    /// with one look-up.
    static let reducingStarts = Set(reducing.map { $0[0] })

    /// "from" and what every first word of `reducing` starts with (`LowerCaseStems`): a sentence
    /// without any of them is no reduction, and is not cut into pieces to say so.
    static let reductionStems = LowerCaseStems(["from", "scal", "cut", "reduc", "trimmed", "consolidated", "merged", "streamlined"])

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // Every quote is a run of the document's bytes: a document with none of the pieces both
        // readings below need has no quote that reduces (most documents, which are not cut into
        // pieces then).
        guard Self.mayReduce(memo) else { return }
        RowRepair.removeRows(&rows) { Self.reduces($0, memo.pieces) }
    }

    /// False only when no sentence of the document holds "from" before a count or a number, nor
    /// a phrase of `reducing`.
    static func mayReduce(_ memo: RepairMemo) -> Bool {
        memo.cues.mayHold(["from"], before: countList, orNumber: true)
            || memo.cues.mayHold(reducing.filter { $0.count == 2 }.map { $0[0] }, before: ["back"])
            || memo.cues.mayHold(singleReducers)
    }

    static let countList = Array(counts)
    /// The one-word phrases of `reducing`, as stems to find in the lower-cased document.
    static let singleReducers = LowerCaseStems(reducing.filter { $0.count == 1 }.map { $0[0] })

    /// Whether the sentence tells of fewer accounts: "from four ... accounts to one", or a verb of
    /// reducing with "accounts" after it.
    static func reduces(_ quote: String, _ cache: PieceCache) -> Bool {
        guard quote.contains("account") || quote.contains("feed") || quote.contains("presence") else { return false }
        // Both readings below need a piece "from" or a first word of `reducing`.
        guard reductionStems.mayOccur(in: quote) else { return false }
        let lower = cache.lowers(quote)
        // "from four X accounts to one"
        for i in lower.indices where lower[i] == "from" && i + 1 < lower.count && (counts.contains(lower[i + 1]) || Int(lower[i + 1]) != nil) {
            let window = lower[(i + 2)..<min(lower.count, i + 7)]
            if let to = window.firstIndex(of: "to"), window[..<to].contains(where: { $0.hasPrefix("account") || $0.hasPrefix("feed") }),
                to + 1 < lower.count, fewer.contains(lower[to + 1]) || Int(lower[to + 1]) != nil
            {
                return true
            }
        }
        for i in lower.indices where reducingStarts.contains(lower[i]) {
            for v in reducing where lower.hasPhrase(v, at: i) {
                if lower[(i + v.count)..<min(lower.count, i + v.count + 6)].contains(where: { $0.hasPrefix("account") || $0 == "presence" }) {
                    return true
                }
            }
        }
        return false
    }
}
