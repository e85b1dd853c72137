import ExodusCore

/// Compositional departure detection: the pattern elements of `families.txt` (a word family, a
/// soft gap, an account object, the platform within a window) and the checks that keep a
/// composed match from firing in a hypothetical.
extension ExtractionRun {
    /// Lengths of the family's phrases that start at j, longest first.
    func familyMatches(_ s: PhraseScanner, _ phrases: [String: [[String]]], _ j: Int) -> [Int] {
        guard j < s.count, let candidates = phrases[s.lower(j)] else { return [] }
        var out: [Int] = []
        for p in candidates where j + p.count <= s.count && !out.contains(p.count) {
            if (0..<p.count).allSatisfy({ s.lower(j + $0) == p[$0] }) { out.append(p.count) }
        }
        return out
    }

    /// The same by word numbers (`NumberedElement.family`): a token's number equals a phrase
    /// word's exactly when its lower-case text does.
    func familyMatches(_ s: PhraseScanner, _ phrases: [WordID: [[WordID]]], _ j: Int) -> [Int] {
        guard j < s.count, case let w = s.tokens[j].word, w >= 0, let candidates = phrases[w] else { return [] }
        var out: [Int] = []
        for p in candidates where j + p.count <= s.count && !out.contains(p.count) {
            if (0..<p.count).allSatisfy({ s.tokens[j + $0].word == p[$0] }) { out.append(p.count) }
        }
        return out
    }

    /// Words a soft gap may skip: adverbs in -ly and a few short ones.
    static let softWords: Set<String> = [
        "also", "now", "too", "already", "all", "just", "finally", "since", "altogether",
        "away", "out", "back", "fully", "once", "effectively", "even",
    ]

    /// Ends of a soft gap at j: 0, 1 or 2 adverbs or particles (longest last).
    func softGaps(_ s: PhraseScanner, _ j: Int) -> [Int] {
        var out = [j]
        var k = j
        while k < s.count, k - j < 2, s.tokens[k].isWord, !s.tokens[k].isCapitalised {
            let l = s.lower(k)
            guard ExtractionRun.softWords.contains(l) || (l.count > 4 && l.hasSuffix("ly") && l != "only") else { break }
            k += 1
            out.append(k)
        }
        return out
    }

    static let accountHeads: Set<String> = [
        "account", "accounts", "handle", "handles", "profile", "profiles", "page", "pages",
        "presence", "feed", "feeds", "channel", "channels", "activity", "activities",
    ]
    static let accountModifiers: Set<String> = [
        "own", "official", "main", "corporate", "institutional", "verified", "dormant",
        "old", "longtime", "long-standing", "longstanding", "public", "social", "media", "once-busy",
    ]

    /// "its X account", "their official profile on the platform", "its presence": the account on X
    /// (an account on another platform is not). Returns the end.
    func matchAccount(_ s: PhraseScanner, _ j: Int) -> Int? {
        var m = j
        // "the union's handle", "the museum's X account": a possessive stands for the determiner.
        if s.lower(m) == "the", let apo = (m + 2..<max(m + 2, min(m + 5, s.count))).first(where: { ["'s", "\u{2019}s"].contains(s.raw($0)) }),
            !(m + 1..<apo).contains(where: { !s.tokens[$0].isWord })
        {
            m = apo + 1
        } else {
            guard ["its", "their", "our", "the", "his", "her", "an", "a"].contains(s.lower(m)) else { return nil }
            m += 1
        }
        var sawX = false
        var steps = 0
        while m < s.count, steps < 3 {
            if let (id, n) = s.platform(at: m) {
                guard id == "x" else { return nil }
                sawX = true; m += n; steps += 1; continue
            }
            if ExtractionRun.accountModifiers.contains(s.lower(m)) { m += 1; steps += 1; continue }
            break
        }
        guard ExtractionRun.accountHeads.contains(s.lower(m)) else { return nil }
        m += 1
        if ["on", "at"].contains(s.lower(m)) {
            if let e = matchPlatformLeft(s, m + 1) { return e }
            if let (id, _) = s.platform(at: m + 1), id != "x" { return nil }
            if let (id, _) = s.platform(at: m + 2), id != "x" { return nil }
        }
        // Without X in it, the account must be the one the story is about: X named in the sentence.
        if !sawX, !(0..<s.count).contains(where: { s.platform(at: $0)?.0 == "x" }) {
            // A paragraph about X ("the platform") is enough for "its account".
            if !(0..<s.count).contains(where: { s.cue(.xref, at: $0) != nil && s.lower($0) != "account" && s.lower($0) != "accounts" }) { return nil }
        }
        return m
    }

    /// The platform left within the next five words of the clause ("posting updates on X",
    /// "publishes nothing anymore on the network X"); a comma, a clause word or another platform stops it.
    func matchWindow(_ s: PhraseScanner, _ j: Int) -> Int? {
        var k = j
        while k < s.count, k - j <= 5 {
            if let e = matchPlatformLeft(s, k), e > k, !isBareAccountRef(s, k, e) { return e }
            if !s.tokens[k].isWord || s.tokens[k].classes.contains(.clause) || ["and", "or"].contains(s.lower(k)) { return nil }
            if let (id, _) = s.platform(at: k), id != "x" { return nil }
            k += 1
        }
        return nil
    }

    /// "its account" alone (the xref "account" with no X): too weak for a window.
    func isBareAccountRef(_ s: PhraseScanner, _ k: Int, _ e: Int) -> Bool {
        !(k..<e).contains(where: { s.platform(at: $0)?.0 == "x" }) && ["account", "accounts"].contains(s.lower(e - 1))
    }

    /// A composed match at j inside a hypothetical, a condition or someone else's demand: "could
    /// leave X", "if it abandons the platform", "fans want the club to quit X", "rather than leave".
    func hypothetical(_ s: PhraseScanner, _ j: Int) -> Bool {
        let (cs, _) = clauseStart(s, before: j)
        var k = j - 1
        while k >= max(0, j - 8), s.tokens[k].mark != .semicolon {
            if let n = s.cue(.hypothetical, at: k), k + n <= j {
                // "in May": the month, not the modal.
                if s.lower(k) == "may", s.tokens[k].isCapitalised { k -= 1; continue }
                // "Campact, the online campaigning network, has left X": after an article, a
                // campaigning or lobbying body is what it is, not a campaign for the departure.
                if ["campaigning", "lobbying"].contains(s.lower(k)), k > 0, adjectiveOpeners.contains(s.lower(k - 1)) { k -= 1; continue }
                // "chose a softer option, saying it had paused": an option taken is a decision.
                if optionWords.contains(s.lower(k)), (max(0, k - 3)..<k).contains(where: { choosingVerbs.contains(s.lower($0)) }) {
                    k -= 1
                    continue
                }
                return true
            }
            k -= 1
        }
        // "polled its members about leaving", "talk of quitting": a gerund as the topic of talk.
        if s.lower(j).hasSuffix("ing"), ["about", "of", "over", "on"].contains(s.lower(j - 1)) { return true }
        // "weighing up whether ...", "a vote on whether": a clause opened by "whether" or "if".
        if cs > 0, ["whether", "if", "unless"].contains(s.lower(cs - 1)) { return true }
        return false
    }
}

/// The hypothetical cue words that a verb of choosing before them turns into a decision.
private let optionWords: Set<String> = ["option", "options"]

/// Verbs of choosing: "chose a softer option", "opted for", "settled on".
private let choosingVerbs: Set<String> = ["chose", "chosen", "took", "taken", "opted", "picked", "went", "settled"]

/// Words before "campaigning" that make it an adjective of the body: "a campaigning charity",
/// "the online campaigning network".
private let adjectiveOpeners: Set<String> = ["a", "an", "the", "online", "its", "their", "national", "local"]
