#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StringProtocol {
    /// `utf8.contains(byte)`, with `memchr` on the bytes where they are stored contiguously
    /// (native strings and their substrings): the generic `contains` reads the view byte by byte.
    func containsByte(_ byte: UInt8) -> Bool {
        let found: Bool? = utf8.withContiguousStorageIfAvailable { b in
            guard let p = b.baseAddress else { return false }
            return memchr(p, Int32(byte), b.count) != nil
        }
        return found ?? utf8.contains(byte)
    }
}

extension String {
    /// `count`, the number of characters, read off the bytes when the string is ASCII without a
    /// carriage return: there every character is one byte ("\r\n" is the one character of two
    /// bytes). Counting characters otherwise walks the grapheme breaks of the whole string.
    var characterCount: Int {
        var s = self
        let n: Int? = s.withUTF8 { b in
            guard let p = b.baseAddress else { return 0 }
            return WordTable.isASCII(b) && memchr(p, 0x0D, b.count) == nil ? b.count : nil
        }
        return n ?? count
    }
}

extension String {
    /// The words between spaces, as `split(separator: " ")` gives them (empty words left out).
    /// An ASCII string is split on its bytes: there every space is one byte and one character
    /// (only "\r\n" makes two bytes one character), so the words are the same, without reading
    /// characters. Any other string is split by characters.
    func splitAtSpaces() -> [Substring] {
        var copy = self
        let u = utf8
        let words: [Substring]? = copy.withUTF8 { b in
            // Counted first, so the array is made once at its size rather than grown word by word.
            var spaces = 0
            for x in b {
                if x >= 0x80 { return nil }
                if x == 0x20 { spaces += 1 }
            }
            var out: [Substring] = []
            out.reserveCapacity(spaces + 1)
            var start = 0
            for i in 0...b.count where i == b.count || b[i] == 0x20 {
                if i > start {
                    let lo = u.index(u.startIndex, offsetBy: start)
                    out.append(self[lo..<u.index(lo, offsetBy: i - start)])
                }
                start = i + 1
            }
            return out
        }
        return words ?? split(separator: " ")
    }
}

extension String {
    /// Whether `other` occurs in the string, with the same answer as the standard library's
    /// `contains(_:)`, which compares characters by canonical equivalence and costs several
    /// times more. Every `text.contains("...")` of this module on a `String` comes here (a member
    /// of the concrete type ranks above the protocol's); the repair rules test each sentence for
    /// a few cue words this way before reading it.
    ///
    /// An ASCII needle is searched on the bytes. A byte match is a character match when it
    /// starts and ends on character boundaries, which is sure when the bytes on either side are
    /// ASCII (and not half of "\r\n"); anything else there takes the general search. No byte
    /// match is no match, except that three characters outside ASCII are canonically equal to an
    /// ASCII one (U+037E to ";", U+1FEF to "`", U+212A to "K"): a needle with one of these in
    /// text that is not all ASCII also takes the general search.
    func contains(_ other: String) -> Bool {
        var hay = self, needle = other
        let answer: Bool? = hay.withUTF8 { h in needle.withUTF8 { n in Self.asciiContains(h, n) } }
        if let answer { return answer }
        return containsByCharacters(other)
    }

    /// The standard library's search, as this module would call it without the method above
    /// (the tests compare the two; files that import Foundation see its `contains` instead).
    func containsByCharacters(_ other: String) -> Bool { self[...].contains(other) }

    /// The byte answer, or nil when only the general search can tell.
    private static func asciiContains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let last = needle.last else { return nil }
        var hasEquivalent = false
        for b in needle {
            if b >= 0x80 { return outsideASCII(hay, needle) }
            if b == 0x3B || b == 0x60 || b == 0x4B { hasEquivalent = true }
        }
        // An ASCII character matches a character of at least one byte, so a longer needle
        // cannot occur.
        guard needle.count <= hay.count else { return false }
        if let i = firstByteMatch(hay, needle) {
            let n = needle.count
            if i > 0 {
                let before = hay[i - 1]
                if before >= 0x80 || before == 0x0D { return nil }
            }
            if i + n < hay.count {
                let after = hay[i + n]
                if after >= 0x80 || (last == 0x0D && after == 0x0A) { return nil }
            }
            return true
        }
        if hasEquivalent, !hay.allSatisfy({ $0 < 0x80 }) { return nil }
        return false
    }

    /// Where the bytes of `needle` (ASCII, not empty) first occur in `hay`, or nil. Its candidates
    /// are found by the C library's memchr (vectorised) on one byte of the needle, the one English
    /// text holds least often (`ByteRarity`): each hit of the probe is a candidate compared in full,
    /// and "o" or "r" came every few bytes. The candidates come in the order of their start,
    /// whichever byte is the probe.
    static func firstByteMatch(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = needle.count
        guard n <= hay.count, let hayStart = hay.baseAddress else { return nil }
        var k = n - 1
        for j in 0..<n where ByteRarity.rank[Int(needle[j])] > ByteRarity.rank[Int(needle[k])] { k = j }
        let probe = needle[k]
        var p = k  // where the probe byte may be: the start of a match is p - k
        while p <= hay.count - n + k, let hit = memchr(hayStart + p, Int32(probe), hay.count - n + k + 1 - p) {
            p = hayStart.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let i = p - k
            var j = 0
            while j < n, hay[i + j] == needle[j] { j += 1 }
            if j == n { return i }
            p += 1
        }
        return nil
    }

    /// A needle with a scalar outside ASCII ("räddning") in ASCII text: every character of the
    /// text is one ASCII scalar (or "\r\n"), and a character holding a scalar outside ASCII is
    /// canonically equal to none of them, unless it is one of the three singletons above (a
    /// canonical decomposition of any other character keeps a scalar outside ASCII). So no match,
    /// without the general search that the repair rules would otherwise pay for each word they
    /// test against a foreign stem. Any other case is left to the general search (nil).
    private static func outsideASCII(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool? {
        // U+037E is CD BE, U+1FEF is E1 BF AF, U+212A is E2 84 AA in UTF-8; a lead byte never
        // occurs inside another scalar, so finding one of these runs is finding the scalar.
        let n = needle.count
        for i in 0..<n {
            switch needle[i] {
            case 0xCD where i + 1 < n && needle[i + 1] == 0xBE: return nil
            case 0xE1 where i + 2 < n && needle[i + 1] == 0xBF && needle[i + 2] == 0xAF: return nil
            case 0xE2 where i + 2 < n && needle[i + 1] == 0x84 && needle[i + 2] == 0xAA: return nil
            default: continue
            }
        }
        for b in hay where b >= 0x80 { return nil }
        return false
    }
}

extension StringProtocol {
    /// Whether the text's bytes hold those of `needle` (ASCII, not empty) anywhere: a byte
    /// search, reading no characters. The repair rules ask it of a whole document before they
    /// read its sentences one by one: every sentence and evidence quote is a run of the document's
    /// bytes, so a cue whose bytes the document lacks is in none of them (and `contains` finds an
    /// ASCII needle only where its bytes are, unless the needle holds ";", "`" or "K").
    func holdsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            precondition(!n.isEmpty && WordTable.isASCII(n), "an ASCII needle")
            return withUTF8Bytes(self) { String.firstByteMatch($0, n) != nil }
        }
    }
}

extension String {
    /// `firstIndex(of: " ")`, the first space character. In ASCII text a space byte is a space
    /// character (no ASCII character joins a space into a larger one), so an ASCII string is
    /// searched on its bytes; any other string by characters.
    func firstSpaceIndex() -> Index? {
        let ascii = utf8.withContiguousStorageIfAvailable { WordTable.isASCII($0) } ?? false
        return ascii ? utf8.firstIndex(of: 0x20) : firstIndex(of: " ")
    }
}

extension String {
    /// `ranges(of: other).count`: how often `other` occurs, counted left to right without
    /// overlap. When both strings are ASCII without a carriage return, every character is one
    /// byte and two characters are equal exactly when their bytes are, so the matches are
    /// counted on the bytes; the general search (by characters) answers anything else.
    func matchCount(of other: String) -> Int {
        var hay = self, needle = other
        let counted: Int? = hay.withUTF8 { h in needle.withUTF8 { n in Self.asciiMatchCount(h, n) } }
        return counted ?? ranges(of: other).count
    }

    /// The byte count, or nil when only the general search can tell.
    private static func asciiMatchCount(_ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let h = hay.baseAddress, let n = needle.baseAddress, !needle.isEmpty, WordTable.isASCII(hay), WordTable.isASCII(needle),
            memchr(h, 0x0D, hay.count) == nil, memchr(n, 0x0D, needle.count) == nil
        else { return nil }
        let m = needle.count
        var count = 0, i = 0
        // Candidates are the places of the needle's first byte; a match resumes the search after it.
        while i + m <= hay.count, let hit = memchr(h + i, Int32(n[0]), hay.count - m + 1 - i) {
            i = h.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(h + i, n, m) == 0 {
                count += 1
                i += m
            } else {
                i += 1
            }
        }
        return count
    }
}

/// A cheap first test for rules that look for a few words among a sentence's lower-case pieces
/// (`PieceCache.lowers`): whether an ASCII text's bytes, lower-cased, hold one of `stems`
/// anywhere. A piece of ASCII text is a run of its bytes and its lower case is those bytes
/// lower-cased, so a piece that is or starts with a stem puts the stem's bytes in the text; when
/// none is there, no piece can be such a word, and the text need not be cut into pieces at all.
/// Any text that is not ASCII answers true (its pieces are read as before).
struct LowerCaseStems: Sendable {
    /// The stems' bytes one after another, and where each starts (one more for the end).
    private let bytes: [UInt8]
    private let starts: [Int]
    /// For each ASCII byte, the stems that start with it, one bit each by number.
    private let byFirst: [UInt16]

    /// `stems` in ASCII lower case, at most 16, each of two bytes or more.
    init(_ stems: [String]) {
        precondition(stems.count <= 16, "at most 16 stems")
        var bytes: [UInt8] = [], starts: [Int] = []
        var byFirst = [UInt16](repeating: 0, count: 128)
        for (k, s) in stems.enumerated() {
            let b = Array(s.utf8)
            precondition(b.count >= 2 && b.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }, "a stem is ASCII lower case, two bytes or more")
            starts.append(bytes.count)
            bytes += b
            byFirst[Int(b[0])] |= 1 << UInt16(k)
        }
        starts.append(bytes.count)
        self.bytes = bytes
        self.starts = starts
        self.byFirst = byFirst
    }

    @inline(__always) private static func lower(_ x: UInt8) -> UInt8 { x >= 0x41 && x <= 0x5A ? x | 0x20 : x }

    /// False only when `text` is ASCII and holds none of the stems in any case.
    func mayOccur(in text: String) -> Bool {
        var t = text
        return t.withUTF8 { b in
            guard let base = b.baseAddress, WordTable.isASCII(b) else { return true }
            let n = b.count
            return bytes.withUnsafeBufferPointer { stemBytes in
                starts.withUnsafeBufferPointer { starts in
                    byFirst.withUnsafeBufferPointer { byFirst in
                        // Every byte is ASCII here, so below 128.
                        for i in 0..<n {
                            var candidates = byFirst[Int(Self.lower(base[i]))]
                            while candidates != 0 {
                                let k = candidates.trailingZeroBitCount
                                candidates &= candidates - 1
                                let a = starts[k], m = starts[k + 1] - a
                                guard i + m <= n else { continue }
                                var j = 1
                                while j < m, Self.lower(base[i + j]) == stemBytes[a + j] { j += 1 }
                                if j == m { return true }
                            }
                        }
                        return false
                    }
                }
            }
        }
    }

    /// `mayOccur(in:)` of an ASCII text given as its bytes with A-Z lower-cased: one byte search
    /// a stem, each probing with memchr, rather than a look at every byte for every stem that
    /// starts with it (which costs dozens of instructions a byte over a whole document). A stem
    /// that `mayHold` rules out (a filter of the text, false only for a stem the text lacks) is
    /// not searched.
    func occurs(inLowerCase lower: UnsafeBufferPointer<UInt8>, unless lacking: (UnsafeBufferPointer<UInt8>) -> Bool = { _ in false }) -> Bool {
        bytes.withUnsafeBufferPointer { stemBytes in
            (0..<(starts.count - 1)).contains { k in
                let stem = UnsafeBufferPointer(rebasing: stemBytes[starts[k]..<starts[k + 1]])
                return !lacking(stem) && String.firstByteMatch(lower, stem) != nil
            }
        }
    }
}

/// How seldom each ASCII byte occurs in English prose, for picking the byte of a needle to look
/// for first: the space least rare, then the lower-case letters from the most common ("e") to
/// the least ("z"), then every other byte (capitals, digits, marks) as rarest.
enum ByteRarity {
    static let rank: [UInt8] = {
        var rank = [UInt8](repeating: 40, count: 128)
        rank[0x20] = 0
        for (i, letter) in "etaoinshrdlcumwfgypbvkjxqz".utf8.enumerated() { rank[Int(letter)] = UInt8(1 + i) }
        return rank
    }()
}
