/// The content words of a name (see `ExtractionRun.contentWords`) as a set: each word once,
/// compared with `==` as a `Set<String>` compares its members. A name has a handful of such
/// words, so a plain array searched from the front answers faster than hashing each word, and
/// building one costs a single allocation. Nothing reads the words in order.
struct ContentWords: Equatable {
    private var words: [String] = []

    init() {}

    /// Room for `capacity` words, made at once.
    init(capacity: Int) { words.reserveCapacity(capacity) }

    var isEmpty: Bool { words.isEmpty }
    var count: Int { words.count }

    func contains(_ word: String) -> Bool { words.contains(word) }

    /// Adds the word unless it is there already.
    mutating func insert(_ word: String) {
        if !words.contains(word) { words.append(word) }
    }

    mutating func formUnion(_ other: ContentWords) {
        for w in other.words { insert(w) }
    }

    func isSubset(of other: ContentWords) -> Bool {
        words.allSatisfy { other.contains($0) }
    }

    /// Set equality: the same words, in any order.
    static func == (a: ContentWords, b: ContentWords) -> Bool {
        a.count == b.count && a.isSubset(of: b)
    }
}
