import ExodusCore

/// A row named by a short or shouted form of its name ("Athletic are off X" in a headline,
/// "HOCKEY" in a section label, "Kootenay Ridge" in a line score) takes the shortest fuller form
/// of that name the page also gives in ordinary case ("Cwm Tawe Athletic", "BC Hockey",
/// "Kootenay Ridge Rockets"): a reader looks a body up by its full name. A form that puts the
/// name after "of" ("the student newspaper of Kelby State University") is another body, and one
/// that opens with a word of the sentence ("Every Stuff") is no name. A row named by one
/// word is not read on ("Marton" → "Marton Book Weekend"): as often as not the word is a place
/// that several bodies are named after, and the one that shares the row's alias may be one that
/// came back.
struct FullerNameRule: RowRule {
    static let summary = "A row named by a short or shouted form takes the fuller form of its name"
    static let examplesFor = [
        RuleExample(
            "SPORTS | ROWING\nRovers are off X\n\nKelby Tarn Rovers have closed the club's X account, the board said on Monday.\n",
            published: "2025-02-11", present: ["Kelby Tarn Rovers"], absent: ["Rovers"]),
        RuleExample(
            "CLUB NEWS\n\nMARTON HARRIERS quit X\n\nThe Marton Harriers Running Club said on Friday it had stopped posting on X.\n",
            published: "2025-02-11", present: ["Marton Harriers Running Club"], absent: ["MARTON HARRIERS"]),
    ]
    static let examplesAgainst = [
        RuleExample(
            "The Kelby Courier stopped posting on X on Monday, its editor said.\n\n© The Kelby Courier, the weekly paper of Kelby Town Council since 1931.\n",
            published: "2025-02-11", present: ["Kelby Courier"], absent: ["Weekly paper of Kelby Town Council"])
    ]

    /// Capitalised words that open a sentence and so may open a phrase read as a name.
    static let openers = WordSet([
        "every", "each", "when", "while", "after", "before", "since", "if", "as", "but", "and", "so", "then", "now", "all", "both",
        "this", "that", "these", "those", "its", "their", "our", "his", "her", "meanwhile", "like", "unlike",
    ])

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        for r in rows.indices {
            let name = rows[r].organisation
            let words = Self.lowerWords(name)
            guard !words.isEmpty else { continue }
            var best: (name: String, words: Int)?
            for a in rows[r].aliases where Self.isOrdinaryCase(a) {
                let longer = Self.lowerWords(a)
                guard longer.count > words.count, longer.count <= words.count + 3, !Self.openers.contains(longer[0]),
                    let at = (0...(longer.count - words.count)).first(where: { Array(longer[$0..<($0 + words.count)]) == words }),
                    !longer[..<at].contains("of"),
                    // One word with words after it ("Marton" → "Marton Book Weekend") is as often
                    // a place that several bodies are named after.
                    words.count > 1 || at > 0
                else { continue }
                if best == nil || longer.count < best!.words { best = (a, longer.count) }
            }
            guard let fuller = best?.name else { continue }
            rows[r].aliases.removeAll { $0 == fuller }
            if !rows[r].aliases.contains(name) { rows[r].aliases.append(name) }
            rows[r].organisation = fuller
        }
    }

    static func lowerWords(_ name: String) -> [String] {
        name.lowercased().splitAtSpaces().map(String.init)
    }

    /// Some word in lower case after its first letter, and no word longer than four letters
    /// written all in capitals: "BC Hockey", not "BOARD OF CWM TAWE ATHLETIC AFC".
    static func isOrdinaryCase(_ name: String) -> Bool {
        var lower = false
        for word in name.splitAtSpaces() {
            let letters = word.filter(\.isLetter)
            if letters.count > 4 && letters.allSatisfy(\.isUppercase) { return false }
            if letters.dropFirst().contains(where: \.isLowercase) { lower = true }
        }
        return lower
    }
}
