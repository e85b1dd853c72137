import ExodusCore

/// The organisation a page speaks for in its own voice: "We stopped posting on X on 30
/// September" on a charity's FAQ, "Why we've logged off X" on a museum's blog. A "we" outside
/// any quotation is the page's publisher, when the publisher's name is an organisation's (a kind
/// word, a head word of another language, or a listed organisation): not a person, and not a
/// bare site name ("Substack"). A "we" inside a quotation is the speaker's, as before.
extension ExtractionRun {
    mutating func ownVoiceEntity(sentence: Int, token: Int) -> Int? {
        guard let publisher = document.publisher, !isSpeakersLine(sentence), !isInterviewAnswer(sentence),
            let name = Self.organisationName(publisher, lexicon: lexicon, gazetteer: gazetteer)
        else { return nil }
        let k = key(name)
        if var i = keyOwner[k] {
            while let j = entities[i].mergedInto { i = j }
            mentions.append(Mention(entity: i, sentence: sentence, token: token))
            return i
        }
        return addEntity(
            name: name, aliases: [], named: true, kind: Self.kind(of: name, lexicon: lexicon, gazetteer: gazetteer), plural: false,
            count: nil, country: nil, head: nil, sentence: sentence, token: token)
    }

    /// The sentence's paragraph opens with a speaker's label ("A: We will post our last message
    /// ...", "Kerrigan: We ..."): an interview's answer, in the answerer's voice.
    func isSpeakersLine(_ si: Int) -> Bool {
        var k = si
        while k > 0, sentences[k - 1].paragraph == sentences[si].paragraph { k -= 1 }
        let line = document.text[sentences[k].range].prefix(40)
        guard let colon = line.firstIndex(of: ":"), let first = line.first, first.isUppercase else { return false }
        let label = line[..<colon]
        return label.split(separator: " ").count <= 3 && label.allSatisfy { $0.isLetter || $0 == " " || $0 == "." || $0 == "-" || $0 == "'" }
    }

    /// The sentence answers an interviewer's question about a body the page names: it comes after
    /// a question on a line of its own, and such a question names an organisation ("When did
    /// Forest & Bird actually leave?" then "We posted for the last time on 29 November"). There
    /// "we" is the guest's, not the publisher's. An organisation's own FAQ ("Have you left X?"
    /// then "Yes. We stopped posting") names no other body in its questions.
    mutating func isInterviewAnswer(_ si: Int) -> Bool {
        let questions = questionLinesOfPage().prefix { $0 < si }
        guard !questions.isEmpty else { return false }
        return mentions.contains { m in
            questions.contains(m.sentence) && entities[m.entity].named && entities[m.entity].kind != nil
        }
    }

    /// The page's question lines (one sentence that ends in "?" and makes the whole paragraph), in
    /// order, found once a document.
    mutating func questionLinesOfPage() -> [Int] {
        if let known = questionLines { return known }
        var found: [Int] = []
        var p = -1
        for k in sentences.indices where sentences[k].paragraph != p {
            p = sentences[k].paragraph
            let single = k + 1 >= sentences.count || sentences[k + 1].paragraph != p
            if single, document.text[sentences[k].range].last(where: { $0 != " " }) == "?" { found.append(k) }
        }
        questionLines = found
        return found
    }

    /// The publisher's name without a leading "The", when it is an organisation's: two to ten
    /// words, the first capitalised, with a kind.
    static func organisationName(_ publisher: String, lexicon: Lexicon, gazetteer: Gazetteer) -> String? {
        var name = Substring(publisher)
        while name.first == " " { name = name.dropFirst() }
        while name.last == " " { name = name.dropLast() }
        if name.hasPrefix("The ") { name = name.dropFirst(4) }
        let words = name.split(separator: " ")
        guard (2...10).contains(words.count), let first = name.first, first.isUppercase else { return nil }
        let s = String(name)
        return kind(of: s, lexicon: lexicon, gazetteer: gazetteer) == nil ? nil : s
    }

    /// What the gazetteer says of the name, else the kind of its last kind word.
    static func kind(of name: String, lexicon: Lexicon, gazetteer: Gazetteer) -> OrganisationKind? {
        if let k = gazetteer.organisation(name)?.kind { return k }
        for w in name.lowercased().split(separator: " ").reversed() {
            let word = String(w.filter { $0.isLetter || $0 == "-" })
            if let k = lexicon.kinds.match(1, at: 0, key: { _ in word })?.0 { return k }
        }
        return gazetteer.kind(inName: name)
    }
}
