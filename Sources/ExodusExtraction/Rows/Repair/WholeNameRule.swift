import ExodusCore

/// A name cut out of a longer one gets its whole back, read from its evidence sentence:
/// "Sport" or "Ministry of Culture" → "Ministry of Culture, Youth and Sport"; "Drink Festival"
/// → "Galway Food and Drink Festival"; "Union" → "Hallam Vale Students' Union"; "Hale" →
/// "Hale Bros. Media Group".
///
/// The capitalised run around the name (joined by of/for/and/&/de/van…, commas before a
/// capitalised word, abbreviations such as Bros. or Co.) is one name when its shape says so:
/// - no conjunction inside, and the run adds a plural possessive or an abbreviation, or the
///   name was only generic words ("Union", "Media Group");
/// - "Head of/for A, B and C" where the later parts are subject fields, not institutions
///   ("Ministry of Culture, Youth and Sport", "Institute for Soil, Water and Climate Research");
/// - "A, B and C Head" with single-word parts and a head word at the end only, after "The" or
///   without commas ("The Ashdown, Lyle and Mercer Trust", "Food and Drink Festival").
/// A list of separate organisations ("Oxfam, Amnesty and the Bristol Museum") has parts that
/// are institutions of their own (a kind word, or a name the gazetteer knows), and is left alone.
struct WholeNameRule: RowRule {
    static let summary = "A name cut out of a longer one is given back its whole"
    static let examplesFor = [
        RuleExample(
            "The Ministry of Culture, Youth and Sport said on Monday that it had left X.\n",
            present: ["Ministry of Culture, Youth and Sport"], absent: ["Sport", "Youth"]),
        RuleExample(
            "The Institute for Soil, Water and Climate Research has deleted its X account.\n",
            present: ["Institute for Soil, Water and Climate Research"], absent: ["Climate Research"]),
        RuleExample(
            "Hallam Vale Students' Union has left X, its officers said.\n",
            present: ["Hallam Vale Students' Union"]),
        RuleExample(
            "Galway Food and Drink Festival has paused its activity on X.\n",
            present: ["Galway Food and Drink Festival"], absent: ["Drink Festival"]),
        RuleExample(
            "- Dublin Fringe and Street Arts Festival: stopped posting on X in November.\n",
            present: ["Dublin Fringe and Street Arts Festival"], absent: ["Street Arts Festival"]),
        RuleExample("Hale Bros. Media Group said it had deleted its X account.\n", present: ["Hale Bros. Media Group"]),
        RuleExample(
            "Kelby, Tarn and Orrin Fire and Rescue Service has paused its X account.\n",
            present: ["Kelby, Tarn and Orrin Fire and Rescue Service"], absent: ["Rescue Service", "Orrin Fire"]),
        RuleExample(
            "Harlow County Parks and Recreation has deleted its X account.\n",
            present: ["Harlow County Parks and Recreation"], absent: ["Recreation"]),
    ]
    static let examplesAgainst = [
        RuleExample(
            "Oxfam, Amnesty International and the Bristol Museum all left X last week.\n",
            absent: ["Oxfam, Amnesty International and the Bristol Museum", "Amnesty International and the Bristol Museum"]),
        RuleExample(
            "On Monday the Bristol Museum left X for Bluesky.\n",
            present: ["Bristol Museum"], absent: ["Monday the Bristol Museum", "On Monday the Bristol Museum"]),
        RuleExample("Germany's Federal Health Ministry has left X.\n", absent: ["Germany's Federal Health Ministry"]),
        RuleExample("Greenpeace and Bristol Museum left X on Monday.\n", absent: ["Greenpeace and Bristol Museum"]),
        RuleExample(
            "More than 40 Irish NGOs said they will stop using X. The signatories include Brightwater and Cois Farraige Trust.\n",
            present: ["Brightwater"], absent: ["Brightwater and Cois Farraige Trust"]),
    ]

    func apply(_ rows: inout [Departure], in document: Document, sentences: [Sentence], lexicon: Lexicon, memo: RepairMemo) {
        // Rows often share their evidence sentence: the memo cuts each into pieces once.
        for i in rows.indices {
            guard let quote = rows[i].evidence.first?.quote, Self.mayExtend(rows[i].organisation, in: quote) else { continue }
            let ps = memo.pieces.pieces(quote)
            let ns = memo.pieces.pieces(rows[i].organisation)
            guard let whole = wholeName(ns, in: quote, pieces: ps, lexicon: lexicon),
                whole != rows[i].organisation
            else { continue }
            rows[i].organisation = whole
        }
    }

    /// A cheap look at the characters around the name: it can only grow when a capitalised word,
    /// a joining word or mark, or an abbreviation's stop sits right beside it.
    static func mayExtend(_ name: String, in quote: String) -> Bool {
        guard let r = quote.firstRangeOfName(name) else { return false }
        return asciiMayExtend(quote, r) ?? mayExtendByCharacters(quote, r)
    }

    /// `mayExtend` on the characters around `r`, the name's range in `quote`, for any text (the
    /// tests compare it with the byte version).
    static func mayExtendByCharacters(_ quote: String, _ r: Range<String.Index>) -> Bool {
        let before = quote[..<r.lowerBound].suffix(12)
        let after = quote[r.upperBound...].prefix(12)
        // The word right before: "The"/"the" or a lower-case word that joins nothing ends the run.
        let wordBefore = before.split(whereSeparator: { $0 == " " }).last.map(String.init) ?? ""
        let joinsBefore =
            before.hasSuffix(", ") || before.hasSuffix("& ") || before.hasSuffix("' ") || before.hasSuffix("\u{2019} ")
            || before.hasSuffix(". ") && wordBefore.count <= 6
            || (wordBefore.first?.isUppercase ?? false) && !["The", "A", "An"].contains(wordBefore) && before.hasSuffix(" ")
            || joiners.contains(wordBefore.lowercased()) && wordBefore != "the"
        let wordAfter = after.split(whereSeparator: { $0 == " " }).first.map(String.init) ?? ""
        let joinsAfter =
            after.hasPrefix(" &") || after.hasPrefix(", ") && (after.dropFirst(2).first?.isUppercase ?? false)
            || after.hasPrefix(".") || after.hasPrefix("'")
            || after.hasPrefix(" ")
                && ((wordAfter.first?.isUppercase ?? false)
                    || joiners.contains(wordAfter.lowercased()))
        return joinsBefore || joinsAfter
    }

    /// `mayExtend` on the bytes, for a quote all ASCII and without a carriage return, where each
    /// character is one byte (only "\r\n" would make two bytes one character), only A-Z is upper
    /// case and lower-casing maps bytes to bytes. Nil for any other quote.
    static func asciiMayExtend(_ quote: String, _ r: Range<String.Index>) -> Bool? {
        let u = quote.utf8
        let lo = u.distance(from: u.startIndex, to: r.lowerBound), hi = u.distance(from: u.startIndex, to: r.upperBound)
        let answer: Bool?? = u.withContiguousStorageIfAvailable { b -> Bool? in
            for x in b where x >= 0x80 || x == 0x0D { return nil }
            func isUpper(_ x: UInt8) -> Bool { x >= 0x41 && x <= 0x5A }
            // The 12 characters before the name, and the last word among them.
            let bs = max(0, lo - 12)
            var we = lo
            while we > bs, b[we - 1] == 0x20 { we -= 1 }
            var ws = we
            while ws > bs, b[ws - 1] != 0x20 { ws -= 1 }
            func ends(_ x: UInt8, _ y: UInt8) -> Bool { lo - bs >= 2 && b[lo - 2] == x && b[lo - 1] == y }
            let wordBefore = UnsafeBufferPointer(rebasing: b[ws..<we])
            let joinsBefore =
                ends(0x2C, 0x20) || ends(0x26, 0x20) || ends(0x27, 0x20)  // ", " "& " "' "
                || ends(0x2E, 0x20) && wordBefore.count <= 6  // ". "
                || (wordBefore.first.map(isUpper) ?? false) && !isArticle(wordBefore) && lo > bs && b[lo - 1] == 0x20
                || isJoiner(wordBefore) && !wordBefore.elementsEqual("the".utf8)
            if joinsBefore { return true }
            // The 12 characters after the name, and the first word among them.
            let ae = min(b.count, hi + 12)
            var as0 = hi
            while as0 < ae, b[as0] == 0x20 { as0 += 1 }
            var ase = as0
            while ase < ae, b[ase] != 0x20 { ase += 1 }
            let wordAfter = UnsafeBufferPointer(rebasing: b[as0..<ase])
            func starts(_ x: UInt8) -> Bool { hi < ae && b[hi] == x }
            return starts(0x20) && hi + 1 < ae && b[hi + 1] == 0x26  // " &"
                || starts(0x2C) && hi + 2 < ae && b[hi + 1] == 0x20 && isUpper(b[hi + 2])  // ", " and a capital
                || starts(0x2E) || starts(0x27)
                || starts(0x20) && ((wordAfter.first.map(isUpper) ?? false) || isJoiner(wordAfter))
        }
        return answer ?? nil
    }

    /// "The", "A" or "An", exactly.
    private static func isArticle(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        w.elementsEqual("The".utf8) || w.elementsEqual("A".utf8) || w.elementsEqual("An".utf8)
    }

    /// Whether ASCII bytes, lower-cased, are one of `joiners`.
    private static func isJoiner(_ w: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !w.isEmpty, w.count <= joinerLength else { return false }
        return joiners.contains(asciiLowercased(w))
    }

    private static let joinerLength = joinerWords.map(\.utf8.count).max() ?? 0

    /// ASCII bytes as a string, A-Z lower-cased: what `lowercased()` gives for ASCII text.
    static func asciiLowercased(_ w: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: w.count) { out in
            for (k, x) in w.enumerated() { out[k] = x >= 0x41 && x <= 0x5A ? x | 0x20 : x }
            return w.count
        }
    }

    // MARK: - Reading the sentence

    /// Pairs joined by "and" that name one service: the "and" does not part the name there.
    static let fixedPairs: Set<[String]> = [["fire", "rescue"], ["search", "rescue"], ["health", "safety"]]

    /// `fixedPairs.contains([first, second])`, asked of the two words around each conjunction:
    /// the pairs are compared one by one (the same `==`), without making an array to hash.
    static func isFixedPair(_ first: String, _ second: String) -> Bool {
        fixedPairs.contains { $0[0] == first && $0[1] == second }
    }

    /// Capitalised words that open a question, not a name ("Did the ... Service quit X?").
    static let questionOpeners: Set<String> = [
        "did", "does", "do", "has", "have", "is", "are", "was", "were", "will", "can", "should", "why", "how", "what", "who", "when", "where",
    ]

    struct Piece {
        let text: Substring
        /// Worked out once: the rules ask for them many times.
        let lower: String
        let isWord: Bool
        let isCapitalised: Bool

        /// `text == mark` for a mark (or letter) of one ASCII byte. A text of one byte is one
        /// character, equal to the mark exactly when it is the mark's byte (no character of one
        /// byte has another canonical equal). A longer text equals it only when it is the mark's
        /// one canonical equal outside ASCII, which only ";" (U+037E), "`" (U+1FEF) and "K"
        /// (U+212A) have: for these the general comparison answers, for any other mark it is no.
        func isMark(_ mark: UInt8) -> Bool {
            let u = text.utf8
            if u.count == 1 { return u.first == mark }
            guard mark == 0x3B || mark == 0x60 || mark == 0x4B else { return false }
            return text == String(UnicodeScalar(mark))
        }

        /// A piece of ASCII text: `lower` is its lower case, computed on the bytes.
        init(asciiText text: Substring, lower: String) {
            self.text = text
            self.lower = lower
            let x = text.utf8.first ?? 0
            let digit = x >= 0x30 && x <= 0x39
            isWord = digit || ((x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
            isCapitalised = digit || (x >= 0x41 && x <= 0x5A)
        }

        init(text: Substring) {
            self.text = text
            lower = text.lowercased()
            // Most pieces start with an ASCII byte, decided without the Unicode property tables
            // (for ASCII, only A-Z and a-z are alphabetic, only 0-9 numeric, only A-Z upper case).
            if let x = text.utf8.first, x < 0x80 {
                let digit = x >= 0x30 && x <= 0x39
                isWord = digit || ((x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
                isCapitalised = digit || (x >= 0x41 && x <= 0x5A)
                return
            }
            let p = text.unicodeScalars.first?.properties
            let digit = p?.numericType != nil
            isWord = (p?.isAlphabetic ?? false) || digit
            isCapitalised = (p?.isUppercase ?? false) || digit
        }
    }

    /// Words (with an inner or final apostrophe, inner hyphens and an abbreviation's full stop)
    /// and single punctuation marks; spaces are dropped.
    static func pieces(_ s: some StringProtocol) -> [Piece] {
        let text = Substring(s)
        return asciiPieces(text) ?? piecesByScalars(text)
    }

    /// `pieces` scalar by scalar, for any text (the tests compare it with the byte version).
    static func piecesByScalars(_ text: Substring) -> [Piece] {
        let u = text.utf8
        var out: [Piece] = []
        var i = u.startIndex
        // ASCII letters and digits are decided on the byte; other scalars by their properties.
        func isLetterOrDigit(_ k: String.Index) -> Bool {
            let x = u[k]
            if x < 0x80 { return (x >= 0x30 && x <= 0x39) || ((x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A) }
            guard let scalar = text.unicodeScalars[k...].first else { return false }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark
        }
        func isLetter(_ k: String.Index) -> Bool {
            let x = u[k]
            if x < 0x80 { return (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A }
            return text.unicodeScalars[k...].first?.properties.isAlphabetic ?? false
        }
        func nextScalar(_ k: String.Index) -> String.Index { text.unicodeScalars.index(after: k) }
        while i < u.endIndex {
            let x = u[i]
            if x == 0x20 || x == 0x0A || x == 0x09 || x == 0x0D { i = u.index(after: i); continue }
            guard isLetterOrDigit(i) else {
                let e = nextScalar(i)
                // Spaces beyond ASCII (no-break) are dropped like ASCII ones.
                let space = x < 0x80 ? (x >= 0x09 && x <= 0x0D) : text.unicodeScalars[i].properties.isWhitespace
                if !space { out.append(Piece(text: text[i..<e])) }
                i = e
                continue
            }
            var j = nextScalar(i)
            while j < u.endIndex {
                if isLetterOrDigit(j) { j = nextScalar(j); continue }
                let d = text.unicodeScalars[j]
                let next = nextScalar(j)
                if d == "-" || d == "'" || d == "\u{2019}", next < u.endIndex, isLetter(next) { j = next; continue }
                // "Students'": a plural possessive keeps its apostrophe.
                if d == "'" || d == "\u{2019}", text.unicodeScalars[text.unicodeScalars.index(before: j)] == "s" { j = next; break }
                // "Bros.", "Co.", "Inc.": an abbreviation keeps its full stop.
                if d == ".", abbreviations.contains(text[i..<j].lowercased()) { j = next; break }
                break
            }
            out.append(Piece(text: text[i..<j]))
            i = j
        }
        return out
    }

    /// `pieces` of ASCII text, on the bytes: every scalar is one byte, only A-Z, a-z and 0-9
    /// are letters or digits, and only bytes 0x09-0x0D and the space are spaces; the pieces
    /// are the same ranges of `text` with the same lower case. Nil when `text` is not ASCII.
    static func asciiPieces(_ text: Substring) -> [Piece]? {
        let u = text.utf8
        let found: [Piece]?? = u.withContiguousStorageIfAvailable { b -> [Piece]? in
            for x in b where x >= 0x80 { return nil }
            func isLetter(_ x: UInt8) -> Bool { (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A }
            func isLetterOrDigit(_ x: UInt8) -> Bool { (x >= 0x30 && x <= 0x39) || isLetter(x) }
            func piece(_ i: Int, _ j: Int) -> Piece {
                let start = u.index(u.startIndex, offsetBy: i), end = u.index(start, offsetBy: j - i)
                return Piece(asciiText: text[start..<end], lower: asciiLowercased(UnsafeBufferPointer(rebasing: b[i..<j])))
            }
            let n = b.count
            var out: [Piece] = []
            // About one piece for every four bytes of English prose: grown seldom, if at all.
            out.reserveCapacity(n / 4 + 2)
            var i = 0
            while i < n {
                let x = b[i]
                if x == 0x20 || (x >= 0x09 && x <= 0x0D) { i += 1; continue }
                guard isLetterOrDigit(x) else {
                    out.append(piece(i, i + 1))
                    i += 1
                    continue
                }
                var j = i + 1
                while j < n {
                    let d = b[j]
                    if isLetterOrDigit(d) { j += 1; continue }
                    let next = j + 1
                    if d == 0x2D || d == 0x27, next < n, isLetter(b[next]) { j = next; continue }  // - '
                    // "Students'": a plural possessive keeps its apostrophe.
                    if d == 0x27, b[j - 1] == 0x73 { j = next; break }
                    // "Bros.", "Co.", "Inc.": an abbreviation keeps its full stop.
                    if d == 0x2E, j - i <= abbreviationLength,
                        abbreviations.contains(asciiLowercased(UnsafeBufferPointer(rebasing: b[i..<j])))
                    {
                        j = next; break
                    }
                    break
                }
                out.append(piece(i, j))
                i = j
            }
            return out
        }
        return found ?? nil
    }

    private static let abbreviationLength = abbreviations.map(\.utf8.count).max() ?? 0

    static let listOpeners = WordSet([
        "include", "includes", "including", "included", "as", "like", "namely", "among",
        "are", "were", "both", ":",
    ])
    static let abbreviations: Set<String> = ["bros", "co", "inc", "ltd", "corp", "st", "plc", "llc", "ag", "gmbh", "sa", "nv", "bv"]
    /// Read for each piece around every name (here and in other rules): a `WordSet`, which answers
    /// as a `Set<String>` would but hashes an ASCII word's bytes rather than its characters.
    static let joiners = WordSet(joinerWords)
    static let joinerWords = [
        "of", "for", "and", "&", "the", "de", "del", "della", "di", "du", "des", "la", "le",
        "der", "die", "van", "von", "on", "upon", "y", "et", "und",
    ]
    /// This and the sets below are `WordSet`s too (see `joiners`): the conjunctions are asked
    /// of every piece of a name's run.
    static let conjunctions = WordSet(["and", "&", ",", "und", "et", "y"])
    static let calendar = WordSet([
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec",
    ])
    /// Words that name a field of work rather than an institution: they may sit in the later
    /// parts of "Ministry of Culture, Youth and Sport".
    static let fields = WordSet([
        "research", "sport", "sports", "science", "sciences", "arts", "culture", "media",
        "heritage", "education", "health", "innovation", "technology", "climate",
        "environment", "energy", "youth", "tourism", "communications", "design", "business",
        "history", "studies", "music", "drama", "dance", "affairs", "development", "industry",
        "welfare", "justice", "transport", "housing", "planning", "water", "food", "drink",
        "recreation", "leisure", "parks", "wildlife", "conservation", "safety", "care",
        "nursing", "marine",
    ])

    func isKindWord(_ w: String, _ lexicon: Lexicon) -> Bool { lexicon.kinds.contains([w]) }

    /// Two characters or more, each upper case or a number ("THL", "EU27"). An ASCII word without
    /// a carriage return has one character a byte, and among ASCII only A-Z are upper case and
    /// only 0-9 numbers, so it is read on its bytes; any other word by characters.
    static func isShortForm(_ word: Substring) -> Bool {
        let ascii: Bool?? = word.utf8.withContiguousStorageIfAvailable { b in
            guard WordTable.isASCII(b), !b.contains(0x0D) else { return nil }
            return b.count >= 2 && b.allSatisfy { ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) }
        }
        if let answer = ascii ?? nil { return answer }
        return word.count >= 2 && word.allSatisfy { $0.isUppercase || $0.isNumber }
    }

    /// `ns` are the pieces of the name, `ps` those of `quote`.
    func wholeName(_ ns: [Piece], in quote: String, pieces ps: [Piece], lexicon: Lexicon) -> String? {
        guard !ns.isEmpty, ns.count <= ps.count,
            let start = (0...(ps.count - ns.count)).first(where: { k in (0..<ns.count).allSatisfy { ps[k + $0].text == ns[$0].text } })
        else { return nil }
        var a = start, b = start + ns.count
        func joinable(_ k: Int) -> Bool {
            // The piece's fields are read in place (a copy of the piece retained its two strings).
            // Marks first: a comma or an ampersand (neither is a word) may join, nothing else that is no word.
            guard ps[k].isWord else {
                if ps[k].text == "," {
                    guard k + 1 < ps.count, ps[k + 1].isWord, ps[k + 1].isCapitalised else { return false }
                    // "The Finnish Institute for Health and Welfare, THL, has ...": a short form set off
                    // by commas is an apposition, not more of the name.
                    let short = Self.isShortForm(ps[k + 1].text)
                    return !(short && (k + 2 == ps.count || !ps[k + 2].isWord || !ps[k + 2].isCapitalised))
                }
                return ps[k].text == "&"
            }
            // A capitalised word or a joining word, first: the lower-case word that ends most runs
            // is settled without the tests after it.
            let lower = ps[k].lower
            guard ps[k].isCapitalised || Self.joiners.contains(lower) else { return false }
            if Self.calendar.contains(lower) { return false }
            // "Germany's": a possessor, not part of the name. Both suffixes end in the byte of "s"
            // (no other character equals it), so a word that does not is settled without them.
            return !(lower.utf8.last == 0x73 && (lower.hasSuffix("'s") || lower.hasSuffix("\u{2019}s")))
        }
        while a > 0, joinable(a - 1) { a -= 1 }
        while b < ps.count, joinable(b) { b += 1 }
        // Trim joining words and marks at the edges, and a sentence-opening word that is not a name.
        func trim() {
            while a < b, !ps[a].isWord || Self.joiners.contains(ps[a].lower) { a += 1 }
            while b > a, !ps[b - 1].isWord || Self.joiners.contains(ps[b - 1].lower) { b -= 1 }
        }
        trim()
        if a == 0, a < start,
            [
                "on", "in", "at", "by", "after", "before", "yesterday", "today", "last", "this", "now",
                "meanwhile", "however", "since", "when", "while", "as", "but", "and", "so", "then",
            ].contains(ps[a].lower)
        {
            a += 1
            trim()
        }
        guard a <= start, b >= start + ns.count, (a, b) != (start, start + ns.count) else { return nil }
        // Parts between conjunctions (ranges of `ps`, none empty).
        var parts: [Range<Int>] = []
        var from = a
        for k in a..<b where Self.conjunctions.contains(ps[k].lower) || ps[k].text == "," {
            // "Fire and Rescue": a fixed pair is one part of the name, not two.
            if k > a, k + 1 < b, Self.isFixedPair(ps[k - 1].lower, ps[k + 1].lower) { continue }
            if from < k { parts.append(from..<k) }
            from = k + 1
        }
        if from < b { parts.append(from..<b) }
        // A run that opens the sentence stands where "The" would ("Stour, Wyre and Clent Fire and
        // Rescue Service has paused ...").
        let precededByThe = (a == 0 && !Self.questionOpeners.contains(ps[0].lower)) || (a > 0 && ps[a - 1].lower == "the")
        // The pieces are read by index, in place: a piece taken out of the array is a copy that
        // retains its two strings.
        if parts.count == 1 {
            func marked(_ k: Int) -> Bool { ps[k].text.hasSuffix("'") || ps[k].text.hasSuffix("\u{2019}") || ps[k].text.hasSuffix(".") }
            let addsMarker = (a..<start).contains(where: marked) || ((start + ns.count)..<b).contains(where: marked)
            let genericName = ns.indices.allSatisfy { k in
                !ns[k].isWord || isKindWord(ns[k].lower, lexicon) || Self.fields.contains(ns[k].lower)
            }
            // "Cascade Foothills Fire" → "Cascade Foothills Fire and Rescue": the run completes a fixed pair.
            let completesPair = (a + 1..<b - 1).contains { k in
                ps[k].lower == "and" && Self.isFixedPair(ps[k - 1].lower, ps[k + 1].lower)
            }
            guard addsMarker || genericName || completesPair else { return nil }
        } else {
            // "Oxfam and the Bristol Museum": a part with its own article is a noun phrase of its
            // own. Asked first, since it settles many lists before their words are read.
            if parts.dropFirst().contains(where: { ps[$0.lowerBound].lower == "the" }) { return nil }
            // A part's words are its pieces that are words; the tests below read them by index.
            func wordCount(_ part: Range<Int>) -> Int { part.reduce(0) { n, k in ps[k].isWord ? n + 1 : n } }
            func lastWord(_ part: Range<Int>) -> String? { part.last { ps[$0].isWord }.map { ps[$0].lower } }
            func everyWord(of part: Range<Int>, _ test: (String) -> Bool) -> Bool { part.allSatisfy { !ps[$0].isWord || test(ps[$0].lower) } }
            // "Ministry of Culture, ...": a kind word of the first part, the next word "of" or "for".
            var headOf = false
            var previousWord: Int?
            for k in parts[0] where ps[k].isWord {
                if let p = previousWord, ps[k].lower == "of" || ps[k].lower == "for", isKindWord(ps[p].lower, lexicon) {
                    headOf = true
                    break
                }
                previousWord = k
            }
            let headOfFields =
                headOf
                && parts.dropFirst().allSatisfy { part in
                    wordCount(part) <= 3 && everyWord(of: part) { !isKindWord($0, lexicon) || Self.fields.contains($0) }
                }
            let hasComma = (a..<b).contains { ps[$0].text == "," }
            // "Pemberton County Parks and Recreation": two fields of one department.
            func pairedFields() -> Bool {
                parts.count == 2 && !hasComma && wordCount(parts[1]) == 1
                    && lastWord(parts[1]).map { Self.fields.contains($0) } == true && lastWord(parts[0]).map { Self.fields.contains($0) } == true
            }
            func sharedHead() -> Bool {
                parts.dropLast().allSatisfy { part in
                    (1...3).contains(wordCount(part)) && everyWord(of: part) { !isKindWord($0, lexicon) }
                } && lastWord(parts[parts.count - 1]).map { isKindWord($0, lexicon) } == true
            }
            // "The signatories include Brightwater and Cois Farraige Trust": after a word that
            // opens a list, "A and B Trust" is two members, not one name.
            func opensList() -> Bool {
                let beforeRun = a > 0 && ps[a - 1].lower == "the" ? a - 2 : a - 1
                return beforeRun >= 0 && Self.listOpeners.contains(ps[beforeRun].lower)
            }
            let oneName = headOfFields || pairedFields() || (sharedHead() && !opensList() && (precededByThe || !hasComma))
            guard oneName else { return nil }
            // "Oxfam and Bristol Museum": a part that is a known organisation of its own makes
            // the run a list, whatever its shape.
            if !headOfFields {
                for part in parts.dropLast() where Gazetteer.bundled.organisation(ps[part].map(\.text).joined(separator: " ")) != nil {
                    return nil
                }
            }
        }
        let lower = quote.index(ps[a].text.startIndex, offsetBy: 0)
        return String(quote[lower..<ps[b - 1].text.endIndex])
    }
}
