import ExodusHTML

extension FetchedResource {
    /// The body as text, using the `Content-Type` charset.
    public func htmlText() throws(HTMLTextError) -> HTMLDocumentText {
        try HTMLText.extract(body, contentType: contentType)
    }
}
