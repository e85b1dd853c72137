/// Which runs of three bytes a text holds, each byte with its 0x20 bit set, hashed into a table
/// of bits.
///
/// A cheap first answer to "may the text hold these bytes?", for the repair rules' cue words.
/// Setting the 0x20 bit lower-cases A-Z (and merges a few other pairs of bytes, which only makes
/// the answer coarser), so a text that holds a needle's bytes, in any case of A-Z, holds each of
/// its runs of three so mapped: a needle with a run the table lacks is not in the text, in any
/// case. A needle whose runs are all there may still be absent (two runs from different places,
/// or a hash shared with another run): only a search can say. Built in one pass over the text;
/// each question reads a bit a run.
struct TrigramFilter: Sendable {
    /// 2^14 bits: a document of a few thousand bytes sets a small share of them.
    private static let bitCount = 1 << 14
    private var bits: [UInt64]

    init(_ text: UnsafeBufferPointer<UInt8>) {
        var bits = [UInt64](repeating: 0, count: Self.bitCount / 64)
        if text.count >= 3 {
            bits.withUnsafeMutableBufferPointer { table in
                var run = UInt32(Self.lower(text[0])) << 8 | UInt32(Self.lower(text[1]))
                for i in 2..<text.count {
                    run = (run << 8 | UInt32(Self.lower(text[i]))) & 0xFF_FFFF
                    let k = Self.slot(run)
                    table[k >> 6] |= 1 << UInt64(k & 63)
                }
            }
        }
        self.bits = bits
    }

    /// The byte with its 0x20 bit set: the same for a letter in either case.
    @inline(__always) private static func lower(_ x: UInt8) -> UInt8 { x | 0x20 }

    /// The bit of a run of three bytes (its low 24 bits), by a multiplicative hash.
    @inline(__always) private static func slot(_ run: UInt32) -> Int { Int((run &* 0x9E37_79B1) >> 18) }

    /// False only when the text lacks a run of `needle`'s bytes (each with its 0x20 bit set), so
    /// that it cannot hold the needle in any case. A needle of fewer than three bytes answers true.
    func mayHold(_ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count >= 3 else { return true }
        return bits.withUnsafeBufferPointer { table in
            var run = UInt32(Self.lower(needle[0])) << 8 | UInt32(Self.lower(needle[1]))
            for i in 2..<needle.count {
                run = (run << 8 | UInt32(Self.lower(needle[i]))) & 0xFF_FFFF
                let k = Self.slot(run)
                if table[k >> 6] & (1 << UInt64(k & 63)) == 0 { return false }
            }
            return true
        }
    }

    /// `mayHold` of a string's bytes.
    func mayHold(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { mayHold($0) }
    }
}
