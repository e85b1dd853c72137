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
        guard !rows.isEmpty else { return }
        // Cheap first: the sentences with one of the verbs, by their cached lower-case words.
        var dropped = Set<String>()
        for row in rows where !row.evidence.isEmpty {
            guard
                row.evidence.allSatisfy({ e in
                    Self.mayHoldVerb(e.quote) && memo.pieces.lowers(e.quote).contains { Self.verbHeads.contains($0) }
                })
            else { continue }
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

    /// False only when no piece of `quote` can be a verb head: an ASCII quote whose bytes, lower-cased,
    /// hold none of "told", "tell", "contact", "inform", "emailed", "wrote" and "writes" (each head
    /// starts with one of them). An ASCII piece's lower case is its bytes lower-cased, so a piece
    /// equal to a head is those bytes somewhere in the quote. Most sentences tell no one anything,
    /// and are settled in one pass over their bytes without being cut into pieces; any other quote
    /// is cut and read as before.
    static func mayHoldVerb(_ quote: String) -> Bool {
        var q = quote
        return q.withUTF8 { b in
            guard let base = b.baseAddress, WordTable.isASCII(b) else { return true }
            let n = b.count
            // Whether the lower-cased bytes at `i` are `word` (ASCII lower case).
            func at(_ i: Int, _ word: StaticString) -> Bool {
                let m = word.utf8CodeUnitCount
                guard i + m <= n else { return false }
                let w = word.utf8Start
                for j in 0..<m where lowerASCII(base[i + j]) != w[j] { return false }
                return true
            }
            for i in 0..<n {
                switch base[i] | 0x20 {
                case 0x74: if at(i, "told") || at(i, "tell") { return true }  // t
                case 0x63: if at(i, "contact") { return true }  // c
                case 0x69: if at(i, "inform") { return true }  // i
                case 0x65: if at(i, "emailed") { return true }  // e
                case 0x77: if at(i, "wrote") || at(i, "writes") { return true }  // w
                default: continue
                }
            }
            return false
        }
    }

    @inline(__always) static func lowerASCII(_ x: UInt8) -> UInt8 { x >= 0x41 && x <= 0x5A ? x | 0x20 : x }
}
