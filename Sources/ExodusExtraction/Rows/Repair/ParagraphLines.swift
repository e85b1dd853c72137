import ExodusCore

/// The lines of a document as the list rules read them: each paragraph's first and last sentence
/// ("1." may be split off as a sentence of its own), and the line's text from the one to the other.
struct ParagraphLines: RandomAccessCollection {
    private let spans: [(first: Int, last: Int)]
    private let text: String
    private let sentences: [Sentence]

    init(_ document: Document, _ sentences: [Sentence]) {
        var spans: [(first: Int, last: Int)] = []
        for k in sentences.indices {
            if k > 0, sentences[k - 1].paragraph == sentences[k].paragraph { spans[spans.count - 1].last = k } else { spans.append((k, k)) }
        }
        self.spans = spans
        self.text = document.text
        self.sentences = sentences
    }

    var startIndex: Int { spans.startIndex }
    var endIndex: Int { spans.endIndex }
    subscript(_ l: Int) -> (first: Int, last: Int) { spans[l] }

    /// The text of line `l`, from its first sentence's start to its last one's end.
    func text(_ l: Int) -> String {
        String(text[sentences[spans[l].first].range.lowerBound..<sentences[spans[l].last].range.upperBound])
    }
}
