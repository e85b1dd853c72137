import ExodusCore

/// The country a legal form at the end of a name belongs to: "Kunstencentrum Leiemeers vzw" is
/// Belgian, "Ruderverein Vegesack e.V." German, "Polisportiva Vallesina A.S.D." Italian. Only the
/// forms that one country's law defines (or that one country uses almost alone) are listed: "GmbH"
/// (Germany, Austria, Switzerland), "S.A." or "Ltd" say nothing.
enum LegalForms {
    /// The form, lower case with its full stops and spaces removed, → country. "ApS" (Danish) and
    /// "APS" (Italian) read the same, so neither is listed.
    static let countries: [String: String] = [
        // Belgium: non-profit and cooperative forms in Dutch and French.
        "vzw": "BE", "asbl": "BE", "bvba": "BE", "sprl": "BE", "cvba": "BE", "ivzw": "BE", "aisbl": "BE",
        // Germany.
        "ev": "DE", "ggmbh": "DE", "gbr": "DE",
        // Austria.
        "eu": "AT",
        // Italy: amateur sports clubs, social promotion bodies, companies.
        "asd": "IT", "ssd": "IT", "ssdarl": "IT", "onlus": "IT", "srl": "IT", "spa": "IT", "ets": "IT",
        // Poland.
        "spzoo": "PL",
        // Denmark.
        "a/s": "DK", "i/s": "DK", "k/s": "DK",
        // Sweden: economic associations, limited companies.
        "ekför": "SE", "ekfor": "SE",
        // Finland: registered associations, limited companies.
        "ry": "FI", "oy": "FI", "oyj": "FI",
        // The Netherlands.
        "bv": "NL",
        // Spain.
        "sl": "ES", "slu": "ES",
        // Portugal ("Ltda." is Brazil's, but also Argentina's, Chile's and Colombia's: not listed).
        "lda": "PT",
        // Mexico: the variable-capital company forms.
        "sadecv": "MX", "sabdecv": "MX", "sapidecv": "MX", "srldecv": "MX",
        // Britain: community interest companies and charitable incorporated organisations.
        "cic": "GB", "cio": "GB",
        // Ireland: companies limited by guarantee (most charities) and designated activity companies.
        "clg": "IE", "dac": "IE",
        // Hungary: limited and public limited companies.
        "kft": "HU", "zrt": "HU", "nyrt": "HU",
        // Malaysia, Singapore and India: private limited companies.
        "sdnbhd": "MY", "bhd": "MY", "pteltd": "SG", "pvtltd": "IN",
        // Norway: public limited companies.
        "asa": "NO",
    ]

    /// Forms that follow a name in lower case (Belgian, Finnish, German, Italian): the name takes
    /// them in ("Kunstencentrum Leiemeers vzw").
    /// Nordic words for a county or municipality close a name the same way ("... i Jönköpings län").
    static let writtenInLowerCase = WordSet(["vzw", "ivzw", "asbl", "aisbl", "bvba", "cvba", "ry", "ggmbh", "onlus", "län", "kommun", "kommune", "fylke"])

    /// Legal forms that close a name wherever they stand (`PhraseScanner.legalFormEnd`), as word
    /// sequences keyed by `key`: company and association forms of the countries the stories come
    /// from ("S.A. de C.V.", "sp. z o.o.", ", Inc.").
    static let closing: Set<[String]> = [
        ["inc"], ["ltd"], ["llc"], ["llp"], ["plc"], ["corp"], ["lp"], ["pty", "ltd"], ["cic"], ["cio"],
        ["sa"], ["sa", "de", "cv"], ["sab", "de", "cv"], ["sapi", "de", "cv"], ["s", "de", "rl"], ["ac"], ["iap"], ["sc"],
        ["sl"], ["slu"], ["srl"], ["spa"], ["sas"], ["sarl"], ["asbl"], ["vzw"], ["ltda"], ["lda"],
        ["gmbh"], ["ggmbh"], ["ag"], ["ev"], ["eg"], ["kg"], ["bv"], ["nv"], ["ab"], ["asa"], ["oy"], ["oyj"], ["aps"], ["a/s"],
        ["asd"], ["ssd"], ["onlus"], ["ets"], ["ssd", "a", "rl"], ["asd", "a", "rl"], ["sad"], ["sro"], ["sp", "z", "oo"], ["egen"],
        ["clg"], ["dac"], ["kft"], ["zrt"], ["nyrt"], ["sdn", "bhd"], ["bhd"], ["pte", "ltd"], ["pvt", "ltd"],
    ]

    /// A lower-case word that is a whole closing form by itself ("kft", "ltd", "gmbh").
    static func closesAlone(_ lower: String) -> Bool {
        closing.contains([key(lower)])
    }

    /// The first words of `closing` (asked of every short word after a name: a `WordSet`).
    static let closingStarts = WordSet(closing.map { $0[0] })

    /// Legal forms of companies, keyed by `key` ("Nyborg Marine Teknik A/S", "Mazury Bus sp. z
    /// o.o.", "... Ltda."): a cooperative or firm under company law (`HeadWordKindRule`).
    static let companies: Set<String> = [
        "as", "a/s", "asa", "ab", "aps", "oy", "oyj", "gmbh", "ag", "kg", "ltd", "limited", "inc", "plc", "llc", "sa", "srl",
        "spa", "sarl", "sas", "bv", "nv", "sl", "ltda", "lda", "oo", "pty", "kft", "zrt", "nyrt", "bhd", "dac",
    ]

    /// Lower-case legal forms and their pieces, as `WholeNameRule.pieces` cuts them
    /// (`ElidedDepartureRule` reads names past them).
    static let pieces: Set<String> = [
        "sp", "sp.", "z", "o", "o.o", "o.o.", "e.v", "e.v.", "ggmbh", "mbh", "plc", "ltd", "ltd.", "s.r.o", "s.r.o.", "a.s", "a.s.",
        "e.g", "e.g.", "eg", "s.l", "s.l.", "srl", "s.r.l", "s.r.l.", "bv", "b.v", "b.v.", "nv", "n.v.", "vzw", "asbl", "gmbh",
    ]

    /// A lower-case word as the lists above key it: its full stops dropped ("s.a" → "sa"). On the
    /// bytes: `contains` and `filter` on characters are slow, and "." is one byte.
    static func key(_ lower: String) -> String {
        lower.containsByte(0x2E) ? String(decoding: lower.utf8.filter { $0 != 0x2E }, as: UTF8.self) : lower
    }

    /// Words in a public body's name that one country's system uses: "Rugby Borough Council" and
    /// "Kelby Parish Council" are English, "Mildura Rural City Council" and "Buloke Shire Council"
    /// Australian, an "NHS" trust British, "An Garda Síochána" Irish. The last two words of the
    /// name, or one word anywhere in it.
    static let systemWords: [String: String] = [
        "borough council": "GB", "parish council": "GB", "shire council": "AU", "county borough": "GB",
        "nhs": "GB", "garda síochána": "IE", "garda siochana": "IE", "gardaí": "IE",
        // Names only one country's public system gives its bodies.
        "state university": "US", "police department": "US", "sheriff's office": "US", "school district": "US",
        "food pantry": "US", "constabulary": "GB", "health board": "GB",
        "first nation": "CA", "regional district": "CA",
    ]

    /// The country of the legal form that ends `name` (its last one, two or three words), or nil.
    static func country(ofName name: String) -> CountryCode? {
        asciiCountry(ofName: name) ?? countryByCharacters(ofName: name)
    }

    /// The country of a public body's name from the words of one country's system, or nil.
    static func country(ofSystemName name: String) -> CountryCode? {
        asciiCountry(ofSystemName: name) ?? countryByCharacters(ofSystemName: name)
    }

    /// `country(ofName:)` read by Characters, for any name (the tests compare the two readings).
    static func countryByCharacters(ofName name: String) -> CountryCode? {
        let words = name.split(separator: " ")
        guard words.count >= 2 else { return nil }
        for n in [3, 2, 1] where words.count > n {
            let tail = words.suffix(n).joined().lowercased().filter { $0 != "." }
            if let c = countries[tail] { return CountryCode(rawValue: c) }
        }
        return nil
    }

    /// `country(ofSystemName:)` read by Characters, for any name.
    static func countryByCharacters(ofSystemName name: String) -> CountryCode? {
        let words = name.lowercased().split(separator: " ")
        if words.count >= 2, let c = systemWords[words.suffix(2).joined(separator: " ")] { return CountryCode(rawValue: c) }
        for w in words { if let c = systemWords[String(w)] { return CountryCode(rawValue: c) } }
        return nil
    }

    // Both are asked of every row's name. An ASCII name (nearly all) is read on its bytes, where
    // a Character is a byte, only A-Z change in lower case, and a space is the byte 0x20: the
    // same words, tails and keys as above without splitting, joining or lower-casing strings.
    // A String is made only for a tail as long as some ASCII key, so most names make none.

    /// Outer nil: the name is not ASCII (the general reading answers).
    static func asciiCountry(ofName name: String) -> CountryCode?? {
        withASCIIWords(name) { b, words in
            guard words.count >= 2 else { return nil }
            for n in [3, 2, 1] where words.count > n {
                // Its length first: most tails are longer than any form, and are never built.
                var length = 0
                for w in words.suffix(n) { for x in b[w] where x != 0x2E { length += 1 } }
                guard formLengths.has(length) else { continue }
                // Written into a buffer of its length and looked up on its bytes.
                let code = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { tail -> String? in
                    var k = 0
                    for w in words.suffix(n) {
                        for x in b[w] where x != 0x2E {
                            tail[k] = asciiLower(x)
                            k += 1
                        }
                    }
                    return countryCodes.code(UnsafeBufferPointer(tail))
                }
                if let code { return CountryCode(rawValue: code) }
            }
            return nil
        }
    }

    /// Outer nil: the name is not ASCII.
    static func asciiCountry(ofSystemName name: String) -> CountryCode?? {
        withASCIIWords(name) { b, words in
            /// `systemWords[key]` of the words lower-cased and joined by spaces, looked up on bytes
            /// written into a buffer of their length.
            func code(_ ranges: some Collection<Range<Int>>) -> String? {
                // Its length first (the words and a space between each two), as above.
                let length = ranges.reduce(ranges.count - 1) { $0 + $1.count }
                guard systemWordLengths.has(length) else { return nil }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { key in
                    var k = 0
                    for r in ranges {
                        if k > 0 {
                            key[k] = 0x20
                            k += 1
                        }
                        for x in b[r] {
                            key[k] = asciiLower(x)
                            k += 1
                        }
                    }
                    return systemCodes.code(UnsafeBufferPointer(key))
                }
            }
            if words.count >= 2, let c = code(words.suffix(2)) { return CountryCode(rawValue: c) }
            for w in words { if let c = code(CollectionOfOne(w)) { return CountryCode(rawValue: c) } }
            return nil
        }
    }

    /// `body` with the bytes of an ASCII name and the ranges of its words (split at spaces, empty
    /// words left out, as `split(separator: " ")` does); nil when the name is not ASCII.
    private static func withASCIIWords(
        _ name: String, _ body: (UnsafeBufferPointer<UInt8>, [Range<Int>]) -> CountryCode?
    ) -> CountryCode?? {
        var name = name
        return name.withUTF8 { b -> CountryCode?? in
            var words: [Range<Int>] = []
            // At most one word more than spaces: made once at that size, not grown word by word.
            var spaces = 0
            for x in b where x == 0x20 { spaces += 1 }
            words.reserveCapacity(spaces + 1)
            var start = 0
            for i in 0...b.count {
                if i < b.count {
                    if b[i] >= 0x80 { return nil }
                    if b[i] != 0x20 { continue }
                }
                if i > start { words.append(start..<i) }
                start = i + 1
            }
            return .some(body(b, words))
        }
    }

    @inline(__always) private static func asciiLower(_ x: UInt8) -> UInt8 { x >= 0x41 && x <= 0x5A ? x + 32 : x }

    /// The lengths of the ASCII keys of `countries` and `systemWords` (an ASCII string can only
    /// equal an ASCII key, of its own length).
    private static let formLengths = KeyLengths(countries.keys)
    private static let systemWordLengths = KeyLengths(systemWords.keys)
    /// `countries` and `systemWords` for the byte readings above.
    private static let countryCodes = ByteKeyedCodes(countries)
    private static let systemCodes = ByteKeyedCodes(systemWords)
}

/// A `[String: String]` looked up by the bytes of an ASCII key: the same answer the dictionary
/// gives for the string of those bytes (its keys are numbered by a `WordTable`, which tells
/// strings apart as the dictionary does), with no string made and no SipHash.
private struct ByteKeyedCodes {
    private var keys = WordTable()
    private var values: [String] = []

    init(_ map: [String: String]) {
        // A dictionary's keys are all unequal, so each takes a new number.
        for (key, value) in map where Int(keys.insert(key)) == values.count { values.append(value) }
    }

    /// The value of the key equal to the ASCII string of `bytes`, or nil.
    func code(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let id = keys.find(ascii: bytes, hash: WordTable.hash(bytes))
        return id == noWord ? nil : values[Int(id)]
    }
}

/// A set of string lengths as bits (63 stands for 63 or more), asked before a dictionary look-up.
private struct KeyLengths {
    private var bits: UInt64 = 0

    init(_ keys: some Sequence<String>) {
        for k in keys where k.utf8.allSatisfy({ $0 < 0x80 }) { bits |= 1 << UInt64(min(k.utf8.count, 63)) }
    }

    func has(_ length: Int) -> Bool { bits & (1 << UInt64(min(length, 63))) != 0 }
}
