/// A model's weight for every feature bucket, kept as the non-zero weights only.
///
/// Training leaves most of the 65,536 buckets at zero (the row model about 60 %, the clause
/// model about 70 %), so a dense `[Float]` would hold 256 KB per model, on the heap of every
/// process for as long as it runs. Here one bit per bucket says whether its weight is stored, a
/// running count per 64 buckets says where the stored weights of those 64 begin, and the weights
/// follow in bucket order: a look-up is a bit test and a population count, and answers exactly
/// the number the dense array held (a bucket with no stored weight answers zero).
public struct BucketWeights: Sendable {
    /// Bit `b % 64` of word `b / 64` is set when bucket `b` has a stored weight.
    private let present: [UInt64]
    /// How many weights are stored for the buckets of the words before each word.
    private let before: [UInt32]
    /// The stored weights, in bucket order.
    private let values: [Float]
    /// How many buckets there are (stored or not).
    public let count: Int

    /// Keeps the weights of `dense` that are not zero. A negative zero is kept as it is, so that
    /// every bucket answers the very bits it had.
    public init(_ dense: [Float]) {
        count = dense.count
        let words = (dense.count + 63) / 64
        var present = [UInt64](repeating: 0, count: words)
        var before = [UInt32](repeating: 0, count: words)
        var values: [Float] = []
        values.reserveCapacity(dense.lazy.filter { $0.bitPattern != 0 }.count)
        for w in 0..<words {
            before[w] = UInt32(values.count)
            var bits: UInt64 = 0
            for b in (w * 64)..<min(dense.count, w * 64 + 64) where dense[b].bitPattern != 0 {
                bits |= 1 << UInt64(b - w * 64)
                values.append(dense[b])
            }
            present[w] = bits
        }
        self.present = present
        self.before = before
        self.values = values
    }

    /// `count` buckets, every weight zero, without a dense array to read.
    public init(zeros count: Int) {
        self.count = count
        let words = (count + 63) / 64
        present = [UInt64](repeating: 0, count: words)
        before = [UInt32](repeating: 0, count: words)
        values = []
    }

    /// The weight of bucket `b`.
    @inline(__always)
    public subscript(_ b: Int) -> Float {
        precondition(b >= 0 && b < count, "bucket out of range")
        let word = present[b &>> 6]
        let bit: UInt64 = 1 &<< UInt64(b & 63)
        guard word & bit != 0 else { return 0 }
        return values[Int(before[b &>> 6]) + (word & (bit &- 1)).nonzeroBitCount]
    }

    /// How many weights are stored (not zero).
    public var storedCount: Int { values.count }

    /// Every bucket's weight, as a dense array.
    public var dense: [Float] { (0..<count).map { self[$0] } }
}
