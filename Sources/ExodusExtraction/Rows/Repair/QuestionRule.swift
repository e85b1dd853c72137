import ExodusCore

/// A question does not state a departure: "Did the Konkan Coast Transport Corporation quit X?" is
/// what a fact-check asks before it answers, and "Has the city's rail operator left X?" may be
/// answered no. A row whose every evidence sentence is a question goes; a departure the text
/// also states keeps its row through that statement.
struct QuestionRule: RowRule {
    static let summary = "A row told only by questions is no departure"
    static let examplesFor = [
        RuleExample(
            "FACT CHECK\nDid the Tarn Valley Fire and Rescue Service quit X?\nA post says the service has left. Its account is still active.\n",
            published: "2025-03-04", absent: ["Tarn Valley Fire and Rescue Service"])
    ]
    static let examplesAgainst = [
        RuleExample(
            "Why did the Tarn Valley Trust quit X? The Tarn Valley Trust left X on Monday, saying the site had become hostile.\n",
            published: "2025-03-04", present: ["Tarn Valley Trust"])
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // A question mark is the one character "?", the byte 0x3F (no other character is its
        // canonical equal), and every quote is a run of the document's bytes.
        guard document.text.containsByte(0x3F) else { return }
        RowRepair.removeRows(&rows, whereEverySentence: Self.isQuestion)
    }

    /// What may close a sentence after its question mark: quotes, a bracket, spaces.
    static let closing: Set<Character> = ["\"", "'", "\u{201D}", "\u{2019}", ")", " ", "\n"]

    /// Ends with a question mark, before any closing quotes or brackets.
    static func isQuestion(_ quote: String) -> Bool {
        quote.reversed().first { !closing.contains($0) } == "?"
    }
}
