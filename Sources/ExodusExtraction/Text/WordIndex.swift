import ExodusCore

/// Numbers for the words the extractor looks up, so that a token is looked up once, when
/// it is made, and every later comparison with a lexicon word is an integer comparison.

/// The number of a word in a `WordTable`; `noWord` for a word that is not in it.
typealias WordID = Int32
let noWord: WordID = -1

/// Strings numbered in insertion order. Two strings get the same number exactly when
/// Swift's `==` holds for them (canonical equivalence), as keys of a `[String: _]` would;
/// but a word that is ASCII, or equal to an ASCII string, is found by hashing its bytes
/// (`hash`) in an open-addressed table: no SipHash and no normalisation checks, which
/// is what a Dictionary lookup spends most of its time on.
struct WordTable: Sendable {
    /// The words by number.
    private(set) var strings: [String] = []
    /// ASCII forms of the ASCII-equal words, back to back (see `Entry`).
    private var bytes: [UInt8] = []
    /// What a probe compares, by number, in one array: one bounds check and one cache line a probe.
    private var entries: [Entry] = []
    /// Open addressing over ASCII forms: numbers, or -1 for an empty slot.
    private var slots = filledArray(Int32(-1), count: 64)
    private var asciiCount = 0
    /// Words that no ASCII string equals, by Swift's own hashing.
    private var others: [String: WordID] = [:]

    var count: Int { strings.count }

    init() {}

    /// A table made for about `capacity` words (a document's words, say): its arrays are made
    /// once at that size rather than grown and rehashed word by word.
    init(capacity: Int) {
        strings.reserveCapacity(capacity)
        entries.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 8)
        var n = 64
        while n < capacity * 2 { n *= 2 }
        if n > 64 { slots = filledArray(Int32(-1), count: n) }
    }

    /// A word's ASCII form: its bytes are `bytes[start..<start + length]`, and `hash` their hash.
    /// A word with no ASCII form (and so no slot) has `hasASCIIForm` false.
    private struct Entry {
        let hash: UInt64
        let start: Int32
        let length: Int32
        let hasASCIIForm: Bool
    }

    /// The hash of a word's bytes. A word of up to `sampledLength` bytes is read as at most four
    /// 8-byte loads (fewer, overlapping, for a short one) mixed by two wide multiplications: a
    /// byte-at-a-time hash waits on a multiplication for every byte, and the words of every
    /// document are looked up. A longer text (a sentence used as a key) is hashed on its length
    /// and five 8-byte words at its start, middle and end: the probe compares every byte anyway,
    /// and hashing them all cost as much as the lookup itself. Only the table reads the hash
    /// (words are numbered in the order they come), so it is free to change.
    @inline(__always) static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = b.count
        if n > sampledLength { return sampledHash(b) }
        guard n > 0, let base = b.baseAddress else { return mixed(0, 0, 0) }
        let p = UnsafeRawPointer(base)
        @inline(__always) func load64(_ offset: Int) -> UInt64 { p.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        @inline(__always) func load32(_ offset: Int) -> UInt64 { UInt64(p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        if n < 4 { return mixed(UInt64(b[0]) << 16 | UInt64(b[n >> 1]) << 8 | UInt64(b[n - 1]), 0, n) }
        if n < 8 { return mixed(load32(0), load32(n - 4), n) }
        if n <= 16 { return mixed(load64(0), load64(n - 8), n) }
        return mixed(load64(0) ^ fold(load64(8), 0xa076_1d64_78bd_642f), load64(n - 16) ^ fold(load64(n - 8), 0xe703_7ed1_a0b4_28db), n)
    }

    /// The high and low halves of the full product of two words, combined.
    @inline(__always) private static func fold(_ x: UInt64, _ y: UInt64) -> UInt64 {
        let (high, low) = x.multipliedFullWidth(by: y)
        return high ^ low
    }

    /// Two words read from a word of `n` bytes, mixed into its hash.
    @inline(__always) private static func mixed(_ a: UInt64, _ b: UInt64, _ n: Int) -> UInt64 {
        fold(a ^ 0x8ebc_6af0_9c88_c6e3 ^ UInt64(n), b ^ 0x5899_65cc_7537_4cc3)
    }

    static var sampledLength: Int { 32 }

    /// The number of words a table makes room for when it takes its first (`insert`).
    static var firstCapacity: Int { 16 }

    static func sampledHash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let p = UnsafeRawPointer(b.baseAddress!)
        let n = b.count
        var h = 0xcbf2_9ce4_8422_2325 ^ UInt64(n)
        @inline(__always) func mix(_ offset: Int) {
            h = (h ^ p.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x100_0000_01b3
            h ^= h >> 29
        }
        mix(0); mix(8); mix(n / 2 - 4); mix(n - 16); mix(n - 8)
        // The slot is taken from the low bits: fold the high ones down.
        h = (h ^ (h >> 32)) &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 31)
    }

    /// Whether the stored ASCII form at `start` is the bytes of `b` (same length), 8 bytes at a time.
    @inline(__always) private func storedBytes(at start: Int, equal b: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { stored in
            let x = UnsafeRawPointer(stored.baseAddress! + start), y = UnsafeRawPointer(b.baseAddress!)
            let n = b.count
            var k = 0
            while k + 8 <= n {
                if x.loadUnaligned(fromByteOffset: k, as: UInt64.self) != y.loadUnaligned(fromByteOffset: k, as: UInt64.self) { return false }
                k += 8
            }
            while k < n {
                if x.load(fromByteOffset: k, as: UInt8.self) != y.load(fromByteOffset: k, as: UInt8.self) { return false }
                k += 1
            }
            return true
        }
    }

    /// The ASCII string that equals `s` under canonical equivalence, if there is one: `s`
    /// itself when it is ASCII; else `s` with KELVIN SIGN, GREEK QUESTION MARK and GREEK VARIA
    /// replaced by K, ; and ` when nothing else in it is non-ASCII (those three are the only
    /// characters whose canonical decomposition is ASCII, so no other string equals one).
    static func asciiForm(_ s: String) -> [UInt8]? {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return Array(s.utf8) }
        var out: [UInt8] = []
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: out.append(UInt8(scalar.value))
            case 0x212A: out.append(0x4B)
            case 0x037E: out.append(0x3B)
            case 0x1FEF: out.append(0x60)
            default: return nil
            }
        }
        return out
    }

    /// The number of the ASCII word with these bytes and `hash(bytes)`.
    @inline(__always) func find(ascii b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> WordID {
        // The slots and entries through their buffers: a probe reads both at every step.
        slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                let mask = slots.count - 1
                var i = Int(truncatingIfNeeded: h) & mask
                while true {
                    let id = slots[i]
                    if id < 0 { return noWord }
                    let e = entries[Int(id)]
                    if e.hash == h, Int(e.length) == b.count, b.count == 0 || storedBytes(at: Int(e.start), equal: b) { return id }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// `body` with the bytes of `s` and their hash when `s` is ASCII and stored contiguously
    /// (the usual case), else nil.
    @inline(__always)
    private static func withASCII<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> R) -> R? {
        let r: R?? = s.utf8.withContiguousStorageIfAvailable { b in asciiHash(b).map { body(b, $0) } }
        return r ?? nil
    }

    /// `hash(b)` when every byte is ASCII, else nil.
    @inline(__always) static func asciiHash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64? {
        isASCII(b) ? hash(b) : nil
    }

    /// Whether every byte is below 0x80, read 8 bytes at a time (keys can be whole sentences);
    /// the bytes after the last full eight, and a word shorter than eight, are read by loads that
    /// overlap bytes already read, not one by one.
    @inline(__always) static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = b.baseAddress else { return true }
        let raw = UnsafeRawPointer(p)
        let n = b.count
        if n >= 8 {
            var high: UInt64 = 0
            var i = 0
            while i + 8 <= n {
                high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
            }
            high |= raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            return high & 0x8080_8080_8080_8080 == 0
        }
        if n >= 4 {
            let high = raw.loadUnaligned(as: UInt32.self) | raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            return high & 0x8080_8080 == 0
        }
        var high: UInt8 = 0
        for i in 0..<n { high |= b[i] }
        return high < 0x80
    }

    /// The number of a word equal to `s`, or `noWord`.
    func find(_ s: String) -> WordID {
        if let id = WordTable.withASCII(s, { find(ascii: $0, hash: $1) }) { return id }
        if let a = WordTable.asciiForm(s) {
            return a.withUnsafeBufferPointer { find(ascii: $0, hash: WordTable.hash($0)) }
        }
        return others[s] ?? noWord
    }

    /// The number of `s`, numbering it if it is new.
    @discardableResult
    mutating func insert(_ s: String) -> WordID {
        if let id = WordTable.withASCII(s, { b, h in insert(s, ascii: b, hash: h) }) { return id }
        let existing = find(s)
        if existing != noWord { return existing }
        guard let a = WordTable.asciiForm(s) else {
            let id = WordID(strings.count)
            strings.append(s)
            others[s] = id
            entries.append(Entry(hash: 0, start: Int32(bytes.count), length: 0, hasASCIIForm: false))
            return id
        }
        return a.withUnsafeBufferPointer { insert(s, ascii: $0, hash: WordTable.hash($0)) }
    }

    /// Numbers `s`, whose ASCII form is `b` with hash `h`, unless a word with that form has one.
    private mutating func insert(_ s: String, ascii b: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> WordID {
        let existing = find(ascii: b, hash: h)
        if existing != noWord { return existing }
        // A table's first word makes its arrays at a size most of a document's tables stay
        // within, rather than growing them from one element, copying each time.
        if strings.isEmpty, strings.capacity < Self.firstCapacity {
            strings.reserveCapacity(Self.firstCapacity)
            entries.reserveCapacity(Self.firstCapacity)
            bytes.reserveCapacity(Self.firstCapacity * 8)
        }
        let id = WordID(strings.count)
        strings.append(s)
        entries.append(Entry(hash: h, start: Int32(bytes.count), length: Int32(b.count), hasASCIIForm: true))
        bytes.append(contentsOf: b)
        asciiCount += 1
        if asciiCount * 2 > slots.count { rehash(slots.count * 2) } else { place(id, h) }
        return id
    }

    private mutating func place(_ id: WordID, _ h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = id
    }

    private mutating func rehash(_ capacity: Int) {
        slots = filledArray(Int32(-1), count: capacity)
        for (id, e) in entries.enumerated() where e.hasASCIIForm { place(WordID(id), e.hash) }
    }
}

/// A set of words that answers `contains` as a `Set<String>` would (canonical equivalence),
/// but hashes ASCII words by their bytes: a document's lower-case vocabulary is filled from
/// every word it has.
struct WordSet: Sendable {
    private var table = WordTable()

    init() {}
    init(_ words: some Sequence<String>) { for w in words { table.insert(w) } }
    /// A set made for about `capacity` words (`WordTable(capacity:)`).
    init(capacity: Int) { table = WordTable(capacity: capacity) }

    mutating func insert(_ w: String) { table.insert(w) }
    func contains(_ w: String) -> Bool { table.find(w) != noWord }
}

/// The word numbers tokens carry: lower-case forms (every word of the fixed word lists and
/// of the lexicon's lower-case phrases) and case-sensitive forms (platform and country phrases).
struct WordIndex: Sendable {
    var lower = WordTable()
    var raw = WordTable()
    /// The word-list classes of each lower-case word, by number.
    private(set) var classes: [WordClass] = []

    @discardableResult
    mutating func addLower(_ w: String) -> WordID {
        let id = lower.insert(w)
        if Int(id) == classes.count { classes.append(WordClass.table[w] ?? []) }
        return id
    }

    @discardableResult
    mutating func addRaw(_ w: String) -> WordID { raw.insert(w) }

    /// The fixed word lists alone (tokens made without a lexicon, as in tests).
    static let basic: WordIndex = {
        var index = WordIndex()
        for w in WordClass.table.keys.sorted() { index.addLower(w) }
        return index
    }()
}

/// A lexicon phrase as word numbers, with what it stands for.
struct NumberedPhrase<Value: Sendable>: Sendable {
    let words: [WordID]
    let value: Value
    var valueAndLength: (Value, Int) { (value, words.count) }
}

/// Phrases numbered in one list, and by the number of their first word the numbers of
/// those that start with it, in the order of the string-keyed table they come from.
struct NumberedPhrases<Value: Sendable>: Sendable {
    private(set) var phrases: [NumberedPhrase<Value>] = []
    private(set) var byFirst: [[Int32]] = []

    init() {}

    /// `groups` as (first word, phrases in table order); `words`: how many first-word numbers there are.
    init(_ groups: [(WordID, [NumberedPhrase<Value>])], words: Int) {
        byFirst = Array(repeating: [], count: words)
        // A string-keyed table has one key per canonically distinct word, so no number is set twice.
        for (first, list) in groups {
            byFirst[Int(first)] = list.indices.map { Int32(phrases.count + $0) }
            phrases += list
        }
    }

    /// The number of the longest phrase starting at token `k`, compared by the numbers `word`
    /// gives each token: the first candidate (they are longest first) whose words all follow;
    /// -1 when none does.
    @inline(__always)
    func match(_ tokens: [Token], at k: Int, word: (Token) -> WordID) -> Int32 {
        let first = word(tokens[k])
        guard first >= 0 else { return -1 }
        outer: for p in byFirst[Int(first)] {
            let phrase = phrases[Int(p)].words
            let n = phrase.count
            guard k + n <= tokens.count else { continue }
            var i = 1
            while i < n {
                if word(tokens[k + i]) != phrase[i] { continue outer }
                i += 1
            }
            return p
        }
        return -1
    }
}

/// The lexicon's phrase tables keyed by word numbers instead of strings, built once per
/// lexicon and shared (a class, so copying a lexicon does not retain each table). Each
/// list holds the same entries in the same order as the string-keyed table it comes from,
/// so matching by number finds what matching by string found.
final class LexiconIndex: Sendable {
    let words: WordIndex
    /// By the lower-case number of the first word.
    let cues: [[NumberedPhrase<CueCategory>]]
    let kinds: NumberedPhrases<OrganisationKind>
    let triggers: [[Trigger]]
    /// Compositional triggers (`families.txt`), the same way.
    let compositional: [[Trigger]]
    /// By the case-sensitive number of the first word.
    let platforms: NumberedPhrases<String>
    let countries: NumberedPhrases<CountryCode>
    /// `Lexicon.nameBreakers`, hashed by their bytes (every capitalised word inside a name is looked up).
    let nameBreakers: WordSet

    init() {
        words = .basic
        cues = []
        kinds = NumberedPhrases()
        triggers = []
        compositional = []
        platforms = NumberedPhrases()
        countries = NumberedPhrases()
        nameBreakers = WordSet()
    }

    /// The string-keyed tables the index numbers, which the lexicon builds for it and then lets go:
    /// nothing reads them after numbering, and an idle server would keep them for nothing.
    struct Sources {
        /// Every cue phrase by first word: (phrase, category).
        var cues: [String: [([String], CueCategory)]]
        /// Triggers by the words their pattern can start with, in file order.
        var triggersByFirst: [String: [Trigger]]
        /// Compositional triggers (`families.txt`) by the words they can start with.
        var compositionalByFirst: [String: [Trigger]]
        /// Capitalised words that end a name (`Lexicon.nameBreakers(_:)`).
        var nameBreakers: Set<String>
    }

    init(_ lexicon: Lexicon, _ sources: Sources) {
        var words = WordIndex.basic
        func numbered<V>(_ entries: [([String], V)], _ number: (String) -> WordID) -> (WordID, [NumberedPhrase<V>]) {
            let list = entries.map { NumberedPhrase(words: $0.0.map(number), value: $0.1) }
            return (list[0].words[0], list)
        }
        let cues = sources.cues.values.map { numbered($0) { words.addLower($0) } }
        let kinds = lexicon.kinds.byFirst.values.map { numbered($0) { words.addLower($0) } }
        var triggers = sources.triggersByFirst.map { (words.addLower($0.key), $0.value) }
        var compositional = sources.compositionalByFirst.map { (words.addLower($0.key), $0.value) }
        let platforms = lexicon.platforms.byFirst.values.map { numbered($0) { words.addRaw($0) } }
        let countries = lexicon.countries.byFirst.values.map { numbered($0) { words.addRaw($0) } }
        // Every word a trigger pattern names, numbered after the rest (so the numbers above are
        // as they were), in sorted order (a set's order changes from process to process). A
        // trigger sits in the list of each word it may start with; each file's line is one
        // trigger, so its words are gathered and numbered once.
        var patternWords = Set<String>()
        for table in [triggers, compositional] {
            var seen = Set<Int>()
            for (_, list) in table {
                for t in list where seen.insert(t.line).inserted {
                    for e in t.pattern { patternWords.formUnion(e.words) }
                }
            }
        }
        for w in patternWords.sorted() { words.addLower(w) }
        let indexed = words
        // A family's phrases are numbered once for every trigger that names it (its dictionary is
        // then shared, not built again for each line).
        var byElement: [PatternElement: NumberedElement] = [:]
        func numberedOnce(_ e: PatternElement) -> NumberedElement {
            if let known = byElement[e] { return known }
            let made = numberedElement(e, indexed.lower)
            byElement[e] = made
            return made
        }
        func numberedTriggers(_ table: [(WordID, [Trigger])]) -> [(WordID, [Trigger])] {
            var byLine: [Int: [NumberedElement]] = [:]
            return table.map { first, list in
                (
                    first,
                    list.map { t in
                        var t = t
                        if let known = byLine[t.line] {
                            t.numbered = known
                        } else {
                            t.numbered = t.pattern.map(numberedOnce)
                            byLine[t.line] = t.numbered
                        }
                        return t
                    }
                )
            }
        }
        triggers = numberedTriggers(triggers)
        compositional = numberedTriggers(compositional)
        self.words = words
        var cueTable = [[NumberedPhrase<CueCategory>]](repeating: [], count: words.lower.count)
        for (w, list) in cues { cueTable[Int(w)] = list }
        self.cues = cueTable
        var triggerTable = [[Trigger]](repeating: [], count: words.lower.count)
        for (w, list) in triggers { triggerTable[Int(w)] = list }
        self.triggers = triggerTable
        var compositionalTable = [[Trigger]](repeating: [], count: words.lower.count)
        for (w, list) in compositional { compositionalTable[Int(w)] = list }
        self.compositional = compositionalTable
        self.kinds = NumberedPhrases(kinds, words: words.lower.count)
        self.platforms = NumberedPhrases(platforms, words: words.raw.count)
        self.countries = NumberedPhrases(countries, words: words.raw.count)
        self.nameBreakers = WordSet(sources.nameBreakers)
    }
}

/// A pattern element's words by their numbers in `table`, which holds them all.
private func numberedElement(_ e: PatternElement, _ table: WordTable) -> NumberedElement {
    switch e {
    case .words(let ws), .optional(let ws):
        return NumberedElement(words: ws.map { table.find($0) }.sorted())
    case .family(let phrases):
        var family: [WordID: [[WordID]]] = [:]
        for (first, list) in phrases { family[table.find(first)] = list.map { $0.map { table.find($0) } } }
        return NumberedElement(family: family)
    default:
        return NumberedElement()
    }
}
