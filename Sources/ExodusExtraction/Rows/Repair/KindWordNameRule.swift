import ExodusCore

/// A name that is only one kind word ("Society", "Theatres", "Museums", "Local") or a sentence
/// adverb ("Closer to home, ...", "Further afield, ...") names no organisation: a description's
/// head or an opening word was taken for a name. Nor does a name that ends in a kind word in the
/// plural and in lower case ("NHS trusts", "Dozens of NHS trusts", "Guadalajara-area
/// organisations") and counts nothing: that is a class of bodies, as a proper name's head is
/// capitalised. The row
/// goes, unless the gazetteer knows the word as an organisation or the row stands for named
/// members.
struct KindWordNameRule: RowRule {
    static let summary = "A one-word name that is a kind word or an opening adverb is no organisation"
    static let examplesFor = [
        RuleExample(
            "Closer to home, North Fell Police said last month that it would no longer use X.\n", published: "2025-03-04",
            present: ["North Fell Police"], absent: ["Closer"]),
        RuleExample("Theatres are leaving X. Museums quit X too, the survey found.\n", published: "2025-03-04", absent: ["Theatres", "Museums"]),
        RuleExample(
            "Across the country, universities, NHS trusts and charities have stopped posting on X since the riots.\n",
            published: "2025-03-04", absent: ["NHS trusts"]),
    ]
    static let examplesAgainst = [
        RuleExample("The Tarn Theatre Society has left X.\n", published: "2025-03-04", present: ["Tarn Theatre Society"]),
        RuleExample("Stuff, the New Zealand news site, has left X.\n", published: "2025-03-04", present: ["Stuff"]),
        RuleExample("Friends of the Tarn Museums has left X.\n", published: "2025-03-04", present: ["Friends of the Tarn Museums"]),
        // A counted group is a row of its own.
        RuleExample(
            "At least nine of the University of Tarnby's 40 colleges have stopped posting on X.\n", published: "2025-03-04",
            present: ["At least nine University of Tarnby colleges"]),
    ]

    /// Quantities that count nothing exactly ("Dozens of NHS trusts").
    static let vagueQuantities: Set<String> = ["dozens", "hundreds", "thousands", "scores", "numerous", "many", "several", "various", "countless"]

    /// Adverbs and comparatives that open a sentence before a comma.
    static let openers: Set<String> = [
        "closer", "further", "farther", "earlier", "later", "elsewhere", "meanwhile", "here", "there", "today", "yesterday",
        "now", "locally", "nationally", "internationally", "abroad", "overseas", "separately", "similarly", "likewise", "local",
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let dropped = rows.ids { $0.members.isEmpty && (Self.isKindWord($0.organisation, lexicon) || Self.isClassPhrase($0.organisation, lexicon)) }
        RowRepair.remove(dropped, from: &rows)
    }

    /// "NHS trusts", "Dozens of NHS trusts": more than one word, the last a kind word in the
    /// plural, written in lower case.
    static func isClassPhrase(_ name: String, _ lexicon: Lexicon) -> Bool {
        guard let space = Self.lastSpaceOrHyphen(name) else { return false }
        // Most names end in a capitalised word. In an ASCII name every character is one byte (but
        // "\r\n", which is no letter) and only a-z are lower case, so the last word's first byte
        // settles them without reading a Character.
        if let opening = Self.asciiByte(after: space, in: name), !(opening >= 0x61 && opening <= 0x7A) { return false }
        let last = name[name.index(after: space)...]
        guard let first = last.first, first.isLowercase, last.allSatisfy(\.isLetter) else { return false }
        let w = String(last)
        let s = singular(w)
        guard s != w, RowRepair.isBodyWord(s, lexicon) else { return false }
        let words = name.splitAtSpaces()
        if Self.vagueQuantities.contains(words[0].lowercased()) { return true }
        // A counted group ("At least nine University of Tarnby colleges") is a row of its own.
        if words.contains(where: { word in
            word.allSatisfy(\.isNumber) || word.lowercased().split(separator: "-").allSatisfy { numberWords[String($0)] != nil }
        }) {
            return false
        }
        // A class, not one body: after a vague quantity ("Dozens of NHS trusts"), or with an
        // initialism ("NHS trusts") or a place-based compound ("Guadalajara-area organisations",
        // "Leeds-based charities") before the head. A description of the story's own collective
        // ("trade unions", as the text writes it) is left to the row model.
        let opening = words[0]
        if opening.count >= 2, opening.allSatisfy({ $0.isUppercase }) { return true }
        let lowerFirst = opening.lowercased()
        return lowerFirst.hasSuffix("-area") || lowerFirst.hasSuffix("-based") || lowerFirst.hasSuffix("-region")
    }

    /// `lastIndex(where: { $0 == " " || $0 == "-" })`, read on the bytes of an ASCII name (where
    /// each of the two is a character of one byte) rather than character by character from the end.
    static func lastSpaceOrHyphen(_ name: String) -> String.Index? {
        let ascii = name.utf8.withContiguousStorageIfAvailable { WordTable.isASCII($0) } ?? false
        return ascii ? name.utf8.lastIndex { $0 == 0x20 || $0 == 0x2D } : name.lastIndex { $0 == " " || $0 == "-" }
    }

    /// The byte after `index` in an ASCII name; nil for a name that is not ASCII or that ends there.
    static func asciiByte(after index: String.Index, in name: String) -> UInt8? {
        let u = name.utf8
        let next = u.index(after: index)
        guard next < u.endIndex, u.withContiguousStorageIfAvailable({ WordTable.isASCII($0) }) == true else { return nil }
        return u[next]
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
