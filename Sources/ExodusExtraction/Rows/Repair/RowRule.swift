import ExodusCore
import Glibc

/// A repair the extractor makes to the rows the clause rules propose, before they are scored.
///
/// Each rule is one small type with the sentences it is for and against, in the manner of
/// swift-format's `Rules/`: `RowRuleTests` runs every rule's examples through the whole
/// extractor, so a rule's documentation is also its test.
protocol RowRule: Sendable {
    /// One line: what the rule does.
    static var summary: String { get }
    /// Texts where the rule must act: each must yield every name in `present`.
    static var examplesFor: [RuleExample] { get }
    /// Texts where it must not: each must yield none of the names in `absent` (and every
    /// name in `present`).
    static var examplesAgainst: [RuleExample] { get }

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo)
}

/// What the repair rules of one document ask again and again, worked out on the first ask and
/// kept for the rules after it: the sentences' texts, the name keys of the names they
/// compare (Unicode folding, dear at every row of every rule), and the pieces of the sentences
/// and names they read.
final class RepairMemo {
    private let document: Document
    private let sentences: [Sentence]
    /// The weak votes of the story's places for its country (`ExtractionRun.weakPlaceVotes()`).
    let placeVotes: [CountryCode: Int]
    private var texts: (texts: [String], index: SentenceOfText)?
    /// The names keyed so far, numbered as a `[String: NameKey]` would tell them apart (an ASCII
    /// name hashed on its bytes), and their keys by number.
    private var keyedNames = WordTable()
    private var keys: [NameKey] = []
    /// The names `knownKeys` last read, and their keys.
    private var knownNames: [(organisation: String, aliases: [String])] = []
    private var knownKeySet: Set<NameKey>?
    /// Sentences, evidence quotes and names, each cut into pieces once for every rule.
    let pieces = PieceCache()
    /// Which cue words the document may hold, asked before its sentences are cut into pieces.
    let cues: DocumentCues

    init(document: Document, sentences: [Sentence], placeVotes: [CountryCode: Int] = [:]) {
        self.document = document
        self.sentences = sentences
        self.placeVotes = placeVotes
        cues = DocumentCues(text: document.text, sentences: sentences)
    }

    /// The document's text.
    var text: String { document.text }
    /// A page of ordinary length (32 KB at most): searching it once per question costs less than
    /// reading it into an index first; a longer one is indexed, so that it stays linear.
    var isShortText: Bool { document.text.utf8.count <= 32_768 }
    /// `DescriptionNameRule.spacedWords` of the document's text.
    lazy var spacedWords: Set<String> = DescriptionNameRule.spacedWords(document.text)
    /// `PlaceNameRule.datelineOpeners` of the document's text.
    lazy var datelineOpeners: Set<String> = PlaceNameRule.datelineOpeners(document.text)
    /// Whether a line of the text opens with `shouted` before a dash or a comma: searched directly
    /// on a short page, looked up in `datelineOpeners` on a long one.
    func opensLineAsDateline(_ shouted: String) -> Bool {
        isShortText ? PlaceNameRule.opensLineAsDateline(shouted, document.text) : datelineOpeners.contains(shouted)
    }

    /// `RowRepair.sentenceTexts` of the document.
    var sentenceTexts: (texts: [String], index: SentenceOfText) {
        if let texts { return texts }
        let made = RowRepair.sentenceTexts(document, sentences)
        texts = made
        return made
    }

    /// `NameKey(name)`.
    func key(_ name: String) -> NameKey {
        let id = Int(keyedNames.insert(name))
        if id < keys.count { return keys[id] }
        let k = NameKey(name)
        keys.append(k)
        return k
    }

    /// `RowRepair.knownKeys(rows)`: several rules ask for it, mostly of rows whose names no rule
    /// between them changed (a string compared with itself is equal at once, with no hashing).
    func knownKeys(_ rows: [Departure]) -> Set<NameKey> {
        // By index: `zip` would copy each row to compare its two fields.
        if let set = knownKeySet, rows.count == knownNames.count,
            rows.indices.allSatisfy({ rows[$0].organisation == knownNames[$0].organisation && rows[$0].aliases == knownNames[$0].aliases })
        {
            return set
        }
        // Made at its size: grown insert by insert, the set rehashed every key each time.
        // The rows' fields read through their addresses: a row taken out of the array whole is a
        // copy of all its fields (see `RowReading.swift`).
        let (set, known) = rows.withUnsafeBufferPointer { rows in
            var names = 0
            for i in rows.indices { names += 1 + (rows.baseAddress! + i).pointee.aliases.count }
            var set = Set<NameKey>(minimumCapacity: names)
            var known: [(organisation: String, aliases: [String])] = []
            known.reserveCapacity(rows.count)
            for i in rows.indices {
                let row = rows.baseAddress! + i
                set.insert(key(row.pointee.organisation))
                for a in row.pointee.aliases { set.insert(key(a)) }
                known.append((row.pointee.organisation, row.pointee.aliases))
            }
            return (set, known)
        }
        knownNames = known
        knownKeySet = set
        return set
    }

    /// The ASCII names keyed for the gazetteer so far, numbered, and their keys by number.
    private var gazetteerNames = WordTable()
    private var gazetteerKeys: [[UInt8]] = []

    /// `Gazetteer.bundled.key(name)`: a row's name is asked of the gazetteer by several rules,
    /// and is keyed once. Only ASCII names are kept, since two ASCII strings are equal exactly
    /// when their bytes are (and a key is made from the bytes); any other name is keyed afresh.
    func gazetteerKey(_ name: String) -> [UInt8] {
        let ascii = name.utf8.withContiguousStorageIfAvailable { WordTable.isASCII($0) } ?? false
        guard ascii else { return Gazetteer.bundled.key(name) }
        let id = Int(gazetteerNames.insert(name))
        if id < gazetteerKeys.count { return gazetteerKeys[id] }
        let made = Gazetteer.bundled.key(name)
        gazetteerKeys.append(made)
        return made
    }
}

/// `WholeNameRule.pieces` of texts read more than once: the repair rules read the same
/// sentences (evidence quotes are whole sentences) and the same names rule after rule.
final class PieceCache {
    typealias Piece = WholeNameRule.Piece

    private struct Entry {
        let text: String
        let pieces: [Piece]
        var words: [Piece]?
        var lowers: [String]?
    }

    /// Numbers texts as a `[String: Int]` would, hashing a long text on a few of its bytes.
    /// The cache belongs to one document's repair, on one thread, and no access to these two
    /// is held across a call that could reach them again: the run-time exclusivity checks
    /// (about a tenth of a cached look-up) are left out, as in `ScanCache`.
    @exclusivity(unchecked) private var index = WordTable()
    @exclusivity(unchecked) private var entries: [Entry] = []

    init() {}

    /// `WholeNameRule.pieces(text)`.
    func pieces(_ text: String) -> [Piece] {
        entry(text).map { entries[$0].pieces } ?? WholeNameRule.pieces(text)
    }

    /// The pieces of `text` that are words.
    func words(_ text: String) -> [Piece] {
        guard let k = entry(text) else { return WholeNameRule.pieces(text).filter(\.isWord) }
        if let words = entries[k].words { return words }
        // Made at the pieces' size at once (a filter grows its array piece by piece).
        var words: [Piece] = []
        words.reserveCapacity(entries[k].pieces.count)
        for p in entries[k].pieces where p.isWord { words.append(p) }
        entries[k].words = words
        return words
    }

    /// The lower case of every piece of `text`.
    func lowers(_ text: String) -> [String] {
        guard let k = entry(text) else { return WholeNameRule.pieces(text).map(\.lower) }
        if let lowers = entries[k].lowers { return lowers }
        let lowers = entries[k].pieces.map(\.lower)
        entries[k].lowers = lowers
        return lowers
    }

    /// The entry of `text`, cut on the first ask. Nil only for a text equal to a cached one
    /// but spelt in other bytes (canonically equivalent Unicode): its pieces must be ranges of
    /// its own bytes, so it is cut afresh.
    private func entry(_ text: String) -> Int? {
        let k = Int(index.insert(text))
        if k < entries.count { return Self.sameBytes(entries[k].text, text) ? k : nil }
        entries.append(Entry(text: text, pieces: WholeNameRule.pieces(text)))
        return k
    }

    /// Whether two strings are the same bytes (`==` also equates canonically equivalent ones).
    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }
}

/// A short text and what the extractor must (not) make of it.
public struct RuleExample: Sendable {
    public let text: String
    public let published: String?
    public let present: [String]
    public let absent: [String]

    init(_ text: String, published: String? = nil, present: [String] = [], absent: [String] = []) {
        self.text = text
        self.published = published
        self.present = present
        self.absent = absent
    }
}

/// The repairs, in the order they run.
enum RowRepair {
    static let rules: [any RowRule] = [
        FunctionWordRule(), PersonTitleRule(), AddresseeRule(), PersonalAccountRule(), QuestionRule(), FactCheckVerdictRule(), ReturnedRule(),
        DroppedPlanRule(), TalliedGroupRule(), ScaleBackRule(),
        PlaceNameRule(),
        AreaListRule(),
        PeopleOfOrganisationRule(), WholeNameRule(),
        CoordinatedNameRule(),
        DescriptionNameRule(),
        KindWordNameRule(),
        BracketedShortFormRule(), ApposedShortFormRule(), SlashedNameRule(), OpeningPhraseRule(), HeadlineTailRule(), HeadlineParentRule(),
        SameOrganisationRule(),
        FollowedOrganisationsRule(), AmongDeparturesRule(), GroupMembersRule(),
        ElidedDepartureRule(), FollowUpDepartureRule(), CountedGroupRule(), ListItemRule(), GlossedListItemRule(), NumberedItemRule(), StatusLineItemRule(),
        StatusSectionListRule(),
        FutureDepartureRule(), AccountOwnerRule(), FollowingDestinationRule(),
        NameFragmentRule(), JoinedNamesRule(), FullerNameRule(),
        HeadWordKindRule(), NameLanguageCountryRule(), StoryCountryRule(),
    ]

    static func apply(
        _ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, placeVotes: [CountryCode: Int] = [:]
    ) {
        // No early return on an empty list: a rule may find rows the clause rules missed (members
        // named after a group's departure); each rule checks cheaply whether it has work.
        let memo = RepairMemo(document: document, sentences: sentences, placeVotes: placeVotes)
        for rule in rules { rule.apply(&rows, in: document, sentences: sentences, lexicon: lexicon, memo: memo) }
    }

    /// The name keys of the rows' organisations and aliases, which several rules compare new
    /// names with.
    static func knownKeys(_ rows: [Departure], _ memo: RepairMemo) -> Set<NameKey> {
        memo.knownKeys(rows)
    }

    /// A word that names a kind of body ("museum", "trust", "council"): a kind word of the
    /// lexicon or a head word of organisations' names.
    static func isBodyWord(_ word: String, _ lexicon: Lexicon) -> Bool {
        organisationHeads.contains(word) || lexicon.kinds.match(1, at: 0, key: { _ in word }) != nil
    }

    /// The sentence's one date, when it gives exactly one ("closed the museum's X account on
    /// Monday", "The statement, released on Wednesday, ..."); nil for none or several.
    static func onlyDate(of sentence: Sentence, in document: Document) -> PartialDate? {
        let dates = findDates(sentence.tokens, published: document.published, previousMonth: nil).compactMap(\.date)
        return dates.count == 1 ? dates[0] : nil
    }

    /// Adds rows a rule found, each with an id no other row has ("tarn-trust", then "tarn-trust-2").
    static func append(_ added: [Departure], to rows: inout [Departure]) {
        guard !added.isEmpty else { return }
        var used = Set(rows.map(\.id))
        for var row in added {
            var id = row.id, n = 2
            while used.contains(id) { id = "\(row.id)-\(n)"; n += 1 }
            used.insert(id)
            row.id = id
            rows.append(row)
        }
    }

    /// Removes the rows with these ids, and every reference to them as a member or a group.
    /// Removes the rows whose every evidence sentence the test holds for ("a question", "a
    /// return to X", "fewer accounts"). Rows share their evidence sentences, several each, so each
    /// sentence is tested once.
    static func removeRows(_ rows: inout [Departure], whereEverySentence test: (String) -> Bool) {
        var verdicts = TextMap<Bool>()
        func holds(_ quote: String) -> Bool {
            if let known = verdicts[quote] { return known }
            let answer = test(quote)
            verdicts[quote] = answer
            return answer
        }
        let dropped = rows.ids { !$0.evidence.isEmpty && $0.evidence.allSatisfy { holds($0.quote) } }
        remove(dropped, from: &rows)
    }

    static func remove(_ dropped: Set<String>, from rows: inout [Departure]) {
        guard !dropped.isEmpty else { return }
        rows.removeAll { dropped.contains($0.id) }
        for i in rows.indices {
            rows[i].members.removeAll { dropped.contains($0) }
            if let g = rows[i].group, dropped.contains(g) { rows[i].group = nil }
        }
    }

    /// Each sentence's text, and where a quote that is a whole sentence first stands (the rows'
    /// evidence quotes are whole sentences).
    static func sentenceTexts(_ document: Document, _ sentences: [Sentence]) -> (texts: [String], index: SentenceOfText) {
        let texts = sentences.map { String(document.text[$0.range]) }
        return (texts, SentenceOfText(texts))
    }

    /// Every rule's type, for the tests that run their examples.
    public static var ruleExamples: [(name: String, summary: String, examplesFor: [RuleExample], examplesAgainst: [RuleExample])] {
        rules.map { r in
            let t = type(of: r)
            return (String(describing: t), t.summary, t.examplesFor, t.examplesAgainst)
        }
    }
}

/// Where a text first stands among a document's sentence texts (`RowRepair.sentenceTexts`): a
/// `[String: Int]` of the first place of each text, whose look-ups hash a few bytes of a long
/// text rather than all of it (`WordTable`); texts are equal as Swift's `==` says, as before.
struct SentenceOfText {
    private var table = WordTable()
    private var first: [Int] = []

    init(_ texts: [String]) {
        table = WordTable(capacity: texts.count)
        first.reserveCapacity(texts.count)
        for (k, t) in texts.enumerated() where Int(table.insert(t)) == first.count { first.append(k) }
    }

    subscript(_ text: String) -> Int? {
        let id = table.find(text)
        return id == noWord ? nil : first[Int(id)]
    }
}

/// A `[String: Value]` for keys as long as sentences: the keys are numbered by a `WordTable`,
/// which hashes a few bytes of a long text, and are told apart by Swift's `==` as before.
struct TextMap<Value> {
    private var keys = WordTable()
    private var values: [Value?] = []

    subscript(_ key: String) -> Value? {
        get {
            let id = keys.find(key)
            return id == noWord ? nil : values[Int(id)]
        }
        set {
            let id = Int(keys.insert(key))
            if id == values.count { values.append(newValue) } else { values[id] = newValue }
        }
    }
}

extension Array where Element == String {
    /// Whether `phrase` stands at `i` (lower-case words, as the repair rules read sentences),
    /// without copying the words it compares.
    func hasPhrase(_ phrase: [String], at i: Int) -> Bool {
        guard i >= 0, i + phrase.count <= count else { return false }
        for (k, w) in phrase.enumerated() where self[i + k] != w { return false }
        return true
    }
}
