/// A fixed-size set of positions `0..<count`, one bit each: the form the
/// snapshot's indexes take, so combining filters is a pass over machine words
/// (1M departures = 15,625 words) instead of merging arrays.
public struct Bitset: Sendable, Equatable {
    public private(set) var words: [UInt64]
    public let count: Int

    public init(count: Int) {
        self.count = count
        words = Array(repeating: 0, count: (count + 63) / 64)
    }

    /// A set holding `positions` (each must be in `0..<count`).
    public init(count: Int, positions: some Sequence<Int32>) {
        self.init(count: count)
        for p in positions { insert(Int(p)) }
    }

    @inline(__always) public mutating func insert(_ i: Int) {
        words[i >> 6] |= 1 << UInt64(i & 63)
    }

    @inline(__always) public func contains(_ i: Int) -> Bool {
        words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    public mutating func formIntersection(_ other: Bitset) {
        words.withUnsafeMutableBufferPointer { a in
            other.words.withUnsafeBufferPointer { b in
                for i in 0..<a.count { a[i] &= b[i] }
            }
        }
    }

    public mutating func formUnion(_ other: Bitset) {
        words.withUnsafeMutableBufferPointer { a in
            other.words.withUnsafeBufferPointer { b in
                for i in 0..<a.count { a[i] |= b[i] }
            }
        }
    }

    /// How many positions are in the set.
    public var population: Int {
        var n = 0
        for w in words { n += w.nonzeroBitCount }
        return n
    }

    /// How many positions in `range` are in the set.
    public func population(in range: Range<Int>) -> Int {
        var n = 0
        forEach(in: range) { _ in
            n += 1; return true
        }
        return n
    }

    /// Calls `body` with each position in `range` that is in the set, in
    /// increasing order, until it returns false.
    @inline(__always)
    public func forEach(in range: Range<Int>, _ body: (Int) -> Bool) {
        guard !range.isEmpty else { return }
        var wordIndex = range.lowerBound >> 6
        let lastWord = (range.upperBound - 1) >> 6
        words.withUnsafeBufferPointer { w in
            while wordIndex <= lastWord {
                var word = w[wordIndex]
                if wordIndex == range.lowerBound >> 6 { word &= ~0 << UInt64(range.lowerBound & 63) }
                if wordIndex == lastWord, range.upperBound & 63 != 0 { word &= (1 << UInt64(range.upperBound & 63)) - 1 }
                while word != 0 {
                    let bit = word.trailingZeroBitCount
                    if !body(wordIndex << 6 | bit) { return }
                    word &= word - 1
                }
                wordIndex += 1
            }
        }
    }
}
