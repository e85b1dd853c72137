// Knowledge the text assumes its reader has: that "Helsingin Sanomat" is a Finnish newspaper, that a
// "Universität" is a university, that Turku is in Finland. The facts come from open data sets and
// hand-written lists (Sources/ExodusExtraction/Data/README.md says which, under which licence, and
// how Scripts/build-gazetteers.py builds the files) and are compiled into the binary by
// ExodusLexiconData.
//
// Each file is sorted lines `key<TAB>country<TAB>kind` and is binary-searched where it lies in the
// binary: nothing is parsed or copied at start (only where each line starts is noted, in one pass),
// and a lookup touches a handful of pages. A key is the name normalised by `Gazetteer.key(_:)`, the
// same rules as the build script's `normalise`.

import ExodusCore
import ExodusLexiconData

/// The country a word points to as a place or region, or only as a town of the long cities list
/// (weaker: many such towns are also surnames or words).
enum PlaceVote {
    case region(CountryCode)
    case town(CountryCode)
    case none

    /// The country of a place or region (not of a town of the long list only).
    var regionCountry: CountryCode? {
        if case .region(let c) = self { return c }
        return nil
    }
}

/// What a gazetteer knows of a name: either field may be unknown.
public struct GazetteerFacts: Equatable, Sendable {
    public let country: CountryCode?
    public let kind: OrganisationKind?
}

/// Lookups in the embedded gazetteers. Every lookup normalises its argument once and binary-searches
/// sorted bytes, so it costs O(length × log entries) and allocates only the key.
public struct Gazetteer: Sendable {
    /// One embedded file: sorted `key<TAB>...<LF>` lines.
    struct Table: @unchecked Sendable {
        let base: UnsafePointer<UInt8>?
        let count: Int
        /// The line index, in one array (a gazetteer is copied into every run, and each array
        /// it holds is one more retain): its first 257 numbers say which lines have keys starting
        /// with each byte value (those of byte `b` are lines `lines[b]..<lines[b + 1]`, which
        /// spares every look-up the first probes); then come where every fourth line starts, in
        /// order. The binary search probes those lines only, and reads the at most four lines of
        /// the group it ends in one after the other (`search`); keeping every line's start would
        /// hold 220 KB more for an idle server. Made in one pass over the file.
        private let lines: [Int32]
        private static let lineStartsOffset = 257
        /// Every how many lines a start is kept.
        private static let stride = 4
        /// A Bloom filter over the table's keys (and, for a table asked `hasKey(startingWith:)`,
        /// over each key's first words with the space after them: "new " of "new york"), in 64-bit
        /// blocks: a key it has no bits for is in no line, so that look-up ends without reading the file. Most look-ups ask for names no
        /// table holds, and the binary search of a large table misses the cache at nearly every
        /// probe; the filter (about 8 bits a key, one word read) answers most of them. The small
        /// tables (head words, demonyms, places, letters: a few hundred lines) have one too: they
        /// stay in the cache, but the names of a document's rows are asked of them slice by slice,
        /// and a filter's few instructions settle a miss that the binary search takes ten probes for.
        private let filter: [UInt64]
        /// Whether the filter holds the prefixes that end in a space.
        private let filtersPrefixes: Bool
        /// Tables with fewer lines are searched without a filter (only an empty one).
        private static let filteredLines = 1
        /// For the head words: the hashes (`compoundHash`) of the keys that start with "-" (the
        /// heads of compounds, "-museum"), sorted. `kind(inNameKey:)` tries every ending of a long
        /// word as such a key; an ending whose hash is not here is no key, and is not searched.
        let compoundHashes: [UInt64]

        init(base: UnsafePointer<UInt8>?, count: Int, prefixes: Bool = false, compounds: Bool = false) {
            self.base = base
            self.count = count
            var compoundHashes: [UInt64] = []
            if compounds, let p = base {
                var i = 0
                while i < count {
                    var end = i
                    while end < count && p[end] != 0x09 && p[end] != 0x0A { end += 1 }
                    if p[i] == 0x2D, end > i + 1 { compoundHashes.append(Table.compoundHash(p + i + 1, end - i - 1)) }
                    while end < count && p[end] != 0x0A { end += 1 }
                    i = end + 1
                }
                compoundHashes.sort()
            }
            self.compoundHashes = compoundHashes
            var lines = [Int32](repeating: 0, count: Table.lineStartsOffset)
            if let p = base, count > 0 {
                var newlines = 0
                for i in 0..<count where p[i] == 0x0A { newlines += 1 }
                lines.reserveCapacity(Table.lineStartsOffset + newlines / Table.stride + 2)
                // The first byte of every line, for the buckets below.
                var firstBytes = [UInt8]()
                firstBytes.reserveCapacity(newlines + 1)
                var i = 0
                var n = 0
                while i < count {
                    if n % Table.stride == 0 { lines.append(Int32(truncatingIfNeeded: i)) }
                    firstBytes.append(p[i])
                    n += 1
                    while i < count && p[i] != 0x0A { i += 1 }
                    i += 1
                }
                // Lines are sorted by their bytes, so each first byte's lines follow those of the
                // bytes below it.
                var line = 0
                for b in 0..<256 {
                    lines[b] = Int32(truncatingIfNeeded: line)
                    while line < n && Int(firstBytes[line]) <= b { line += 1 }
                }
                lines[256] = Int32(truncatingIfNeeded: n)
            }
            self.lines = lines
            var filter: [UInt64] = []
            if let p = base, count > 0, lines.count - Table.lineStartsOffset >= Table.filteredLines / Table.stride {
                // At least 8 bits for each entry (a key, or a prefix of one), in a power of two of blocks.
                var entries = 0
                var inKey = true
                for i in 0..<count {
                    switch p[i] {
                    case 0x0A: entries += 1; inKey = true
                    case 0x09: inKey = false
                    case 0x20 where inKey && prefixes: entries += 1
                    default: break
                    }
                }
                filter = [UInt64](repeating: 0, count: max(1, entries / 8))
                var i = 0
                while i < count {
                    // One line: its key up to the tab, and each of the key's prefixes that ends in a space.
                    var h = Table.hashSeed
                    while i < count && p[i] != 0x09 && p[i] != 0x0A {
                        h = Table.hashStep(h, p[i])
                        if prefixes, p[i] == 0x20 { Table.insert(h, into: &filter) }
                        i += 1
                    }
                    Table.insert(h, into: &filter)
                    while i < count && p[i] != 0x0A { i += 1 }
                    i += 1
                }
            }
            self.filter = filter
            self.filtersPrefixes = prefixes
        }

        private static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

        /// FNV-1a of `n` bytes read from the last to the first, so that the hashes of all the
        /// endings of a word come out of one pass from its end.
        static func compoundHash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
            var h = hashSeed
            for i in Swift.stride(from: n - 1, through: 0, by: -1) { h = hashStep(h, p[i]) }
            return h
        }

        /// One more byte before an ending hashed by `compoundHash`.
        @inline(__always)
        static func compoundHash(_ h: UInt64, prepending b: UInt8) -> UInt64 { hashStep(h, b) }

        /// Whether `h` is the hash of a compound head's key (`compoundHashes`).
        func mayBeCompound(_ h: UInt64) -> Bool {
            var lo = 0, hi = compoundHashes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if compoundHashes[mid] < h { lo = mid + 1 } else { hi = mid }
            }
            return lo < compoundHashes.count && compoundHashes[lo] == h
        }

        /// FNV-1a, one byte.
        @inline(__always)
        private static func hashStep(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }

        /// The block of a hash among `blocks`, and its three bits in that block.
        @inline(__always)
        private static func bits(_ h: UInt64, blocks: Int) -> (block: Int, bits: UInt64) {
            let x = (h ^ (h &>> 29)) &* 0xbf58_476d_1ce4_e5b9
            let y = x ^ (x &>> 32)
            let bits: UInt64 = (1 &<< (y & 63)) | (1 &<< ((y &>> 6) & 63)) | (1 &<< ((y &>> 12) & 63))
            // The top 32 bits scaled to the number of blocks (no division).
            return (Int(truncatingIfNeeded: ((y &>> 32) &* UInt64(blocks)) &>> 32), bits)
        }

        private static func insert(_ h: UInt64, into filter: inout [UInt64]) {
            let (block, b) = bits(h, blocks: filter.count)
            filter[block] |= b
        }

        /// False when no line's key is `key` (or, for a key ending in a space, starts with it);
        /// true when one may be. Always true for a table without a filter.
        @inline(__always)
        private func mayHold(_ k: UnsafeBufferPointer<UInt8>) -> Bool {
            guard !filter.isEmpty else { return true }
            var h = Table.hashSeed
            for b in k { h = Table.hashStep(h, b) }
            let (block, b) = Table.bits(h, blocks: filter.count)
            return filter[block] & b == b
        }

        /// Where the line after the one that holds byte `i` starts.
        @inline(__always)
        private func nextLine(after i: Int, _ p: UnsafePointer<UInt8>) -> Int {
            var s = i
            while s < count && p[s] != 0x0A { s += 1 }
            return s + 1
        }

        var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

        /// The rest of the line (after the key's tab, without the newline) whose key is `key`.
        func find(_ key: ArraySlice<UInt8>) -> UnsafeBufferPointer<UInt8>? {
            guard let p = base, let first = key.first else { return nil }
            let hit = key.withUnsafeBufferPointer { k -> (start: Int, stop: Int)? in
                guard mayHold(k) else { return nil }
                return search(first: first) { s in
                    // Compare the line's key (up to the tab) with `key`, past the first byte:
                    // every line searched starts with it.
                    var i = s + 1, j = 1
                    while true {
                        let a = i < count ? p[i] : 0x0A
                        let keyEnded = a == 0x09 || a == 0x0A
                        if j == k.count { return (keyEnded ? 0 : 1, i) }
                        if keyEnded { return (-1, i) }
                        let b = k[j]
                        if a != b { return (a < b ? -1 : 1, i) }
                        i += 1; j += 1
                    }
                }
            }
            guard let (_, stop) = hit else { return nil }
            var end = stop
            while end < count && p[end] != 0x0A { end += 1 }
            let start = min(stop + 1, end)
            return UnsafeBufferPointer(start: p + start, count: end - start)
        }

        /// Whether some line's key starts with `prefix`. The keys that do are one run of the
        /// sorted lines, so the same binary search finds one of them or shows there is none.
        func hasKey(startingWith prefix: ArraySlice<UInt8>) -> Bool {
            guard let p = base, let first = prefix.first else { return false }
            return prefix.withUnsafeBufferPointer { k in
                // The filter holds only the prefixes that end in a space.
                if filtersPrefixes, k.last == 0x20, !mayHold(k) { return false }
                return search(first: first) { s in
                    // Compare the line's key with `prefix` over the prefix's length only (past
                    // the first byte, as in `find`).
                    var i = s + 1, j = 1
                    while j < k.count {
                        let a = i < count ? p[i] : 0x0A
                        if a == 0x09 || a == 0x0A { return (-1, i) }
                        let b = k[j]
                        if a != b { return (a < b ? -1 : 1, i) }
                        i += 1; j += 1
                    }
                    return (0, i)
                } != nil
            }
        }

        /// The search over the sorted lines that both look-ups share. `compare(s)` orders
        /// the key of the line starting at `s` against what is sought (negative: the line sorts
        /// before it, zero: it matches, positive: after it) and says where the comparison stopped
        /// in that line. Returns the matching line's start and that stop, or nil. Only the lines
        /// whose key starts with `first`, the sought key's first byte, are searched.
        ///
        /// The binary search probes only the lines whose start is kept (every fourth), so no
        /// probe steps over lines to find its start; it ends in the one group of four that can
        /// hold the key, which is then read line by line, each next line found from where the
        /// comparison of the one before stopped.
        @inline(__always)
        private func search(first: UInt8, _ compare: (Int) -> (order: Int, stop: Int)) -> (start: Int, stop: Int)? {
            guard let p = base else { return nil }
            let lo = Int(lines[Int(first)]), hi = Int(lines[Int(first) + 1])  // line numbers
            guard lo < hi else { return nil }
            let stride = Table.stride
            // Groups of `stride` lines; the wanted line is in a group of gLo...gHi. A probed group's
            // first line is inside the bucket (its number is above gLo's, so above `lo`).
            var gLo = lo / stride, gHi = (hi - 1) / stride
            while gLo < gHi {
                let mid = (gLo + gHi + 1) / 2
                let s = Int(lines[Table.lineStartsOffset + mid])
                let (order, stop) = compare(s)
                if order == 0 { return (s, stop) }
                if order < 0 { gLo = mid } else { gHi = mid - 1 }
            }
            // The group's lines from the bucket's first, in order, up to one that sorts after.
            var line = gLo * stride
            var s = Int(lines[Table.lineStartsOffset + gLo])
            while line < lo {
                s = nextLine(after: s, p)
                line += 1
            }
            let end = min(hi, (gLo + 1) * stride)
            while line < end {
                let (order, stop) = compare(s)
                if order == 0 { return (s, stop) }
                if order > 0 { return nil }
                s = nextLine(after: stop, p)
                line += 1
            }
            return nil
        }
    }

    let letters: Table
    let demonyms: Table
    let places: Table
    let cities: Table
    let regions: Table
    let organisations: Table
    let headwords: Table

    /// The files a gazetteer is made of (`Data/`), each embedded by ExodusLexiconData.
    public static let fileNames = ["letters.tsv", "demonyms.tsv", "places.tsv", "cities.tsv", "regions.tsv", "organisations.tsv", "headwords.tsv"]

    /// The bytes of one embedded gazetteer file (empty when it is not embedded).
    public static func embedded(_ name: String) -> UnsafeBufferPointer<UInt8> {
        var size = 0
        let p = exodus_data_file(name, &size)
        return UnsafeBufferPointer(start: p, count: p == nil ? 0 : size)
    }

    /// The gazetteers compiled into the binary.
    public static let bundled: Gazetteer = {
        // `country(inNameKey:)` asks the demonyms, places and cities for keys that start with a word.
        // `kind(inNameKey:)` asks the head words for the endings of long words.
        func table(_ name: String, prefixes: Bool = false, compounds: Bool = false) -> Table {
            let b = embedded(name)
            return Table(base: b.baseAddress, count: b.count, prefixes: prefixes, compounds: compounds)
        }
        return Gazetteer(
            letters: table("letters.tsv"), demonyms: table("demonyms.tsv", prefixes: true), places: table("places.tsv", prefixes: true),
            cities: table("cities.tsv", prefixes: true), regions: table("regions.tsv"), organisations: table("organisations.tsv"),
            headwords: table("headwords.tsv", compounds: true))
    }()

    /// No knowledge at all (for extractor tests that want the rules alone).
    public static let empty = Gazetteer(
        letters: Table(base: nil, count: 0), demonyms: Table(base: nil, count: 0),
        places: Table(base: nil, count: 0), cities: Table(base: nil, count: 0), regions: Table(base: nil, count: 0),
        organisations: Table(base: nil, count: 0),
        headwords: Table(base: nil, count: 0))

    // MARK: Normalisation

    /// The key of a name: Latin letters folded to ASCII (through `letters.tsv`), lower case, every
    /// other character a word break, except apostrophes and full stops, which vanish ("U.S." → "us");
    /// "&" reads "and"; no leading "the". A character that cannot be folded stays, so its word
    /// matches nothing.
    public func key(_ name: String) -> [UInt8] {
        var name = name
        return name.withUTF8({ Gazetteer.asciiKey($0) }) ?? keyByScalars(name)
    }

    /// `key` read scalar by scalar, for any name (the tests compare it with the byte reading).
    func keyByScalars(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count)
        func space() { if let l = out.last, l != 0x20 { out.append(0x20) } }
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case 0x30...0x39, 0x61...0x7A: out.append(b)
                case 0x41...0x5A: out.append(b + 0x20)
                case 0x27, 0x60, 0x2E: break  // ' ` .
                case 0x26: space(); out.append(contentsOf: [0x61, 0x6E, 0x64, 0x20])  // &
                default: space()
                }
                continue
            }
            if scalar.properties.canonicalCombiningClass != .notReordered { continue }
            if let folded = fold(v) {
                if folded.count == 1, folded[0] == 0x20 { space() } else { out.append(contentsOf: folded) }
                continue
            }
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for l in scalar.properties.lowercaseMapping.utf8 { out.append(l) }
            } else {
                space()
            }
        }
        return Gazetteer.withoutEdges(out)
    }

    /// `key` of an ASCII name, on its bytes: there every scalar is one byte, and none is folded
    /// or combining. Nil for any other name. Most names are ASCII, and decoding them scalar by
    /// scalar into a growing array cost most of the look-ups of the places and kinds.
    static func asciiKey(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var ampersands = 0
        for x in b {
            if x >= 0x80 { return nil }
            if x == 0x26 { ampersands += 1 }
        }
        // A byte writes one byte at most, an ampersand five (a space and "and "). The key is
        // written on the stack and copied out once, trimmed: an array made by
        // `init(unsafeUninitializedCapacity:)` is allocated through the standard library's
        // unspecialised path, which looks its storage class up in the runtime at every call.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: b.count + 4 * ampersands) { o in
            var n = 0
            func space() { if n > 0, o[n - 1] != 0x20 { o[n] = 0x20; n += 1 } }
            for x in b {
                switch x {
                case 0x30...0x39, 0x61...0x7A: o[n] = x; n += 1
                case 0x41...0x5A: o[n] = x + 0x20; n += 1
                case 0x27, 0x60, 0x2E: break  // ' ` .
                case 0x26:  // &
                    space()
                    for l: UInt8 in [0x61, 0x6E, 0x64, 0x20] { o[n] = l; n += 1 }
                default: space()
                }
            }
            let written = UnsafeBufferPointer(rebasing: o[0..<n])
            return Array(UnsafeBufferPointer(rebasing: written[keptRange(written)]))
        }
    }

    /// A key without its trailing spaces, its leading space and a leading "the".
    private static func withoutEdges(_ key: [UInt8]) -> [UInt8] {
        let kept = key.withUnsafeBufferPointer { keptRange($0) }
        return kept == key.indices ? key : Array(key[kept])
    }

    /// The part of a key that `withoutEdges` keeps.
    private static func keptRange(_ key: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var end = key.count
        while end > 0, key[end - 1] == 0x20 { end -= 1 }
        var start = 0
        if end > 0, key[0] == 0x20 { start = 1 }
        if end >= start + 3, key[start] == 0x74, key[start + 1] == 0x68, key[start + 2] == 0x65,
            end == start + 3 || key[start + 3] == 0x20
        {
            start = min(start + 4, end)
        }
        return start..<end
    }

    /// A non-ASCII code point's ASCII replacement from `letters.tsv` (empty: deleted).
    private func fold(_ v: UInt32) -> [UInt8]? {
        var hex = [UInt8](repeating: 0x30, count: 5)
        var x = v
        for i in stride(from: 4, through: 0, by: -1) {
            let d = UInt8(x & 0xF)
            hex[i] = d < 10 ? 0x30 + d : 0x41 + d - 10
            x >>= 4
        }
        guard x == 0, let rest = letters.find(hex[...]) else { return nil }
        return Array(rest)
    }

    // MARK: Lookups by whole name

    private static func facts(_ rest: UnsafeBufferPointer<UInt8>) -> GazetteerFacts {
        GazetteerFacts(country: country(rest), kind: kind(rest))
    }

    /// Field `i` of a line's rest (fields split at tabs), or nil when the line has fewer.
    @inline(__always)
    private static func field(_ rest: UnsafeBufferPointer<UInt8>, _ i: Int) -> UnsafeBufferPointer<UInt8>? {
        var start = 0
        for _ in 0..<i {
            guard let tab = rest[start...].firstIndex(of: 0x09) else { return nil }
            start = tab + 1
        }
        let end = rest[start...].firstIndex(of: 0x09) ?? rest.count
        return UnsafeBufferPointer(rebasing: rest[start..<end])
    }

    /// The country field: only two capital letters make a code ("-", unknown, makes none), as
    /// `CountryCode(rawValue:)` decides; read without splitting the line.
    private static func country(_ rest: UnsafeBufferPointer<UInt8>) -> CountryCode? {
        guard let f = field(rest, 0), f.count == 2, f.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
        return CountryCode(rawValue: String(decoding: f, as: UTF8.self))
    }

    /// The kind field ("-": unknown).
    private static func kind(_ rest: UnsafeBufferPointer<UInt8>) -> OrganisationKind? {
        guard let f = field(rest, 1), !(f.count == 1 && f[0] == 0x2D) else { return nil }
        return OrganisationKind(rawValue: String(decoding: f, as: UTF8.self))
    }

    /// A known organisation's country and kind ("Helsingin Sanomat" → FI, media), or nil.
    public func organisation(_ name: String) -> GazetteerFacts? { organisation(key: key(name)) }

    // The look-ups by name below each have a twin that takes the name's key (`key(_:)`), for a
    // caller that asks several of them about one name: the rows ask four or five.

    func organisation(key k: [UInt8]) -> GazetteerFacts? {
        organisations.find(k[...]).map(Gazetteer.facts)
    }

    /// The country of a place (a country, capital or city named in only one country), or nil.
    /// `cities: false` reads only countries, capitals and the hand-listed cities.
    public func country(ofPlace name: String, cities useCities: Bool = true) -> CountryCode? {
        country(ofPlaceKey: key(name), cities: useCities)
    }

    func country(ofPlaceKey k: [UInt8], cities useCities: Bool = true) -> CountryCode? {
        (places.find(k[...]) ?? (useCities ? cities.find(k[...]) : nil)).flatMap(Gazetteer.country)
    }

    /// The country of a first-level region ("Vermont", "Hawke's Bay", "Bavaria"): only for counting
    /// a story's country, as a region's name inside an organisation's name is often something else.
    public func country(ofRegion name: String) -> CountryCode? { country(ofRegionKey: key(name)) }

    func country(ofRegionKey k: [UInt8]) -> CountryCode? {
        regions.find(k[...]).flatMap(Gazetteer.country)
    }

    /// What a capitalised word of a story says of its place: the country of a place or region
    /// (`country(ofPlace:cities: false) ?? country(ofRegion:)`), else that of a town of the long
    /// cities list (`country(ofPlace:)`), with the key made and the places searched once.
    func placeVote(_ name: String) -> PlaceVote {
        let k = key(name)
        let place = places.find(k[...])
        // A listed place answers for itself (its country may be unknown): the cities are not read.
        if let c = place.flatMap(Gazetteer.country) { return .region(c) }
        if let c = regions.find(k[...]).flatMap(Gazetteer.country) { return .region(c) }
        if place == nil, let c = cities.find(k[...]).flatMap(Gazetteer.country) { return .town(c) }
        // "St. Pölten", "St Gallen", "Saint Etienne": the data sets spell the saint's word one way
        // or another ("sankt polten", "st louis"), so a town missed under one is tried under the others.
        for (written, others) in Self.saintSpellings where k.starts(with: written) {
            for other in others {
                let alternative = other + k.dropFirst(written.count)
                if let c = cities.find(alternative[...]).flatMap(Gazetteer.country) { return .town(c) }
            }
        }
        return .none
    }

    /// Keys' ways of writing a saint's name before a town, each with the others to try.
    private static let saintSpellings: [([UInt8], [[UInt8]])] = [
        (Array("st ".utf8), [Array("saint ".utf8), Array("sankt ".utf8)]),
        (Array("saint ".utf8), [Array("st ".utf8), Array("sankt ".utf8)]),
        (Array("sankt ".utf8), [Array("st ".utf8), Array("saint ".utf8)]),
    ]

    /// The country of a demonym, adjective or other name of a country ("Finnish" → FI), or nil.
    public func country(ofDemonym word: String) -> CountryCode? {
        let k = key(word)
        return demonyms.find(k[...]).flatMap(Gazetteer.country)
    }

    /// The kind a head word gives a name ("Universität" → university), or nil.
    public func kind(ofHeadWord word: String) -> OrganisationKind? {
        let k = key(word)
        return headwords.find(k[...]).flatMap(Gazetteer.kind)
    }

    // MARK: Lookups inside a name

    /// Word ranges of a key.
    private static func words(_ k: [UInt8]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        // At most one word more than spaces: made once at that size, not grown word by word.
        var spaces = 0
        for b in k where b == 0x20 { spaces += 1 }
        out.reserveCapacity(spaces + 1)
        var start = 0
        for (i, b) in k.enumerated() where b == 0x20 {
            if i > start { out.append(start..<i) }
            start = i + 1
        }
        if start < k.count { out.append(start..<k.count) }
        return out
    }

    /// The one country that places and demonyms inside a name point to ("Université de Lille" → FR,
    /// "Helsinki City Museum" → FI); nil when none or several do. Longest match first, up to four
    /// words, left to right: linear in the name. `cities: false` reads only countries, capitals,
    /// demonyms and the hand-listed cities; the long world-cities list holds many small towns whose
    /// names are also words or surnames ("Murray", "Faro"), so it is the weaker evidence.
    public func country(inName name: String, cities useCities: Bool = true) -> CountryCode? {
        country(inNameKey: key(name), cities: useCities)
    }

    func country(inNameKey k: [UInt8], cities useCities: Bool = true) -> CountryCode? {
        let ws = Gazetteer.words(k)
        var found: CountryCode?
        var i = 0
        while i < ws.count {
            var matched = 0
            let longest = min(4, ws.count - i)
            // A key of several words starts with this word and a space: a table with no such key
            // cannot match the longer slices, so their look-ups there are skipped (most words
            // of a name start no place of several words, and each miss is a binary search).
            var longer = (demonyms: true, places: true, cities: useCities)
            if longest > 2 {
                let word = k[ws[i].lowerBound...ws[i].upperBound]
                longer = (demonyms.hasKey(startingWith: word), places.hasKey(startingWith: word), useCities && cities.hasKey(startingWith: word))
            }
            for n in stride(from: longest, through: 1, by: -1) {
                let slice = k[ws[i].lowerBound..<ws[i + n - 1].upperBound]
                let one = n == 1
                guard
                    let rest = (one || longer.demonyms ? demonyms.find(slice) : nil) ?? (one || longer.places ? places.find(slice) : nil)
                        ?? (useCities && (one || longer.cities) ? cities.find(slice) : nil),
                    let c = Gazetteer.country(rest)
                else { continue }
                if let f = found, f != c { return nil }
                found = c
                matched = n
                break
            }
            i += max(matched, 1)
        }
        return found
    }

    /// The kind that a head word inside a name gives ("Universität Wien", "Stadtbibliothek Köln",
    /// "Ministère de la Culture"): the first word (or two or three words) that is a head word, or a
    /// word that ends in a compound head ("-bibliothek"). Nil when no word is one.
    public func kind(inName name: String) -> OrganisationKind? { kind(inNameKey: key(name)) }

    func kind(inNameKey k: [UInt8]) -> OrganisationKind? {
        let ws = Gazetteer.words(k)
        for i in ws.indices {
            for n in stride(from: min(3, ws.count - i), through: 1, by: -1) {
                let slice = k[ws[i].lowerBound..<ws[i + n - 1].upperBound]
                if let rest = headwords.find(slice), let kind = Gazetteer.kind(rest) { return kind }
            }
            // Compounds: "-museum" in "kunstmuseum"; the head is at least three letters long.
            let w = ws[i]
            // The endings are hashed in one pass from the word's end; only those that may be a
            // compound head's key are searched, longest first.
            if w.count >= 5, !headwords.compoundHashes.isEmpty {
                var hits: [Int] = []
                var h = k.withUnsafeBufferPointer { Table.compoundHash($0.baseAddress! + w.upperBound - 2, 2) }
                for s in stride(from: w.upperBound - 3, through: w.lowerBound + 1, by: -1) {
                    h = Table.compoundHash(h, prepending: k[s])
                    if headwords.mayBeCompound(h) { hits.append(s) }
                }
                // The probe is made only for a word with a possible head (most have none).
                guard !hits.isEmpty else { continue }
                var probe: [UInt8] = [0x2D]
                for s in hits.reversed() {
                    probe.removeSubrange(1...)
                    probe.append(contentsOf: k[s..<w.upperBound])
                    if let rest = headwords.find(probe[...]), let kind = Gazetteer.kind(rest) { return kind }
                }
            }
        }
        return nil
    }
}
