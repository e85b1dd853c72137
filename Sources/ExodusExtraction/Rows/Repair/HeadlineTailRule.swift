import ExodusCore

/// A name read from a title-case headline can run on into the headline's verb: "Wapato Point
/// Fire & Rescue Hits Pause" gives "Wapato Point Fire & Rescue Hits", "The Library Leaves X"
/// gives "Library Leaves X". When the story writes the organisation's shorter name, the row takes
/// that name:
/// - a name that ends in a verb of leaving and the platform ("Leaves X") loses them, and when what
///   is left is only its kind word ("Library") the alias that ends in it ("Fraser Shore Library");
/// - a name that only the page's headline (one of its first three sentences) writes, extending
///   an alias that an evidence sentence writes ("Wapato Point Fire & Rescue"), becomes that alias.
struct HeadlineTailRule: RowRule {
    static let summary = "A headline name that runs on into its verb takes the story's shorter name"
    static let examplesFor = [
        RuleExample(
            "Kelby Library District Quits X; Tarn Point Fire & Rescue Hits Pause\n\nUp the lake, Tarn Point Fire & Rescue paused its X account on Monday.\n",
            published: "2025-03-12", present: ["Tarn Point Fire & Rescue"], absent: ["Tarn Point Fire & Rescue Hits"]),
        RuleExample(
            "Letters: The Library Leaves X, and Readers Have Thoughts\n\nThe Tarnside Shore Library left X on Monday.\n",
            published: "2025-03-12", present: ["Tarnside Shore Library"], absent: ["Library Leaves X"]),
    ]
    static let examplesAgainst = [
        // A name the evidence writes in full keeps its length.
        RuleExample(
            "Tarn Point Fire & Rescue Service Pauses X\n\nThe Tarn Point Fire & Rescue Service paused its X account on Monday.\n",
            published: "2025-03-12", present: ["Tarn Point Fire & Rescue Service"])
    ]

    /// Title-case verbs of leaving that a headline puts between a name and the platform.
    static let leavingVerbs: Set<String> = ["Leaves", "Quits", "Exits", "Ditches", "Drops", "Abandons", "Deletes", "Pauses", "Departs"]
    static let platformWords: Set<String> = ["X", "Twitter"]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // The headlines among the first three sentences, made once as strings: every row asks
        // them, and a String's `contains` answers as its Substring's, at a fraction of the cost.
        let headlines = sentences.prefix(3).filter { $0.isHeadline && !opensWithBullet(document.text[$0.range]) }.map {
            String(document.text[$0.range])
        }
        for r in rows.indices where rows[r].members.isEmpty && rows[r].group == nil {
            let name = rows[r].organisation
            // "Library Leaves X": the verb and the platform go. A last word that is a platform
            // after a space puts " X" or " Twitter" in the name's bytes (none of these characters
            // has a canonical equal), so a name without either is not split into words.
            if name.holdsBytes(" X") || name.holdsBytes(" Twitter"), case var words = name.splitAtSpaces(), words.count >= 3,
                let last = words.last, Self.platformWords.contains(String(last)), Self.leavingVerbs.contains(String(words[words.count - 2]))
            {
                words.removeLast(2)
                let head = words.map(String.init).joined(separator: " ")
                if words.count == 1, let alias = rows[r].aliases.first(where: { $0.hasSuffix(" " + head) }) {
                    rows[r].organisation = alias
                } else {
                    rows[r].organisation = head
                }
                continue
            }
            // "Wapato Point Fire & Rescue Hits": a headline's, written by no evidence sentence,
            // unlike its alias. The headlines are short and few: they are read first.
            guard !rows[r].evidence.isEmpty, headlines.contains(where: { $0.contains(name) }),
                !rows[r].evidence.contains(where: { $0.quote.contains(name) })
            else { continue }
            if let alias = rows[r].aliases.first(where: { a in
                name.hasPrefix(a + " ") && rows[r].evidence.contains { $0.quote.contains(a) }
            }) {
                rows[r].aliases.removeAll { $0 == alias }
                rows[r].organisation = alias
            }
        }
    }
}
