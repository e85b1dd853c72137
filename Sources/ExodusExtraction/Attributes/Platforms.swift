import ExodusCore

/// Destination platforms: those named near a departure, and those of sentences without an
/// organisation, attached once the whole document has been read.
extension ExtractionRun {
    /// Destinations: platforms named in a sentence about a departing entity, unless only considered.
    mutating func platforms(_ s: PhraseScanner, _ si: Int, _ eventEntities: [Int], previous: [Int] = [], registered: [Int: Int] = [:]) {
        let ids = destinationIDs(s, from: 0)
        guard !ids.isEmpty else { return }
        // A platform only being considered, or named as a rival or refuge, is no destination.
        // A consideration in a clause of time after the platforms is about something else: "The
        // club will post results on Instagram while it decides whether to return."
        let lastPlatform = (0..<s.count).last { s.platform(at: $0).map { $0.0 != "x" } ?? false } ?? 0
        let timeClause = (lastPlatform..<s.count).first { ["while", "until"].contains(s.lower($0)) } ?? s.count
        if (0..<timeClause).contains(where: { s.cue(.consider, at: $0) != nil }) { return }
        let firstPlatform = (0..<s.count).first { s.platform(at: $0).map { $0.0 != "x" } ?? false } ?? s.count
        var targets = eventEntities
        // "Followers are being redirected to ...", "Members now talk on ...", "Mandi rates ... will be
        // shared on ...": a lone capitalised word of unknown kind opening the sentence, that names
        // no departing organisation, is no subject.
        var subject = mainSubject(s)
        // So is a capitalised word before a common noun in lower case ("Story times now go out on
        // Facebook", "Library news now goes out ..."), which a kind word in it ("times", "library")
        // would otherwise make a body.
        if let np = subject.first, subject.count == 1, np.pronoun == nil, np.start == s.bodyStart(), !s.isAcronym(np.start),
            np.named && np.kind == nil && np.end - np.start == 1
                || np.end - np.start == 2 && !s.tokens[np.start].classes.contains(.capitalisedFunction) && s.tokens[np.end - 1].isWord
                    && !s.tokens[np.end - 1].isCapitalised && (np.kind == nil || titleKindWords.contains(s.lower(np.end - 1))),
            !entities.contains(where: { !$0.events.isEmpty && $0.keys.contains(key(np.name)) })
        {
            subject = []
        }
        // "Its chairwoman, Brigitte Wernig, said the association would post news ... on
        // Instagram": when a person speaks, the subject of the clause that names the platform.
        if targets.isEmpty, subject.first.map({ isSpeaker($0, s) }) ?? false {
            // The reported clause opens after the last reporting verb (and "that") before the platform.
            if var c = (0..<firstPlatform).last(where: { reportingVerbs.contains(s.lower($0)) }).map({ $0 + 1 }) {
                if s.lower(c) == "that" { c += 1 }
                if let np = lists(s, c, firstPlatform).first?.items.first, np.start == c || np.start == c + 1 && s.lower(c) == "the",
                    np.pronoun != nil || (np.isOrganisation && !np.person)
                {
                    subject = [np]
                }
            }
        }
        // "Patients can find us on Facebook and Threads", inside a spokeswoman's quotation: "us",
        // "our" and "we" are the body she speaks for, or the one that has just departed.
        if targets.isEmpty, firstPlatform < s.count, s.tokens[firstPlatform].inQuote,
            // Close before the platform ("find us on", "on our Facebook page"), not the owner of
            // someone else ("our partners use WhatsApp").
            let w = (max(0, firstPlatform - 3)..<firstPlatform).first(where: { s.tokens[$0].inQuote && ["us", "our", "we"].contains(s.lower($0)) })
        {
            if let i = bodyOfSpeakerAfterQuote(s, si) {
                targets = [i]
            } else {
                var we = NounPhrase(start: w, end: w + 1)
                we.pronoun = "we"
                if let i = resolvePronoun(we, sentence: si), !entities[i].events.isEmpty {
                    targets = [i]
                } else if previous.count == 1 {
                    targets = previous
                }
            }
        }
        if targets.isEmpty, let np = subject.first, np.start < firstPlatform {
            if np.pronoun != nil {
                if let i = resolvePronoun(np, sentence: si) { targets = [i] }
            } else if np.isOrganisation, !np.frame, let i = register(np, sentence: si) {
                targets = [i]
            }
        }
        // "redirected to the museum's Instagram", "shared on the federation's WhatsApp channel": a
        // description owning the destination account stands for the organisation it describes.
        if targets.isEmpty {
            for k in 1..<s.count where ["'s", "\u{2019}s"].contains(s.raw(k)) && (s.platform(at: k + 1).map { $0.0 != "x" } ?? false) {
                guard let b = (max(0, k - 5)..<k).first(where: { s.phrase(at: $0)?.end == k }), let np = s.phrase(at: b),
                    !np.named, np.definite, np.kind != nil, !np.plural,
                    let i = resolveDescription(np, sentence: si), !entities[i].events.isEmpty
                else { continue }
                if !targets.contains(i) { targets.append(i) }
            }
        }
        // "Both will continue on LinkedIn and Bluesky.": no subject of its own, so the
        // organisations that departed in the sentence before.
        if targets.isEmpty, subject.isEmpty { targets = previous }
        // "The post told readers to look for branch news on Facebook": the body's own last post or
        // message, as subject, speaks for the body that departed in the sentence before.
        if targets.isEmpty, let np = subject.first, np.start < firstPlatform, !np.named, np.definite,
            let head = np.head, ownMessages.contains(head.lowercased())
        {
            targets = previous
        }
        if targets.allSatisfy({ entities[$0].events.isEmpty }) {
            // "Council news ... will move to the council's Facebook page": an organisation of this
            // sentence that has departed; with none named at all ("Match-day updates now appear on
            // Instagram"), the nearest departure around it, decided once all sentences are read.
            // A lone capitalised word of unknown kind opening the sentence ("Updates on ...") is no
            // organisation to speak of.
            let named = Set(
                registered.filter { start, i in
                    !(start == s.bodyStart() && entities[i].kind == nil && !entities[i].name.contains(" ") && entities[i].events.isEmpty)
                }.values)
            if !named.isEmpty {
                targets = named.filter { !entities[$0].events.isEmpty }.sorted()
                if targets.count < named.count { return }
            } else if firstPlatform > 0,
                !(0..<s.count).contains(where: {
                    s.cue(.frame, at: $0) != nil || (s.cue(.personGroup, at: $0) != nil && !($0 > 0 && directingVerbs.contains(s.lower($0 - 1))))
                }),
                // An organisation the text does not resolve ("Fans can follow the club on Bluesky"
                // with no club before) is someone else.
                !lists(s, 0, s.count).contains(where: {
                    $0.items.contains { np in
                        np.isOrganisation && !np.frame && !(np.named && np.start == s.bodyStart() && np.kind == nil && np.end - np.start == 1)
                    }
                })
            {
                pendingPlatforms.append((si, ids))
                return
            }
        }
        for t in targets where !entities[t].events.isEmpty {
            entities[t].platforms.formUnion(ids)
            if !entities[t].evidence.contains(si) { entities[t].evidence.append(si) }
        }
    }

    /// The platforms other than X named from token `from` on, less those only being considered
    /// ("is weighing a move to Bluesky").
    func destinationIDs(_ s: PhraseScanner, from: Int) -> [String] {
        var ids: [String] = []
        var k = from
        while k < s.count {
            if let (id, n) = s.platform(at: k), id != "x", s.tokens[k].isWord {
                // "might open a Bluesky account later": a possibility, not a destination.
                let considered =
                    (max(0, k - 8)..<k).contains { s.cue(.consider, at: $0) != nil }
                    || (max(0, k - 5)..<k).contains { isPossibility(s, $0) }
                if !considered { ids.append(id) }
                k += n
            } else {
                k += 1
            }
        }
        return ids
    }

    /// A person who speaks: known as one, or a name of no kind that a reporting verb follows
    /// ("Its chairwoman, Brigitte Wernig, said ...").
    mutating func isSpeaker(_ np: NounPhrase, _ s: PhraseScanner) -> Bool {
        if np.person || isBarePerson(np, s) { return true }
        guard np.named, np.kind == nil, np.pronoun == nil else { return false }
        let after = s.raw(np.end) == "," ? np.end + 1 : np.end
        return reportingVerbs.contains(s.lower(after))
    }

    /// Destinations in a sentence that names no organisation go to the organisations departing in
    /// the nearest sentence up to two before it, else in the sentence right after it.
    mutating func attachPendingPlatforms() {
        guard !pendingPlatforms.isEmpty else { return }
        // The entities departing in each sentence, in entity order, made once.
        var departing: [Int: [Int]] = [:]
        for i in entities.indices where entities[i].mergedInto == nil {
            for t in Set(entities[i].events.map(\.sentence)) { departing[t, default: []].append(i) }
        }
        for (si, ids) in pendingPlatforms {
            var targets: [Int] = []
            for t in [si - 1, si - 2, si + 1] where t >= 0 && t < sentences.count && !sentences[t].isHeadline {
                targets = departing[t] ?? []
                if !targets.isEmpty { break }
            }
            // Past a spokesperson's quote of several sentences, one departure earlier in the same
            // paragraph ("... taking a break," he said. Match results will be published on Facebook.).
            if targets.isEmpty {
                for t in stride(from: si - 3, through: max(0, si - 5), by: -1) where sentences[t].paragraph == sentences[si].paragraph {
                    targets = departing[t] ?? []
                    if !targets.isEmpty { break }
                }
                if targets.count > 1 { targets = [] }
            }
            for t in targets {
                entities[t].platforms.formUnion(ids)
                if !entities[t].evidence.contains(si) { entities[t].evidence.append(si); entities[t].evidence.sort() }
            }
        }
    }
}

/// A body's own words, which as a subject speak for it: "The post told readers ...".
private let ownMessages: Set<String> = ["post", "message", "statement", "announcement", "notice", "tweet", "update", "letter", "email", "newsletter"]

/// Verbs by which a body sends its audience somewhere: "The post told readers to look for branch
/// news on Facebook" names the body's destination, unlike "readers moved to Bluesky".
private let directingVerbs: Set<String> = [
    "told", "tells", "tell", "asked", "asks", "urged", "urges", "invited", "invites", "encouraged", "encourages", "directed",
    "directs", "pointed", "points", "reminded", "reminds",
]

/// Kind words that name a body only in a title ("The Times", "The Post"): in lower case, after a
/// capitalised word, they are common nouns ("Story times", "Blog posts").
private let titleKindWords: Set<String> = ["times", "post", "posts", "herald", "tribune", "journal", "guardian", "press"]

/// A modal at `k` that makes a platform only possible: "the club might open a Bluesky account",
/// "could join Threads later". "Fans could follow it on Bluesky" tells readers where it went.
private func isPossibility(_ s: PhraseScanner, _ k: Int) -> Bool {
    switch s.lower(k) {
    case "might": return true
    case "could", "may": return !s.tokens[k].isCapitalised && possibleSteps.contains(s.lower(k + 1))
    default: return false
    }
}

/// Verbs after "could" or "may" that start something new rather than direct readers to it.
private let possibleSteps: Set<String> = ["open", "join", "create", "start", "launch", "set", "try", "consider", "eventually", "later"]
