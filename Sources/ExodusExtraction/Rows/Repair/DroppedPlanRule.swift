import ExodusCore

/// An exit that was only announced can be called off a few sentences later, in words about the
/// plan rather than about X: "The Comune di Napoli announced on 10 February that it would leave X
/// by the start of March. ... The city's press office confirmed on 26 February that it had dropped
/// the plan." An announced row goes when one of the next sentences, before any that tells another
/// row, says a plan was dropped or a mind changed, speaks for the row (a word of its name, a word
/// of its kind, or "it" opening the sentence) and names no other body.
struct DroppedPlanRule: RowRule {
    static let summary = "An announced exit that a following sentence calls off is no departure"
    static let examplesFor = [
        RuleExample(
            "Kelby City Council announced on 10 February that it would leave X in March. Two weeks later the council's press office said it had dropped the plan.\n",
            published: "2025-04-02", absent: ["Kelby City Council"]),
        RuleExample(
            "The Marton Vale Trust said in January that it would close its X account at Easter. It has since changed its mind.\n",
            published: "2025-05-02", absent: ["Marton Vale Trust"]),
    ]
    static let examplesAgainst = [
        // Another body drops its plan.
        RuleExample(
            "Kelby City Council announced on 10 February that it would leave X in March. The Marton Vale Trust, by contrast, dropped the plan.\n",
            published: "2025-02-20", present: ["Kelby City Council"]),
        // A plan kept.
        RuleExample(
            "The Marton Vale Trust said in January that it would close its X account at Easter. It has not changed its mind.\n",
            published: "2025-02-02", present: ["Marton Vale Trust"]),
        // A departure that happened cannot be called off as a plan.
        RuleExample(
            "The Marton Vale Trust left X in January. Later it dropped its plan for a new website.\n",
            published: "2025-02-02", present: ["Marton Vale Trust"]),
    ]

    /// Phrases that call a plan off, as lower-case words.
    static let phrases: [[String]] = [
        ["dropped", "the", "plan"], ["dropped", "its", "plan"], ["dropped", "their", "plan"], ["dropped", "that", "plan"],
        ["scrapped", "the", "plan"], ["scrapped", "its", "plan"], ["shelved", "the", "plan"], ["shelved", "its", "plan"],
        ["abandoned", "the", "plan"], ["abandoned", "its", "plan"], ["called", "off", "the"], ["changed", "its", "mind"],
        ["changed", "their", "minds"], ["changed", "course"], ["reversed", "its", "decision"], ["reversed", "the", "decision"],
        ["reversed", "course"], ["u-turn"], ["backtracked"], ["no", "longer", "plans"],
    ]
    /// The words whose bytes a sentence must hold for any phrase to be there.
    static let stems = ["plan", "mind", "course", "decision", "u-turn", "backtrack"]
    static let denials: Set<String> = ["not", "never", "no", "nor", "without", "n't"]
    /// How many sentences after the row's evidence are read.
    static let reach = 4

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        guard rows.containsRow(where: { $0.status == .announced }), Self.stems.contains(where: { memo.cues.holds($0) }) else { return }
        let (texts, sentenceOf) = memo.sentenceTexts
        var toldSentences = Set<Int>()
        rows.forEachRow { _, row in for e in row.evidence { if let s = sentenceOf[e.quote] { toldSentences.insert(s) } } }
        var dropped = Set<String>()
        for r in rows.indices where rows[r].status == .announced {
            let told = rows[r].evidence.compactMap { sentenceOf[$0.quote] }
            // From the row's first sentence on: the pipeline may have taken the calling-off
            // sentence as more evidence of the row ("confirmed that it had dropped the plan").
            guard let first = told.min(), let last = told.max(), first + 1 < texts.count else { continue }
            // The row's own name words, but not a town's ("Saskatoon" also names the city).
            let own = memo.pieces.words(rows[r].organisation).filter {
                $0.lower.count > 3 && !FollowingDestinationRule.nameLinks.contains($0.lower) && Gazetteer.bundled.country(ofPlace: String($0.text)) == nil
            }.map(\.lower)
            for s in (first + 1)...min(last + Self.reach, texts.count - 1) {
                if toldSentences.contains(s), !told.contains(s) { break }
                // A heading ("Who is staying?") opens another part of the story.
                if sentences[s].isHeadline { break }
                guard Self.stems.contains(where: { texts[s].lowercased().contains($0) }) else { continue }
                let words = memo.pieces.words(texts[s])
                let lower = words.map(\.lower)
                guard Self.callsOff(lower) else { continue }
                if FollowingDestinationRule.namesSomething(words, except: { own.contains($0) }) { break }
                let speaksForRow =
                    ["it", "they"].contains(lower.first ?? "")
                    || lower.contains { own.contains($0) }
                    || lower.prefix(6).contains { w in
                        let bare = w.hasSuffix("'s") || w.hasSuffix("\u{2019}s") ? String(w.dropLast(2)) : w
                        return lexicon.kinds.match(1, at: 0, key: { _ in bare }).map { $0.0 == rows[r].kind } == true
                    }
                if speaksForRow { dropped.insert(rows[r].id) }
                break
            }
        }
        RowRepair.remove(dropped, from: &rows)
    }

    /// Whether the words call a plan off, with no denial in the three words before.
    static func callsOff(_ lower: [String]) -> Bool {
        for i in lower.indices {
            for p in phrases where lower.hasPhrase(p, at: i) {
                if !lower[max(0, i - 3)..<i].contains(where: { denials.contains($0) }) { return true }
            }
        }
        return false
    }
}
