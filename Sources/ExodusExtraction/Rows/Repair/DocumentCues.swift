/// Cheap and exact first answers to "may this document, or this sentence of it, hold these
/// words?", which the repair rules ask before they cut sentences into pieces to read them.
///
/// Every sentence and evidence quote the rules read is a run of the document's bytes, so a cue
/// whose bytes (or, for words read in lower case, whose lower-cased bytes) the document lacks is
/// in none of them. Each answer is false only when the cue cannot be there; true means a rule
/// must read on. The document's lower-cased bytes and its trigram filter are made on the first
/// question and kept for the other rules.
final class DocumentCues {
    private let text: String
    private let sentences: [Sentence]
    /// The document's bytes with A-Z lower-cased, made on the first ask; nil inside for a
    /// document that is not ASCII.
    private var lowerCaseText: [UInt8]??
    /// The runs of three bytes the document holds, made on the first ask.
    private var trigramFilter: TrigramFilter?

    init(text: String, sentences: [Sentence]) {
        self.text = text
        self.sentences = sentences
    }

    /// `stems.mayOccur(in: text)`, from the document's bytes lower-cased once for every rule that
    /// asks. A rule whose quotes each need a stem asks the document first: every quote is a run of
    /// the document's bytes, so when the document holds no stem in any case, no quote does (and a
    /// document that is not ASCII answers true, as `mayOccur` does).
    func mayHold(_ stems: LowerCaseStems) -> Bool {
        guard let lower = lowerCaseBytes else { return true }
        let filter = trigrams
        return lower.withUnsafeBufferPointer { stems.occurs(inLowerCase: $0, unless: { !filter.mayHold($0) }) }
    }

    /// The words of `words` (ASCII lower-case letters) that the document may hold as pieces, each
    /// in some case: those the trigram filter does not rule out.
    func wordsMayBePresent(_ words: [String]) -> [String] {
        let filter = trigrams
        return words.filter { filter.mayHold($0) }
    }

    /// Whether sentence `s` may hold a piece whose lower case is one of `words` (ASCII lower-case
    /// letters), as `PieceCache.lowers` reads its text. Such a piece has no letter or digit right
    /// before or after it, so the sentence's bytes in the lower-cased document hold the word so
    /// bounded; false only when they do not (a document that is not ASCII answers true).
    func sentenceMayHold(_ s: Int, anyOf words: [String]) -> Bool {
        guard let lower = lowerCaseBytes else { return true }
        let lo = text.utf8.distance(from: text.startIndex, to: sentences[s].range.lowerBound)
        let hi = lo + text.utf8.distance(from: sentences[s].range.lowerBound, to: sentences[s].range.upperBound)
        return lower.withUnsafeBufferPointer { whole in
            let b = UnsafeBufferPointer(rebasing: whole[lo..<hi])
            func isLetterOrDigit(_ x: UInt8) -> Bool { (x >= 0x30 && x <= 0x39) || (x >= 0x61 && x <= 0x7A) }
            return words.contains { word in
                var word = word
                return word.withUTF8 { w in
                    var from = 0
                    while let k = String.firstByteMatch(UnsafeBufferPointer(rebasing: b[from...]), w) {
                        let at = from + k, end = at + w.count
                        from = at + 1
                        if (at == 0 || !isLetterOrDigit(b[at - 1])) && (end == b.count || !isLetterOrDigit(b[end])) { return true }
                    }
                    return false
                }
            }
        }
    }

    /// `text.holdsBytes(needle)`: whether the document's bytes hold those of an ASCII cue. Most
    /// cues are absent, and the trigram filter says so without a search.
    func holds(_ needle: String) -> Bool {
        trigrams.mayHold(needle) && text.holdsBytes(needle)
    }

    /// The trigram filter of the document, made on the first ask.
    private var trigrams: TrigramFilter {
        if let made = trigramFilter { return made }
        var text = text
        let made = text.withUTF8 { TrigramFilter($0) }
        trigramFilter = made
        return made
    }

    /// Whether some sentence of the document may hold a piece whose lower case is one of `firsts`
    /// right before a piece whose lower case is one of `nexts` (or, with `orNumber`, a number),
    /// as `PieceCache.lowers` reads them; the words are ASCII lower-case letters. In ASCII text
    /// such a word piece has no letter or digit right before or after it (it would have taken it),
    /// and two pieces in a row after it have only spaces (bytes 0x09-0x0D and 0x20), at least one,
    /// between them: any other byte there would be a piece of its own or part of a word. A number
    /// is a piece of digits. So the document's lower-cased bytes hold, so bounded, one of `firsts`,
    /// spaces, then one of `nexts` or a digit; false only when they do not (a document that is
    /// not ASCII answers true).
    func mayHold(_ firsts: [String], before nexts: [String], orNumber: Bool = false) -> Bool {
        guard let lower = lowerCaseBytes else { return true }
        // Each word of a pair is in the lower-cased bytes when the pair is: the filter rules most
        // of them out before any search.
        let filter = trigrams
        let firsts = firsts.filter { filter.mayHold($0) }
        let nexts = nexts.filter { filter.mayHold($0) }
        guard !firsts.isEmpty, orNumber || !nexts.isEmpty else { return false }
        return lower.withUnsafeBufferPointer { b in
            func isLetterOrDigit(_ x: UInt8) -> Bool { (x >= 0x30 && x <= 0x39) || (x >= 0x61 && x <= 0x7A) }
            func isSpace(_ x: UInt8) -> Bool { x == 0x20 || (x >= 0x09 && x <= 0x0D) }
            /// A word of `nexts` or a number at `start`.
            func nextWord(at start: Int) -> Bool {
                if orNumber, b[start] >= 0x30, b[start] <= 0x39 { return true }
                return nexts.contains { next in
                    var next = next
                    return next.withUTF8 { n in
                        start + n.count <= b.count && UnsafeBufferPointer(rebasing: b[start..<(start + n.count)]).elementsEqual(n)
                            && (start + n.count == b.count || !isLetterOrDigit(b[start + n.count]))
                    }
                }
            }
            return firsts.contains { first in
                var first = first
                return first.withUTF8 { f in
                    var from = 0
                    while let k = String.firstByteMatch(UnsafeBufferPointer(rebasing: b[from...]), f) {
                        let at = from + k
                        from = at + 1
                        let end = at + f.count
                        guard at == 0 || !isLetterOrDigit(b[at - 1]), end == b.count || !isLetterOrDigit(b[end]) else { continue }
                        var start = end
                        while start < b.count, isSpace(b[start]) { start += 1 }
                        if start > end, start < b.count, nextWord(at: start) { return true }
                    }
                    return false
                }
            }
        }
    }

    /// The document's bytes with A-Z lower-cased, made on the first ask; nil for a document that is
    /// not ASCII.
    private var lowerCaseBytes: [UInt8]? {
        if lowerCaseText == nil {
            var text = text
            lowerCaseText = .some(
                text.withUTF8 { b in
                    guard let source = b.baseAddress, WordTable.isASCII(b) else { return nil }
                    // Through pointers, in one plain loop the compiler turns into vector code.
                    return [UInt8](unsafeUninitializedCapacity: b.count) { out, n in
                        let target = out.baseAddress!
                        for i in 0..<b.count {
                            let x = source[i]
                            target[i] = x &- 0x41 < 26 ? x | 0x20 : x
                        }
                        n = b.count
                    }
                })
        }
        return lowerCaseText ?? nil
    }
}
