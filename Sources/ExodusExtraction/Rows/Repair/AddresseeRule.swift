import ExodusCore

/// The body a speaker told or contacted is the one listening, not the one leaving: "The Kelby
/// Tenants Union told the Dispatch last week that it will stop updating its X account", "The
/// chorale contacted the Beacon on Wednesday to say it has deleted the account". A row goes when,
/// in every sentence that evidences it, its name (or an alias) comes right after such a verb,
/// with or without "the".
struct AddresseeRule: RowRule {
    static let summary = "The body a speaker told or contacted is not the one leaving"
    static let examplesFor = [
        RuleExample(
            "The Kelby Tenants Union told the Dispatch last week that it will stop updating its X account.\n", published: "2025-02-03",
            present: ["Kelby Tenants Union"], absent: ["Dispatch"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "The Kelby Dispatch told readers on Monday that it will stop updating its X account.\n", published: "2025-02-03",
            present: ["Kelby Dispatch"])
    ]

    static let verbs = ["told", "tells", "telling", "contacted", "contacts", "informed", "informs", "emailed", "wrote to", "writes to"]
    /// The first word of each verb, to find the sentences worth the full search.
    static let verbHeads = Set(verbs.map { String($0.split(separator: " ")[0]) })

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // `tellsSomeone` needs one of the stems in the quote, a run of the document's bytes.
        guard !rows.isEmpty, memo.cues.mayHold(Self.verbStems) else { return }
        // Cheap first: the sentences with one of the verbs, by their cached lower-case words.
        var dropped = Set<String>()
        // Rows share their sentences: each is tested once.
        var verdicts = TextMap<Bool>()
        func tellsSomeone(_ quote: String) -> Bool {
            if let known = verdicts[quote] { return known }
            let answer = Self.verbStems.mayOccur(in: quote) && memo.pieces.lowers(quote).contains { Self.verbHeads.contains($0) }
            verdicts[quote] = answer
            return answer
        }
        rows.forEachRow { _, row in
            guard !row.evidence.isEmpty, row.evidence.allSatisfy({ tellsSomeone($0.quote) }) else { return }
            let names = [row.organisation] + row.aliases
            let heard = row.evidence.allSatisfy { e in
                names.contains { name in
                    Self.verbs.contains { v in e.quote.contains("\(v) the \(name)") || e.quote.contains("\(v) \(name)") }
                }
            }
            if heard { dropped.insert(row.id) }
        }
        RowRepair.remove(dropped, from: &rows)
    }

    /// What every verb head starts with: a quote whose bytes hold none of them (in any case) has no
    /// piece that is a head (`LowerCaseStems`), and is settled without being cut into pieces.
    /// Most sentences tell no one anything.
    static let verbStems = LowerCaseStems(["told", "tell", "contact", "inform", "emailed", "wrote", "writes"])
}
