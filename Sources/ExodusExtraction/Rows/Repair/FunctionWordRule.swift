import ExodusCore

/// A name that is one closed-class word ("Will", "To", "We're", "Is", "Its") is a capitalised word
/// at a sentence or headline start, never an organisation: the row goes. Closed classes
/// (auxiliaries, pronouns, prepositions, determiners, conjunctions) gain no new members, so the
/// list is complete in a way a list of phrasings never is. A name opened by a negative determiner
/// ("Neither organisation", "No club") names nobody and goes too, and so does a name that is one
/// people's adjective alone ("Galician marine scientists quit X" gives "Galician"), and so does a
/// description owned by "your" or "my" ("Your institute left X last week. Why now?").
struct FunctionWordRule: RowRule {
    static let summary = "A one-word name that is a function word is no organisation"
    static let examplesFor = [
        RuleExample(
            "Will the Harbour Trust quit X? It will leave X on 1 May, the trust said.\n", published: "2025-04-02",
            absent: ["Will", "It"]),
        RuleExample("To Quit or Not: Valley Museum Leaves X\n", absent: ["To"]),
        // A name opened by a negative determiner names nobody.
        RuleExample(
            "The Tarn Trust and the Fell Museum were asked about X. Neither organisation has left the platform, and neither plans to.\n",
            absent: ["Neither organisation"]),
        RuleExample(
            "PERTH, May 2 - One of Western Australia's oldest rowing clubs will stop using X on May 31, its captain said.\n",
            published: "2025-05-02", absent: ["One"]),
        RuleExample("Galician marine scientists quit X for Bluesky\n", absent: ["Galician"]),
        RuleExample(
            "Upriver at Beccles, the Broadland Sailing Trust, a charity that sails an old wherry, will stop posting on X from 1 April.\n",
            published: "2025-03-07", present: ["Broadland Sailing Trust"], absent: ["Upriver"]),
        RuleExample("Valley library sets Feb. 1 exit from X\n", published: "2025-01-10", absent: ["Feb"]),
        RuleExample(
            "Down the river in Kelby, the Kelby Bridge Curling Club has paused its X account until March.\n", published: "2025-01-10",
            present: ["Kelby Bridge Curling Club"], absent: ["Down"]),
        // An interviewer's question addresses the guest's body without naming it.
        RuleExample(
            "Interview\nThe ecologist Ana Ferro on why her institute quit X.\n\nYour institute left X last week. Why now?\n",
            published: "2025-02-10", absent: ["Your institute"]),
        // A page's furniture before a lead whose subject is no name.
        RuleExample(
            "Who has left X?\n\nA running list. Updated Thursday 12 December 2024.\n\nSince the election a steady stream of Nordic groups has said it is finished with X.\n",
            published: "2024-12-12", absent: ["Updated"]),
        // A tracker's dated update line: its label is no name.
        RuleExample(
            "Leaving X: our running list\n\nUpdate, Monday 20 January 2025: Kelby Rovers posted its final message on X this morning, a short thank-you to supporters, a few hours before the inauguration.\n",
            published: "2024-11-20", present: ["Kelby Rovers"], absent: ["Update"]),
    ]
    static let examplesAgainst = [
        RuleExample("Stuff, the New Zealand news site, has left X.\n", present: ["Stuff"]),
        // A capitalised word after "Your" is a name's own.
        RuleExample("Your Kelby Foodbank left X on Monday.\n", present: ["Your Kelby Foodbank"]),
    ]

    // `WordSet`: the answers of a `Set<String>`, hashing an ASCII word's bytes (looked up for every row).
    static let words = WordSet(
        [
            // auxiliaries and modals
            "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having", "do", "does", "did",
            "will", "would", "shall", "should", "can", "could", "may", "might", "must", "won't", "can't", "don't", "didn't",
            "isn't", "wasn't", "hasn't", "haven't",
            // pronouns and their contractions
            "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "my", "our", "your", "his",
            "its", "their", "we're", "we've", "it's", "they're", "i'm", "you're", "this", "that", "these", "those",
            "who", "whom", "whose", "which", "what", "where", "when", "why", "how",
            // prepositions, determiners, conjunctions
            "to", "of", "in", "on", "at", "by", "for", "with", "from", "into", "onto", "over", "under", "after", "before",
            "about", "as", "than", "the", "a", "an", "and", "or", "but", "nor", "so", "yet", "if", "then", "not", "no",
            "down", "up", "across", "along", "around", "beyond", "near", "inside", "outside", "behind", "further", "farther",
            "all", "some", "any", "each", "every", "both", "either", "neither", "also", "just", "still", "even",
            // adverbs of time that open a sentence (those of place are `storyMovingAdverbs`, below)
            "instead", "here", "there", "today", "yesterday", "tomorrow", "later", "earlier", "recently", "recent",
            // imperatives and labels that open a page's lines ("Ask around ...", "Key points")
            "ask", "key",
            // a fact box's status words ("Status: Leaving.")
            "leaving", "paused", "staying", "going", "gone", "moving",
            // quantifiers that open a description ("One of the region's oldest bodies")
            "one", "many", "several", "others", "most", "few", "another",
            // months and days, whole or shortened ("sets Feb. 1 exit from X")
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january", "february",
            "march", "april", "june", "july", "august", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            // feasts and holidays ("agreed before Christmas to suspend activity")
            "christmas", "easter", "thanksgiving", "halloween", "whitsun", "hanukkah", "ramadan", "diwali",
            // a page's furniture ("Updated Thursday 12 December 2024.")
            "updated", "posted", "published", "edited", "advertisement", "related", "subscribe", "status", "opinion", "analysis",
            "comment", "editorial", "correction", "update", "clarification",
        ] + storyMovingAdverbs)

    /// An adjective of a people ("Galician", "Danish"), not a country's name ("Denmark").
    static func isDemonym(_ word: String) -> Bool {
        Gazetteer.bundled.country(ofDemonym: word) != nil && Gazetteer.bundled.country(ofPlace: word) == nil
    }

    /// "Your institute": the word after the first is in lower case.
    static func secondWordIsLowerCase(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        return words.count >= 2 && words[1].first?.isLowercase == true
    }

    /// Determiners that deny: "Neither organisation", "No club", "None of the museums".
    static let negativeOpeners: Set<Substring> = ["neither", "no", "none"]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let dropped = rows.ids(where: {
            let lower = $0.organisation.lowercased()
            // Without the byte 0x99 there is no U+2019 (E2 80 99) to replace, and `replacing` is slow.
            return Self.words.contains(lower.containsByte(0x99) ? lower.replacing("\u{2019}", with: "'") : lower)
                // Every negative opener starts with the byte of "n" (no other character equals
                // it): a name that does not is settled without reading its first word.
                || lower.utf8.first == 0x6E && Self.negativeOpeners.contains(lower.prefix { $0 != " " }) && lower.contains(" ")
                || !lower.contains(" ") && Self.isDemonym($0.organisation)
                // "Your institute", "My club": an interviewer's or a speaker's description.
                || (lower.hasPrefix("your ") || lower.hasPrefix("my ")) && Self.secondWordIsLowerCase($0.organisation)
        })
        RowRepair.remove(dropped, from: &rows)
    }
}
