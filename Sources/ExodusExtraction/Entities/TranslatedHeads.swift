import ExodusCore

/// English head words a foreign name answers to when the story goes on in English: "Stichting
/// IJsseldijk Erfgoedwacht ... The foundation posted its last message", "Revalidatiecentrum
/// Sallandse Heuvelrug" as "the rehabilitation clinic". Only heads whose kind does not already
/// lead a description to the name: a university, museum or hospital in any language is found by
/// its kind. A gloss in brackets ("(IJssel Dyke Heritage Watch Foundation)") gives its own head
/// words as well.
func translatedHeads(_ name: String, aliases: [String]) -> Set<String> {
    var out: Set<String> = []
    var bytes = name
    // An ASCII name is read on its bytes: its words are the runs between spaces (as
    // `splitAtSpaces` cuts them), each lower-cased by byte (what `lowercased()` does to ASCII)
    // and looked up by its bytes in `foreignHeads`, which finds exactly the keys equal to it.
    // This runs for every name registered and every row, and most names hold no foreign head.
    let readAsASCII: Bool = bytes.withUTF8 { b in
        guard WordTable.isASCII(b) else { return false }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, b.count)) { lower in
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 0x20 {
                if i > start {
                    for k in start..<i {
                        let x = b[k]
                        lower[k - start] = x >= 0x41 && x <= 0x5A ? x | 0x20 : x
                    }
                    let word = UnsafeBufferPointer(rebasing: lower[0..<(i - start)])
                    let id = foreignHeads.words.find(ascii: word, hash: WordTable.hash(word))
                    if id != noWord { out.insert(foreignHeads.english[Int(id)]) }
                }
                start = i + 1
            }
        }
        return true
    }
    if !readAsASCII {
        for w in name.splitAtSpaces() {
            if let h = foreignHeadWords[w.lowercased()] { out.insert(h) }
        }
    }
    for a in aliases {
        for w in a.splitAtSpaces() {
            let l = w.lowercased()
            if englishHeadWords.contains(l) { out.insert(l) }
        }
    }
    return out
}

/// English nouns that head a body's name and that a later description may take up.
private let englishHeadWords: Set<String> = [
    "foundation", "institute", "museum", "university", "hospital", "clinic", "trust", "association", "society", "club",
    "union", "council", "college", "school", "library", "centre", "center", "network", "federation", "alliance", "paper",
    "newspaper", "weekly", "station", "theatre", "choir", "orchestra", "company", "cooperative", "co-operative", "league",
    "charity", "committee", "press", "archive", "academy", "observatory", "laboratory",
]

/// Head words of other languages and the English head a story uses for them.
private let foreignHeadWords: [String: String] = {
    var m: [String: String] = [:]
    func add(_ english: String, _ words: [String]) { for w in words { m[w] = english } }
    add(
        "foundation",
        [
            "stichting", "stiftung", "stiftelse", "stiftelsen", "fundación", "fundació", "fundação", "fondation", "fondazione", "fundacja", "säätiö",
            "nadace", "nadácia", "fonden",
        ])
    add(
        "association",
        [
            "verein", "vereniging", "forening", "förening", "foreningen", "yhdistys", "asociación", "associazione", "associació", "associação",
            "stowarzyszenie", "spolek", "vereinigung",
        ])
    add("clinic", ["klinik", "kliniek", "clinique", "clinica", "clínica", "klinika", "revalidatiecentrum", "rehaklinik", "kliniken"])
    add("choir", ["chor", "coro", "chorale", "koor", "kór", "kuoro"])
    add("union", ["sindicato", "syndicat", "gewerkschaft", "vakbond", "sindacato"])
    add("cooperative", ["cooperativa", "coopérative", "genossenschaft", "coöperatie", "cooperatie", "spółdzielnia", "osuuskunta"])
    add("trust", ["ymddiriedolaeth"])
    add("club", ["klub", "clube", "klubb", "seura", "cercle", "circolo", "círculo"])
    return m
}()

/// `foreignHeadWords` numbered in a `WordTable` (looked up on an ASCII word's bytes), with the
/// English head of each number.
private let foreignHeads: (words: WordTable, english: [String]) = {
    var words = WordTable()
    var english: [String] = []
    for (w, h) in foreignHeadWords where Int(words.insert(w)) == english.count { english.append(h) }
    return (words, english)
}()

/// A name read the same in any language: its words folded to lower-case ASCII, its head words
/// turned into English ("Universität" and "Universiteit" are "university", "Stiftung" is
/// "foundation"), connectors of several languages dropped, every other word cut to its first six
/// letters (so "Antwerp" and "Antwerpen" agree), and the words sorted. "University of Bern" and
/// "Universität Bern", or "University of Antwerp" and "Universiteit Antwerpen", read alike.
/// Nil unless the name has a head word and at least one other word, since without a head two
/// bodies of one place would read alike.
func crossLanguageForm(_ name: String) -> String? {
    let key = Gazetteer.bundled.key(name)
    var words: [String] = []
    // Room for every word at once (one a space, at most): appended one by one, the array grew twice.
    words.reserveCapacity(key.reduce(1) { $0 + ($1 == 0x20 ? 1 : 0) })
    var heads = 0
    // The key's words are the runs of bytes between spaces, read in place (the generic
    // `split(separator:)` made an array of slices first). Connectors and heads are looked up in
    // word tables, which answer as the sets and dictionaries of strings they are made from.
    key.withUnsafeBufferPointer { b in
        var start = 0
        while start < b.count {
            guard b[start] != 0x20 else {
                start += 1
                continue
            }
            var end = start + 1
            while end < b.count, b[end] != 0x20 { end += 1 }
            let piece = UnsafeBufferPointer(rebasing: b[start..<end])
            start = end
            let w = String(decoding: piece, as: UTF8.self)
            if crossLanguageConnectorTable.contains(w) { continue }
            let head = crossLanguageHeadTable.words.find(w)
            if head != noWord {
                heads += 1
                words.append(crossLanguageHeadTable.english[Int(head)])
            } else {
                words.append(firstSixLetters(w, piece))
            }
        }
    }
    guard heads > 0, words.count > heads else { return nil }
    return words.sorted().joined(separator: " ")
}

/// `String(w.prefix(6))` of a key's word `w`, whose bytes are `piece`. An ASCII word's
/// characters are its bytes (a key holds no carriage return to pair with a line feed), so its
/// first six bytes are cut without walking it Character by Character.
private func firstSixLetters(_ w: String, _ piece: UnsafeBufferPointer<UInt8>) -> String {
    guard piece.allSatisfy({ $0 < 0x80 }) else { return String(w.prefix(6)) }
    return piece.count <= 6 ? w : String(decoding: UnsafeBufferPointer(rebasing: piece[..<6]), as: UTF8.self)
}

/// Words that join a name's parts in the languages the gazetteers hold, left out of the form.
private let crossLanguageConnectors: Set<String> = [
    "of", "the", "and", "de", "des", "du", "la", "le", "les", "l", "d", "der", "die", "das", "den", "dem", "van", "von", "voor", "fur",
    "di", "del", "della", "dei", "degli", "do", "da", "dos", "y", "e", "et", "und", "en", "i", "och", "og", "for",
]

/// `crossLanguageConnectors` as a `WordSet`: the same answers, an ASCII word hashed on its bytes.
private let crossLanguageConnectorTable = WordSet(crossLanguageConnectors)

/// `crossLanguageHeads` numbered in a `WordTable`, with the English head of each number (the
/// keys are distinct strings, so each takes the next number).
private let crossLanguageHeadTable: (words: WordTable, english: [String]) = {
    var words = WordTable()
    var english: [String] = []
    for (w, h) in crossLanguageHeads where Int(words.insert(w)) == english.count { english.append(h) }
    return (words, english)
}()

/// Head words in ASCII-folded form and the English head they stand for: those of
/// `foreignHeadWords` and the English heads themselves, with the names of universities and
/// museums, which `foreignHeadWords` leaves to the kind list.
private let crossLanguageHeads: [String: String] = {
    var m: [String: String] = [:]
    for (w, h) in foreignHeadWords { m[String(decoding: Gazetteer.bundled.key(w), as: UTF8.self)] = h }
    for h in englishHeadWords { m[h] = h }
    for w in [
        "university", "universitat", "universiteit", "universite", "universita", "universidad", "universidade", "uniwersytet",
        "universitet", "universitetet", "univerzita", "yliopisto", "egyetem",
    ] {
        m[w] = "university"
    }
    for w in ["museum", "musee", "museo", "museu", "muzeum", "museet", "kunstmuseum"] { m[w] = "museum" }
    return m
}()
