import ExodusCore

/// A row named only by a landscape is no organisation: "villages along the Lune Valley" give a
/// valley, "the Vesdre river" a river. The row goes when the name ends in a word of landscape
/// ("Valley", "River", "Coast") and has no word of a body in it, or in a street's word ("Street",
/// "Road") whatever comes before it ("Academy Street"). A town's name stays: a town
/// that leaves X is its council ("Annapolis has left X, the city said"), and a
/// club may be named after one ("Werder Bremen").
struct PlaceNameRule: RowRule {
    static let summary = "A row named only by a landscape is no organisation"
    static let examplesFor = [
        RuleExample(
            "A food bank serving villages along the Tarn Valley has closed its X account, saying the people it helps are not on the platform.\n",
            published: "2025-03-04", absent: ["Tarn Valley"]),
        RuleExample(
            "The walking group bid farewell to X at the end of May with a photo of the Tarnwood Reservoir.\n", published: "2025-06-04",
            absent: ["Tarnwood Reservoir"]),
        RuleExample(
            "The Kelby Night Shelter opened a drop-in centre on Academy Street last year. It stopped posting on X in February.\n",
            published: "2025-03-04", absent: ["Academy Street"]),
        RuleExample("Aberdeen nonprofits log off X after election\n", published: "2025-03-04", absent: ["Aberdeen"]),
        // A dateline's abbreviated province before a counted group.
        RuleExample(
            "MOOSE BEND, Sask. — Three of the five rural fire halls near the town have stopped posting on X, a spokesperson said.\n",
            published: "2025-03-04", absent: ["Sask"]),
        RuleExample("Aberdeen heritage forum quits X, two other groups already gone\n", published: "2025-03-04", absent: ["Aberdeen"]),
        RuleExample(
            "Eleven universities and institutes in north-west Lower Saxony and Bremen will stop posting on X on 31 January.\n",
            published: "2025-01-10", absent: ["Lower Saxony", "Bremen"]),
        RuleExample(
            "The NHS trust that runs the minor injuries units along with nursing teams across north Kent, has become the latest local body to leave X.\n",
            published: "2025-03-04", absent: ["Kent"]),
        // A later sentence that gives the row only its platforms does not save it.
        RuleExample(
            "The regional health service in central Tarnland posted its last message on X on 3 February. After that, notices went out on Facebook.\n",
            published: "2025-03-04", absent: ["Tarnland"]),
        // The dateline's town, written later in title case, is a place there too.
        RuleExample(
            "MARTONBY - A regional police force has shut down its X account.\nThe Tarn Valley Police, which has patrolled Martonby, Ashdale and Kelby since 2019, deactivated its account on Tuesday.\n",
            published: "2025-03-04", present: ["Tarn Valley Police"], absent: ["Martonby", "MARTONBY"]),
    ]
    static let examplesAgainst = [
        RuleExample("The Tarn Valley Trust has closed its X account.\n", published: "2025-03-04", present: ["Tarn Valley Trust"]),
        RuleExample("North Kent Foodbank has closed its X account.\n", published: "2025-03-04", present: ["North Kent Foodbank"]),
        // An acronym that opens a line is no dateline.
        RuleExample("UNICEF has closed its X account.\n", published: "2025-03-04", present: ["UNICEF"]),
        RuleExample("Halifax Regional Council has closed its X account.\n", published: "2025-03-04", present: ["Halifax Regional Council"]),
        RuleExample("Annapolis has left X, the city said on Monday.\n", published: "2025-03-04", present: ["Annapolis"]),
    ]

    // The word lists of this rule are `WordSet`s: the answers of a `Set<String>`, hashing an
    // ASCII word's bytes (the words of every row and evidence sentence are looked up).
    static let landscape = WordSet([
        "valley", "valleys", "river", "lake", "lakes", "bay", "coast", "island", "islands", "peninsula", "mountains", "hills",
        "dales", "moor", "moors", "fjord", "glacier", "forest", "estuary", "delta", "plain", "plains", "gorge", "sea",
        "ocean", "firth", "loch", "lough", "gulf", "fens", "wolds", "highlands", "lowlands", "marshes", "shore",
        "coastline", "archipelago", "straits", "isles", "reef", "reefs", "headland", "hinterland", "basin", "plateau",
        "reservoir", "reservoirs", "marsh", "cove", "beach",
    ])
    /// Streets, named as often after a body as after anything ("Academy Street", "Station Road",
    /// "Church Lane"): a body's word in them makes no body.
    static let streets = WordSet(["street", "road", "avenue", "boulevard", "lane"])

    /// Lower-case words that make the capitalised name after them a part of a map: "across north
    /// Kent", "in rural Ohio", "coastal Maine".
    static let compass = WordSet([
        "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "north-east",
        "north-west", "south-east", "south-west", "northeast", "northwest", "southeast", "southwest", "mid", "upstate",
        "downstate", "rural", "coastal", "inner", "outer", "inland", "greater",
    ])

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        let dropped = rows.ids { row in
            row.members.isEmpty
                && (Self.isPlace(row.organisation, lexicon, memo.pieces, memo: memo) || Self.isTownAsModifier(row, lexicon, memo.pieces)
                    || Self.isCounty(row.organisation)
                    || Self.isRegionOrCountry(memo.gazetteerKey(row.organisation)) || Self.isMapPart(row, lexicon, memo)
                    || Self.isDateline(row.organisation, document.text, memo: memo)
                    || Self.isLandscapeModifier(row, memo.pieces) || Self.isDatelineTown(row, memo)
                    || Self.isAbbreviatedState(row.organisation))
        }
        RowRepair.remove(dropped, from: &rows)
    }

    /// A town the gazetteer knows, written in every evidence sentence as a modifier between an
    /// article and a lower-case noun: "Fynsk Cykel, the Odense maker of cargo bikes, said ...".
    /// A town as the subject ("Annapolis has left X") names its council and stays.
    static func isTownAsModifier(_ row: Departure, _ lexicon: Lexicon, _ cache: PieceCache) -> Bool {
        let name = row.organisation
        guard !name.contains(" "), Gazetteer.bundled.organisation(name) == nil, Gazetteer.bundled.country(ofPlace: name) != nil,
            !row.evidence.isEmpty
        else { return false }
        return everyEvidenceWrites(name[...], of: row, cache) { ps, k in
            (k > 0 && ["the", "a", "an"].contains(ps[k - 1].lower) && k + 1 < ps.count && ps[k + 1].isWord && !ps[k + 1].isCapitalised)
                || opensHeadlineAsModifier(ps, k)
        }
    }

    /// A one-word name written only before a landscape word in lower case: "monitoring trips to
    /// the Keppel islands", "along the Tarn valley". A place, whatever the lists know of it.
    static func isLandscapeModifier(_ row: Departure, _ cache: PieceCache) -> Bool {
        let name = row.organisation
        guard !name.contains(" ") else { return false }
        return everyWriting(name[...], in: row.evidence.map(\.quote), cache) { ps, k in
            k + 1 < ps.count && ps[k + 1].isWord && !ps[k + 1].isCapitalised && landscape.contains(ps[k + 1].lower)
        }
    }

    /// `word` is written in `texts` at least once, and each time where `placed` holds (unlike
    /// `everyEvidenceWrites`, a text need not write it).
    static func everyWriting(
        _ word: Substring, in texts: [String], _ cache: PieceCache, where placed: ([WholeNameRule.Piece], Int) -> Bool
    ) -> Bool {
        var seen = false
        for text in texts {
            let ps = cache.pieces(text)
            for k in ps.indices where ps[k].text == word {
                guard placed(ps, k) else { return false }
                seen = true
            }
        }
        return seen
    }

    /// Every evidence sentence of the row writes `word`, and each time where `placed` holds.
    static func everyEvidenceWrites(
        _ word: Substring, of row: Departure, _ cache: PieceCache, where placed: ([WholeNameRule.Piece], Int) -> Bool
    ) -> Bool {
        row.evidence.allSatisfy { e in
            let ps = cache.pieces(e.quote)
            let at = ps.indices.filter { ps[$0].text == word }
            return !at.isEmpty && at.allSatisfy { placed(ps, $0) }
        }
    }

    /// "Albuquerque nonprofits log off X", "Paarl heritage forum quits X": a town that opens the
    /// line before two lower-case words, the first no adverb or auxiliary ("Annapolis quietly let
    /// it be known", "Annapolis has left X" keep the town as subject).
    static func opensHeadlineAsModifier(_ ps: [WholeNameRule.Piece], _ k: Int) -> Bool {
        guard k == 0, k + 2 < ps.count, ps[k + 1].isWord, !ps[k + 1].isCapitalised, ps[k + 2].isWord, !ps[k + 2].isCapitalised else { return false }
        let next = ps[k + 1].lower
        return !next.hasSuffix("ly") && !ElidedDepartureRule.auxiliaries.contains(next)
            && !["would", "could", "should", "may", "might", "must", "can", "says", "said", "quits", "leaves", "left", "quit"]
                .contains(next)
    }

    /// A region, country or capital the gazetteer knows, and no organisation it knows: "Lower
    /// Saxony", "Norrbotten", "Groningen" come from "in Lower Saxony and Bremen" and the like,
    /// never from a body that left. A town of the long list is not one of them ("Annapolis has
    /// left X" names its council).
    /// The name is given by its key (`Gazetteer.key`).
    static func isRegionOrCountry(_ key: [UInt8]) -> Bool {
        let gazetteer = Gazetteer.bundled
        guard gazetteer.country(ofRegionKey: key) != nil || gazetteer.country(ofPlaceKey: key, cities: false) != nil else { return false }
        return gazetteer.organisation(key: key) == nil
    }

    /// A name of one to three words with no word of a body, written in every evidence sentence after
    /// a lower-case compass word ("the community nursing teams across north Kent"): a part of a map.
    static func isMapPart(_ row: Departure, _ lexicon: Lexicon, _ memo: RepairMemo) -> Bool {
        let cache = memo.pieces
        let words = cache.words(row.organisation)
        guard (1...3).contains(words.count), !row.evidence.isEmpty, !words.contains(where: { RowRepair.isBodyWord($0.lower, lexicon) }),
            Gazetteer.bundled.organisation(key: memo.gazetteerKey(row.organisation)) == nil
        else { return false }
        // Evidence that does not write the name (a later sentence that gave only platforms) says
        // nothing either way.
        return everyWriting(words[0].text, in: row.evidence.map(\.quote), cache) { ps, k in
            k > 0 && !ps[k - 1].isCapitalised && compass.contains(ps[k - 1].lower)
        }
    }

    /// A dateline's town in capitals ("FORTUNA - A regional police department ..."): a word of four
    /// letters or more in capitals that opens a paragraph before a dash or comma, and that the story
    /// also writes in lower case ("has patrolled Fortuna, Rio Dell and Loleta"). An acronym is never
    /// written so.
    static func isDateline(_ name: String, _ text: String, memo: RepairMemo? = nil) -> Bool {
        guard name.characterCount >= 4, !name.contains(" "), name.allSatisfy(\.isLetter), name.allSatisfy(\.isUppercase) else { return false }
        guard memo?.opensLineAsDateline(name) ?? opensLineAsDateline(name, text) else { return false }
        return text.contains(name.prefix(1) + name.dropFirst().lowercased())
    }

    /// Whether the text has a line that opens with the word in capitals before a dash or a comma:
    /// a byte search each, for a page of ordinary length.
    static func opensLineAsDateline(_ shouted: String, _ text: String) -> Bool {
        [" -", " \u{2013}", " \u{2014}", ","].contains { text.hasPrefix(shouted + $0) || text.contains("\n" + shouted + $0) }
    }

    /// The words that open a line of the text before a dash or a comma ("FORTUNA -", "Kelby,"),
    /// each a run of letters: the candidates for a dateline's town. Read once per document and
    /// kept in the `RepairMemo`: searching the whole text for each row's name made a long page,
    /// which has many rows, quadratic.
    static func datelineOpeners(_ text: String) -> Set<String> {
        var out: Set<String> = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let word = line.prefix(while: \.isLetter)
            guard !word.isEmpty else { continue }
            let rest = line[word.endIndex...]
            if [" -", " \u{2013}", " \u{2014}", ","].contains(where: { rest.hasPrefix($0) }) { out.insert(String(word)) }
        }
        return out
    }

    /// The dateline's town written in title case, where the story has it only as the object of
    /// a verb or preposition ("which has patrolled Fortuna, Rio Dell and Loleta"): a place. A club
    /// or council that goes by the town's name is a subject somewhere ("Freiburg asked ...") or
    /// part of a longer name ("SC Freiburg", "the City of Cambridge") and stays.
    static func isDatelineTown(_ row: Departure, _ memo: RepairMemo) -> Bool {
        let name = row.organisation
        guard name.characterCount >= 4, !name.contains(" "), name.allSatisfy(\.isLetter), name.first?.isUppercase == true,
            name.dropFirst().allSatisfy(\.isLowercase),
            memo.opensLineAsDateline(name.uppercased())
        else { return false }
        return everyWriting(name[...], in: memo.sentenceTexts.texts.filter { $0.contains(name) }, memo.pieces) { ps, k in
            k > 0 && ps[k - 1].isWord && !ps[k - 1].isCapitalised && !nameConnectors.contains(ps[k - 1].lower)
        }
    }

    /// Lower-case words that join a town into a name ("City of Cambridge").
    static let nameConnectors = WordSet(["of", "for", "and", "de", "du", "des", "la", "le", "van", "von", "di", "da", "del"])

    /// "Sask", "Calif": a state's or province's abbreviation (`abbreviatedStates`). Each is five
    /// ASCII letters at most, none with a canonical equal but itself, so a longer name is none of
    /// them and is not hashed.
    static func isAbbreviatedState(_ name: String) -> Bool {
        name.utf8.count <= 5 && abbreviatedStates[name] != nil
    }

    /// "Co Wexford", "County Kerry": an Irish or British county named as such.
    static func isCounty(_ name: String) -> Bool {
        // Each of the three starts with "co": an ASCII name's first word must then start with
        // these two bytes in some case (there lower-casing changes A-Z only), and most names' do
        // not, so they are not split.
        guard mayOpenWithCo(name) else { return false }
        let words = name.splitAtSpaces()
        return words.count == 2 && ["co", "co.", "county"].contains(words[0].lowercased())
    }

    /// False only for an ASCII name whose first word (after any spaces) does not start with "co"
    /// in some case.
    static func mayOpenWithCo(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { b in
            guard WordTable.isASCII(b) else { return true }
            var i = 0
            while i < b.count, b[i] == 0x20 { i += 1 }
            return i + 1 < b.count && b[i] | 0x20 == 0x63 && b[i + 1] | 0x20 == 0x6F
        }
    }

    /// `memo`, when given, keys the name for the gazetteer (once for every rule).
    static func isPlace(_ name: String, _ lexicon: Lexicon, _ cache: PieceCache = PieceCache(), memo: RepairMemo? = nil) -> Bool {
        // The landscape word first: it is cheap, and most names have none.
        let pieces = cache.words(name)
        guard pieces.count >= 2, let last = pieces.last, landscape.contains(last.lower) || streets.contains(last.lower) else { return false }
        let words = pieces.map(\.lower)
        let gazetteer = Gazetteer.bundled
        let key = memo?.gazetteerKey(name) ?? gazetteer.key(name)
        if gazetteer.organisation(key: key) != nil { return false }
        if streets.contains(last.lower) { return pieces.count <= 4 }
        // A body's word anywhere ("Valley Trust", "Coast Guard") makes it an organisation.
        if words.contains(where: { RowRepair.isBodyWord($0, lexicon) }) { return false }
        if gazetteer.kind(inNameKey: key) != nil { return false }
        return true
    }
}
