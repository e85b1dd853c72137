/// A source document: a news article or statement, as text, with where it came from.
public struct Document: Hashable, Sendable, Identifiable {
    /// Stable id within a snapshot (the seed's file stem, or a slug of its URL).
    public let id: String
    public var title: String?
    public var url: String?
    public var publisher: String?
    /// Publication date, when known; relative dates in the text resolve against it.
    public var published: PartialDate?
    /// BCP 47 language tag, e.g. `en`.
    public var language: String?
    /// The plain text, one paragraph a line. Every evidence quote is a substring of it.
    public let text: String

    public init(
        id: String, title: String? = nil, url: String? = nil, publisher: String? = nil,
        published: PartialDate? = nil, language: String? = nil, text: String
    ) {
        self.id = id
        self.title = title
        self.url = url
        self.publisher = publisher
        self.published = published
        self.language = language
        self.text = text
    }
}

/// A verbatim quote from a document that supports a departure.
public struct Evidence: Hashable, Codable, Sendable {
    /// The id of the document quoted.
    public let document: String
    /// An exact substring of that document's text.
    public let quote: String

    public init(document: String, quote: String) {
        self.document = document
        self.quote = quote
    }
}
