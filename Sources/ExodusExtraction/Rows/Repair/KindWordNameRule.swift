import ExodusCore

/// A name that is only one kind word ("Society", "Theatres", "Museums", "Local") or a sentence
/// adverb ("Closer to home, ...", "Further afield, ...") names no organisation: a description's
/// head or an opening word was taken for a name. The row goes, unless the gazetteer knows the
/// word as an organisation or the row stands for named members.
struct KindWordNameRule: RowRule {
    static let summary = "A one-word name that is a kind word or an opening adverb is no organisation"
    static let examplesFor = [
        RuleExample(
            "Closer to home, North Fell Police said last month that it would no longer use X.\n", published: "2025-03-04",
            present: ["North Fell Police"], absent: ["Closer"]),
        RuleExample("Theatres are leaving X. Museums quit X too, the survey found.\n", published: "2025-03-04", absent: ["Theatres", "Museums"]),
    ]
    static let examplesAgainst = [
        RuleExample("The Tarn Theatre Society has left X.\n", published: "2025-03-04", present: ["Tarn Theatre Society"]),
        RuleExample("Stuff, the New Zealand news site, has left X.\n", published: "2025-03-04", present: ["Stuff"]),
    ]

    /// Adverbs and comparatives that open a sentence before a comma.
    static let openers: Set<String> = [
        "closer", "further", "farther", "earlier", "later", "elsewhere", "meanwhile", "here", "there", "today", "yesterday",
        "now", "locally", "nationally", "internationally", "abroad", "overseas", "separately", "similarly", "likewise", "local",
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let dropped = Set(rows.filter { $0.members.isEmpty && Self.isKindWord($0.organisation, lexicon) }.map(\.id))
        RowRepair.remove(dropped, from: &rows)
    }

    static func isKindWord(_ name: String, _ lexicon: Lexicon) -> Bool {
        // One word, not an acronym ("NHS").
        guard !name.contains(" "), !name.contains("-"), !name.allSatisfy({ !$0.isLetter || $0.isUppercase }) else { return false }
        let w = name.lowercased()
        if openers.contains(w) { return true }
        if Gazetteer.bundled.organisation(name) != nil { return false }
        let s = singular(w)
        return RowRepair.isBodyWord(s, lexicon)
    }
}
