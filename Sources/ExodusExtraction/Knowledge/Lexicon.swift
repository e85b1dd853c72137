import ExodusCore

/// A problem in a lexicon data file, reported as `file:line: problem`.
public struct LexiconError: Error, CustomStringConvertible, Sendable, Equatable {
    public let file: String
    public let line: Int
    public let problem: String

    public init(file: String, line: Int, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String { "\(file):\(line): \(problem)" }
}

/// One element of a trigger pattern.
enum PatternElement: Hashable, Sendable {
    /// Any of these lower-case words.
    case words(Set<String>)
    /// The same, but may be absent.
    case optional(Set<String>)
    /// An expression for the platform being left.
    case platformLeft
    /// Up to three words of anything.
    case gap
    /// A platform other than the one left: a destination ("moving to Bluesky").
    case destination
    /// Any phrase of a word family (`@name` in `families.txt`), by first word, longest first.
    case family([String: [[String]]])
    /// Up to two adverbs or particles ("withdrew entirely from", "has also finally quit").
    case soft
    /// An account object: "its X account", "their official profile on X", "its presence".
    case account
    /// The platform left within the next few words of the same clause ("posting updates on X").
    case window
    /// Zero-width: the rule applies only as the predicate of a list item under a heading that
    /// states a departure ("1. Kowhai Trust (Nelson): departed in March").
    case item
}

extension PatternElement {
    /// The words of a `words` or `optional` element, or of a family's phrases; none for the others.
    var words: [String] {
        switch self {
        case .words(let ws), .optional(let ws): return Array(ws)
        case .family(let phrases): return phrases.values.flatMap { $0.joined() }
        default: return []
        }
    }
}

/// One pattern element's words by number (see `Trigger.numbered`).
struct NumberedElement: Sendable {
    /// A `words` or `optional` element's words, sorted.
    var words: [WordID] = []
    /// A family's phrases by the number of their first word, each list in the order of the
    /// element's own (longest first).
    var family: [WordID: [[WordID]]] = [:]
}

/// A category of cue phrases (`cues.txt`), as a small number: the per-token cue
/// table of a sentence is a flat array indexed by it, with no string hashing.
enum CueCategory: Int, CaseIterable, Sendable {
    case xref, future, suspended, negative, announce, effective, member, frame
    case person, reporter, consider, knownPerson, notOrg, notHead, givenName, negation
    case personGroup, resume, retraction, hypothetical

    /// The category's name in `cues.txt`.
    var name: String {
        switch self {
        case .knownPerson: return "known-person"
        case .notOrg: return "not-org"
        case .notHead: return "not-head"
        case .givenName: return "given-name"
        case .personGroup: return "person-group"
        default: return "\(self)"
        }
    }

    static let count = allCases.count

    init?(name: String) {
        guard let c = CueCategory.allCases.first(where: { $0.name == name }) else { return nil }
        self = c
    }
}

/// How a trigger's clause dates are read.
enum TriggerRole: String, Sendable {
    case announced, effective, follow
}

struct Trigger: Sendable {
    let status: DepartureStatus
    let role: TriggerRole
    let pattern: [PatternElement]
    let line: Int
    /// From `families.txt`: a leaving word composed with a reference to X, tried only where no
    /// listed phrase matches, and dropped in a hypothetical or someone else's demand.
    var compositional = false
    /// The pattern's words as numbers in `LexiconIndex.words.lower`, by position: a token's
    /// number, found once when it was made, is compared with these rather than its text hashed
    /// into a set or dictionary. Empty for a trigger made outside a lexicon index, which is
    /// then matched by its strings.
    var numbered: [NumberedElement] = []
    /// The rule holds an `I`: only the predicate of a list item under a departure heading.
    var itemOnly: Bool { pattern.contains(.item) }
    /// A passive trigger ("was deleted", "has been closed"), worked out once from the pattern
    /// (`ExtractionRun.isPassive`): the run asks it of every trigger it finds.
    let passive: Bool

    init(status: DepartureStatus, role: TriggerRole, pattern: [PatternElement], line: Int) {
        self.status = status
        self.role = role
        self.pattern = pattern
        self.line = line
        passive = ExtractionRun.isPassive(pattern)
    }
}

/// The word lists the extractor runs on, parsed from the line-based files in
/// `Lexicon/`. Every list is data: a new platform, trigger or demonym is a
/// one-line change to a file, not a code change.
public struct Lexicon: Sendable {
    /// Platform surface forms (as token sequences, case-sensitive) to ids; `x` is the one left.
    var platforms: PhraseTable<String>
    /// In file order. The cues, the triggers by first word and the name breakers are read only
    /// through `index`, which numbers them: the string-keyed tables they are built from are not
    /// kept (see `LexiconIndex.Sources`).
    var triggers: [Trigger]
    /// Kind words (lower-case token sequences).
    var kinds: PhraseTable<OrganisationKind>
    /// Country names and demonyms (case-sensitive token sequences).
    var countries: PhraseTable<CountryCode>
    /// Each country's own name, lower case: the first name of its line ("denmark", "poland").
    private(set) var countryNames: Set<String> = []
    /// The tables above keyed by word numbers, for matching tokens (built last, from them).
    private(set) var index = LexiconIndex()

    /// The files a lexicon is made of.
    public static let fileNames = ["platforms.txt", "triggers.txt", "cues.txt", "kinds.txt", "countries.txt", "families.txt"]

    static let cueCategories: Set<String> = Set(CueCategory.allCases.map(\.name))

    /// Parses a lexicon from file contents keyed by file name. Throws the first bad line.
    public init(files: [String: String]) throws {
        func content(_ name: String) throws -> String {
            guard let text = files[name] else { throw LexiconError(file: name, line: 0, problem: "file missing") }
            return text
        }
        platforms = PhraseTable()
        triggers = []
        var cues: [String: PhraseTable<Bool>] = [:]
        kinds = PhraseTable()
        countries = PhraseTable()

        for (n, line) in Lexicon.lines(try content("platforms.txt")) {
            let (key, values) = try Lexicon.keyed(line, file: "platforms.txt", n)
            guard key == "x" || Platform(rawValue: key) != nil else {
                throw LexiconError(file: "platforms.txt", line: n, problem: "'\(key)' is not a platform id (lower-case letters, digits, '-')")
            }
            for v in values { platforms.add(tokenize(v).map { String($0) }, key) }
        }
        for (n, line) in Lexicon.lines(try content("triggers.txt")) {
            triggers.append(try Lexicon.trigger(line, n))
        }
        // Word families and the rules that compose them (optional file).
        var families: [String: [[String]]] = [:]
        // Each family by first word, made once for all the rules that name it (and made again
        // only when a later line adds to the family): a rule's pattern shares it.
        var grouped: [String: [String: [[String]]]] = [:]
        var compositional: [Trigger] = []
        for (n, line) in Lexicon.lines(files["families.txt"] ?? "") {
            if line.trimmed.hasPrefix("@") {
                let (key, values) = try Lexicon.keyed(line, file: "families.txt", n)
                let name = String(key.dropFirst())
                for v in values {
                    let words = v.split(separator: " ").map { String($0) }
                    guard words.allSatisfy({ $0 == $0.lowercased() }) else {
                        throw LexiconError(file: "families.txt", line: n, problem: "family word '\(v)' must be lower case")
                    }
                    families[name, default: []].append(words)
                }
                families[name]?.sort { $0.count > $1.count }
                grouped[name] = nil
            } else {
                for word in line.split(separator: " ") where word.hasPrefix("@") {
                    let name = String(word.dropFirst())
                    if grouped[name] == nil, let f = families[name] { grouped[name] = Dictionary(grouping: f, by: { $0[0] }) }
                }
                var t = try Lexicon.trigger(line, n, file: "families.txt", families: grouped)
                t.compositional = true
                compositional.append(t)
            }
        }
        for (n, line) in Lexicon.lines(try content("cues.txt")) {
            let (key, values) = try Lexicon.keyed(line, file: "cues.txt", n)
            guard Lexicon.cueCategories.contains(key) else {
                throw LexiconError(file: "cues.txt", line: n, problem: "unknown category '\(key)'")
            }
            for v in values { cues[key, default: PhraseTable()].add(tokenize(v).map { $0.lowercased() }, true) }
        }
        for (n, line) in Lexicon.lines(try content("kinds.txt")) {
            let (key, values) = try Lexicon.keyed(line, file: "kinds.txt", n)
            guard let kind = OrganisationKind(rawValue: key) else {
                throw LexiconError(file: "kinds.txt", line: n, problem: "unknown kind '\(key)'")
            }
            for v in values { kinds.add(tokenize(v).map { $0.lowercased() }, kind) }
        }
        for (n, line) in Lexicon.lines(try content("countries.txt")) {
            let (key, values) = try Lexicon.keyed(line, file: "countries.txt", n)
            guard let code = CountryCode(rawValue: key) else {
                throw LexiconError(file: "countries.txt", line: n, problem: "'\(key)' is not an ISO 3166-1 alpha-2 code")
            }
            for v in values { countries.add(tokenize(v).map { String($0) }, code) }
            if let first = values.first { countryNames.insert(first.lowercased()) }
        }
        guard !triggers.isEmpty else { throw LexiconError(file: "triggers.txt", line: 0, problem: "no triggers") }
        // Triggers by the words their pattern can start with, in file order; compositional ones
        // (`families.txt`) likewise.
        var triggersByFirst: [String: [Trigger]] = [:]
        for t in triggers {
            guard case .words(let firsts) = t.pattern[0] else { continue }
            for w in firsts { triggersByFirst[w, default: []].append(t) }
        }
        var compositionalByFirst: [String: [Trigger]] = [:]
        for t in compositional {
            var firsts: Set<String> = []
            if case .words(let ws) = t.pattern[0] { firsts = ws }
            if case .family(let phrases) = t.pattern[0] { firsts = Set(phrases.keys) }
            for w in firsts.sorted() { compositionalByFirst[w, default: []].append(t) }
        }
        index = LexiconIndex(
            self,
            LexiconIndex.Sources(
                cues: Lexicon.allCues(cues), triggersByFirst: triggersByFirst, compositionalByFirst: compositionalByFirst,
                nameBreakers: Lexicon.nameBreakers(triggersByFirst)))
    }

    /// Verbs a title-case headline puts after its subject ("Kovai Film Week Sets Date For Exit",
    /// "Housing Charities Sign Joint Pledge", "Sethi Bros. Talkies Has Already Left"): they end a
    /// name (`nameBreakers`), start none, and one word after them is their object
    /// (`PhraseScanner.findNameEnd`). Nouns that also end a name ("Post", "Departure", "Exit")
    /// are not here: "Departure Bay Rowing Club" is a name.
    static let headlineVerbs: Set<String> = [
        "sets", "signs", "sign", "follows", "joins", "becomes", "announces", "has", "have", "had", "says", "say", "plans", "vows",
        "pledges", "urges", "confirms", "decides", "weighs", "mulls", "considers", "is", "are", "will",
    ]

    /// Capitalised words that end a name in title-case headlines: reporting verbs, the headline
    /// verbs and their base forms, a few prepositions and adverbs, and the first words of triggers.
    static func nameBreakers(_ triggersByFirst: [String: [Trigger]]) -> Set<String> {
        var breakers = reportingVerbs.union(headlineVerbs)
        breakers.formUnion([
            "to", "over", "amid", "against", "after", "already", "pledge", "vow", "urge", "confirm", "decide", "weigh", "mull", "consider",
            "plan", "set", "join",
        ])
        for w in triggersByFirst.keys where !["last", "official", "no", "similar", "account"].contains(w) { breakers.insert(w) }
        return breakers
    }

    /// Every cue phrase of every category, indexed by first word, for one lookup per token.
    static func allCues(_ cues: [String: PhraseTable<Bool>]) -> [String: [([String], CueCategory)]] {
        var out: [String: [([String], CueCategory)]] = [:]
        for (category, table) in cues {
            guard let c = CueCategory(name: category) else { continue }
            for (first, entries) in table.byFirst {
                for (tokens, _) in entries { out[first, default: []].append((tokens, c)) }
            }
        }
        return out
    }

    /// Non-blank, non-comment lines with their 1-based numbers. The lines are those of
    /// `split(separator: "\n", omittingEmptySubsequences: false)`, found on the bytes
    /// (`WeightsFile.lines`). Each kept line is copied into a string of its own: the parsers
    /// below read it by Characters, and a line cut at byte positions would have every one of
    /// its indices checked for a scalar boundary again.
    static func lines(_ text: String) -> [(Int, Substring)] {
        var out: [(Int, Substring)] = []
        for (i, raw) in WeightsFile.lines(text).enumerated() where !isBlankOrComment(raw) {
            out.append((i + 1, Substring(String(raw))))
        }
        return out
    }

    /// Whether a line is empty or a comment once the spaces and tabs before it are dropped. An
    /// ASCII line without a carriage return is one Character a byte, so it is read on its bytes;
    /// any other line by Characters (a space before a combining mark is no space Character).
    static func isBlankOrComment(_ raw: Substring) -> Bool {
        let read: Bool?? = raw.utf8.withContiguousStorageIfAvailable { b in
            guard b.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            var i = 0
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 { i += 1 }
            return i == b.count || b[i] == 0x23
        }
        if let known = read ?? nil { return known }
        let line = raw.drop(while: { $0 == " " || $0 == "\t" })
        return line.isEmpty || line.hasPrefix("#")
    }

    /// The pieces of `text` between commas, as `text.split(separator: ",")` gives them (empty ones
    /// left out): cut on the bytes when `text` is ASCII without a carriage return, where every
    /// Character is one byte; by Characters otherwise.
    static func commaSeparated(_ text: Substring) -> [Substring] {
        let u = text.utf8
        guard u.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return text.split(separator: ",") }
        var out: [Substring] = []
        var start = u.startIndex
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == 0x2C {
                if start != i { out.append(text[start..<i]) }
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        if start != u.endIndex { out.append(text[start..<u.endIndex]) }
        return out
    }

    /// `key: value, value, ...`
    static func keyed(_ line: Substring, file: String, _ n: Int) throws -> (String, [String]) {
        guard let colon = line.firstIndex(of: ":") else {
            throw LexiconError(file: file, line: n, problem: "expected 'key: value, value', found no ':'")
        }
        let key = line[..<colon].trimmed
        guard !key.isEmpty, !key.contains(" ") else {
            throw LexiconError(file: file, line: n, problem: "bad key '\(key)'")
        }
        let values = commaSeparated(line[line.index(after: colon)...]).map { $0.trimmed }
        guard !values.isEmpty, !values.contains(where: \.isEmpty) else {
            throw LexiconError(file: file, line: n, problem: "empty value after '\(key):'")
        }
        return (key, values)
    }

    /// `status role: pattern`
    /// `families`: each family's phrases by first word.
    static func trigger(_ line: Substring, _ n: Int, file: String = "triggers.txt", families: [String: [String: [[String]]]] = [:]) throws -> Trigger {
        guard let colon = line.firstIndex(of: ":") else {
            throw LexiconError(file: file, line: n, problem: "expected 'status role: pattern', found no ':'")
        }
        let head = line[..<colon].split(separator: " ")
        guard head.count == 2 else {
            throw LexiconError(file: file, line: n, problem: "expected 'status role' before ':'")
        }
        guard let status = DepartureStatus(rawValue: String(head[0])) else {
            throw LexiconError(file: file, line: n, problem: "unknown status '\(head[0])' (left, suspended, announced)")
        }
        guard let role = TriggerRole(rawValue: String(head[1])) else {
            throw LexiconError(file: file, line: n, problem: "unknown role '\(head[1])' (announced, effective, follow)")
        }
        var pattern: [PatternElement] = []
        for word in line[line.index(after: colon)...].split(separator: " ") {
            if word == "X" { pattern.append(.platformLeft); continue }
            if word == "*" { pattern.append(.gap); continue }
            if word == "P" { pattern.append(.destination); continue }
            if word == "~" { pattern.append(.soft); continue }
            if word == "A" { pattern.append(.account); continue }
            if word == "W" { pattern.append(.window); continue }
            if word == "I" { pattern.append(.item); continue }
            if word.hasPrefix("@") {
                guard let f = families[String(word.dropFirst())] else {
                    throw LexiconError(file: file, line: n, problem: "unknown family '\(word)' (define it above with '\(word): ...')")
                }
                pattern.append(.family(f))
                continue
            }
            var w = word
            let optional = w.hasPrefix("?")
            if optional { w = w.dropFirst() }
            let alternatives = Set(w.split(separator: "/").map { String($0) })
            guard !alternatives.isEmpty, alternatives.allSatisfy({ $0 == $0.lowercased() && !$0.isEmpty }) else {
                throw LexiconError(file: file, line: n, problem: "pattern word '\(word)' must be lower case (or X, *, ?word, a/b)")
            }
            pattern.append(optional ? .optional(alternatives) : .words(alternatives))
        }
        switch pattern.first {
        case .words?, .family?: break
        default: throw LexiconError(file: file, line: n, problem: "a pattern must start with a word or a family")
        }
        return Trigger(status: status, role: role, pattern: pattern, line: n)
    }
}

/// Phrases (token sequences) indexed by their first token.
struct PhraseTable<Value: Sendable>: Sendable {
    /// The first words, numbered in a `WordTable` (which answers as a `[String: _]` would, but
    /// hashes an ASCII word's bytes rather than running SipHash: the repair rules look words up
    /// in these tables row after row), and the phrases of each number, longest first.
    private var firsts = WordTable()
    private var phrases: [[([String], Value)]] = []

    /// The phrases by their first word.
    var byFirst: [String: [([String], Value)]] {
        Dictionary(uniqueKeysWithValues: zip(firsts.strings, phrases))
    }

    mutating func add(_ tokens: [String], _ value: Value) {
        guard let first = tokens.first else { return }
        let id = Int(firsts.insert(first))
        if id == phrases.count { phrases.append([]) }
        phrases[id].append((tokens, value))
        phrases[id].sort { $0.0.count > $1.0.count }
    }

    /// The phrases whose first word is `word`, longest first (nil for none).
    private func phrases(startingWith word: String) -> [([String], Value)]? {
        let id = firsts.find(word)
        return id == noWord ? nil : phrases[Int(id)]
    }

    /// The longest phrase starting at `i`, compared with `key(token)`; returns its value and length.
    func match(_ count: Int, at i: Int, key: (Int) -> String) -> (Value, Int)? {
        guard i < count, let candidates = phrases(startingWith: key(i)) else { return nil }
        outer: for (tokens, value) in candidates {
            guard i + tokens.count <= count else { continue }
            for k in 1..<max(1, tokens.count) where key(i + k) != tokens[k] { continue outer }
            return (value, tokens.count)
        }
        return nil
    }

    func contains(_ words: [String]) -> Bool {
        guard let first = words.first, let c = phrases(startingWith: first) else { return false }
        return c.contains { $0.0 == words }
    }
}

extension Substring {
    /// Without the spaces and tabs before, nor the spaces, tabs and carriage returns after. Cut
    /// by indices: building the String from a reversed view appended it Character by Character.
    var trimmed: String {
        var lo = startIndex, hi = endIndex
        while lo < hi, self[lo] == " " || self[lo] == "\t" { formIndex(after: &lo) }
        while lo < hi {
            let last = index(before: hi)
            guard self[last] == " " || self[last] == "\t" || self[last] == "\r" else { break }
            hi = last
        }
        return String(self[lo..<hi])
    }
}
